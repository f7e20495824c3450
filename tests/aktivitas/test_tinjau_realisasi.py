"""The pejabat penilai reviews submitted monthly realisations: in the queue's second tab or on
the realisation page; only the pejabat penilai on the month's last day may."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aktivitas.models import RealisasiBulanan
from aktivitas.services import realisasi as real
from pegawai.models import Penugasan, Riwayat
from skp.models import IndikatorKinerja
from tests.factories import PegawaiFactory, PenugasanFactory

R = RealisasiBulanan.Status
HTMX = {"HTTP_HX_REQUEST": "true"}
ANTREAN = "/aktivitas/tinjau/?tab=realisasi"
AKHIR = dt.date(2026, 3, 31)


@pytest.fixture
def diajukan(org, rhk_staf, monkeypatch):
    """The staf's March realisation (two indicators), submitted on 2 April."""
    monkeypatch.setattr(
        real,
        "sekarang",
        lambda: dt.datetime(2026, 4, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
    )
    IndikatorKinerja.objects.create(
        rhk=rhk_staf, teks="Arsip mudah ditemukan", aspek="kualitas", target_teks="95%", urutan=2
    )
    for r in real.siapkan_realisasi(org.staf, org.staf, 2026, 3):
        real.simpan_realisasi(org.staf, r, f"Capaian {r.indikator.teks}", None, "")
    return real.ajukan_realisasi(org.staf, org.staf, 2026, 3)


def setujui_url(r):
    return reverse("realisasi_setujui", args=[r.pk])


def kembalikan_url(r):
    return reverse("realisasi_kembalikan", args=[r.pk])


def test_url(diajukan):
    r = diajukan[0]
    assert setujui_url(r) == f"/aktivitas/realisasi/{r.pk}/setujui/"
    assert kembalikan_url(r) == f"/aktivitas/realisasi/{r.pk}/kembalikan/"


def test_antrean_realisasi(client, org, diajukan):
    client.force_login(org.kasi)
    r = client.get(ANTREAN)
    assert r.status_code == 200
    assert list(r.context["page_obj"]) == diajukan
    assert r.context["jumlah"]["realisasi"] == 2
    isi = r.content.decode()
    assert "Capaian Laporan terarsip" in isi and setujui_url(diajukan[0]) in isi
    assert "Setujui seluruh bulan" in isi


def test_setujui_satu_htmx(client, org, diajukan):
    client.force_login(org.kasi)
    r = client.post(setujui_url(diajukan[0]), **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith(f'<tr id="realisasi-{diajukan[0].pk}"')
    assert "Disetujui" in isi
    status = dict(RealisasiBulanan.objects.values_list("pk", "status"))
    assert status == {diajukan[0].pk: R.DISETUJUI, diajukan[1].pk: R.DIAJUKAN}
    riwayat = Riwayat.objects.get(aksi="realisasi.disetujui")
    assert (riwayat.pelaku, riwayat.subjek, riwayat.sebagai) == (org.kasi, org.staf, "atasan")


def test_setujui_seluruh_bulan(client, org, diajukan):
    client.force_login(org.kasi)
    r = client.post(setujui_url(diajukan[1]), {"bulan_penuh": "1"})
    assert r.status_code == 302 and r["Location"] == ANTREAN
    assert set(RealisasiBulanan.objects.values_list("status", flat=True)) == {R.DISETUJUI}


def test_kembalikan_wajib_catatan(client, org, diajukan):
    client.force_login(org.kasi)
    r = client.post(kembalikan_url(diajukan[0]), {"catatan": ""})
    assert r.status_code == 200
    assert "Catatan pengembalian wajib diisi." in r.content.decode()
    r = client.post(kembalikan_url(diajukan[0]), {"catatan": ""}, **HTMX)
    assert "Catatan pengembalian wajib diisi." in r.content.decode()
    assert "<details open>" in r.content.decode()
    with pytest.raises(ValidationError):
        real.kembalikan_realisasi(org.kasi, [diajukan[0].pk], " ")
    assert set(RealisasiBulanan.objects.values_list("status", flat=True)) == {R.DIAJUKAN}


def test_kembalikan_lalu_diperbaiki_dan_diajukan_lagi(client, org, diajukan):
    client.force_login(org.kasi)
    r = client.post(kembalikan_url(diajukan[0]), {"catatan": "Sebutkan jumlahnya"})
    assert r.status_code == 302
    b = RealisasiBulanan.objects.get(pk=diajukan[0].pk)
    assert (b.status, b.catatan_penilai) == (R.DIKEMBALIKAN, "Sebutkan jumlahnya")
    client.force_login(org.staf)
    isi = client.get("/aktivitas/realisasi/", {"bulan": "2026-03"}).content.decode()
    assert "Sebutkan jumlahnya" in isi and f'name="r{b.pk}-realisasi"' in isi
    assert f'name="r{diajukan[1].pk}-realisasi"' not in isi  # still submitted: read only
    real.simpan_realisasi(org.staf, b, "12 laporan terarsip", None, "")
    real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    assert set(RealisasiBulanan.objects.values_list("status", flat=True)) == {R.DIAJUKAN}


def test_dari_halaman_realisasi_kembali_ke_halaman_itu(client, org, diajukan):
    client.force_login(org.kasi)
    halaman = f"/aktivitas/realisasi/?bulan=2026-03&pegawai={org.staf.pk}"
    isi = client.get(halaman).content.decode()
    assert "Setujui seluruh realisasi bulan ini" in isi
    r = client.post(setujui_url(diajukan[0]), {"next": halaman, "bulan_penuh": "1"})
    assert r["Location"] == halaman
    r = client.post(setujui_url(diajukan[0]), {"next": "https://jahat.example/"})
    assert r["Location"] == ANTREAN  # never sent off-site


def test_sudah_disetujui_pesan_jelas(client, org, diajukan):
    real.setujui_realisasi(org.kasi, [diajukan[0].pk])
    client.force_login(org.kasi)
    r = client.post(setujui_url(diajukan[0]), **HTMX)
    assert "sudah disetujui" in r.content.decode()


# --- who may ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("peran", "kode"),
    [("staf", 403), ("operator", 403), ("admin", 403), ("kabid", 404), ("orang_lain", 404)],
)
def test_selain_penilai_ditolak(client, org, diajukan, peran, kode):
    client.force_login(getattr(org, peran))
    assert client.post(setujui_url(diajukan[0])).status_code == kode
    assert client.post(kembalikan_url(diajukan[0]), {"catatan": "x"}).status_code == kode
    assert client.post(kembalikan_url(diajukan[0]), {"catatan": ""}).status_code == kode
    assert set(RealisasiBulanan.objects.values_list("status", flat=True)) == {R.DIAJUKAN}


def test_htmx_tanpa_hak_alasan_di_baris(client, org, diajukan):
    client.force_login(org.staf)
    r = client.post(setujui_url(diajukan[0]), **HTMX)
    assert r.status_code == 200
    assert "Hanya pejabat penilai" in r.content.decode()
    assert set(RealisasiBulanan.objects.values_list("status", flat=True)) == {R.DIAJUKAN}


def test_atasan_lain_ditolak_layanan(org, diajukan):
    with pytest.raises(PermissionDenied):
        real.setujui_realisasi(org.kabid, [diajukan[0].pk])


def test_plh_pada_akhir_bulan_boleh_definitif_yang_diganti_tidak(client, org, diajukan):
    plh = PegawaiFactory(nama="Plh", instansi=org.instansi)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_jf, jenis=Penugasan.Jenis.DEFINITIF)
    PenugasanFactory(
        pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=AKHIR, selesai=AKHIR
    )
    with pytest.raises(PermissionDenied):
        real.setujui_realisasi(org.kasi, [diajukan[0].pk])
    client.force_login(plh)
    # Submitted before the Plh was recorded: the stored penilai is the kasi, yet the Plh of
    # the month's last day may act (and only he).
    assert client.post(setujui_url(diajukan[0])).status_code == 302
    assert RealisasiBulanan.objects.get(pk=diajukan[0].pk).status == R.DISETUJUI


def test_kosong(client, org):
    client.force_login(org.kasi)
    assert "Tidak ada realisasi yang menunggu" in client.get(ANTREAN).content.decode()


def test_post_biasa_kembali_ke_halaman_antrean_yang_sama(client, org, diajukan):
    client.force_login(org.kasi)
    halaman = "/aktivitas/tinjau/?tab=realisasi&page=1"
    assert (
        f'name="next" value="{halaman.replace("&", "&amp;")}"'
        in client.get(halaman).content.decode()
    )
    r = client.post(setujui_url(diajukan[0]), {"next": halaman})
    assert r["Location"] == halaman
    r = client.post(setujui_url(diajukan[1]), {"next": halaman}, **HTMX)
    assert f'name="next" value="{halaman.replace("&", "&amp;")}"' not in r.content.decode()  # done
