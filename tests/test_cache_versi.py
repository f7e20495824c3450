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


def test_skp_berlaku_mengikuti_status_skp(org):
    draf = Skp.objects.create(
        pegawai=org.staf,
        periode=services_skp.buka_periode(org.admin, org.instansi, 2026),
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
    )
    assert skp_berlaku(org.staf, HARI) == draf
    draf.status = Skp.Status.DIGANTIKAN
    draf.save()
    assert skp_berlaku(org.staf, HARI) is None


def test_dalam_satu_permintaan_cache_dibaca_sekali(db, monkeypatch):
    """Within a request each version and value is read from the shared cache once; a bump in
    the request makes the next read go to the cache again; outside a request nothing is
    remembered (a Celery task always reads the shared cache)."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started

    ambil("uji-memo", "k", lambda: "nilai")  # in the shared cache now
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
    ambil("uji-memo", "k", lambda: "lain")
    ambil("uji-memo", "k", lambda: "lain")
    assert len(baca) == 4  # no request: version and value, twice

    baca.clear()
    request_started.send(sender=None)
    try:
        assert [ambil("uji-memo", "k", lambda: "lain") for _ in range(3)] == ["nilai"] * 3
        assert len(baca) == 2  # the versions (one get_many) and the value, once
        assert "versi:uji-memo" in baca[0] and "versi:organisasi" in baca[0]
        berubah("uji-memo")
        assert ambil("uji-memo", "k", lambda: "baru") == "baru"
        assert ambil("uji-memo", "k", lambda: "lain") == "baru"
    finally:
        request_finished.send(sender=None)
    baca.clear()
    ambil("uji-memo", "k", lambda: "lain")
    assert len(baca) == 2
