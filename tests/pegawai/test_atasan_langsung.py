"""Who rates whom on a date (domain.md §1): definitif, Plt, Plh, vacancy, date boundaries."""

import datetime as dt

import pytest

from pegawai.models import Pegawai, Penugasan
from pegawai.selectors.hierarki import bawahan_langsung_ids, rantai_penilai
from tests.factories import PegawaiFactory, PenugasanFactory

D = dt.date(2026, 6, 15)
PLT, PLH, DEF = Penugasan.Jenis.PLT, Penugasan.Jenis.PLH, Penugasan.Jenis.DEFINITIF


def tugaskan(pegawai, jabatan, jenis, mulai, selesai=None):
    return PenugasanFactory(
        pegawai=pegawai, jabatan=jabatan, jenis=jenis, mulai=mulai, selesai=selesai
    )


def test_definitif(org):
    r = rantai_penilai(org.staf, D)
    assert r.jabatan == org.jab_staf
    assert r.atasan_langsung.pegawai == org.kasi
    assert r.atasan_langsung.dasar == "definitif"
    assert r.pejabat_penilai == r.atasan_langsung
    assert r.atasan_pejabat_penilai.pegawai == org.kabid


def test_jpt_tertinggi_dinilai_ppk_tanpa_atasan_penilai(org):
    r = rantai_penilai(org.kadis, D)
    assert r.atasan_langsung.is_ppk
    assert r.atasan_langsung.nama == org.instansi.ppk_nama
    assert r.atasan_pejabat_penilai is None


def test_atasan_pejabat_penilai_bisa_ppk(org):
    r = rantai_penilai(org.kabid, D)
    assert r.atasan_langsung.pegawai == org.kadis
    assert r.atasan_pejabat_penilai.is_ppk


def test_pegawai_tanpa_jabatan_tidak_punya_penilai(org):
    r = rantai_penilai(org.operator, D)
    assert r.jabatan is None and r.atasan_langsung is None


def test_kekosongan_naik_ke_atasan_berikutnya(org):
    Penugasan.objects.filter(pegawai=org.kasi).update(selesai=dt.date(2026, 5, 31))
    r = rantai_penilai(org.staf, D)
    assert r.atasan_langsung.pegawai == org.kabid
    assert r.atasan_pejabat_penilai.pegawai == org.kadis
    assert org.staf.pk in bawahan_langsung_ids(org.kabid, D)
    # Before the vacancy the kasi still rated him.
    assert rantai_penilai(org.staf, dt.date(2026, 5, 31)).atasan_langsung.pegawai == org.kasi


def test_semua_kosong_sampai_puncak_maka_ppk(org):
    Penugasan.objects.filter(pegawai__in=[org.kasi, org.kabid, org.kadis]).update(
        selesai=dt.date(2026, 1, 1)
    )
    assert rantai_penilai(org.staf, D).atasan_langsung.is_ppk


def test_plt_mengisi_kekosongan(org):
    Penugasan.objects.filter(pegawai=org.kasi).update(selesai=dt.date(2026, 5, 31))
    plt = PegawaiFactory(nama="Plt Kasi", instansi=org.instansi)
    tugaskan(plt, org.jab_kasi, PLT, dt.date(2026, 6, 1), dt.date(2026, 8, 31))
    r = rantai_penilai(org.staf, D)
    assert r.atasan_langsung.pegawai == plt
    assert r.atasan_langsung.dasar == "plt"
    assert r.atasan_langsung.nama_jabatan.startswith("Plt. ")
    assert r.atasan_pejabat_penilai.pegawai == org.kabid
    assert bawahan_langsung_ids(plt, D) == {org.staf.pk}


@pytest.mark.parametrize(
    ("tanggal", "harapan"),
    [
        (dt.date(2026, 5, 31), "kabid"),  # the day before the Plt starts: vacancy → next up
        (dt.date(2026, 6, 1), "plt"),  # first day, inclusive
        (dt.date(2026, 8, 31), "plt"),  # last day, inclusive
        (dt.date(2026, 9, 1), "kabid"),  # the day after
    ],
)
def test_batas_tanggal_plt(org, tanggal, harapan):
    Penugasan.objects.filter(pegawai=org.kasi).update(selesai=dt.date(2026, 5, 30))
    plt = PegawaiFactory(nama="Plt Kasi", instansi=org.instansi)
    tugaskan(plt, org.jab_kasi, PLT, dt.date(2026, 6, 1), dt.date(2026, 8, 31))
    harap = {"kabid": org.kabid, "plt": plt}[harapan]
    assert rantai_penilai(org.staf, tanggal).atasan_langsung.pegawai == harap
    assert org.staf.pk in bawahan_langsung_ids(harap, tanggal)


def test_plh_menggantikan_pejabat_definitif_yang_berhalangan(org):
    plh = PegawaiFactory(nama="Plh Kasi", instansi=org.instansi)
    tugaskan(plh, org.jab_kasi, PLH, dt.date(2026, 6, 10), dt.date(2026, 6, 20))
    assert rantai_penilai(org.staf, D).atasan_langsung.pegawai == plh
    assert rantai_penilai(org.staf, D).atasan_langsung.dasar == "plh"
    assert rantai_penilai(org.staf, dt.date(2026, 6, 9)).atasan_langsung.pegawai == org.kasi
    assert rantai_penilai(org.staf, dt.date(2026, 6, 21)).atasan_langsung.pegawai == org.kasi
    assert bawahan_langsung_ids(plh, D) == {org.staf.pk}
    assert org.staf.pk not in bawahan_langsung_ids(org.kasi, D)


def test_plh_didahulukan_dari_plt(org):
    Penugasan.objects.filter(pegawai=org.kasi).update(selesai=dt.date(2026, 1, 1))
    plt = PegawaiFactory(nama="Plt", instansi=org.instansi)
    plh = PegawaiFactory(nama="Plh", instansi=org.instansi)
    tugaskan(plt, org.jab_kasi, PLT, dt.date(2026, 2, 1))
    tugaskan(plh, org.jab_kasi, PLH, D, D)
    assert rantai_penilai(org.staf, D).atasan_langsung.pegawai == plh
    assert rantai_penilai(org.staf, D + dt.timedelta(days=1)).atasan_langsung.pegawai == plt


def test_plt_dari_bawahan_sendiri_tidak_menilai_dirinya(org):
    # The kasi is also Plt of the vacant kepala bidang: the kadis rates him, and he rates the JF.
    Penugasan.objects.filter(pegawai=org.kabid).update(selesai=dt.date(2026, 1, 1))
    tugaskan(org.kasi, org.jab_kabid, PLT, dt.date(2026, 2, 1))
    r_kasi = rantai_penilai(org.kasi, D)
    assert r_kasi.atasan_langsung.pegawai == org.kadis
    assert rantai_penilai(org.jf, D).atasan_langsung.pegawai == org.kasi
    assert rantai_penilai(org.staf, D).atasan_pejabat_penilai.pegawai == org.kadis
    assert bawahan_langsung_ids(org.kasi, D) == {org.staf.pk, org.jf.pk}
    assert org.kasi.pk in bawahan_langsung_ids(org.kadis, D)


def test_pejabat_pensiun_tidak_lagi_menjadi_atasan(org):
    org.kasi.status = Pegawai.Status.PENSIUN
    org.kasi.save()
    assert rantai_penilai(org.staf, D).atasan_langsung.pegawai == org.kabid


def test_pejabat_cuti_tanpa_plh_tetap_atasan(org):
    org.kasi.status = Pegawai.Status.CUTI
    org.kasi.save()
    assert rantai_penilai(org.staf, D).atasan_langsung.pegawai == org.kasi


def test_pindah_jabatan_di_tengah_tahun(org):
    # The staf moves to the JF's unit as a second JF on 1 July: his penilai changes that day.
    Penugasan.objects.filter(pegawai=org.staf).update(selesai=dt.date(2026, 6, 30))
    tugaskan(
        org.staf,
        org.jab_jf.__class__.objects.create(
            instansi=org.instansi,
            unit=org.bidang,
            nama="Epidemiolog Ahli Pertama",
            jenis="fungsional",
            induk=org.jab_kabid,
        ),
        DEF,
        dt.date(2026, 7, 1),
    )
    assert rantai_penilai(org.staf, dt.date(2026, 6, 30)).atasan_langsung.pegawai == org.kasi
    assert rantai_penilai(org.staf, dt.date(2026, 7, 1)).atasan_langsung.pegawai == org.kabid


def test_jumlah_kueri_tetap(org, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rantai_penilai(org.staf, D)


def test_plt_atasan_sendiri_di_jabatan_kosong_dinilai_atasan_berikutnya(org):
    # Kepala bidang vacant; the kasi acts as its Plt.  The kasi is rated by the kadis (the
    # walk passes the jabatan he himself fills), and only the kasi passes that way.
    Penugasan.objects.filter(pegawai=org.kabid).update(selesai=dt.date(2026, 1, 1))
    tugaskan(org.kasi, org.jab_kabid, PLT, dt.date(2026, 2, 1))
    assert bawahan_langsung_ids(org.kadis, D) == {org.kasi.pk}
