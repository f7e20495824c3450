"""Kuasa pengisian (issue 14), the service layer: a pegawai lets a named colleague of his
instansi enter his activities and realisation drafts for a period — never submit, rate or
approve; revocable at any time; everything done under it recorded "atas kuasa"."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aktivitas.models import Aktivitas, Kuasa, RealisasiBulanan
from aktivitas.selectors import kuasa as selectors_kuasa
from aktivitas.services import harian as akt
from aktivitas.services import kuasa as services_kuasa
from aktivitas.services import realisasi as real
from pegawai.models import Riwayat
from penilaian.models import PeriodePenilaian
from penilaian.rules import JenisPeriode
from penilaian.services import nilai as services_nilai
from skp.services import penyusunan as services_skp
from tests.aktivitas.conftest import data, kunci
from tests.factories import PegawaiFactory


def hari_ini():
    return timezone.localdate()


def beri(org, penerima=None, mulai=None, selesai=None, **kw):
    """The staf gives the jf (a colleague of another jabatan, not his penilai) a kuasa."""
    mulai = mulai or hari_ini()
    return services_kuasa.beri_kuasa(
        org.staf, penerima or org.jf, mulai, selesai or mulai + dt.timedelta(days=13), **kw
    )


# --- granting -------------------------------------------------------------------------------
def test_memberi_kuasa_tercatat(org):
    k = beri(org, keperluan="Cuti tahunan")
    assert (k.pemberi, k.penerima, k.keperluan) == (org.staf, org.jf, "Cuti tahunan")
    r = Riwayat.objects.get(aksi="kuasa.diberikan")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.staf, org.staf, "sendiri")
    assert r.data["penerima"] == org.jf.pk
    assert org.jf.nama_lengkap in r.keterangan


def test_kuasa_ke_instansi_lain_ditolak_di_kolomnya(org):
    with pytest.raises(ValidationError) as e:
        beri(org, penerima=org.orang_lain)
    assert "instansi" in e.value.message_dict["penerima"][0]
    assert not Kuasa.objects.exists()


@pytest.mark.parametrize(
    ("siapa", "kolom"),
    [("staf", "penerima"), ("kasi", "penerima")],  # himself; his pejabat penilai
)
def test_penerima_tidak_sah_ditolak(org, siapa, kolom):
    with pytest.raises(ValidationError) as e:
        beri(org, penerima=getattr(org, siapa))
    assert kolom in e.value.message_dict


def test_tanggal_diperiksa(org):
    kemarin = hari_ini() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        beri(org, mulai=kemarin, selesai=hari_ini())
    assert "mulai" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        beri(org, mulai=hari_ini(), selesai=kemarin)
    assert "selesai" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        beri(org, mulai=hari_ini(), selesai=hari_ini() + dt.timedelta(days=400))
    assert "selesai" in e.value.message_dict


def test_kuasa_bertumpang_tindih_ke_orang_sama_ditolak(org):
    beri(org)
    with pytest.raises(ValidationError) as e:
        beri(org, mulai=hari_ini() + dt.timedelta(days=5))
    assert "penerima" in e.value.message_dict
    # another colleague may hold one at the same time
    lain = PegawaiFactory(nama="Rekan", instansi=org.instansi, unit_kerja=org.seksi)
    assert beri(org, penerima=lain).penerima == lain


# --- acting under it ------------------------------------------------------------------------
def test_penerima_mencatat_mengubah_menghapus_atas_kuasa(org):
    k = beri(org)
    a, dibuat = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    assert dibuat and a.pegawai == org.staf and a.diisi_oleh == org.jf and a.kuasa == k
    assert a.diisi_kuasa and not a.diisi_operator
    r = Riwayat.objects.get(aksi="aktivitas.dicatat")
    assert (r.pelaku, r.subjek, r.sebagai, r.data["kuasa"]) == (org.jf, org.staf, "kuasa", k.pk)

    akt.ubah_aktivitas(org.jf, a, data(uraian="Mengarsip ulang"))
    assert Riwayat.objects.get(aksi="aktivitas.diubah").sebagai == "kuasa"
    akt.hapus_aktivitas(org.jf, Aktivitas.objects.get())
    r = Riwayat.objects.get(aksi="aktivitas.dihapus")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.jf, org.staf, "kuasa")


def test_tanpa_kuasa_rekan_tidak_dapat_mengisi(org):
    with pytest.raises(PermissionDenied):
        akt.catat_aktivitas(org.jf, org.staf, data(), kunci())


def test_draf_realisasi_diisi_atas_kuasa_tetapi_tidak_diajukan(org, skp_staf):
    k = beri(org)
    baris = real.siapkan_realisasi(org.jf, org.staf, 2026, 3)
    assert baris and Riwayat.objects.filter(aksi="realisasi.disiapkan", sebagai="kuasa").exists()
    r = real.simpan_realisasi(org.jf, baris[0], "Laporan terarsip 10")
    assert (r.diisi_oleh, r.kuasa) == (org.jf, k)
    assert Riwayat.objects.get(aksi="realisasi.disimpan").sebagai == "kuasa"
    with pytest.raises(PermissionDenied):
        real.ajukan_realisasi(org.jf, org.staf, 2026, 3)
    assert RealisasiBulanan.objects.get().status == RealisasiBulanan.Status.DRAFT
    # the pegawai saving it himself clears the mark
    r = real.simpan_realisasi(org.staf, r, "Laporan terarsip 12")
    assert (r.diisi_oleh, r.kuasa) == (org.staf, None)


def test_penerima_tidak_dapat_menyetujui_aktivitas(org):
    beri(org)
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    with pytest.raises(PermissionDenied):
        akt.setujui_aktivitas(org.jf, [a.pk])
    with pytest.raises(PermissionDenied):
        akt.kembalikan_aktivitas(org.jf, [a.pk], "Perbaiki")
    assert Aktivitas.objects.get().status == Aktivitas.Status.MENUNGGU


def test_penerima_tidak_dapat_mengajukan_skp(org, skp_staf):
    beri(org)
    with pytest.raises(PermissionDenied):
        services_skp.ajukan_skp(org.jf, skp_staf)
    skp_staf.refresh_from_db()
    assert skp_staf.status == "draft"


def test_penerima_tidak_dapat_menilai(org, skp_staf):
    beri(org)
    pp = PeriodePenilaian.objects.create(
        periode=skp_staf.periode,
        jenis=JenisPeriode.TRIWULAN,
        urutan=1,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 3, 31),
        dibuka=dt.date(2026, 3, 1),
        batas=dt.date(2026, 4, 10),
    )
    with pytest.raises(PermissionDenied):
        services_nilai.sebagai_penilai(org.jf, pp, skp_staf)


# --- the period and revocation -------------------------------------------------------------
def test_setelah_dicabut_tidak_dapat_mengisi(org):
    k = beri(org)
    a, _ = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    services_kuasa.cabut_kuasa(org.staf, k)
    r = Riwayat.objects.get(aksi="kuasa.dicabut")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.staf, org.staf, "sendiri")
    with pytest.raises(PermissionDenied):
        akt.catat_aktivitas(org.jf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    with pytest.raises(PermissionDenied):
        akt.ubah_aktivitas(org.jf, a, data(uraian="Lagi"))
    # what was entered under it stays, still saying so
    assert Aktivitas.objects.get().kuasa == k
    with pytest.raises(ValidationError):
        services_kuasa.cabut_kuasa(org.staf, k)  # once


def test_di_luar_masa_berlaku_tidak_dapat_mengisi(org):
    besok = hari_ini() + dt.timedelta(days=1)
    beri(org, mulai=besok, selesai=besok + dt.timedelta(days=3))
    with pytest.raises(PermissionDenied):
        akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    # an ended one (written directly: the service refuses a start in the past)
    lalu = hari_ini() - dt.timedelta(days=10)
    Kuasa.objects.create(
        pemberi=org.staf, penerima=org.kasi, mulai=lalu, selesai=lalu + dt.timedelta(days=5)
    )
    assert selectors_kuasa.kuasa_berlaku(org.staf, org.kasi) is None
    assert selectors_kuasa.kuasa_berlaku(org.staf, org.jf, besok) is not None


def test_siapa_boleh_mencabut(org):
    k = beri(org)
    with pytest.raises(PermissionDenied):
        services_kuasa.cabut_kuasa(org.kasi, k)  # the atasan sees it but does not own it
    services_kuasa.cabut_kuasa(org.operator, k)
    r = Riwayat.objects.get(aksi="kuasa.dicabut")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, "operator")
    k2 = beri(org, mulai=hari_ini() + dt.timedelta(days=20))
    services_kuasa.cabut_kuasa(org.jf, k2)  # the holder gives it back
    assert Kuasa.objects.filter(dicabut_pada__isnull=False).count() == 2


# --- who entered what -----------------------------------------------------------------------
def test_sumber_isian_per_pegawai(org):
    beri(org)
    akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    akt.catat_aktivitas(org.operator, org.staf, data(mulai=(9, 0), selesai=(10, 0)), kunci())
    akt.catat_aktivitas(org.jf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    akt.catat_aktivitas(org.jf, org.staf, data(mulai=(11, 0), selesai=(12, 0)), kunci())
    s = selectors_kuasa.sumber_isian(Aktivitas.objects.all())[org.staf.pk]
    assert (s.jumlah, s.sendiri, s.operator, s.kuasa) == (4, 1, 1, 2)
    assert (s.persen_sendiri, s.persen_operator, s.persen_kuasa) == (25, 25, 50)


def test_ringkasan_pemantauan_menghitung_sumber(org):
    from pemantauan.models import RingkasanPegawaiBulan
    from pemantauan.services import bangun_ringkasan

    beri(org)
    akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    akt.catat_aktivitas(org.operator, org.staf, data(mulai=(9, 0), selesai=(10, 0)), kunci())
    akt.catat_aktivitas(org.jf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    bangun_ringkasan(2026, pegawai_ids=[org.staf.pk], bulan=[3], hari_ini=dt.date(2026, 3, 31))
    r = RingkasanPegawaiBulan.objects.get(pegawai=org.staf, bulan=3)
    assert (r.jumlah_aktivitas, r.diisi_operator, r.diisi_kuasa, r.diisi_sendiri) == (3, 1, 1, 1)


def test_bukti_dukung_dilampirkan_atas_kuasa(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aktivitas.services import bukti as services_bukti

    k = beri(org)
    a, _ = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    b = services_bukti.tambah_bukti_berkas(
        org.jf, a, SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    assert b.diunggah_oleh == org.jf
    assert Riwayat.objects.get(aksi="bukti.diunggah").sebagai == "kuasa"
    services_kuasa.cabut_kuasa(org.staf, k)
    with pytest.raises(PermissionDenied):
        services_bukti.tambah_bukti_berkas(
            org.jf, a, SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n")
        )
