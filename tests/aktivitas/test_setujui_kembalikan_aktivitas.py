"""Approve or return one activity from the queue, in place (htmx) or as a plain POST, and who
may: only the pejabat penilai on the activity's own date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Penugasan, Riwayat
from tests.aktivitas.conftest import HARI, data, kunci
from tests.factories import PegawaiFactory, PenugasanFactory

A = Aktivitas.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def aktivitas(org):
    return akt.catat_aktivitas(org.staf, org.staf, data(uraian="Mengarsip surat"), kunci())[0]


def setujui_url(a):
    return reverse("aktivitas_setujui", args=[a.pk])


def kembalikan_url(a):
    return reverse("aktivitas_kembalikan", args=[a.pk])


def test_url(aktivitas):
    assert setujui_url(aktivitas) == f"/aktivitas/tinjau/{aktivitas.pk}/setujui/"
    assert kembalikan_url(aktivitas) == f"/aktivitas/tinjau/{aktivitas.pk}/kembalikan/"


# --- approve ------------------------------------------------------------------------------
def test_setujui_post_biasa_kembali_ke_antrean_dengan_saringan(client, org, aktivitas):
    client.force_login(org.kasi)
    r = client.post(setujui_url(aktivitas), {"kembali": "tab=aktivitas&page=2"})
    assert r.status_code == 302
    assert r["Location"] == "/aktivitas/tinjau/?tab=aktivitas&page=2"
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.DISETUJUI and aktivitas.ditinjau_pada is not None
    riwayat = Riwayat.objects.get(aksi="aktivitas.disetujui")
    assert (riwayat.pelaku, riwayat.subjek, riwayat.sebagai) == (org.kasi, org.staf, "atasan")
    pesan = [str(m) for m in client.get(r["Location"]).context["messages"]]
    assert any("disetujui" in p for p in pesan)


def test_setujui_htmx_mengganti_baris_di_tempat(client, org, aktivitas):
    client.force_login(org.kasi)
    r = client.post(setujui_url(aktivitas), **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith(f'<tr id="aktivitas-{aktivitas.pk}"')
    assert "Disetujui" in isi and setujui_url(aktivitas) not in isi  # no second click
    assert "<html" not in isi


def test_setujui_dua_kali_pesan_jelas(client, org, aktivitas):
    akt.setujui_aktivitas(org.kasi, [aktivitas.pk])
    client.force_login(org.kasi)
    r = client.post(setujui_url(aktivitas), **HTMX)
    assert r.status_code == 200
    assert "sudah disetujui" in r.content.decode()


def test_get_tidak_diizinkan(client, org, aktivitas):
    client.force_login(org.kasi)
    assert client.get(setujui_url(aktivitas)).status_code == 405


# --- return -------------------------------------------------------------------------------
def test_kembalikan_dengan_catatan(client, org, aktivitas):
    client.force_login(org.kasi)
    r = client.post(kembalikan_url(aktivitas), {"catatan": "Lampirkan notulen."})
    assert r.status_code == 302
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.DIKEMBALIKAN
    assert aktivitas.catatan_penilai == "Lampirkan notulen."
    assert Riwayat.objects.get(aksi="aktivitas.dikembalikan").keterangan == "Lampirkan notulen."


def test_kembalikan_tanpa_catatan_galat_di_samping_kolom(client, org, aktivitas):
    client.force_login(org.kasi)
    r = client.post(kembalikan_url(aktivitas), {"catatan": "  ", "kembali": "page=1"})
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Catatan pengembalian wajib diisi." in isi
    assert 'class="field field-error wajib"' in isi
    assert "Mengarsip surat" in isi  # which activity, on the page of its own
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.MENUNGGU


def test_kembalikan_tanpa_catatan_htmx_galat_di_baris(client, org, aktivitas):
    client.force_login(org.kasi)
    r = client.post(kembalikan_url(aktivitas), {"catatan": ""}, **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith(f'<tr id="aktivitas-{aktivitas.pk}"')
    assert "Catatan pengembalian wajib diisi." in isi
    assert 'name="catatan"' in isi  # the form stays open with its error


def test_form_kembalikan_dimuat_saat_diminta(client, org, aktivitas):
    """The queue carries a link per row; the return form comes on demand (issue 12)."""
    client.force_login(org.kasi)
    antrean = client.get("/aktivitas/tinjau/").content.decode()
    assert f'hx-get="{kembalikan_url(aktivitas)}' in antrean and 'name="catatan"' not in antrean
    r = client.get(kembalikan_url(aktivitas), **HTMX)
    isi = r.content.decode()
    assert isi.lstrip().startswith(f'<tr id="aktivitas-{aktivitas.pk}"')
    assert 'name="catatan"' in isi and "Kembalikan dengan catatan" in isi
    halaman = client.get(kembalikan_url(aktivitas))  # without JavaScript: a page
    assert halaman.status_code == 200 and "<html" in halaman.content.decode()
    client.force_login(org.staf)  # not his to return
    assert client.get(kembalikan_url(aktivitas)).status_code == 403


def test_dikembalikan_diubah_lalu_menunggu_lagi(client, org, aktivitas):
    akt.kembalikan_aktivitas(org.kasi, [aktivitas.pk], "Uraian kurang jelas")
    client.force_login(org.kasi)
    assert list(client.get("/aktivitas/tinjau/").context["page_obj"]) == []
    perbaikan = data(uraian="Mengarsip 40 surat masuk ke rak B")
    akt.ubah_aktivitas(org.staf, Aktivitas.objects.get(pk=aktivitas.pk), perbaikan)
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.MENUNGGU
    assert list(client.get("/aktivitas/tinjau/").context["page_obj"]) == [aktivitas]


# --- who may ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("peran", "kode"),
    [("staf", 403), ("operator", 403), ("admin", 403), ("kabid", 404), ("orang_lain", 404)],
)
def test_selain_pejabat_penilai_ditolak(client, org, aktivitas, peran, kode):
    client.force_login(getattr(org, peran))
    assert client.post(setujui_url(aktivitas)).status_code == kode
    assert client.post(kembalikan_url(aktivitas), {"catatan": "x"}).status_code == kode
    assert client.post(kembalikan_url(aktivitas), {"catatan": ""}).status_code == kode
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.MENUNGGU


def test_atasan_lain_ditolak_oleh_layanan(org, aktivitas):
    with pytest.raises(PermissionDenied):
        akt.setujui_aktivitas(org.kabid, [aktivitas.pk])


def plt_kasi(org, mulai, selesai):
    """jf acts as Plt of the Kepala Seksi (vacant post) between two dates."""
    PenugasanFactory(
        pegawai=org.jf,
        jabatan=org.jab_kasi,
        jenis=Penugasan.Jenis.PLT,
        mulai=mulai,
        selesai=selesai,
    )


def test_plt_pada_tanggal_itu_boleh(client, org):
    plt_kasi(org, HARI - dt.timedelta(days=5), HARI + dt.timedelta(days=5))
    a = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    assert a.penilai == org.jf
    client.force_login(org.jf)
    assert client.get("/aktivitas/tinjau/").status_code == 200  # still reviewing those days
    assert client.post(setujui_url(a)).status_code == 302
    a.refresh_from_db()
    assert a.status == A.DISETUJUI


def test_definitif_yang_diganti_plh_hari_itu_tidak_boleh(client, org):
    plh = PegawaiFactory(nama="Plh", instansi=org.instansi)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_jf, jenis=Penugasan.Jenis.DEFINITIF)
    PenugasanFactory(
        pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=HARI, selesai=HARI
    )
    hari_plh = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    kemarin = akt.catat_aktivitas(
        org.staf, org.staf, data(tanggal=HARI - dt.timedelta(days=1)), kunci()
    )[0]
    client.force_login(org.kasi)
    assert client.post(setujui_url(hari_plh)).status_code == 403
    assert client.post(setujui_url(kemarin)).status_code == 302
    client.force_login(plh)
    assert client.post(setujui_url(hari_plh)).status_code == 302
    assert {a.status for a in Aktivitas.objects.all()} == {A.DISETUJUI}


def test_penilai_tersimpan_basi_diperiksa_ulang(client, org):
    """The queue uses the penilai stored at entry; the action checks the date's real one."""
    a = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    assert a.penilai == org.kasi
    plt_kasi(org, HARI, HARI)  # appointed afterwards, for that very day
    client.force_login(org.kasi)
    assert client.post(setujui_url(a)).status_code == 403
    client.force_login(org.jf)
    assert client.post(setujui_url(a)).status_code == 302


def test_id_tidak_ada_404(client, org):
    client.force_login(org.kasi)
    assert client.post("/aktivitas/tinjau/999999/setujui/").status_code == 404


def test_htmx_tanpa_hak_alasan_di_baris(client, org, aktivitas):
    """htmx swaps no 403: the refusal comes back inside the row, nothing changes."""
    client.force_login(org.staf)
    r = client.post(setujui_url(aktivitas), **HTMX)
    assert r.status_code == 200
    assert "Hanya pejabat penilai pegawai ini pada tanggal 11-03-2026" in r.content.decode()
    aktivitas.refresh_from_db()
    assert aktivitas.status == A.MENUNGGU
