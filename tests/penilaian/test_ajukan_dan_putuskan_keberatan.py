"""The pegawai objects to his final annual predikat within the window; the atasan pejabat
penilai (the admin for the PPK) decides with reasons and the final predikat follows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pegawai.models import Penugasan, Riwayat
from penilaian.models import Keberatan, PengaturanPenilaian, Penilaian
from penilaian.services.keberatan import ajukan_keberatan, putuskan_keberatan
from tests.factories import PenugasanFactory

DITERIMA = dt.date(2027, 1, 20)


def final_tahunan(org, jendela, skp, penilai, pp=None, hasil="sesuai", perilaku="sesuai"):
    return Penilaian.objects.create(
        periode_penilaian=pp or jendela.tahunan,
        skp=skp,
        pegawai=skp.pegawai,
        unit=skp.pegawai.unit_kerja,
        penilai=penilai,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat="baik",
        status=Penilaian.Status.FINAL,
        dinilai_pada=timezone.make_aware(dt.datetime(2027, 1, 10, 9)),
        difinalkan_pada=timezone.make_aware(dt.datetime(2027, 1, 20, 23, 30)),
    )


@pytest.fixture
def nilai_staf(org, jendela, skp_semua):
    return final_tahunan(org, jendela, skp_semua["staf"], org.kasi)


@pytest.mark.parametrize("hari", [0, 14])
def test_dalam_jendela_boleh(org, nilai_staf, hari):
    k = ajukan_keberatan(
        org.staf, nilai_staf, "Target saya tercapai.", DITERIMA + dt.timedelta(hari)
    )
    assert k.pemutus_id == org.kabid.pk
    assert (k.predikat_semula, k.rating_hasil_kerja_semula) == ("baik", "sesuai")
    r = Riwayat.objects.get(aksi="keberatan.diajukan", object_id=k.pk)
    assert r.sebagai == Riwayat.Sebagai.SENDIRI and r.subjek_id == org.staf.pk


def test_sehari_setelah_batas_ditolak_dengan_tanggal_terakhir(org, nilai_staf):
    with pytest.raises(ValidationError) as e:
        ajukan_keberatan(org.staf, nilai_staf, "Terlambat.", DITERIMA + dt.timedelta(15))
    assert "3 Februari 2027" in str(e.value) or "February 3, 2027" in str(e.value)
    assert not Keberatan.objects.exists()


def test_jangka_keberatan_milik_undang_undang_bukan_pengaturan_instansi(org, nilai_staf):
    # PP 30/2019 Pasal 59: 14 days for every instansi; the settings no longer hold a number.
    assert not hasattr(PengaturanPenilaian, "hari_keberatan")
    PengaturanPenilaian.objects.create(instansi=org.instansi, jenis_periodik="bulanan")
    assert ajukan_keberatan(org.staf, nilai_staf, "Hari ke-14.", DITERIMA + dt.timedelta(14)).pk


def test_tanggal_dihari_ini_dari_skp_services(org, nilai_staf, monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA + dt.timedelta(15))
    with pytest.raises(ValidationError):
        ajukan_keberatan(org.staf, nilai_staf, "Terlambat.")
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA + dt.timedelta(14))
    assert ajukan_keberatan(org.staf, nilai_staf, "Hari terakhir.").pk


def test_alasan_wajib_dan_satu_keberatan_saja(org, nilai_staf):
    with pytest.raises(ValidationError) as e:
        ajukan_keberatan(org.staf, nilai_staf, "   ", DITERIMA)
    assert "alasan" in e.value.message_dict
    ajukan_keberatan(org.staf, nilai_staf, "Pertama.", DITERIMA)
    with pytest.raises(ValidationError, match="sudah pernah"):
        ajukan_keberatan(org.staf, nilai_staf, "Kedua.", DITERIMA)
    assert Keberatan.objects.count() == 1


def test_hanya_tahunan_final(org, jendela, skp_semua, nilai_staf):
    nilai_staf.status = Penilaian.Status.DINILAI
    nilai_staf.save()
    with pytest.raises(ValidationError):
        ajukan_keberatan(org.staf, nilai_staf, "Belum final.", DITERIMA)
    tw = final_tahunan(org, jendela, skp_semua["staf"], org.kasi, pp=jendela.tw[3])
    with pytest.raises(ValidationError, match="tahunan"):
        ajukan_keberatan(org.staf, tw, "Triwulan.", DITERIMA)


def test_operator_atas_nama_pegawai_lain_ditolak(org, nilai_staf):
    for siapa in ("kasi", "kabid", "jf", "admin", "orang_lain"):
        with pytest.raises(PermissionDenied):
            ajukan_keberatan(getattr(org, siapa), nilai_staf, "Bukan saya.", DITERIMA)
    k = ajukan_keberatan(org.operator, nilai_staf, "Atas nama staf.", DITERIMA)
    assert k.pegawai_id == org.staf.pk and k.diajukan_oleh_id == org.operator.pk
    r = Riwayat.objects.get(aksi="keberatan.diajukan")
    assert r.sebagai == Riwayat.Sebagai.OPERATOR


@pytest.mark.parametrize("siapa", ["kasi", "staf", "jf", "operator", "admin", "orang_lain"])
def test_selain_atasan_pejabat_penilai_tidak_memutus(org, nilai_staf, siapa):
    k = ajukan_keberatan(org.staf, nilai_staf, "Alasan.", DITERIMA)
    with pytest.raises(PermissionDenied):
        putuskan_keberatan(getattr(org, siapa), k, "dipertahankan", "Tetap.")
    k.refresh_from_db()
    assert k.status == Keberatan.Status.DIAJUKAN


def test_dipertahankan_predikat_tetap_dan_beku(org, nilai_staf):
    k = ajukan_keberatan(org.staf, nilai_staf, "Alasan.", DITERIMA)
    putuskan_keberatan(org.kabid, k, "dipertahankan", "Bukti tidak cukup.")
    k.refresh_from_db()
    nilai_staf.refresh_from_db()
    assert k.status == "dipertahankan" and k.predikat_akhir == "baik" == nilai_staf.predikat
    assert k.diputus_oleh_id == org.kabid.pk and k.diputus_pada
    with pytest.raises(ValidationError, match="sudah diputus"):
        putuskan_keberatan(org.kabid, k, "diubah", "Berubah pikiran.", "di_atas", "di_atas")


def test_diubah_predikat_mengikuti_keputusan_dan_riwayat_tersimpan(
    org, nilai_staf, django_capture_on_commit_callbacks
):
    k = ajukan_keberatan(org.staf, nilai_staf, "Alasan.", DITERIMA)
    with django_capture_on_commit_callbacks() as antre:
        putuskan_keberatan(org.kabid, k, "diubah", "Bukti kuat.", "di_atas", "di_atas")
    # a new evaluation document is queued (the other callbacks bump cache versions)
    assert len([f for f in antre if "jadwalkan_dokumen_evaluasi" in f.__qualname__]) == 1
    nilai_staf.refresh_from_db()
    k.refresh_from_db()
    assert nilai_staf.predikat == "sangat_baik" and nilai_staf.status == Penilaian.Status.FINAL
    assert (nilai_staf.rating_hasil_kerja, nilai_staf.rating_perilaku) == ("di_atas", "di_atas")
    assert (k.predikat_semula, k.rating_hasil_kerja_semula, k.rating_perilaku_semula) == (
        "baik",
        "sesuai",
        "sesuai",
    )
    assert k.predikat_akhir == "sangat_baik" and k.status == "diubah"
    r = Riwayat.objects.get(aksi="keberatan.diputus")
    assert r.sebagai == Riwayat.Sebagai.ATASAN
    assert r.data["predikat_dari"] == "baik" and r.data["predikat_ke"] == "sangat_baik"


def test_diubah_harus_berbeda_dan_alasan_wajib(org, nilai_staf):
    k = ajukan_keberatan(org.staf, nilai_staf, "Alasan.", DITERIMA)
    with pytest.raises(ValidationError) as e:
        putuskan_keberatan(org.kabid, k, "diubah", "Sama saja.", "sesuai", "sesuai")
    assert "rating_hasil_kerja" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        putuskan_keberatan(org.kabid, k, "dipertahankan", "  ")
    assert "alasan_keputusan" in e.value.message_dict
    putuskan_keberatan(org.kabid, k, "diubah", "Perilaku kurang.", rating_perilaku="di_bawah")
    nilai_staf.refresh_from_db()
    assert nilai_staf.predikat == "kurang"


def test_plh_atasan_pejabat_penilai_pada_tanggal_penilaian(org, nilai_staf):
    # On 31 December 2026 (the rating's date) the kabid jabatan is held by a Plh.
    PenugasanFactory(
        pegawai=org.jf,
        jabatan=org.jab_kabid,
        jenis=Penugasan.Jenis.PLH,
        mulai=dt.date(2026, 12, 20),
        selesai=dt.date(2027, 1, 5),
    )
    k = ajukan_keberatan(org.staf, nilai_staf, "Alasan.", DITERIMA)
    assert k.pemutus_id == org.jf.pk
    with pytest.raises(PermissionDenied):
        putuskan_keberatan(org.kabid, k, "dipertahankan", "Tetap.")
    putuskan_keberatan(org.jf, k, "dipertahankan", "Tetap.")


def test_ppk_diputus_admin_atas_nama_ppk(org, jendela, skp_semua):
    # kabid is rated by the kadis, whose own atasan is the PPK.
    p = final_tahunan(org, jendela, skp_semua["kabid"], org.kadis)
    k = ajukan_keberatan(org.kabid, p, "Alasan.", DITERIMA)
    assert k.pemutus_id is None
    for siapa in ("kadis", "kabid", "operator"):
        with pytest.raises(PermissionDenied):
            putuskan_keberatan(getattr(org, siapa), k, "dipertahankan", "Tetap.")
    putuskan_keberatan(org.admin, k, "dipertahankan", "Tetap.")
    assert Riwayat.objects.get(aksi="keberatan.diputus").sebagai == Riwayat.Sebagai.ADMIN
