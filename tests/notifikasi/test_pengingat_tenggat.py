"""The daily deadline reminders: monthly realisation, reviews pending too long (a Plt atasan
included), SKP not ditetapkan, appraisal windows closing — each once per recipient, kind and
period however often the task runs."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.services import harian as akt
from kalender.models import HariLibur
from notifikasi.models import Jenis, Notifikasi
from notifikasi.services import pengingat as s
from notifikasi.tasks import pengingat_harian
from pegawai.models import Penugasan
from penilaian.models import Penilaian, PeriodePenilaian
from skp.models import IndikatorKinerja, RencanaHasilKerja
from tests.factories import PegawaiFactory, PenugasanFactory


def ke(pegawai, jenis=None):
    qs = Notifikasi.objects.filter(penerima=pegawai)
    return qs.filter(jenis=jenis) if jenis else qs


# --- realisation ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hari", "jenis"),
    [
        (dt.date(2026, 4, 2), None),  # deadline 5 April: not yet within 2 days
        (dt.date(2026, 4, 3), Jenis.REALISASI_MENJELANG),
        (dt.date(2026, 4, 5), Jenis.REALISASI_MENJELANG),  # the deadline day itself
        (dt.date(2026, 4, 6), Jenis.REALISASI_TERLEWAT),
    ],
)
def test_realisasi_menjelang_dan_terlewat_di_sekitar_batas(org, skp_2026, hari, jenis):
    assert s.ingatkan_realisasi(hari) == (2 if jenis else 0)  # kasi and staf
    if jenis:
        n = ke(org.staf).get()
        assert (n.jenis, n.kunci) == (jenis, "2026-03")
    assert s.ingatkan_realisasi(hari) == 0  # a second run: nothing new


def test_realisasi_terkirim_tidak_diingatkan_dan_januari_dari_desember(org, skp_2026):
    skp = org.staf.skp.get()
    rhk = RencanaHasilKerja.objects.create(skp=skp, teks="Arsip")
    ind = IndikatorKinerja.objects.create(rhk=rhk, teks="x", aspek="kuantitas", target_teks="1")
    RealisasiBulanan.objects.create(
        skp=skp, indikator=ind, tahun=2026, bulan=3, realisasi="ok", status="diajukan"
    )
    s.ingatkan_realisasi(dt.date(2026, 4, 4))
    assert not ke(org.staf).exists() and ke(org.kasi).exists()
    # Across the year end: in January the December realisation is due.
    s.ingatkan_realisasi(dt.date(2027, 1, 4))
    assert ke(org.staf, Jenis.REALISASI_MENJELANG).get().kunci == "2026-12"


# --- pending reviews ------------------------------------------------------------------------
def _aktivitas(org, tanggal, pegawai=None):
    return akt.catat_aktivitas(
        pegawai or org.staf,
        pegawai or org.staf,
        akt.DataAktivitas(
            tanggal=tanggal,
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="Mengarsip",
            jumlah_output=Decimal("1"),
            satuan_output="berkas",
        ),
        uuid.uuid4(),
    )[0]


def _dientri(a, tanggal):
    Aktivitas.objects.filter(pk=a.pk).update(
        dientri_pada=timezone.make_aware(dt.datetime.combine(tanggal, dt.time(9)))
    )


def test_tinjauan_tertunda_dihitung_hari_kerja_melewati_libur(org, skp_2026):
    a = _aktivitas(org, dt.date(2026, 3, 9))  # Monday
    _dientri(a, dt.date(2026, 3, 9))
    HariLibur.objects.create(tanggal=dt.date(2026, 3, 11), nama="Libur", jenis="libur_nasional")
    # Workdays after Mon 9: Tue 10, (Wed 11 holiday), Thu 12, Fri 13 → 3 on Friday: not > 3.
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 13)) == 0
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 15)) == 0  # Sunday: still 3
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 16)) == 1  # Monday: 4 workdays
    n = ke(org.kasi, Jenis.TINJAUAN_TERTUNDA).get()
    assert n.kunci == "2026-03-16" and "1 kiriman" in n.judul
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 16)) == 0
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 17)) == 1  # daily while pending


def test_plt_atasan_menerima_pengingat_tinjauan(org, skp_2026):
    Penugasan.objects.filter(pegawai=org.kasi).update(selesai=dt.date(2026, 2, 28))
    plt = PegawaiFactory(instansi=org.instansi, nama="Plt Kasi")
    PenugasanFactory(pegawai=plt, jabatan=org.jab_kasi, jenis="plt", mulai=dt.date(2026, 3, 1))
    a = _aktivitas(org, dt.date(2026, 3, 2))
    assert a.penilai == plt
    _dientri(a, dt.date(2026, 3, 2))
    assert s.ingatkan_tinjauan_tertunda(dt.date(2026, 3, 9)) == 1
    assert ke(plt, Jenis.TINJAUAN_TERTUNDA).exists() and not ke(org.kasi).exists()


# --- SKP deadline ---------------------------------------------------------------------------
def test_skp_belum_ditetapkan_menjelang_lalu_terlewat_sekali_per_periode(org, skp_2026):
    # batas_penetapan_skp = 31 January 2026; default N = 7 days.
    assert s.ingatkan_skp(dt.date(2026, 1, 23)) == 0
    assert s.ingatkan_skp(dt.date(2026, 1, 24)) > 0
    assert ke(org.staf, Jenis.SKP_MENJELANG).exists()
    assert s.ingatkan_skp(dt.date(2026, 1, 31)) == 0  # same period, already told
    s.ingatkan_skp(dt.date(2026, 2, 1))
    assert ke(org.staf, Jenis.SKP_TERLEWAT).count() == 1
    s.ingatkan_skp(dt.date(2026, 2, 20))
    assert ke(org.staf, Jenis.SKP_TERLEWAT).count() == 1
    assert not ke(org.orang_lain).exists()


# --- appraisal windows ----------------------------------------------------------------------
def test_jendela_penilaian_segera_ditutup_ke_penilai_yang_belum_menilai(org, skp_2026):
    from skp.models import Skp

    Skp.objects.filter(periode=skp_2026).update(status=Skp.Status.DITETAPKAN)
    pp = PeriodePenilaian.objects.create(
        periode=skp_2026,
        jenis="triwulan",
        urutan=1,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 3, 31),
        dibuka=dt.date(2026, 3, 1),
        batas=dt.date(2026, 4, 10),
    )
    assert s.ingatkan_penilaian(dt.date(2026, 4, 6)) == 0  # 4 days before: not yet
    assert s.ingatkan_penilaian(dt.date(2026, 4, 7)) == 2  # the kasi (staf) and kabid (kasi)
    n = ke(org.kasi, Jenis.PENILAIAN_MENJELANG).get()
    assert n.kunci == f"penilaian:{pp.pk}:menjelang" and n.judul.startswith("1 pegawai")
    # The kasi rates his staf: after the deadline only the kabid is reminded again.
    Penilaian.objects.create(
        periode_penilaian=pp,
        skp=org.staf.skp.get(),
        pegawai=org.staf,
        unit=org.seksi,
        penilai=org.kasi,
        status="final",
        predikat="baik",
    )
    assert s.ingatkan_penilaian(dt.date(2026, 4, 11)) == 1
    assert ke(org.kabid, Jenis.PENILAIAN_MENJELANG).count() == 2
    assert s.ingatkan_penilaian(dt.date(2026, 4, 12)) == 0


def test_tugas_harian_dua_kali_tidak_menggandakan(org, skp_2026):
    pertama = pengingat_harian.apply(args=["2026-04-06"]).get()
    kedua = pengingat_harian.apply(args=["2026-04-06"]).get()
    assert pertama["realisasi"] == 2 and sum(kedua.values()) == 0
    assert Notifikasi.objects.count() == sum(pertama.values())
