"""Escalation of reviews waiting too long (issue 17 §3): first the penilai (the existing
reminder), then — after the instansi's second limit — the penilai's own atasan, with a
notification and the page "bawahan Anda belum meninjau" listing only his own subordinates.
The rules (overdue, median, share) are pure and tested cell by cell."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.services import harian as akt
from kalender.models import HariLibur
from notifikasi import rules
from notifikasi.models import Jenis, Notifikasi, PengaturanPengingat
from notifikasi.services import pengingat as s
from notifikasi.tasks import pengingat_harian
from penilaian.models import Penilaian, PeriodePenilaian
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

SENIN = dt.date(2026, 3, 9)


# --- the pure rules ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hari", "tingkat"),
    [
        (0, rules.TIDAK_TERLAMBAT),
        (3, rules.TIDAK_TERLAMBAT),
        (4, rules.TERLAMBAT),
        (6, rules.TERLAMBAT),
        (7, rules.ESKALASI),
        (30, rules.ESKALASI),
    ],
)
def test_tingkat_tunda_batas_pertama_lalu_kedua(hari, tingkat):
    assert rules.tingkat_tunda(hari, 3, 3) == tingkat


def test_tingkat_tunda_batas_kedua_nol_langsung_ke_atasan():
    assert rules.tingkat_tunda(4, 3, 0) == rules.ESKALASI
    assert rules.tingkat_tunda(3, 3, 0) == rules.TIDAK_TERLAMBAT


@pytest.mark.parametrize(
    ("histogram", "median"),
    [
        ({}, None),
        ({5: 0}, None),
        ({2: 1}, 2.0),
        ({1: 1, 3: 1}, 2.0),  # even count: mean of the two middle values
        ({1: 2, 9: 1}, 1.0),
        ({0: 1, 1: 1, 2: 1, 10: 1}, 1.5),
        ({4: 3, 1: 3}, 2.5),
    ],
)
def test_median_dari_histogram(histogram, median):
    assert rules.median_histogram(histogram) == median


def test_persen_dibulatkan_setengah_ke_atas():
    assert rules.persen(0, 0) is None
    assert rules.persen(1, 3) == 33
    assert rules.persen(1, 8) == 13  # 12.5 → 13
    assert rules.persen(2, 2) == 100


def test_ketepatan_median_hanya_tinjauan_selesai_bagian_terlambat_termasuk_menunggu():
    k = rules.ketepatan({1: 2, 5: 1}, {2: 1, 8: 1}, 3, 3)
    assert k.ditinjau == 3 and k.menunggu == 2
    assert k.median_hari == 1.0
    assert k.terlambat == 2  # the review of 5 days and the item waiting 8
    assert k.eskalasi == 1  # only a waiting item escalates
    assert k.persen_terlambat == 40
    kosong = rules.ketepatan({}, {}, 3, 3)
    assert kosong.median_hari is None and kosong.persen_terlambat is None


def test_tanggal_batas_tunda_menghitung_hari_kerja_dan_libur():
    # Wed 18 March 2026; 3 workdays back: Tue 17, Mon 16, Fri 13 → on or before Thu 12.
    assert rules.tanggal_batas_tunda(dt.date(2026, 3, 18), 3, set()) == dt.date(2026, 3, 12)
    libur = {dt.date(2026, 3, 16)}
    assert rules.tanggal_batas_tunda(dt.date(2026, 3, 18), 3, libur) == dt.date(2026, 3, 11)


# --- the escalation reminder ------------------------------------------------------------------
def _aktivitas(org, tanggal, jam=8):
    a = akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=tanggal,
            jam_mulai=dt.time(jam),
            jam_selesai=dt.time(jam, 30),
            uraian="Mengarsip",
            jumlah_output=Decimal("1"),
            satuan_output="berkas",
        ),
        uuid.uuid4(),
    )[0]
    Aktivitas.objects.filter(pk=a.pk).update(
        dientri_pada=timezone.make_aware(dt.datetime.combine(tanggal, dt.time(9)))
    )
    return a


def ke(pegawai, jenis=Jenis.TINJAUAN_ESKALASI):
    return Notifikasi.objects.filter(penerima=pegawai, jenis=jenis)


def test_aktivitas_tertunda_ke_atasan_penilai_setelah_batas_kedua(org, skp_2026):
    a = _aktivitas(org, SENIN)
    assert a.penilai == org.kasi
    # Defaults 3 + 3 workdays: Tue 17 March is the 6th workday after Mon 9 → not yet.
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 17)) == 0
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 18)) == 1
    n = ke(org.kabid).get()  # the kasi's own atasan, not the kasi, not the kadis
    assert n.tautan == reverse("pemantauan_eskalasi") and n.judul.startswith("1 bawahan")
    assert not ke(org.kasi).exists() and not ke(org.kadis).exists()
    # Once a week per atasan, whatever the runs.
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 18)) == 0
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 20)) == 0
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 23)) == 1
    # Reviewed: nothing more to escalate.
    Aktivitas.objects.filter(pk=a.pk).update(status=Aktivitas.Status.DISETUJUI)
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 30)) == 0


def test_batas_kedua_diatur_instansi_dan_libur_tidak_dihitung(org, skp_2026):
    _aktivitas(org, SENIN)
    PengaturanPengingat.objects.update_or_create(
        instansi=org.instansi, defaults={"hari_eskalasi_atasan": 1}
    )
    HariLibur.objects.create(tanggal=dt.date(2026, 3, 12), nama="Libur", jenis="libur_nasional")
    # Beyond 3 + 1 workdays after Mon 9: Tue 10, Wed 11, (Thu 12 off), Fri 13, Mon 16, Tue 17.
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 16)) == 0
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 17)) == 1
    assert ke(org.kabid).exists()


def test_realisasi_dan_penilaian_tertunda_juga_diteruskan(org, skp_2026):
    skp = org.staf.skp.get()
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DITETAPKAN, penilai=org.kasi)
    rhk = RencanaHasilKerja.objects.create(skp=skp, teks="Arsip")
    ind = IndikatorKinerja.objects.create(rhk=rhk, teks="x", aspek="kuantitas", target_teks="1")
    RealisasiBulanan.objects.create(
        skp=skp,
        indikator=ind,
        tahun=2026,
        bulan=2,
        realisasi="ok",
        status="diajukan",
        penilai=org.kasi,
        diajukan_pada=timezone.make_aware(dt.datetime(2026, 3, 2, 9)),
    )
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 10)) == 0  # 6 workdays after Mon 2
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 3, 11)) == 1
    assert ke(org.kabid).get().judul.startswith("1 bawahan")
    # A rating: window deadline Fri 10 April, nothing rated → escalated from Tue 21 April.
    RealisasiBulanan.objects.update(status="disetujui")
    pp = PeriodePenilaian.objects.create(
        periode=skp_2026,
        jenis="triwulan",
        urutan=1,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 3, 31),
        dibuka=dt.date(2026, 3, 1),
        batas=dt.date(2026, 4, 10),
    )
    Notifikasi.objects.all().delete()
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 4, 20)) == 0
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 4, 21)) == 1
    assert ke(org.kabid).exists()
    # Rated (dinilai): no longer waiting.
    Penilaian.objects.create(
        periode_penilaian=pp,
        skp=skp,
        pegawai=org.staf,
        unit=org.seksi,
        penilai=org.kasi,
        status=Penilaian.Status.DINILAI,
    )
    assert s.ingatkan_eskalasi_tinjauan(dt.date(2026, 4, 28)) == 0


def test_tugas_harian_menjalankan_eskalasi(org, skp_2026):
    _aktivitas(org, SENIN)
    hasil = pengingat_harian.apply(args=["2026-03-18"]).get()
    assert hasil["eskalasi"] == 1


# --- the atasan's page ------------------------------------------------------------------------
@pytest.fixture
def tanggal_18_maret(monkeypatch):
    from skp.services import penyusunan

    monkeypatch.setattr(penyusunan, "hari_ini", lambda: dt.date(2026, 3, 18))


def test_halaman_bawahan_belum_meninjau_hanya_bawahan_sendiri(
    client, org, skp_2026, tanggal_18_maret
):
    _aktivitas(org, SENIN)
    url = reverse("pemantauan_eskalasi")
    client.force_login(org.kabid)
    r = client.get(url)
    assert r.status_code == 200
    baris = list(r.context["page_obj"])
    assert [b.penilai for b in baris] == [org.kasi]
    assert baris[0].ketepatan.eskalasi == 1
    assert reverse("pemantauan_ketepatan_rincian", args=[org.kasi.pk]) in r.content.decode()
    # The kadis is the kabid's atasan, not the kasi's: the kasi is not on his list.
    client.force_login(org.kadis)
    r = client.get(url)
    assert r.status_code == 200 and not list(r.context["page_obj"])
    assert "Tidak ada tinjauan yang tertunda terlalu lama" in r.content.decode()
    # Not an atasan: 403.
    client.force_login(org.staf)
    assert client.get(url).status_code == 403


def test_rincian_penilai_untuk_atasannya_dan_404_bagi_yang_lain(
    client, org, skp_2026, tanggal_18_maret
):
    _aktivitas(org, SENIN)
    url = reverse("pemantauan_ketepatan_rincian", args=[org.kasi.pk])
    client.force_login(org.kabid)
    r = client.get(url)
    assert r.status_code == 200
    (item,) = r.context["aktivitas"]
    assert item.pegawai == org.staf and item.hari == 7 and item.tingkat == rules.ESKALASI
    for orang in (org.kadis, org.staf, org.orang_lain):
        client.force_login(orang)
        assert client.get(url).status_code in (403, 404), orang


def test_halaman_eskalasi_kueri_tetap(
    client, org, skp_2026, tanggal_18_maret, django_assert_max_num_queries
):
    client.force_login(org.kabid)
    url = reverse("pemantauan_eskalasi")
    _aktivitas(org, SENIN)
    client.get(url)
    with django_assert_max_num_queries(10) as sedikit:
        client.get(url)
    for i in range(15):
        _aktivitas(org, SENIN + dt.timedelta(days=i % 5), jam=9 + i // 5)
    client.get(url)
    with django_assert_max_num_queries(10) as banyak:
        client.get(url)
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)
