"""The ASN corrects or deletes an activity — until his atasan approves it."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci

HTMX = {"HTTP_HX_REQUEST": "true"}


def url_hari(tanggal=HARI):
    return reverse("aktivitas_harian") + f"?tanggal={tanggal.isoformat()}"


def isian(a, **ubah):
    nilai = {
        "tanggal": a.tanggal.isoformat(),
        "rhk": a.rhk_id or "",
        "jam_mulai": a.jam_mulai.strftime("%H:%M"),
        "jam_selesai": a.jam_selesai.strftime("%H:%M"),
        "uraian": a.uraian,
        "jumlah_output": str(a.jumlah_output),
        "satuan_output": a.satuan_output,
    }
    nilai.update(ubah)
    return nilai


@pytest.fixture
def aktivitas(client, org, rhk_staf):
    client.force_login(org.staf)
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(rhk_staf), kunci())
    return a


# --- change ---------------------------------------------------------------------------------
def test_form_ubah_terisi_nilai_tersimpan(client, aktivitas):
    html = client.get(reverse("aktivitas_ubah", args=[aktivitas.pk])).content.decode()
    assert 'value="Mengarsip laporan"' in html
    assert 'name="jam_mulai" value="08:00"' in html
    assert 'name="jumlah_output" value="2"' in html
    assert f'<option value="{aktivitas.rhk_id}" selected>' in html
    assert 'name="kunci"' not in html


def test_ubah_disimpan_dan_tercatat(client, org, aktivitas):
    url = reverse("aktivitas_ubah", args=[aktivitas.pk])
    resp = client.post(url, isian(aktivitas, uraian="Mengarsip dan memindai", jam_selesai="10:00"))
    assert resp.status_code == 302 and resp["Location"] == url_hari()
    aktivitas.refresh_from_db()
    assert aktivitas.uraian == "Mengarsip dan memindai"
    assert aktivitas.jam_selesai == dt.time(10)
    r = Riwayat.objects.get(aksi="aktivitas.diubah")
    assert r.pelaku == org.staf and r.sebagai == "sendiri"


def test_ubah_ke_jam_yang_bertumpang_tindih_ditolak(client, org, aktivitas):
    akt.catat_aktivitas(org.staf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    url = reverse("aktivitas_ubah", args=[aktivitas.pk])
    resp = client.post(url, isian(aktivitas, jam_selesai="10:30", uraian="Diketik ulang"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert re.search(r'id="id_jam_mulai_error">[^<]*bertumpang tindih', html)
    assert 'value="Diketik ulang"' in html
    aktivitas.refresh_from_db()
    assert aktivitas.jam_selesai == dt.time(9)


def test_ubah_diri_sendiri_tidak_dianggap_tumpang_tindih(client, aktivitas):
    url = reverse("aktivitas_ubah", args=[aktivitas.pk])
    assert client.post(url, isian(aktivitas, jam_mulai="08:30")).status_code == 302


def test_yang_dikembalikan_menunggu_lagi_setelah_diperbaiki(client, org, aktivitas):
    akt.kembalikan_aktivitas(org.kasi, [aktivitas.pk], "Lengkapi nomor laporan")
    html = client.get(url_hari()).content.decode()
    assert "Catatan atasan: Lengkapi nomor laporan" in html
    form = client.get(reverse("aktivitas_ubah", args=[aktivitas.pk])).content.decode()
    assert "Lengkapi nomor laporan" in form
    url = reverse("aktivitas_ubah", args=[aktivitas.pk])
    client.post(url, isian(aktivitas, uraian="Mengarsip laporan no. 12/2026"))
    aktivitas.refresh_from_db()
    assert aktivitas.status == "menunggu"


def test_yang_disetujui_tidak_dapat_diubah(client, org, aktivitas):
    akt.setujui_aktivitas(org.kasi, [aktivitas.pk])
    url = reverse("aktivitas_ubah", args=[aktivitas.pk])
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"] == url_hari()
    resp = client.post(url, isian(aktivitas, uraian="Diubah diam-diam"), follow=True)
    assert "Aktivitas yang sudah disetujui tidak dapat diubah." in resp.content.decode()
    aktivitas.refresh_from_db()
    assert aktivitas.uraian == "Mengarsip laporan"
    # the day page offers neither change nor deletion for it
    html = client.get(url_hari()).content.decode()
    assert reverse("aktivitas_ubah", args=[aktivitas.pk]) not in html
    assert reverse("aktivitas_hapus", args=[aktivitas.pk]) not in html


# --- delete ---------------------------------------------------------------------------------
def test_hapus_biasa(client, org, aktivitas):
    resp = client.post(reverse("aktivitas_hapus", args=[aktivitas.pk]))
    assert resp.status_code == 302 and resp["Location"] == url_hari()
    assert not Aktivitas.objects.exists()
    r = Riwayat.objects.get(aksi="aktivitas.dihapus")
    assert r.data["uraian"] == "Mengarsip laporan" and r.subjek == org.staf


def test_hapus_lewat_htmx_mengembalikan_daftar_hari_itu(client, aktivitas):
    resp = client.post(reverse("aktivitas_hapus", args=[aktivitas.pk]), **HTMX)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f'id="aktivitas-{aktivitas.pk}"' not in html
    assert "Aktivitas dihapus." in html
    assert "Belum ada aktivitas pada tanggal ini" in html


def test_hapus_hanya_dengan_post(client, aktivitas):
    assert client.get(reverse("aktivitas_hapus", args=[aktivitas.pk])).status_code == 405
    assert Aktivitas.objects.exists()


def test_yang_disetujui_tidak_dapat_dihapus(client, org, aktivitas):
    akt.setujui_aktivitas(org.kasi, [aktivitas.pk])
    resp = client.post(reverse("aktivitas_hapus", args=[aktivitas.pk]), follow=True)
    assert "Aktivitas yang sudah disetujui tidak dapat dihapus." in resp.content.decode()
    assert Aktivitas.objects.filter(pk=aktivitas.pk).exists()


# --- someone else's activity ----------------------------------------------------------------
@pytest.mark.parametrize("nama", ["aktivitas_ubah", "aktivitas_hapus"])
def test_aktivitas_pegawai_lain_tidak_ditemukan(client, org, aktivitas, nama):
    client.force_login(org.orang_lain)
    resp = client.post(reverse(nama, args=[aktivitas.pk]), isian(aktivitas))
    assert resp.status_code == 404
    client.force_login(org.jf)  # same instansi, but neither him, his atasan nor his operator
    assert client.post(reverse(nama, args=[aktivitas.pk]), isian(aktivitas)).status_code == 404
    assert Aktivitas.objects.get().uraian == "Mengarsip laporan"


@pytest.mark.parametrize("peran", ["kasi", "admin"])
@pytest.mark.parametrize("nama", ["aktivitas_ubah", "aktivitas_hapus"])
def test_atasan_dan_admin_melihat_tetapi_tidak_mengubah(client, org, aktivitas, nama, peran):
    client.force_login(getattr(org, peran))
    resp = client.post(reverse(nama, args=[aktivitas.pk]), isian(aktivitas, uraian="Diubah"))
    assert resp.status_code == 403
    assert Aktivitas.objects.get().uraian == "Mengarsip laporan"
