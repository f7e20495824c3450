"""The versioned cache of per-request work (issue 12): a value is computed once, and any change
of what it is computed from — through a model's save or delete — makes the next read compute
it again (inti/cache_versi.py and the apps' sinyal.py)."""

import datetime as dt

from aktivitas.models import PengaturanKinerja
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services.harian import skp_berlaku
from inti.cache_versi import ambil, berubah
from kalender.models import HariLibur
from kalender.selectors import hari_libur
from pegawai.models import OperatorUnit, Penugasan
from pegawai.permissions import Peran
from skp.models import Skp
from skp.services import penyusunan as services_skp
from tests.factories import OperatorUnitFactory

HARI = dt.date(2026, 3, 10)


def test_dihitung_sekali_lalu_lagi_setelah_berubah(db):
    hitung = []

    def nilai():
        hitung.append(1)
        return len(hitung)

    assert ambil("uji", "k", nilai) == 1
    assert ambil("uji", "k", nilai) == 1  # cached
    berubah("uji")
    assert ambil("uji", "k", nilai) == 2
    assert ambil("lain", "k", nilai) == 3  # another version name, another value


def test_lokal_tidak_masuk_cache_bersama(db):
    """``lokal=True`` (rendered HTML): kept by this process only — a new release's processes
    draw it again — and still forgotten when its version moves."""
    from django.core.cache import cache

    from inti.cache_versi import _kunci_nilai, kosongkan_lokal

    hitung = []

    def nilai():
        hitung.append(1)
        return f"<p>{len(hitung)}</p>"

    assert ambil("uji-lokal", "k", nilai, lokal=True) == "<p>1</p>"
    assert ambil("uji-lokal", "k", nilai, lokal=True) == "<p>1</p>"
    assert cache.get(_kunci_nilai("uji-lokal", "k")) is None
    berubah("uji-lokal")
    assert ambil("uji-lokal", "k", nilai, lokal=True) == "<p>2</p>"
    kosongkan_lokal()  # another process (or one restarted) has nothing of it
    assert ambil("uji-lokal", "k", nilai, lokal=True) == "<p>3</p>"


def test_peran_operator_mengikuti_penugasan(org):
    assert not Peran(org.staf, HARI).is_operator
    ou = OperatorUnitFactory(pegawai=org.staf, unit=org.seksi)
    assert Peran(org.staf, HARI).is_operator
    OperatorUnit.objects.filter(pk=ou.pk).get().delete()
    assert not Peran(org.staf, HARI).is_operator


def test_bawahan_mengikuti_penugasan(org):
    assert org.staf.pk in Peran(org.kasi, HARI).bawahan_ids
    tugas = Penugasan.objects.get(pegawai=org.staf)
    tugas.selesai = HARI - dt.timedelta(days=1)
    tugas.save()
    assert org.staf.pk not in Peran(org.kasi, HARI).bawahan_ids


def test_hari_libur_dan_pengaturan_mengikuti_perubahan(org):
    assert HARI not in hari_libur(org.instansi.pk, HARI, HARI)
    HariLibur.objects.create(tanggal=HARI, nama="Libur uji", instansi=org.instansi)
    assert HARI in hari_libur(org.instansi.pk, HARI, HARI)
    assert pengaturan_kinerja(org.instansi.pk).batas_hari_kerja_terlambat == 3
    PengaturanKinerja.objects.create(instansi=org.instansi, batas_hari_kerja_terlambat=5)
    assert pengaturan_kinerja(org.instansi.pk).batas_hari_kerja_terlambat == 5


def _skp_2026(org) -> Skp:
    return Skp.objects.create(
        pegawai=org.staf,
        periode=services_skp.buka_periode(org.admin, org.instansi, 2026),
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
    )


def test_skp_berlaku_mengikuti_status_skp(org):
    draf = _skp_2026(org)
    assert skp_berlaku(org.staf, HARI) == draf
    draf.status = Skp.Status.DIGANTIKAN
    draf.save()
    assert skp_berlaku(org.staf, HARI) is None


def test_dalam_satu_permintaan_cache_dibaca_sekali(db, monkeypatch):
    """Within a request the versions are read from the shared cache once (one get_many) and a
    value already read by this process is not read again; a bump in the request makes the next
    read use the new version; outside a request the versions are read on every call (a Celery
    task sees another process's change at once)."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    ambil("uji-memo", "k", lambda: "nilai")  # in the shared cache and this process now
    baca, dalam = [], []
    asli_get, asli_get_many = cache.get, cache.get_many

    def get(k, *a, **kw):
        if not dalam:  # the local cache's get_many calls get per key: one round trip
            baca.append(k)
        return asli_get(k, *a, **kw)

    def get_many(ks, *a, **kw):
        baca.append(tuple(ks))
        dalam.append(1)
        try:
            return asli_get_many(ks, *a, **kw)
        finally:
            dalam.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    assert ambil("uji-memo", "k", lambda: "lain") == "nilai"
    assert ambil("uji-memo", "k", lambda: "lain") == "nilai"
    assert baca == ["versi:uji-memo", "versi:uji-memo"]  # no request: the version, twice

    baca.clear()
    # As Django's test client does: the request signals without close_old_connections, which
    # would close this test's connection inside its transaction.
    for sinyal in (request_started, request_finished):
        sinyal.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        assert [ambil("uji-memo", "k", lambda: "lain") for _ in range(3)] == ["nilai"] * 3
        assert len(baca) == 1  # the versions, in one get_many
        assert "versi:uji-memo" in baca[0] and "versi:organisasi" in baca[0]
        berubah("uji-memo")
        assert ambil("uji-memo", "k", lambda: "baru") == "baru"
        assert ambil("uji-memo", "k", lambda: "lain") == "baru"
    finally:
        request_finished.send(sender=None)
        for sinyal in (request_started, request_finished):
            sinyal.connect(close_old_connections)
    baca.clear()
    assert ambil("uji-memo", "k", lambda: "lain") == "baru"
    assert baca == ["versi:uji-memo"]


def test_nilai_proses_lain_dibaca_sekali_dari_cache_bersama(db, monkeypatch):
    """A value another process computed is read from the shared cache once, then kept here;
    each read gets its own copy (changing it changes nothing kept)."""
    from django.core.cache import cache

    from inti.cache_versi import kosongkan_lokal

    assert ambil("uji-lokal", "k", lambda: {"a": [1]}) == {"a": [1]}
    kosongkan_lokal()  # as if another process had computed it
    baca = []
    asli_get = cache.get
    monkeypatch.setattr(cache, "get", lambda k, *a, **kw: baca.append(k) or asli_get(k, *a, **kw))
    nilai = ambil("uji-lokal", "k", lambda: "dihitung lagi")
    assert nilai == {"a": [1]}
    nilai["a"].append(2)  # a caller changing what it got
    assert ambil("uji-lokal", "k", lambda: "dihitung lagi") == {"a": [1]}
    assert [k for k in baca if k.startswith("nilai:")] == [baca[1]]  # the value: once


def test_nilai_kedaluwarsa_menurut_umurnya(db, monkeypatch):
    """A value kept for ``umur`` seconds is computed again after it, here as in the shared
    cache (the dashboards' counts are at most five minutes old)."""
    import inti.cache_versi as cv

    hitung = []
    sekarang = [1_000_000.0]
    monkeypatch.setattr(cv.time, "time", lambda: sekarang[0])
    assert ambil("uji-umur", "k", lambda: hitung.append(1) or len(hitung), umur=300) == 1
    sekarang[0] += 299
    assert ambil("uji-umur", "k", lambda: hitung.append(1) or len(hitung), umur=300) == 1
    sekarang[0] += 2
    # Past its expiry here; the shared cache (local memory in tests) may still hold it with
    # the same expiry stored beside it, which is honoured too.
    assert ambil("uji-umur", "k", lambda: hitung.append(1) or len(hitung), umur=300) == 2


def test_banyak_nilai_proses_dibatasi(db, monkeypatch):
    import inti.cache_versi as cv

    monkeypatch.setattr(cv, "MAKS_LOKAL", 5)
    for i in range(12):
        ambil("uji-batas", str(i), lambda i=i: i)
    assert len(cv._lokal) == 5
    assert list(cv._lokal)[-1].endswith(":11")


def test_nama_libur_dari_cache_kalender(org, django_assert_num_queries):
    """The week and month pages' holiday names and the day page's deadline read the
    calendar's cached year: no query once it is read; an instansi's own holiday of the same day
    names it."""
    from aktivitas.selectors.harian import batas_tepat_waktu, libur_rentang

    HariLibur.objects.create(tanggal=HARI, nama="Libur nasional", instansi=None)
    HariLibur.objects.create(tanggal=HARI, nama="Hari jadi kabupaten", instansi=org.instansi)
    awal, akhir = HARI - dt.timedelta(days=3), HARI + dt.timedelta(days=3)
    assert libur_rentang(org.instansi.pk, awal, akhir) == {HARI: "Hari jadi kabupaten"}
    batas_tepat_waktu(org.instansi.pk, HARI, 3)  # the year's outages, read once too
    with django_assert_num_queries(0):
        assert libur_rentang(org.instansi.pk, awal, akhir) == {HARI: "Hari jadi kabupaten"}
        # 9 March 2026 is a Monday; the 10th a holiday: three workdays later is the 13th
        assert batas_tepat_waktu(org.instansi.pk, HARI - dt.timedelta(days=1), 3) > HARI
    HariLibur.objects.filter(instansi=org.instansi).delete()
    assert libur_rentang(None, awal, akhir) == {HARI: "Libur nasional"}


def test_pilihan_rhk_dan_rencana_aksi_mengikuti_perubahan(org, django_assert_num_queries):
    """The entry form's RHK and action plans are cached per SKP (rhk_skp, rencana_aksi_bulan)
    and follow any RHK or action plan saved or deleted at once."""
    from aktivitas.models import RencanaAksi
    from aktivitas.selectors.harian import rencana_aksi_bulan, rhk_skp
    from skp.models import RencanaHasilKerja

    skp = _skp_2026(org)
    satu = RencanaHasilKerja.objects.create(skp=skp, teks="RHK satu")
    assert [r.teks for r in rhk_skp(skp)] == ["RHK satu"]
    assert rencana_aksi_bulan(skp, rhk_skp(skp), 2026, 3) == []
    with django_assert_num_queries(0):
        rhk = rhk_skp(skp)
        assert rencana_aksi_bulan(skp, rhk, 2026, 3) == []
    satu.teks = "RHK satu, diperbaiki"
    satu.save()
    RencanaHasilKerja.objects.create(skp=skp, teks="RHK dua", urutan=2)
    assert [r.teks for r in rhk_skp(skp)] == ["RHK satu, diperbaiki", "RHK dua"]
    ra = RencanaAksi.objects.create(rhk=satu, tahun=2026, bulan=3, teks="Menyusun draf")
    assert [a.teks for a in rencana_aksi_bulan(skp, rhk_skp(skp), 2026, 3)] == ["Menyusun draf"]
    RencanaAksi.objects.get(pk=ra.pk).delete()  # the plan alone, its RHK not read
    assert rencana_aksi_bulan(skp, rhk_skp(skp), 2026, 3) == []
    satu.delete()
    assert [r.teks for r in rhk_skp(skp)] == ["RHK dua"]
