"""The pejabat penilai rates an SKP in a window: who may, the predikat, the freeze, the
window's opening day and a unit leader's annual hasil kerja."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pegawai.models import Penugasan, Riwayat
from penilaian.models import Penilaian, PredikatKinerjaOrganisasi
from penilaian.rules import PredikatOrganisasi
from penilaian.services import nilai as services
from penilaian.services.kurva import tetapkan_predikat_organisasi
from tests.factories import PenugasanFactory

MARET = dt.date(2026, 3, 15)
DESEMBER = dt.date(2026, 12, 15)

MATRIKS = {
    ("di_atas", "di_atas"): "sangat_baik",
    ("di_atas", "sesuai"): "baik",
    ("di_atas", "di_bawah"): "kurang",
    ("sesuai", "di_atas"): "baik",
    ("sesuai", "sesuai"): "baik",
    ("sesuai", "di_bawah"): "kurang",
    ("di_bawah", "di_atas"): "butuh_perbaikan",
    ("di_bawah", "sesuai"): "butuh_perbaikan",
    ("di_bawah", "di_bawah"): "sangat_kurang",
}


@pytest.fixture
def pada(monkeypatch):
    def atur(tanggal):
        monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: tanggal)

    return atur


def test_atasan_langsung_menilai_dan_tercatat(org, jendela, skp_semua, pada):
    pada(MARET)
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    assert p.penilai_id == org.kasi.pk and p.pegawai_id == org.staf.pk
    assert p.status == Penilaian.Status.DRAFT
    r = Riwayat.objects.get(aksi="penilaian.dimulai", object_id=p.pk)
    assert r.sebagai == Riwayat.Sebagai.ATASAN and r.subjek_id == org.staf.pk


@pytest.mark.parametrize("siapa", ["kabid", "staf", "operator", "jf", "admin"])
def test_selain_pejabat_penilai_ditolak(org, jendela, skp_semua, pada, siapa):
    pada(MARET)
    with pytest.raises(PermissionDenied):
        services.mulai_penilaian(getattr(org, siapa), jendela.tw[0], skp_semua["staf"])
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    with pytest.raises(PermissionDenied):
        services.simpan_penilaian(getattr(org, siapa), p, {"rating_perilaku": "sesuai"})
    with pytest.raises(PermissionDenied):
        services.tetapkan_penilaian(getattr(org, siapa), p)
    assert not Riwayat.objects.filter(aksi="penilaian.disimpan").exists()


def test_plh_pada_tanggal_penilaian_yang_menilai(org, jendela, skp_semua, pada):
    PenugasanFactory(
        pegawai=org.jf,
        jabatan=org.jab_kasi,
        jenis=Penugasan.Jenis.PLH,
        mulai=dt.date(2026, 3, 20),
        selesai=dt.date(2026, 4, 5),
    )
    pada(MARET)
    with pytest.raises(PermissionDenied):
        services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    p = services.mulai_penilaian(org.jf, jendela.tw[0], skp_semua["staf"])
    assert p.penilai_id == org.jf.pk
    # The second quarter is decided on 30 June, when the Plh is over.
    pada(dt.date(2026, 6, 15))
    with pytest.raises(PermissionDenied):
        services.mulai_penilaian(org.jf, jendela.tw[1], skp_semua["staf"])
    assert services.mulai_penilaian(org.kasi, jendela.tw[1], skp_semua["staf"]).penilai_id == (
        org.kasi.pk
    )


def test_jpt_dinilai_ppk_dicatat_admin(org, jendela, skp_semua, pada):
    pada(MARET)
    with pytest.raises(PermissionDenied):
        services.mulai_penilaian(org.kabid, jendela.tw[0], skp_semua["kadis"])
    with pytest.raises(PermissionDenied):
        services.mulai_penilaian(org.kadis, jendela.tw[0], skp_semua["kadis"])
    p = services.mulai_penilaian(org.admin, jendela.tw[0], skp_semua["kadis"])
    assert p.penilai_id is None
    # The kadis leads the dinas: his quarter's hasil kerja follows the dinas' quarter result.
    tetapkan_predikat_organisasi(org.admin, org.dinas, 2026, "baik", jenis="triwulan", urutan=1)
    p = services.simpan_penilaian(
        org.admin, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    p = services.tetapkan_penilaian(org.admin, p)
    assert p.status == Penilaian.Status.FINAL and p.penilai_id is None
    r = Riwayat.objects.get(aksi="penilaian.difinalkan", object_id=p.pk)
    assert r.sebagai == Riwayat.Sebagai.ADMIN and r.pelaku_id == org.admin.pk


@pytest.mark.parametrize(("hasil", "perilaku"), sorted(MATRIKS))
def test_predikat_sesuai_matriks(org, jendela, skp_semua, pada, hasil, perilaku):
    pada(MARET)
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    p = services.simpan_penilaian(org.kasi, p, {"rating_hasil_kerja": hasil})
    assert p.predikat == ""  # one rating only: no predikat yet
    p = services.simpan_penilaian(org.kasi, p, {"rating_perilaku": perilaku})
    assert p.predikat == MATRIKS[(hasil, perilaku)]
    p = services.simpan_penilaian(org.kasi, p, {"rating_perilaku": ""})
    assert p.predikat == ""


def test_isian_tidak_sah_ditolak_dengan_pesan(org, jendela, skp_semua, pada):
    pada(MARET)
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    with pytest.raises(ValidationError) as e:
        services.simpan_penilaian(org.kasi, p, {"rating_hasil_kerja": "hebat"})
    assert "rating_hasil_kerja" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.simpan_penilaian(org.kasi, p, {"catatan_perilaku": {"jujur": "x"}})
    assert "catatan_perilaku" in e.value.message_dict
    p = services.simpan_penilaian(
        org.kasi, p, {"catatan_perilaku": {"akuntabel": " tepat waktu ", "adaptif": ""}}
    )
    assert p.catatan_perilaku == {"akuntabel": "tepat waktu"}


def test_tetapkan_perlu_kedua_rating(org, jendela, skp_semua, pada):
    pada(MARET)
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services.simpan_penilaian(org.kasi, p, {"rating_hasil_kerja": "sesuai"})
    with pytest.raises(ValidationError) as e:
        services.tetapkan_penilaian(org.kasi, p)
    assert "Rating perilaku kerja belum diisi." in e.value.messages
    p.refresh_from_db()
    assert p.status == Penilaian.Status.DRAFT


def test_penilaian_final_dibekukan(
    org, jendela, skp_semua, pada, django_capture_on_commit_callbacks
):
    pada(MARET)
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "di_atas", "rating_perilaku": "di_atas"}
    )
    with django_capture_on_commit_callbacks() as dijadwalkan:
        p = services.tetapkan_penilaian(org.kasi, p)
    # the evaluation document is queued (the other callbacks bump cache versions)
    assert len([f for f in dijadwalkan if "jadwalkan_dokumen_evaluasi" in f.__qualname__]) == 1
    assert p.status == Penilaian.Status.FINAL
    assert p.difinalkan_oleh_id == org.kasi.pk and p.difinalkan_pada is not None
    assert p.predikat == "sangat_baik"
    for aksi in (
        lambda: services.simpan_penilaian(org.kasi, p, {"rating_perilaku": "di_bawah"}),
        lambda: services.tetapkan_penilaian(org.kasi, p),
    ):
        with pytest.raises(ValidationError, match="Penilaian sudah final"):
            aksi()
    p.refresh_from_db()
    assert p.rating_perilaku == "di_atas" and p.predikat == "sangat_baik"
    # Starting again gives the same frozen row, nothing new.
    assert services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"]).pk == p.pk
    assert Penilaian.objects.count() == 1


def test_jendela_dibuka_batas_bawah(org, jendela, skp_semua, pada):
    tw1 = jendela.tw[0]
    pada(tw1.dibuka - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="1 Maret 2026|March 1, 2026|1 March 2026"):
        services.mulai_penilaian(org.kasi, tw1, skp_semua["staf"])
    assert not Penilaian.objects.exists()
    pada(tw1.dibuka)
    assert services.mulai_penilaian(org.kasi, tw1, skp_semua["staf"]).pk


def test_setelah_batas_tetap_boleh(org, jendela, skp_semua, pada):
    tw1 = jendela.tw[0]
    pada(tw1.batas + dt.timedelta(days=20))
    p = services.mulai_penilaian(org.kasi, tw1, skp_semua["staf"])
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    assert services.tetapkan_penilaian(org.kasi, p).is_final


def test_tahunan_menjadi_dinilai_dan_masih_bisa_diubah(org, jendela, skp_semua, pada):
    pada(DESEMBER)
    p = services.mulai_penilaian(org.kasi, jendela.tahunan, skp_semua["staf"])
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    p = services.tetapkan_penilaian(org.kasi, p)
    assert p.status == Penilaian.Status.DINILAI and p.difinalkan_pada is None
    p = services.simpan_penilaian(org.kasi, p, {"rating_hasil_kerja": "di_atas"})
    assert p.status == Penilaian.Status.DINILAI and p.predikat == "baik"
    with pytest.raises(ValidationError):
        services.simpan_penilaian(org.kasi, p, {"rating_perilaku": ""})
    with pytest.raises(ValidationError):
        services.tetapkan_penilaian(org.kasi, p)


def test_hasil_kerja_pimpinan_unit_mengikuti_predikat_organisasi(org, jendela, skp_semua, pada):
    from penilaian import rules

    pada(DESEMBER)
    # kasi leads the seksi (his parent jabatan is in the bidang).
    p = services.mulai_penilaian(org.kabid, jendela.tahunan, skp_semua["kasi"])
    assert p.hasil_kerja_dari_organisasi and p.rating_hasil_kerja == ""
    p = services.simpan_penilaian(
        org.kabid, p, {"rating_hasil_kerja": "di_atas", "rating_perilaku": "sesuai"}
    )
    assert p.rating_hasil_kerja == ""  # not his to set
    with pytest.raises(ValidationError, match="admin instansi harus menetapkannya"):
        services.tetapkan_penilaian(org.kabid, p)
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi,
        unit=org.seksi,
        tahun=2026,
        predikat=PredikatOrganisasi.BUTUH_PERBAIKAN,
        ditetapkan_oleh=org.admin,
    )
    p = services.simpan_penilaian(org.kabid, p, {"rating_hasil_kerja": "di_atas"})
    diharapkan = str(rules.rating_hasil_kerja_pimpinan(PredikatOrganisasi.BUTUH_PERBAIKAN))
    assert p.rating_hasil_kerja == diharapkan
    p = services.tetapkan_penilaian(org.kabid, p)
    assert p.status == Penilaian.Status.DINILAI
    assert p.predikat == MATRIKS[(diharapkan, "sesuai")]


def test_periodik_pimpinan_unit_mengikuti_predikat_organisasi_periodik(
    org, jendela, skp_semua, pada
):
    """SE MenPANRB 3/2023 stage 1: capaian kinerja organisasi "periodik dan tahunan"; the
    head's quarter follows his unit's quarter result, not the year's (decision record 0004)."""
    pada(MARET)
    p = services.mulai_penilaian(org.kabid, jendela.tw[0], skp_semua["kasi"])
    assert p.hasil_kerja_dari_organisasi and p.rating_hasil_kerja == ""
    # Whatever the penilai sends, the hasil kerja is not his to set.
    p = services.simpan_penilaian(
        org.kabid, p, {"rating_hasil_kerja": "di_atas", "rating_perilaku": "sesuai"}
    )
    assert p.rating_hasil_kerja == ""
    tetapkan_predikat_organisasi(org.admin, org.seksi, 2026, "istimewa")  # the year's: not used
    with pytest.raises(ValidationError) as e:
        services.tetapkan_penilaian(org.kabid, p)
    pesan = " ".join(e.value.messages)
    assert "Menunggu predikat kinerja organisasi unit ini untuk Triwulan 1 2026" in pesan
    assert "admin instansi harus menetapkannya" in pesan
    tetapkan_predikat_organisasi(
        org.admin, org.seksi, 2026, "butuh_perbaikan", jenis="triwulan", urutan=1
    )
    p = services.tetapkan_penilaian(org.kabid, p)
    assert p.status == Penilaian.Status.FINAL
    assert (p.rating_hasil_kerja, p.predikat) == ("di_bawah", "butuh_perbaikan")
    # Used by a final rating: the quarter's result is frozen.
    with pytest.raises(ValidationError, match="sudah dipakai penilaian final"):
        tetapkan_predikat_organisasi(org.admin, org.seksi, 2026, "baik", jenis="triwulan", urutan=1)


def test_bukan_pimpinan_unit_tahunan_dinilai_biasa(org, jendela, skp_semua, pada):
    pada(DESEMBER)
    p = services.mulai_penilaian(org.kasi, jendela.tahunan, skp_semua["staf"])
    assert not p.hasil_kerja_dari_organisasi


def test_skp_yang_tidak_ditetapkan_tidak_dinilai(org, jendela, periode, pada):
    from skp.services import penyusunan as skp_services

    draf = skp_services.buat_skp(org.staf, org.staf, periode, tanggal=periode.mulai)
    pada(MARET)
    with pytest.raises(ValidationError):
        services.mulai_penilaian(org.kasi, jendela.tw[0], draf)
