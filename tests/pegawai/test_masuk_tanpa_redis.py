"""Redis is an optimisation, never a gate (issue 22): with the cache's Redis unreachable a
pegawai signs in, works and signs out, and the login throttle keeps counting — stopping
Redis never lifts a lock."""

import logging

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from ekinerja import cache as cache_tangguh
from pegawai.models import PercobaanMasuk
from tests.pegawai.test_masuk import SANDI, masuk, sudah_masuk

REDIS_MATI = "redis://127.0.0.1:1/0"  # port 1: nothing listens, the refusal is immediate


@pytest.fixture
def redis_mati(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ekinerja.cache.CacheTangguh",
            "LOCATION": REDIS_MATI,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    return settings


def test_masuk_bekerja_keluar_tanpa_redis(client, org, redis_mati):
    assert client.get(reverse("masuk")).status_code == 200
    r = masuk(client, org.staf.nip, SANDI)
    assert r.status_code == 302 and r.url == reverse("beranda")
    assert sudah_masuk(client)
    for nama in ("beranda", "profil", "aktivitas_harian"):
        assert client.get(reverse(nama)).status_code == 200, nama
    assert client.post(reverse("keluar")).status_code == 302
    assert not sudah_masuk(client)


def test_kunci_tetap_berlaku_setelah_redis_berhenti(client, org, settings):
    for _ in range(5):
        masuk(client, org.staf.nip, "salah")  # locked while the cache still worked
    settings.CACHES = {
        "default": {"BACKEND": "ekinerja.cache.CacheTangguh", "LOCATION": REDIS_MATI}
    }
    html = masuk(client, org.staf.nip, SANDI).content.decode()
    assert "Terlalu banyak percobaan" in html
    assert not sudah_masuk(client)


def test_hitungan_gagal_berlanjut_tanpa_redis(client, org, redis_mati):
    for _ in range(4):
        assert "Terlalu banyak" not in masuk(client, org.staf.nip, "salah").content.decode()
    assert "Terlalu banyak" in masuk(client, org.staf.nip, "salah").content.decode()
    assert "Terlalu banyak" in masuk(client, org.staf.nip, SANDI).content.decode()
    # One row per NIP, keyed by a hash: no NIP is stored.
    assert PercobaanMasuk.objects.count() == 1
    assert org.staf.nip not in PercobaanMasuk.objects.get().kunci


def test_cache_tak_terjangkau_dibaca_kosong_dan_dicatat_sekali(redis_mati, caplog, monkeypatch):
    monkeypatch.setattr(cache_tangguh, "JEDA_LOG_DETIK", 60)
    with caplog.at_level(logging.WARNING, logger="ekinerja.cache"):
        assert cache.get("x", "bawaan") == "bawaan"
        assert cache.add("x", 1) is False
        cache.set("x", 1)
        assert cache.get_many(["x", "y"]) == {}
        assert cache.delete("x") is False
        assert cache.has_key("x") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.get_or_set("z", 3) == 3
        with pytest.raises(ValueError):
            cache.incr("x")
    catatan = [r for r in caplog.records if r.name == "ekinerja.cache"]
    assert len(catatan) == 1
    assert "tidak tersedia" in catatan[0].getMessage()


def test_catatan_berikutnya_setelah_jeda(redis_mati, caplog, monkeypatch):
    monkeypatch.setattr(cache_tangguh, "JEDA_LOG_DETIK", 0)
    monkeypatch.setattr(cache_tangguh, "JEDA_COBA_DETIK", 0)  # every call asks Redis again
    with caplog.at_level(logging.WARNING, logger="ekinerja.cache"):
        cache.get("x")
        cache.get("y")
    assert len([r for r in caplog.records if r.name == "ekinerja.cache"]) == 2


class RedisPalsu:
    """Stands in for the Redis client: a dict, or a ConnectionError while ``mati``."""

    def __init__(self):
        self.isi: dict[str, object] = {}
        self.mati = False

    def _cek(self):
        if self.mati:
            import redis

            raise redis.exceptions.ConnectionError("Connection refused")

    def get(self, key, default):
        self._cek()
        return self.isi.get(key, default)

    def set(self, key, value, timeout):
        self._cek()
        self.isi[key] = value

    def delete(self, key):
        self._cek()
        return self.isi.pop(key, None) is not None

    def delete_many(self, keys):
        self._cek()
        for k in keys:
            self.isi.pop(k, None)


def test_tulisan_yang_gagal_tidak_meninggalkan_nilai_basi(redis_mati, monkeypatch):
    """A session ended while Redis was away must not come back with Redis: the key whose
    delete failed is deleted on the first operation that reaches Redis again."""
    palsu = RedisPalsu()
    caches["default"].__dict__["_cache"] = palsu  # the backend's cached Redis client
    cache.set("sesi", "masuk")
    assert cache.get("sesi") == "masuk"
    palsu.mati = True
    assert cache.delete("sesi") is False  # logout during the outage
    cache.set("lain", "baru")  # a change during the outage
    palsu.mati = False
    jam = cache_tangguh.time.monotonic() + cache_tangguh.JEDA_COBA_DETIK + 1
    monkeypatch.setattr(cache_tangguh.time, "monotonic", lambda: jam)  # the pause is over
    assert cache.get("sesi") is None
    assert cache.get("lain") is None
    assert palsu.isi == {}


def test_hitungan_lama_dibersihkan_kunci_berjalan_tetap(org, monkeypatch):
    import time as waktu

    from ekinerja.tasks import bersihkan_percobaan_masuk
    from pegawai.services import masuk as services_masuk

    sekarang = waktu.time()
    monkeypatch.setattr(waktu, "time", lambda: sekarang - 2 * 24 * 3600)
    services_masuk.catat_gagal("lama", batas=5, detik=900)  # two days ago, never locked
    monkeypatch.setattr(waktu, "time", lambda: sekarang)
    for _ in range(5):
        services_masuk.catat_gagal("terkunci", batas=5, detik=900)
    assert bersihkan_percobaan_masuk() == 1
    assert services_masuk.terkunci("terkunci")
    assert PercobaanMasuk.objects.count() == 1


def test_redis_yang_gagal_tidak_ditanya_lagi_sesaat(redis_mati, monkeypatch):
    """After a failure Redis is left alone for a moment: a page's dozen cache calls do not each
    wait for a host that does not answer; the reads are misses, the writes are remembered."""
    palsu = RedisPalsu()
    caches["default"].__dict__["_cache"] = palsu
    cache.set("a", 1)
    palsu.mati = True
    panggilan = []
    asli = palsu._cek
    monkeypatch.setattr(palsu, "_cek", lambda: (panggilan.append(1), asli())[1])
    assert cache.get("a") is None  # the failure that opens the pause
    for _ in range(10):
        assert cache.get("a") is None
        cache.set("b", 2)
    assert len(panggilan) == 1
    palsu.mati = False
    jam = cache_tangguh.time.monotonic() + cache_tangguh.JEDA_COBA_DETIK + 1
    monkeypatch.setattr(cache_tangguh.time, "monotonic", lambda: jam)
    assert cache.get("b") is None  # the write made during the pause did not stick
    assert cache.get("a") == 1


def test_satu_klien_redis_per_pool():
    """Django's client builds a redis.Redis for every cache call; ours keeps one per
    connection pool (bench.profil measured ~1 ms of CPU per page in building them)."""
    c = cache_tangguh.CacheTangguh(REDIS_MATI, {})
    klien = c._cache.get_client()
    assert c._cache.get_client() is klien
    assert c._cache.get_client(write=True) is klien  # one server: one pool
