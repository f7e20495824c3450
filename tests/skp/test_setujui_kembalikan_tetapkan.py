"""The pejabat penilai reviews an SKP (skp/persetujuan/<pk>/): approve, return, set (menetapkan)."""

import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from pegawai.models import Penugasan, Riwayat
from skp.models import Skp
from skp.services import penyusunan as services
from tests.factories import PegawaiFactory, PenugasanFactory
from tests.skp.conftest import isi_skp

S = Skp.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def galat(response, field_id: str) -> list[str]:
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def riwayat(skp, aksi=None):
    qs = Riwayat.objects.filter(object_id=skp.pk, content_type__model="skp")
    return qs.filter(aksi=aksi) if aksi else qs


@pytest.fixture
def kasi_diajukan(org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    isi_skp(org.kasi, skp, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    return services.ajukan_skp(org.kasi, skp)


@pytest.fixture
def kadis_diajukan(org, periode):
    """A JPT at the top: his pejabat penilai is the PPK, recorded by the admin instansi."""
    skp = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, skp, perspektif="penerima_layanan")
    return services.ajukan_skp(org.kadis, skp)


def url(nama, skp):
    return reverse(nama, args=[skp.pk])


# --- the page -------------------------------------------------------------------------------
def test_penilai_melihat_skp_lengkap_dengan_aksi(client, org, kasi_diajukan, skp_berjenjang):
    client.force_login(org.kabid)
    r = client.get(url("skp_tinjau", kasi_diajukan))
    assert r.status_code == 200
    isi = r.content.decode()
    assert "RHK 1 Kasi" in isi and "Indikator 1" in isi and "100% tepat waktu" in isi
    assert skp_berjenjang["rhk_kabid"][0].teks in isi  # the RHK atasan it intervenes
    assert url("skp_setujui", kasi_diajukan) in isi
    assert url("skp_kembalikan", kasi_diajukan) in isi
    assert url("skp_tetapkan", kasi_diajukan) not in isi  # only after approval


@pytest.mark.parametrize("siapa", ["staf", "jf", "kadis", "orang_lain"])
def test_skp_yang_tidak_terlihat_404(client, org, kasi_diajukan, siapa):
    client.force_login(getattr(org, siapa))
    assert client.get(url("skp_tinjau", kasi_diajukan)).status_code == 404
    assert client.post(url("skp_setujui", kasi_diajukan)).status_code == 404
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIAJUKAN


@pytest.mark.parametrize("siapa", ["kasi", "operator", "admin"])
def test_terlihat_tetapi_bukan_penilai_403(client, org, kasi_diajukan, siapa):
    client.force_login(getattr(org, siapa))
    jumlah = Riwayat.objects.count()
    assert client.get(url("skp_tinjau", kasi_diajukan)).status_code == 403
    assert client.post(url("skp_setujui", kasi_diajukan)).status_code == 403
    assert client.post(url("skp_kembalikan", kasi_diajukan), {"alasan": "x"}).status_code == 403
    assert client.post(url("skp_kembalikan", kasi_diajukan), {"alasan": ""}).status_code == 403
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIAJUKAN
    assert Riwayat.objects.count() == jumlah


def test_aksi_hanya_menerima_post(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    for nama in ("skp_setujui", "skp_kembalikan", "skp_tetapkan", "skp_ekspektasi"):
        assert client.get(url(nama, kasi_diajukan)).status_code == 405


# --- approve ------------------------------------------------------------------------------
def test_setujui(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    r = client.post(url("skp_setujui", kasi_diajukan))
    assert r.status_code == 302 and r["Location"] == url("skp_tinjau", kasi_diajukan)
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DISETUJUI and kasi_diajukan.penilai == org.kabid
    rw = riwayat(kasi_diajukan, "skp.disetujui").get()
    assert (rw.pelaku, rw.subjek, rw.sebagai, rw.dari_status, rw.ke_status, rw.keterangan) == (
        org.kabid,
        org.kasi,
        "atasan",
        "diajukan",
        "disetujui",
        "",
    )
    assert any("disetujui" in p for p in pesan(r))
    # Now the page offers menetapkan, and explains what it does.
    isi = client.get(url("skp_tinjau", kasi_diajukan)).content.decode()
    assert url("skp_tetapkan", kasi_diajukan) in isi and "membekukan" in isi
    assert url("skp_setujui", kasi_diajukan) not in isi


def test_setujui_dengan_htmx_memperbarui_blok_status(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    r = client.post(url("skp_setujui", kasi_diajukan), **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith('<section id="status-skp"')
    assert "Disetujui" in isi and url("skp_tetapkan", kasi_diajukan) in isi
    # The history and ekspektasi blocks come along out of band.
    assert 'id="riwayat-skp" class="card" aria-labelledby="judul-riwayat" hx-swap-oob="true"' in isi
    assert 'id="ekspektasi-skp"' in isi
    assert "<html" not in isi
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DISETUJUI


# --- return -------------------------------------------------------------------------------
@pytest.mark.parametrize("alasan", ["", "   "])
def test_kembalikan_tanpa_alasan_ditolak(client, org, kasi_diajukan, alasan):
    client.force_login(org.kabid)
    jumlah = Riwayat.objects.count()
    r = client.post(url("skp_kembalikan", kasi_diajukan), {"alasan": alasan})
    assert r.status_code == 200
    assert galat(r, "id_alasan") == ["Alasan pengembalian wajib diisi."]
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIAJUKAN and kasi_diajukan.alasan_pengembalian == ""
    assert Riwayat.objects.count() == jumlah


def test_kembalikan_tanpa_alasan_dengan_htmx(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    r = client.post(url("skp_kembalikan", kasi_diajukan), {"alasan": ""}, **HTMX)
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert galat(r, "id_alasan") == ["Alasan pengembalian wajib diisi."]
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIAJUKAN


def test_kembalikan_dengan_alasan(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    alasan = "Target indikator 1 belum terukur."
    r = client.post(url("skp_kembalikan", kasi_diajukan), {"alasan": alasan})
    assert r.status_code == 302
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIKEMBALIKAN
    assert kasi_diajukan.alasan_pengembalian == alasan
    rw = riwayat(kasi_diajukan, "skp.dikembalikan").get()
    assert (rw.pelaku, rw.sebagai, rw.dari_status, rw.ke_status, rw.keterangan) == (
        org.kabid,
        "atasan",
        "diajukan",
        "dikembalikan",
        alasan,
    )
    isi = client.get(url("skp_tinjau", kasi_diajukan)).content.decode()
    assert alasan in isi and url("skp_setujui", kasi_diajukan) not in isi


# --- set ----------------------------------------------------------------------------------
def test_tetapkan_sebelum_disetujui_ditolak(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    jumlah = Riwayat.objects.count()
    r = client.post(url("skp_tetapkan", kasi_diajukan))
    assert r.status_code == 302
    assert pesan(r) == ["SKP berstatus Diajukan tidak dapat ditetapkan."]
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIAJUKAN and kasi_diajukan.ditetapkan_pada is None
    assert Riwayat.objects.count() == jumlah


def test_tetapkan_sesudah_disetujui(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    client.post(url("skp_setujui", kasi_diajukan))
    r = client.post(url("skp_tetapkan", kasi_diajukan))
    assert r.status_code == 302
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DITETAPKAN and kasi_diajukan.ditetapkan_pada
    assert kasi_diajukan.snapshot["pejabat_penilai"]["nama"] == org.kabid.nama_lengkap
    rw = riwayat(kasi_diajukan, "skp.ditetapkan").get()
    assert (rw.pelaku, rw.sebagai, rw.dari_status, rw.ke_status) == (
        org.kabid,
        "atasan",
        "disetujui",
        "ditetapkan",
    )
    isi = client.get(url("skp_tinjau", kasi_diajukan)).content.decode()
    for nama in ("skp_setujui", "skp_kembalikan", "skp_tetapkan", "skp_ekspektasi"):
        assert url(nama, kasi_diajukan) not in isi


# --- two penilai actions at once ----------------------------------------------------------
def test_setujui_skp_yang_baru_saja_dikembalikan_gagal(client, org, kasi_diajukan):
    client.force_login(org.kabid)
    halaman = client.get(url("skp_tinjau", kasi_diajukan)).content.decode()
    assert url("skp_setujui", kasi_diajukan) in halaman  # the page was opened while diajukan
    # ... meanwhile, in another tab, the SKP is returned.
    services.kembalikan_skp(org.kabid, kasi_diajukan, "Perbaiki RHK 1.")
    jumlah = Riwayat.objects.count()
    r = client.post(url("skp_setujui", kasi_diajukan))
    assert r.status_code == 302
    assert pesan(r) == ["SKP berstatus Dikembalikan tidak dapat disetujui."]
    kasi_diajukan.refresh_from_db()
    assert kasi_diajukan.status == S.DIKEMBALIKAN and kasi_diajukan.disetujui_pada is None
    assert Riwayat.objects.count() == jumlah
    # The same with htmx: the status block shows the refusal and the current state.
    r = client.post(url("skp_setujui", kasi_diajukan), **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert "SKP berstatus Dikembalikan tidak dapat disetujui." in isi and "Perbaiki RHK 1." in isi
    assert Riwayat.objects.count() == jumlah


# --- who is the penilai -----------------------------------------------------------------------
def test_admin_bertindak_atas_nama_ppk(client, org, kadis_diajukan):
    client.force_login(org.admin)
    isi = client.get(url("skp_tinjau", kadis_diajukan)).content.decode()
    assert "atas nama PPK" in isi and org.instansi.ppk_nama in isi
    assert client.post(url("skp_setujui", kadis_diajukan)).status_code == 302
    assert client.post(url("skp_tetapkan", kadis_diajukan)).status_code == 302
    kadis_diajukan.refresh_from_db()
    assert kadis_diajukan.status == S.DITETAPKAN
    for aksi, dari, ke in (
        ("skp.disetujui", "diajukan", "disetujui"),
        ("skp.ditetapkan", "disetujui", "ditetapkan"),
    ):
        rw = riwayat(kadis_diajukan, aksi).get()
        assert (rw.pelaku, rw.subjek, rw.sebagai, rw.dari_status, rw.ke_status, rw.keterangan) == (
            org.admin,
            org.kadis,
            "admin",
            dari,
            ke,
            "atas nama PPK",
        )


def test_kadis_tidak_dapat_menyetujui_skp_nya_sendiri(client, org, kadis_diajukan):
    client.force_login(org.kadis)
    assert client.post(url("skp_setujui", kadis_diajukan)).status_code == 403


def test_plh_bertindak_sebagai_penilai_hari_ini(client, org, kasi_diajukan, hari_ini):
    plh = PegawaiFactory(instansi=org.instansi, nama="Plh Kabid")
    PenugasanFactory(pegawai=plh, jabatan=org.jab_kabid, jenis=Penugasan.Jenis.PLH, mulai=hari_ini)
    client.force_login(org.kabid)  # temporarily absent: not the penilai today
    assert client.post(url("skp_setujui", kasi_diajukan)).status_code == 403
    client.force_login(plh)
    assert client.get(url("skp_tinjau", kasi_diajukan)).status_code == 200
    assert client.post(url("skp_setujui", kasi_diajukan)).status_code == 302
    rw = riwayat(kasi_diajukan, "skp.disetujui").get()
    assert (rw.pelaku, rw.sebagai) == (plh, "atasan")
