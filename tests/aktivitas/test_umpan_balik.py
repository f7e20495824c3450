"""Feedback (umpan balik / dialog kinerja) per RHK per month: a dated thread between the
pegawai and his pejabat penilai; nobody else learns it exists (404)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import UmpanBalik
from aktivitas.services import umpan_balik as ub
from pegawai.models import Penugasan, Riwayat
from tests.factories import PegawaiFactory, PenugasanFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(rhk, bulan="2026-03"):
    return f"{reverse('umpan_balik', args=[rhk.pk])}?bulan={bulan}"


def test_url(rhk_staf):
    assert (
        reverse("umpan_balik", args=[rhk_staf.pk])
        == f"/aktivitas/tinjau/umpan-balik/{rhk_staf.pk}/"
    )


@pytest.mark.parametrize(
    ("peran", "kode"),
    [
        ("staf", 200),
        ("kasi", 200),
        ("operator", 200),
        ("kabid", 404),
        ("jf", 404),
        ("admin", 404),
        ("orang_lain", 404),
    ],
)
def test_siapa_yang_membaca(client, org, rhk_staf, peran, kode):
    client.force_login(getattr(org, peran))
    assert client.get(url(rhk_staf)).status_code == kode
    r = client.post(url(rhk_staf), {"teks": "Catatan"})
    assert r.status_code == (302 if kode == 200 else 404)


def test_superuser_pun_tidak(client, org, rhk_staf):
    root = PegawaiFactory(nama="Root", is_superuser=True, is_staff=True, instansi=None)
    client.force_login(root)
    assert client.get(url(rhk_staf)).status_code == 404


def test_anonim_diarahkan_masuk(client, rhk_staf):
    r = client.get(url(rhk_staf))
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_utas_bertanggal_dengan_nama_penulis(client, org, rhk_staf):
    ub.tulis_umpan_balik(org.kasi, rhk_staf, 2026, 3, "Arsip bulan ini belum lengkap.")
    ub.tulis_umpan_balik(org.staf, rhk_staf, 2026, 3, "Baik, saya lengkapi minggu depan.")
    ub.tulis_umpan_balik(org.kasi, rhk_staf, 2026, 4, "Bulan lain, utas lain.")
    client.force_login(org.staf)
    r = client.get(url(rhk_staf))
    assert [m.teks for m in r.context["utas"]] == [
        "Arsip bulan ini belum lengkap.",
        "Baik, saya lengkapi minggu depan.",
    ]
    isi = r.content.decode()
    assert isi.index("Arsip bulan ini belum lengkap.") < isi.index("Baik, saya lengkapi")
    assert "Kasi" in isi and "utas lain" not in isi
    hari_ini = timezone.localtime().strftime("%Y-%m-%d")
    assert f'datetime="{hari_ini}' in isi


def test_tulis_lewat_halaman_tercatat_di_riwayat(client, org, rhk_staf):
    client.force_login(org.kasi)
    r = client.post(url(rhk_staf), {"teks": "  Pertahankan.  "})
    assert r.status_code == 302 and r["Location"] == url(rhk_staf)
    pesan = UmpanBalik.objects.get()
    assert (pesan.penulis, pesan.teks, pesan.tahun, pesan.bulan) == (
        org.kasi,
        "Pertahankan.",
        2026,
        3,
    )
    riwayat = Riwayat.objects.get(aksi="umpan_balik.ditulis")
    assert (riwayat.pelaku, riwayat.subjek, riwayat.sebagai) == (org.kasi, org.staf, "atasan")


def test_operator_tercatat_sebagai_operator(org, rhk_staf):
    ub.tulis_umpan_balik(org.operator, rhk_staf, 2026, 3, "Atas nama pegawai")
    assert Riwayat.objects.get(aksi="umpan_balik.ditulis").sebagai == "operator"


def test_htmx_mengganti_utas(client, org, rhk_staf):
    client.force_login(org.staf)
    r = client.post(url(rhk_staf), {"teks": "Terima kasih"}, **HTMX)
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith('<section id="utas"')
    assert "Terima kasih" in isi and "Umpan balik terkirim." in isi


def test_teks_kosong_galat_di_samping_kolom(client, org, rhk_staf):
    client.force_login(org.staf)
    r = client.post(url(rhk_staf), {"teks": ""})
    assert r.status_code == 200
    assert "Umpan balik wajib diisi." in r.content.decode()
    assert not UmpanBalik.objects.exists()
    with pytest.raises(ValidationError):
        ub.tulis_umpan_balik(org.staf, rhk_staf, 2026, 3, "   ")


def test_layanan_menolak_yang_lain(org, rhk_staf):
    with pytest.raises(PermissionDenied):
        ub.tulis_umpan_balik(org.kabid, rhk_staf, 2026, 3, "Bukan urusan saya")
    assert not UmpanBalik.objects.exists()


def test_bulan_di_luar_skp_atau_tidak_valid_404(client, org, rhk_staf):
    client.force_login(org.staf)
    assert client.get(url(rhk_staf, "2025-12")).status_code == 404
    assert client.get(url(rhk_staf, "2026-13")).status_code == 404
    assert client.get(url(rhk_staf, "maret")).status_code == 404
    with pytest.raises(ValidationError):
        ub.tulis_umpan_balik(org.staf, rhk_staf, 2025, 12, "Di luar SKP")


def test_rhk_tidak_ada_404(client, org):
    client.force_login(org.staf)
    assert client.get("/aktivitas/tinjau/umpan-balik/999999/").status_code == 404


def test_tanpa_bulan_bulan_ini_di_dalam_skp(client, org, rhk_staf):
    client.force_login(org.staf)
    r = client.get(reverse("umpan_balik", args=[rhk_staf.pk]))
    assert r.status_code == 200
    hari = min(max(timezone.localdate(), rhk_staf.skp.mulai), rhk_staf.skp.selesai)
    assert r.context["bulan_param"] == hari.strftime("%Y-%m")


def test_plh_akhir_bulan_ikut_definitif_yang_diganti_tidak(client, org, rhk_staf):
    plh = PegawaiFactory(nama="Plh", instansi=org.instansi)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_jf, jenis=Penugasan.Jenis.DEFINITIF)
    akhir = dt.date(2026, 3, 31)
    PenugasanFactory(
        pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=akhir, selesai=akhir
    )
    client.force_login(plh)
    assert client.get(url(rhk_staf)).status_code == 200
    assert client.get(url(rhk_staf, "2026-02")).status_code == 404
    client.force_login(org.kasi)
    assert client.get(url(rhk_staf)).status_code == 404
    assert client.get(url(rhk_staf, "2026-02")).status_code == 200


def test_navigasi_bulan_dalam_skp(client, org, rhk_staf):
    client.force_login(org.staf)
    navigasi = client.get(url(rhk_staf, "2026-01")).context["navigasi"]
    assert navigasi == {"berikutnya": "2026-02"}
