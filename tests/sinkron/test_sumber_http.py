"""The HTTP source: a local ``http.server`` in a thread (never the internet), its failures
in Bahasa Indonesia, the secret never shown back, and the nightly run that never applies."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.urls import reverse

from ekinerja.celery import app as celery_app
from notifikasi.models import Notifikasi
from pegawai.models import Pegawai, Riwayat
from sinkron.models import SinkronSiasn, SumberSiasn
from sinkron.services import sumber as services_sumber
from sinkron.services.sinkron import SumberDitolak
from sinkron.tasks import ambil_siasn
from tests.sinkron.conftest import data

pytestmark = pytest.mark.django_db

PENGGUNA, SANDI = "siasn-kab", "r4hasia-sekali-9"


class _Penjawab(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path.startswith("/lambat"):
            time.sleep(1.5)
        harap = "Basic " + base64.b64encode(f"{PENGGUNA}:{SANDI}".encode()).decode()
        if self.headers.get("Authorization") != harap:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="siasn"')
            self.end_headers()
            return
        if self.path.startswith("/alih"):
            self.send_response(302)
            self.send_header("Location", "http://contoh.invalid/siasn.csv")
            self.end_headers()
            return
        if self.path.startswith("/json"):
            import csv
            import io

            baris = list(csv.DictReader(io.StringIO(data("siasn_awal.csv").decode())))
            isi, jenis = json.dumps({"data": baris}).encode(), "application/json"
        else:
            isi, jenis = data("siasn_awal.csv"), "text/csv; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", jenis)
        self.send_header("Content-Length", str(len(isi)))
        self.end_headers()
        self.wfile.write(isi)


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Penjawab)
    utas = threading.Thread(target=srv.serve_forever, daemon=True)
    utas.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def _sumber(siasn, url, **lain):
    sumber = SumberSiasn(
        instansi=siasn.instansi,
        url=url,
        autentikasi=SumberSiasn.Autentikasi.BASIC,
        nama_pengguna=PENGGUNA,
        **lain,
    )
    return services_sumber.simpan_sumber(siasn.admin, sumber, rahasia_baru=SANDI)


@pytest.mark.parametrize("jalur", ["/ekspor/siasn.csv", "/json/pns"])
def test_sumber_http_menghasilkan_batch_menunggu(siasn, server, jalur):
    sumber = _sumber(siasn, server + jalur)
    batch = services_sumber.periksa_sumber(siasn.admin, sumber)
    assert batch.status == SinkronSiasn.Status.MENUNGGU, batch.kesalahan
    assert batch.asal == SinkronSiasn.Asal.HTTP
    assert (batch.jumlah_baru, batch.jumlah_unit_baru) == (6, 4)
    assert SANDI not in batch.nama_sumber


def test_kredensial_salah_401(siasn, server):
    sumber = _sumber(siasn, server + "/siasn.csv")
    sumber.rahasia = "salah"
    with pytest.raises(SumberDitolak, match="menolak kredensial \\(HTTP 401\\)"):
        services_sumber.periksa_sumber(siasn.admin, sumber)
    assert not SinkronSiasn.objects.exists()


def test_batas_waktu_habis(siasn, server):
    sumber = _sumber(siasn, server + "/lambat", batas_waktu=1)
    with pytest.raises(SumberDitolak, match="tidak menjawab dalam 1 detik"):
        services_sumber.periksa_sumber(siasn.admin, sumber)


def test_pengalihan_tidak_diikuti(siasn, server):
    sumber = _sumber(siasn, server + "/alih")
    with pytest.raises(SumberDitolak, match="mengalihkan"):
        services_sumber.periksa_sumber(siasn.admin, sumber)


def test_tidak_dapat_dihubungi(siasn):
    sumber = _sumber(siasn, "http://127.0.0.1:9/siasn.csv", batas_waktu=2)
    with pytest.raises(SumberDitolak, match="tidak dapat dihubungi"):
        services_sumber.periksa_sumber(siasn.admin, sumber)


def test_galat_sumber_tampil_di_halaman(client, siasn, server):
    sumber = _sumber(siasn, server + "/siasn.csv")
    sumber.rahasia = "salah"
    services_sumber.simpan_sumber(siasn.admin, sumber)
    client.force_login(siasn.admin)
    respons = client.post(reverse("sinkron_sumber_ambil"), follow=True)
    assert "Sumber SIASN menolak kredensial" in respons.text


def test_jadwal_malam_membuat_batch_menunggu_dan_mengabari_admin(siasn, server):
    _sumber(siasn, server + "/siasn.csv")
    sebelum = Pegawai.objects.count()
    assert ambil_siasn.apply().get() == 1
    batch = SinkronSiasn.objects.get()
    assert batch.status == SinkronSiasn.Status.MENUNGGU
    assert batch.diambil_oleh is None
    assert Pegawai.objects.count() == sebelum  # never applied by itself
    pesan = Notifikasi.objects.get(penerima=siasn.admin)
    assert pesan.tautan == reverse("sinkron_detail", args=[batch.pk])
    assert "menunggu persetujuan" in pesan.judul
    assert pesan.jenis == "sinkron_siasn"
    assert not Notifikasi.objects.filter(penerima=siasn.admin_lain).exists()
    assert Riwayat.objects.get(aksi="sinkron.diperiksa").sebagai == Riwayat.Sebagai.SISTEM


def test_jadwal_malam_yang_gagal_dicatat_dan_dikabarkan(siasn, server):
    sumber = _sumber(siasn, server + "/siasn.csv")
    sumber.rahasia = "salah"
    services_sumber.simpan_sumber(siasn.admin, sumber)
    assert ambil_siasn.apply().get() == 1
    batch = SinkronSiasn.objects.get()
    assert batch.status == SinkronSiasn.Status.GAGAL
    assert "menolak kredensial" in batch.pesan
    assert Notifikasi.objects.filter(penerima=siasn.admin).exists()


def test_jadwal_malam_tanpa_selisih_tidak_membuat_batch(siasn, server, diterapkan_awal):
    _sumber(siasn, server + "/siasn.csv")  # serves the export already applied
    sebelum = SinkronSiasn.objects.count()
    assert ambil_siasn.apply().get() == 0
    assert SinkronSiasn.objects.count() == sebelum
    assert not Notifikasi.objects.filter(penerima=siasn.admin).exists()


def test_sumber_tak_terjadwal_dilewati(siasn, server):
    _sumber(siasn, server + "/siasn.csv", terjadwal=False)
    assert ambil_siasn.apply().get() == 0


def test_jadwal_terdaftar():
    jadwal = settings.CELERY_BEAT_SCHEDULE["sinkron-ambil-siasn"]
    assert jadwal["task"] == "sinkron.ambil_siasn"
    celery_app.loader.import_default_modules()
    assert "sinkron.ambil_siasn" in celery_app.tasks


def test_rahasia_tidak_pernah_ditampilkan_utuh(client, siasn):
    client.force_login(siasn.admin)
    respons = client.post(
        reverse("sinkron_sumber"),
        {
            "url": "https://siasn.contoh.go.id/ekspor",
            "autentikasi": "token",
            "nama_pengguna": "",
            "rahasia_baru": "token-rahasia-panjang-XY",
            "batas_waktu": "30",
            "terjadwal": "on",
        },
    )
    assert respons.status_code == 302
    sumber = SumberSiasn.objects.get(instansi=siasn.instansi)
    assert sumber.rahasia == "token-rahasia-panjang-XY"
    halaman = client.get(reverse("sinkron_sumber")).text
    assert "token-rahasia-panjang" not in halaman
    assert "••••XY" in halaman
    # saving again without a new secret keeps the stored one
    client.post(
        reverse("sinkron_sumber"),
        {
            "url": "https://siasn.contoh.go.id/ekspor2",
            "autentikasi": "token",
            "rahasia_baru": "",
            "batas_waktu": "20",
        },
    )
    sumber.refresh_from_db()
    assert (sumber.url, sumber.rahasia, sumber.terjadwal) == (
        "https://siasn.contoh.go.id/ekspor2",
        "token-rahasia-panjang-XY",
        False,
    )
    assert Riwayat.objects.filter(aksi="sinkron.sumber_diubah").count() == 2


def test_url_selain_http_ditolak(client, siasn):
    client.force_login(siasn.admin)
    respons = client.post(
        reverse("sinkron_sumber"),
        {"url": "file:///etc/passwd", "autentikasi": "tanpa", "batas_waktu": "30"},
    )
    assert respons.status_code == 200
    assert not SumberSiasn.objects.exists()
