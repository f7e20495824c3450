"""The installable app's files at the site root, and the day page's answers to the offline
queue (docs/luring.md).  The browser side is tests/peramban/test_luring.py."""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from aktivitas.models import Aktivitas, BuktiDukung
from ekinerja import pwa
from tests.aktivitas.conftest import HARI

ANTREAN = {"HTTP_X_ANTREAN_LURING": "1"}
URL_HARI = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"


def konfigurasi(teks: str) -> dict:
    """The configuration the view wrote into the worker."""
    return json.loads(teks.split("/*KONFIGURASI*/", 1)[1].split("/*AKHIR*/", 1)[0])


# --- manifest and service worker --------------------------------------------------------------
def test_manifest_bisa_dipasang(client):
    resp = client.get("/manifest.webmanifest")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/manifest+json"
    data = json.loads(resp.content)
    assert data["start_url"] == reverse("aktivitas_harian")
    assert data["scope"] == "/"
    assert data["display"] == "standalone"
    assert data["name"] and data["theme_color"].startswith("#")
    ukuran = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= ukuran
    for ikon in data["icons"]:
        nama = ikon["src"].removeprefix("/static/")
        jalur = finders.find(nama)
        assert jalur, ikon["src"]
        with Image.open(jalur) as img:
            assert f"{img.width}x{img.height}" == ikon["sizes"]
            assert img.format == "PNG"


def test_service_worker_dari_akar_dengan_cakupan_dan_konfigurasi(client):
    resp = client.get("/sw.js")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/javascript")
    assert resp["Service-Worker-Allowed"] == "/"
    assert "no-cache" in resp["Cache-Control"]
    k = konfigurasi(resp.content.decode())
    assert k["hari"] == reverse("aktivitas_harian")
    assert "/static/js/luring.js" in k["aset"]
    assert "/static/css/ekinerja.css" in k["aset"]
    assert k["versi"] != "dev" and resp["ETag"].strip('"') == k["versi"]


def test_service_worker_304_sampai_berubah(client, monkeypatch):
    etag = client.get("/sw.js")["ETag"]
    assert client.get("/sw.js", HTTP_IF_NONE_MATCH=etag).status_code == 304
    asli = pwa._baca_sumber()
    monkeypatch.setattr(pwa, "_baca_sumber", lambda: asli + "\n// rilis baru\n")
    monkeypatch.setattr(pwa, "_sw", pwa._susun_sw)
    baru = client.get("/sw.js", HTTP_IF_NONE_MATCH=etag)
    assert baru.status_code == 200 and baru["ETag"] != etag


def test_halaman_memuat_manifest_dan_skrip_luring(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_harian")).content.decode()
    # Every script and style the day page loads is kept by the worker for offline use.
    aset = set(konfigurasi(pwa._susun_sw()[0])["aset"])
    dimuat = set(re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html))
    assert dimuat and dimuat <= aset, dimuat - aset
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert 'data-sw="/sw.js"' in html
    assert f'data-pengguna="{org.staf.pk}"' in html
    assert "data-antrean hidden" in html  # the queue's place in the day list
    assert "<script>" not in html and " onclick=" not in html


def test_beranda_memuat_petunjuk_pasang(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "data-pasang hidden" in html


# --- the day page's answers to the queue ------------------------------------------------------
def isian(kunci, **ubah):
    nilai = {
        "tanggal": HARI.isoformat(),
        "rhk": "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "uraian": "Mengarsip laporan surveilans",
        "jumlah_output": "2",
        "satuan_output": "laporan",
        "kunci": kunci,
    }
    nilai.update(ubah)
    return nilai


def foto() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 200, 190)).save(buf, "JPEG")
    return SimpleUploadedFile("nota.jpg", buf.getvalue(), content_type="image/jpeg")


@pytest.fixture
def staf(client, org):
    client.force_login(org.staf)
    return org.staf


def test_antrean_tersimpan_dijawab_json_dan_kirim_ulang_tidak_menggandakan(client, staf):
    kunci = str(uuid.uuid4())
    pertama = client.post(URL_HARI, {**isian(kunci), "berkas": foto()}, **ANTREAN)
    assert pertama.status_code == 200
    data = pertama.json()
    assert data["dibuat"] is True and data["tanggal"] == HARI.isoformat()
    # The answer was lost; the queue sends the same entry (same key, same file) again.
    kedua = client.post(URL_HARI, {**isian(kunci), "berkas": foto()}, **ANTREAN)
    assert kedua.status_code == 200
    assert kedua.json() == {**data, "dibuat": False}
    assert Aktivitas.objects.filter(pegawai=staf).count() == 1
    assert BuktiDukung.objects.filter(aktivitas_id=data["id"]).count() == 1


def test_antrean_ditolak_422_dengan_pesan_per_kolom(client, staf):
    client.post(URL_HARI, isian(str(uuid.uuid4())), **ANTREAN)
    resp = client.post(
        URL_HARI,
        isian(str(uuid.uuid4()), jam_mulai="08:30", jam_selesai="09:30", uraian=""),
        **ANTREAN,
    )
    assert resp.status_code == 422
    galat = {g["kolom"]: g for g in resp.json()["galat"]}
    assert galat["uraian"]["pesan"] == ["Uraian kegiatan wajib diisi."]
    assert galat["uraian"]["label"] == "Uraian kegiatan"
    assert Aktivitas.objects.filter(pegawai=staf).count() == 1


def test_antrean_bentrok_dari_layanan_juga_422(client, staf):
    client.post(URL_HARI, isian(str(uuid.uuid4())), **ANTREAN)
    resp = client.post(
        URL_HARI, isian(str(uuid.uuid4()), jam_mulai="08:30", jam_selesai="09:30"), **ANTREAN
    )
    assert resp.status_code == 422
    pesan = " ".join(p for g in resp.json()["galat"] for p in g["pesan"])
    assert "bertumpang tindih" in pesan


def test_tanpa_header_antrean_tetap_halaman_biasa(client, staf):
    resp = client.post(URL_HARI, isian(str(uuid.uuid4())))
    assert resp.status_code == 302
    resp = client.post(URL_HARI, isian(str(uuid.uuid4()), uraian=""))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/html")


def test_antrean_pegawai_lain_404(client, staf, org):
    resp = client.post(
        f"{URL_HARI}&pegawai={org.orang_lain.pk}", isian(str(uuid.uuid4())), **ANTREAN
    )
    assert resp.status_code == 404
    assert not Aktivitas.objects.filter(pegawai=org.orang_lain).exists()
