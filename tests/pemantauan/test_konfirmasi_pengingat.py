"""Reminders to many ask first: "Kirim pengingat ke N pegawai?"; the question sends nothing,
"Ya" sends once, and the same confirmation posted again sends nothing more."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from notifikasi.models import Notifikasi
from pemantauan.services import bangun_ringkasan
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _siap(client, admin_kab):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    client.force_login(admin_kab)
    daftar = reverse("pemantauan_rincian", args=["realisasi_belum"])
    r = client.get(daftar, {"tahun": TAHUN})
    n = r.context["page_obj"].paginator.count
    assert n >= 2
    return reverse("pemantauan_pengingat", args=["realisasi_belum"]) + f"?tahun={TAHUN}", n


def test_semua_minta_konfirmasi_dengan_jumlah_lalu_sekali_kirim(client, kabupaten, admin_kab):
    url, n = _siap(client, admin_kab)
    r = client.post(url, {"semua": "1"}, headers=HTMX)
    html = r.content.decode()
    assert r["HX-Retarget"] == "#dialog-konfirmasi"
    assert f"Kirim pengingat ke {n} pegawai?" in html and "<html" not in html
    assert not Notifikasi.objects.exists()
    data = dict(re.findall(r'<input type="hidden" name="(token)" value="([0-9a-f]{32})"', html))
    pegawai = re.findall(r'<input type="hidden" name="pegawai" value="(\d+)"', html)
    assert len(pegawai) == n
    kiriman = {"token": data["token"], "pegawai": pegawai}
    r = client.post(url, kiriman, follow=True)
    assert Notifikasi.objects.count() == n
    assert f"Pengingat dikirim ke {n} pegawai." in [str(m) for m in r.context["messages"]]
    r = client.post(url, kiriman, follow=True)  # the same confirmation again
    assert Notifikasi.objects.count() == n
    assert "Pengingat ini sudah dikirim; tidak dikirim dua kali." in [
        str(m) for m in r.context["messages"]
    ]


def test_tanpa_javascript_halaman_konfirmasi(client, kabupaten, admin_kab):
    url, n = _siap(client, admin_kab)
    html = client.post(url, {"semua": "1"}).content.decode()
    assert "<html" in html and f"Kirim pengingat ke {n} pegawai?" in html
    assert "data-konfirmasi-batal" in html
    assert not Notifikasi.objects.exists()


def test_token_palsu_hanya_bertanya_lagi(client, kabupaten, admin_kab):
    url, _n = _siap(client, admin_kab)
    client.post(url, {"semua": "1", "token": "bukan-token"})
    assert not Notifikasi.objects.exists()
