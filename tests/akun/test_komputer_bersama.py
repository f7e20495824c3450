"""A session from a computer marked "komputer bersama" ends after 30 idle minutes; the others
last the instansi's session length."""

import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from akun.models import PengaturanAkun, RiwayatMasuk, SesiPengguna
from tests.akun.conftest import masuk


class Jam:
    """timezone.now moved by hand (the session store and the middleware both read it)."""

    def __init__(self, monkeypatch):
        self.awal = timezone.now()
        self.geser = dt.timedelta()
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.awal + self.geser)

    def maju(self, menit: int) -> None:
        self.geser += dt.timedelta(minutes=menit)


def test_komputer_bersama_berakhir_setelah_30_menit_diam(client, org, monkeypatch):
    jam = Jam(monkeypatch)
    assert "komputer bersama" in client.get(reverse("masuk")).content.decode()
    masuk(client, org.staf, komputer_bersama="on")
    assert RiwayatMasuk.objects.get(pegawai=org.staf).komputer_bersama
    assert SesiPengguna.objects.get(pegawai=org.staf).komputer_bersama
    # Used every 25 minutes, it lives well past 30 minutes...
    for _ in range(3):
        jam.maju(25)
        assert client.get(reverse("beranda")).status_code == 200
    # ...and 31 idle minutes end it.
    jam.maju(31)
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_sesi_biasa_tidak_berakhir_karena_diam_dan_mengikuti_lama_sesi(client, org, monkeypatch):
    PengaturanAkun.objects.create(instansi=org.instansi, lama_sesi_jam=2)
    jam = Jam(monkeypatch)
    masuk(client, org.staf)
    assert 2 * 3600 - 5 < client.session.get_expiry_age() <= 2 * 3600
    jam.maju(90)
    assert client.get(reverse("beranda")).status_code == 200
    jam.maju(31)
    # The session store's cache keeps an entry as long as the session's age, in real time:
    # here only the clock was moved, so forget it as the cache itself would have by now.
    cache.clear()
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_tanpa_pengaturan_lama_sesi_server(client, org, settings):
    masuk(client, org.staf)
    assert client.session.get_expiry_age() > settings.SESSION_COOKIE_AGE - 5
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
