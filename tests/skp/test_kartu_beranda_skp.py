"""The home page tells the pegawai what to do next about his SKP, and the atasan what waits."""

import datetime as dt

from django.urls import reverse

from skp.models import Periode
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp


def test_belum_ada_skp_diajak_membuat(client, org, periode):
    Periode.objects.filter(pk=periode.pk).update(
        batas_penetapan_skp=dt.date.today() + dt.timedelta(days=10)
    )
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "Anda belum membuat SKP periode ini" in html and "terlambat" not in html
    assert reverse("skp_buat") in html


def test_batas_lewat_ditandai_terlambat_dengan_jumlah_hari_dan_didahulukan(client, org, periode):
    batas = dt.date.today() - dt.timedelta(days=3)
    Periode.objects.filter(pk=periode.pk).update(batas_penetapan_skp=batas)
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "terlambat 3 hari" in html
    assert f"Batas penetapan SKP periode ini ({batas:%d-%m-%Y}) sudah lewat" in html
    # The overdue card comes first, with the one action that fixes it.
    pertama = html.split('<div class="grid">', 1)[1].split('<section class="card', 2)[1]
    assert "terlambat 3 hari" in pertama and reverse("skp_buat") in pertama


def test_skp_draf_diajak_melengkapi_dan_atasan_melihat_antrean(client, org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    client.force_login(org.kasi)
    html = client.get(reverse("beranda")).content.decode()
    assert "Status: Draf" in html and reverse("skp_detail", args=[skp.pk]) in html
    isi_skp(org.kasi, skp, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    services.ajukan_skp(org.kasi, skp)
    client.force_login(org.kabid)
    html = client.get(reverse("beranda")).content.decode()
    assert "1 SKP bawahan menunggu tindakan Anda." in html


def test_tanpa_periode_tidak_ada_kartu_skp(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "SKP 20" not in html


def test_penilai_melihat_tautan_tinjau_di_halaman_skp_bawahan(client, org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    client.force_login(org.kabid)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert reverse("skp_tinjau", args=[skp.pk]) in html
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert reverse("skp_tinjau", args=[skp.pk]) not in html


def test_kartu_dibaca_dari_cache_dan_mengikuti_perubahan(client, org, skp_berjenjang):
    """The open period and the pegawai's SKP are cached (every home page asks, issue 12):
    the next visit reads neither table, and submitting the SKP or closing the period shows
    at once (their saves bump the versions)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    skp = skp_berjenjang["kasi"]
    client.force_login(org.kasi)
    assert "Status: Draf" in client.get(reverse("beranda")).content.decode()
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("beranda"))
    dibaca = [x["sql"] for x in q.captured_queries]
    assert not [x for x in dibaca if x.startswith(('SELECT "skp_periode".', 'SELECT "skp_skp".'))]
    isi_skp(org.kasi, skp, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    services.ajukan_skp(org.kasi, skp)
    assert "Status: Diajukan" in client.get(reverse("beranda")).content.decode()
    services.ubah_status_periode(org.admin, skp.periode, Periode.Status.DITUTUP)
    assert "Status: Diajukan" not in client.get(reverse("beranda")).content.decode()
