"""The SKP pages cost a fixed number of queries, however many RHK, indicators or SKP there are."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skp.models import IndikatorKinerja, LampiranSkp, Periode, RencanaHasilKerja, Skp

HTMX = {"HX-Request": "true"}


def isi_banyak(skp, rhk_atasan, n):
    """n utama RHK with 2 indicators each, plus a lampiran per RHK (bulk: setup, not the test)."""
    rhk = RencanaHasilKerja.objects.bulk_create(
        RencanaHasilKerja(skp=skp, teks=f"RHK {i}", rhk_atasan=rhk_atasan, urutan=i)
        for i in range(1, n + 1)
    )
    IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(
            rhk=r,
            teks=f"Indikator {j} {r.teks}",
            aspek="kuantitas",
            target_teks="12 laporan",
            urutan=j,
        )
        for r in rhk
        for j in (1, 2)
    )
    LampiranSkp.objects.bulk_create(
        LampiranSkp(skp=skp, jenis="dukungan", teks=f"Dukungan {i}") for i in range(n)
    )


def jumlah_kueri(client, url, **kwargs) -> int:
    # What every page repeats (roles, settings, the SKP in force) is cached until it changes:
    # the budget is that of a visit after the first.
    client.get(url, **kwargs)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, **kwargs)
    assert resp.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def skp_kasi(skp_berjenjang):
    return skp_berjenjang["kasi"], skp_berjenjang["rhk_kabid"][0]


def test_detail_30_rhk_dua_indikator_kueri_tetap(
    client, org, skp_kasi, django_assert_max_num_queries
):
    skp, rhk_atasan = skp_kasi
    isi_banyak(skp, rhk_atasan, 30)
    client.force_login(org.kasi)
    url = reverse("skp_detail", args=[skp.pk])
    with django_assert_max_num_queries(30):
        resp = client.get(url)
    assert resp.status_code == 200
    assert len(re.findall(r'<article class="card" id="rhk-\d+"', resp.content.decode())) == 30
    assert resp.content.decode().count('<tr id="indikator-') == 60


@pytest.mark.parametrize("sebagai", ["pemilik", "operator"])
def test_detail_tidak_bertambah_dari_5_ke_30_rhk(client, org, skp_kasi, sebagai):
    skp, rhk_atasan = skp_kasi
    client.force_login(org.kasi if sebagai == "pemilik" else org.operator)
    url = reverse("skp_detail", args=[skp.pk])
    isi_banyak(skp, rhk_atasan, 5)
    lima = jumlah_kueri(client, url)
    isi_banyak(skp, rhk_atasan, 25)
    tiga_puluh = jumlah_kueri(client, url)
    assert lima == tiga_puluh


def test_potongan_htmx_tidak_bertambah_dari_5_ke_30_rhk(client, org, skp_kasi):
    skp, rhk_atasan = skp_kasi
    client.force_login(org.kasi)
    isi_banyak(skp, rhk_atasan, 5)
    url = reverse("skp_rhk_ubah", args=[skp.rhk.first().pk])
    lima = jumlah_kueri(client, url, headers=HTMX)
    isi_banyak(skp, rhk_atasan, 25)
    assert jumlah_kueri(client, url, headers=HTMX) == lima


def test_detail_skp_ditetapkan_kueri_tetap(
    client, org, skp_berjenjang, django_assert_max_num_queries
):
    """Read-only (no forms): the kabid's ditetapkan SKP seen by his atasan."""
    skp = skp_berjenjang["kabid"]
    isi_banyak(skp, skp_berjenjang["rhk_kadis"][0], 30)
    client.force_login(org.kadis)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("skp_detail", args=[skp.pk])).status_code == 200


def test_daftar_skp_kueri_tetap(client, org, django_assert_max_num_queries):
    """40 SKP (one per period) on the list page."""
    for tahun in range(1990, 2030):
        periode = Periode.objects.create(
            instansi=org.instansi,
            nama=f"Periode {tahun}",
            tahun=tahun,
            mulai=dt.date(tahun, 1, 1),
            selesai=dt.date(tahun, 12, 31),
            batas_penetapan_skp=dt.date(tahun, 1, 31),
        )
        Skp.objects.create(
            pegawai=org.kasi,
            periode=periode,
            jabatan=org.jab_kasi,
            unit=org.seksi,
            mulai=periode.mulai,
            selesai=periode.selesai,
        )
    client.force_login(org.kasi)
    with django_assert_max_num_queries(15):
        resp = client.get(reverse("skp_daftar"))
    assert resp.status_code == 200
    # 25 a page (issue 12); the query count does not grow with the 40.
    assert resp.content.decode().count('href="/skp/') >= 25
    assert resp.context["page_obj"].paginator.num_pages == 2
