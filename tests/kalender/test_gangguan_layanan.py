"""Declared service outages (issue 16 point 3): activities of outage days are not late,
outage days do not count for the entry deadline, the realisation deadline of an affected
month moves by the outage's workdays, the TPP recap applies it, and the pages say so."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aktivitas import rules
from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.selectors.gangguan import batas_realisasi
from aktivitas.services import gangguan as services_gangguan
from aktivitas.services import harian as akt
from aktivitas.services import realisasi as real
from kalender.models import GangguanLayanan, HariLibur
from kalender.selectors import hari_gangguan
from pegawai.models import Riwayat
from penilaian.selectors.tpp import rekap_tpp
from skp.models import IndikatorKinerja
from tests.aktivitas import conftest as aktivitas_conftest
from tests.aktivitas.conftest import data, kunci

# The aktivitas tests' SKP of the staf (fixtures shared by name).
periode_2026 = aktivitas_conftest.periode_2026
skp_staf = aktivitas_conftest.skp_staf
rhk_staf = aktivitas_conftest.rhk_staf

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SENIN = dt.date(2026, 3, 2)  # a Monday with no holiday around it


def hari(n: int) -> dt.date:
    return SENIN + dt.timedelta(days=n)


# --- the pure rules -----------------------------------------------------------------------
def test_hari_gangguan_tidak_dihitung_sebagai_hari_kerja_batas_entri():
    # Monday + 3 workdays = Thursday; with Tuesday out of service, Friday.
    assert rules.batas_entri(SENIN, 3, set()) == hari(3)
    assert rules.batas_entri(SENIN, 3, set(), {hari(1)}) == hari(4)
    assert rules.is_terlambat(SENIN, hari(4), 3, set()) is True
    assert rules.is_terlambat(SENIN, hari(4), 3, set(), {hari(1)}) is False
    assert rules.is_terlambat(SENIN, hari(7), 3, set(), {hari(1)}) is True


def test_aktivitas_hari_gangguan_tidak_pernah_terlambat():
    assert rules.is_terlambat(hari(1), hari(60), 3, set(), {hari(1)}) is False


def test_batas_realisasi_bergeser_sebanyak_hari_kerja_gangguan():
    asli = rules.batas_realisasi(2026, 3)  # Sunday 5 April 2026
    assert asli == dt.date(2026, 4, 5)
    # Two workdays out (Tue, Wed 10-11 March): two workdays after the 5th → Tuesday 7 April.
    dua = {dt.date(2026, 3, 10), dt.date(2026, 3, 11)}
    assert rules.geser_batas_realisasi(2026, 3, asli, set(), dua) == dt.date(2026, 4, 7)
    # A weekend outage costs no workday; no outage, no shift.
    sabtu = {dt.date(2026, 3, 14), dt.date(2026, 3, 15)}
    assert rules.geser_batas_realisasi(2026, 3, asli, set(), sabtu) == asli
    assert rules.geser_batas_realisasi(2026, 3, asli, set(), set()) == asli
    # A holiday right after the deadline is skipped as well.
    libur = {dt.date(2026, 4, 6)}
    satu = {dt.date(2026, 3, 10)}
    assert rules.geser_batas_realisasi(2026, 3, asli, libur, satu) == dt.date(2026, 4, 7)
    # Outage days of the next month before the deadline count for March too.
    awal_april = {dt.date(2026, 4, 1), dt.date(2026, 4, 2)}
    assert rules.geser_batas_realisasi(2026, 3, asli, set(), awal_april) == dt.date(2026, 4, 7)
    assert rules.hari_kerja_gangguan(dt.date(2026, 3, 1), asli, set(), dua | sabtu) == 2


# --- declaring ----------------------------------------------------------------------------
def test_hanya_admin_yang_menyatakan_gangguan(org):
    with pytest.raises(PermissionDenied):
        services_gangguan.nyatakan(org.staf, hari(1), hari(1), "Server mati")
    with pytest.raises(PermissionDenied):
        services_gangguan.nyatakan(org.operator, hari(1), hari(1), "Server mati")
    with pytest.raises(ValidationError):
        services_gangguan.nyatakan(org.admin, hari(2), hari(1), "Terbalik")
    assert not GangguanLayanan.objects.exists()


def test_gangguan_tercatat_dengan_riwayat_dan_cache_kalender(org):
    assert hari_gangguan(org.instansi.pk, SENIN, hari(6)) == set()  # cached empty
    g = services_gangguan.nyatakan(org.admin, hari(1), hari(2), "Pemadaman listrik")
    assert (g.instansi, g.dicatat_oleh) == (org.instansi, org.admin)
    assert hari_gangguan(org.instansi.pk, SENIN, hari(6)) == {hari(1), hari(2)}
    # another instansi is not affected
    assert hari_gangguan(org.orang_lain.instansi_id, SENIN, hari(6)) == set()
    aksi = set(Riwayat.objects.filter(object_id=g.pk).values_list("aksi", "pelaku_id"))
    assert aksi == {("gangguan.dinyatakan", org.admin.pk), ("gangguan.diterapkan", org.admin.pk)}


def _catat(org, rhk, tanggal, dientri, jam=8):
    d = data(rhk=rhk, tanggal=tanggal, mulai=(jam, 0), selesai=(jam + 1, 0))
    a = akt.catat_aktivitas(org.staf, org.staf, d, kunci())[0]
    Aktivitas.objects.filter(pk=a.pk).update(
        dientri_pada=dt.datetime.combine(dientri, dt.time(10), tzinfo=WIB)
    )
    return a


def test_entri_baru_untuk_hari_gangguan_tidak_terlambat(org, rhk_staf):
    tanggal = timezone.localdate() - dt.timedelta(days=40)
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=tanggal, selesai=tanggal, alasan="Server mati"
    )
    a = akt.catat_aktivitas(org.staf, org.staf, data(rhk=rhk_staf, tanggal=tanggal), kunci())[0]
    b = akt.catat_aktivitas(
        org.staf, org.staf, data(rhk=rhk_staf, tanggal=tanggal - dt.timedelta(days=1)), kunci()
    )[0]
    assert a.terlambat is False
    assert b.terlambat is True


def test_menyatakan_gangguan_menghapus_keterlambatan_yang_dimaafkan(org, rhk_staf):
    pada = _catat(org, rhk_staf, hari(1), hari(20))  # an outage day, entered weeks later
    sebelum = _catat(org, rhk_staf, SENIN, hari(4))  # deadline Thu, entered Fri: late
    jauh = _catat(org, rhk_staf, SENIN, hari(10), jam=10)  # late even with one day more
    Aktivitas.objects.filter(pk__in=[pada.pk, sebelum.pk, jauh.pk]).update(terlambat=True)
    services_gangguan.nyatakan(org.admin, hari(1), hari(1), "Server mati")
    terlambat = dict(Aktivitas.objects.values_list("pk", "terlambat"))
    assert terlambat == {pada.pk: False, sebelum.pk: False, jauh.pk: True}
    g = GangguanLayanan.objects.get()
    r = Riwayat.objects.get(object_id=g.pk, aksi="gangguan.diterapkan")
    assert r.data == {"aktivitas": 2, "realisasi": 0}


def test_gangguan_instansi_lain_tidak_menyentuh_aktivitas(org, rhk_staf):
    a = _catat(org, rhk_staf, hari(1), hari(20))
    Aktivitas.objects.filter(pk=a.pk).update(terlambat=True)
    from tests.factories import PegawaiFactory

    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    services_gangguan.nyatakan(admin_lain, hari(1), hari(1), "Server mati")
    a.refresh_from_db()
    assert a.terlambat is True


# --- the realisation deadline -------------------------------------------------------------
@pytest.fixture
def realisasi_maret(org, rhk_staf, monkeypatch):
    akt.catat_aktivitas(org.staf, org.staf, data(rhk=rhk_staf, tanggal=hari(9)), kunci())
    monkeypatch.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 2, 10, tzinfo=WIB))
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    return monkeypatch


def test_batas_realisasi_bulan_terdampak_bergeser(org, realisasi_maret):
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    b = batas_realisasi(org.instansi.pk, 2026, 3)
    assert (b.asli, b.berlaku, b.hari_gangguan) == (dt.date(2026, 4, 5), dt.date(2026, 4, 7), 2)
    assert [g.alasan for g in b.gangguan] == ["x"]
    # submitted on the 7th (after the 5th): on time with the moved deadline
    realisasi_maret.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 7, 15, tzinfo=WIB))
    assert real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0].terlambat is False


def test_tanpa_gangguan_tanggal_7_terlambat(org, realisasi_maret):
    realisasi_maret.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 7, 15, tzinfo=WIB))
    assert real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0].terlambat is True


def test_menyatakan_gangguan_membebaskan_realisasi_yang_masuk_sebelum_batas_baru(
    org, realisasi_maret
):
    realisasi_maret.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 7, 15, tzinfo=WIB))
    r = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0]
    assert r.terlambat is True
    services_gangguan.nyatakan(org.admin, dt.date(2026, 3, 10), dt.date(2026, 3, 11), "x")
    r.refresh_from_db()
    assert r.terlambat is False


def test_gangguan_satu_hari_tidak_cukup_untuk_tanggal_7(org, realisasi_maret):
    realisasi_maret.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 7, 15, tzinfo=WIB))
    r = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0]
    services_gangguan.nyatakan(org.admin, dt.date(2026, 3, 10), dt.date(2026, 3, 10), "x")
    r.refresh_from_db()
    assert r.terlambat is True  # the deadline moved to Monday the 6th only


# --- the TPP recap ------------------------------------------------------------------------
def _realisasi_terlambat(skp, diajukan: dt.datetime) -> RealisasiBulanan:
    return RealisasiBulanan.objects.create(
        skp=skp,
        indikator=IndikatorKinerja.objects.filter(rhk__skp=skp).first(),
        tahun=2026,
        bulan=3,
        realisasi="Tercapai",
        status=RealisasiBulanan.Status.DIAJUKAN,
        diajukan_pada=diajukan,
        terlambat=True,
    )


def _tepat(org, bulan=3) -> bool:
    rekap = rekap_tpp(org.seksi, 2026, bulan)
    return next(b for b in rekap.baris if b.pegawai == org.staf).realisasi_tepat_waktu


def test_rekap_tpp_memakai_batas_yang_bergeser(org, skp_staf):
    # Flagged late (submitted on 7 April, before anyone declared the outage).
    _realisasi_terlambat(skp_staf, dt.datetime(2026, 4, 7, 9, tzinfo=WIB))
    assert _tepat(org) is False
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    assert _tepat(org) is True
    rekap = rekap_tpp(org.seksi, 2026, 3)
    assert rekap.batas.bergeser and rekap.batas.berlaku == dt.date(2026, 4, 7)


def test_rekap_tpp_tetap_terlambat_setelah_batas_baru(org, skp_staf):
    _realisasi_terlambat(skp_staf, dt.datetime(2026, 4, 8, 9, tzinfo=WIB))
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    assert _tepat(org) is False


# --- the pages ----------------------------------------------------------------------------
def test_halaman_hari_menyebut_gangguan(client, org, rhk_staf):
    tanggal = timezone.localdate() - dt.timedelta(days=3)
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=tanggal, selesai=tanggal, alasan="Pusat data banjir"
    )
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_harian"), {"tanggal": tanggal.isoformat()}).content
    assert b"Pusat data banjir" in html
    assert b"tidak dihitung terlambat" in html
    lain = client.get(
        reverse("aktivitas_harian"), {"tanggal": (tanggal - dt.timedelta(days=1)).isoformat()}
    ).content
    assert b"Pusat data banjir" not in lain


def test_halaman_realisasi_menyebut_batas_yang_bergeser(client, org, realisasi_maret):
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    client.force_login(org.staf)
    html = client.get(reverse("realisasi_bulanan"), {"bulan": "2026-03"}).content.decode()
    assert "bergeser dari 5 Apr 2026 ke 7 Apr 2026" in html


def test_beranda_menampilkan_gangguan(client, org):
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=kemarin, selesai=kemarin, alasan="Jaringan putus"
    )
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "Gangguan layanan" in html and "Jaringan putus" in html


def test_halaman_admin_menyatakan_dan_menghapus(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("gangguan_daftar"),
        {"mulai": "2026-03-03", "selesai": "2026-03-04", "alasan": "Server mati"},
    )
    assert r.status_code == 302
    g = GangguanLayanan.objects.get()
    assert "Server mati" in client.get(reverse("gangguan_daftar")).content.decode()
    # wrong order: the message is next to the field
    r = client.post(
        reverse("gangguan_daftar"),
        {"mulai": "2026-03-05", "selesai": "2026-03-04", "alasan": "Terbalik"},
    )
    assert r.status_code == 400 and "tidak boleh sebelum" in r.content.decode()
    assert client.get(reverse("gangguan_hapus", args=[g.pk])).status_code == 200  # asks first
    assert client.post(reverse("gangguan_hapus", args=[g.pk])).status_code == 302
    assert not GangguanLayanan.objects.exists()
    assert Riwayat.objects.filter(aksi="gangguan.dihapus", pelaku=org.admin).exists()


def test_admin_instansi_lain_tidak_melihat_gangguan(client, org):
    g = GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=hari(1), selesai=hari(1), alasan="Rahasia"
    )
    from tests.factories import PegawaiFactory

    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    client.force_login(admin_lain)
    assert "Rahasia" not in client.get(reverse("gangguan_daftar")).content.decode()
    assert client.post(reverse("gangguan_hapus", args=[g.pk])).status_code == 404


def test_hari_libur_tetap_dihitung_bersama_gangguan(org):
    HariLibur.objects.create(tanggal=hari(2), nama="Libur", jenis="cuti_bersama")
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=hari(1), selesai=hari(1), alasan="x"
    )
    assert akt.is_terlambat(org.staf, SENIN, hari(7)) is False  # Tue out, Wed off → next Mon
    assert akt.is_terlambat(org.staf, SENIN, hari(8)) is True


# --- the monitoring summary ---------------------------------------------------------------
def test_ringkasan_pemantauan_memakai_batas_yang_bergeser(org):
    from pemantauan.models import RingkasanPegawaiBulan
    from pemantauan.services import bangun_ringkasan
    from skp.models import Skp
    from skp.services import penyusunan

    periode = penyusunan.buka_periode(org.admin, org.instansi, 2026)
    skp = penyusunan.buat_skp(org.staf, org.staf, periode, tanggal=periode.mulai)
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DITETAPKAN)

    def status():
        bangun_ringkasan(2026, pegawai_ids=[org.staf.pk], bulan=[3], hari_ini=dt.date(2026, 4, 6))
        return RingkasanPegawaiBulan.objects.get(pegawai=org.staf, bulan=3).realisasi

    assert status() == RingkasanPegawaiBulan.Realisasi.BELUM  # past the 5th, nothing sent
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    assert status() == RingkasanPegawaiBulan.Realisasi.BELUM_JATUH_TEMPO  # due the 7th now


# --- the reminder -------------------------------------------------------------------------
def test_pengingat_realisasi_memakai_batas_yang_bergeser(org):
    from notifikasi.models import Jenis, Notifikasi
    from notifikasi.services import pengingat
    from skp.services import penyusunan

    periode = penyusunan.buka_periode(org.admin, org.instansi, 2026)
    penyusunan.buat_skp(org.staf, org.staf, periode, tanggal=periode.mulai)
    GangguanLayanan.objects.create(
        instansi=org.instansi, mulai=dt.date(2026, 3, 10), selesai=dt.date(2026, 3, 11), alasan="x"
    )
    # Without the outage the 6th is "terlewat"; the deadline is the 7th now: "menjelang".
    pengingat.ingatkan_realisasi(dt.date(2026, 4, 6))
    n = Notifikasi.objects.get(penerima=org.staf)
    assert n.jenis == Jenis.REALISASI_MENJELANG and "07-04-2026" in n.judul


def test_halaman_gangguan_berhalaman_ringan_dan_ditautkan(
    client, org, django_assert_max_num_queries
):
    for i in range(30):
        GangguanLayanan.objects.create(
            instansi=org.instansi, mulai=hari(i), selesai=hari(i), alasan=f"Gangguan {i:02d}"
        )
    client.force_login(org.admin)
    url = reverse("gangguan_daftar")
    client.get(url)
    with django_assert_max_num_queries(10):
        r = client.get(url)
    html = r.content.decode()
    assert html.count("Gangguan ") >= 25 and "Gangguan 04" not in html  # 25 newest a page
    assert len(r.content) <= 30 * 1024
    assert url in client.get(reverse("libur_daftar")).content.decode()
    assert url in client.get(reverse("pengumuman_daftar")).content.decode()
