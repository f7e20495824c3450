"""The objection pages as a plain POST: the pegawai files, the kabid sees it in "Keberatan
masuk" and decides; errors show next to the field."""

import datetime as dt

import pytest
from django.urls import reverse

from penilaian.models import Keberatan
from tests.penilaian.test_ajukan_dan_putuskan_keberatan import DITERIMA, final_tahunan


@pytest.fixture
def nilai_staf(org, jendela, skp_semua, monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA + dt.timedelta(2))
    return final_tahunan(org, jendela, skp_semua["staf"], org.kasi)


def test_ajukan_lalu_putuskan_lewat_halaman(client, org, nilai_staf):
    client.force_login(org.staf)
    url = reverse("keberatan_ajukan", args=[nilai_staf.pk])
    r = client.post(url, {"alasan": ""})
    assert r.status_code == 200 and "Alasan keberatan wajib diisi." in r.content.decode()
    r = client.post(url, {"alasan": "Target saya tercapai."})
    k = Keberatan.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("keberatan_detail", args=[k.pk])
    client.force_login(org.kabid)
    daftar = client.get(reverse("keberatan_daftar")).content.decode()
    assert reverse("keberatan_putuskan", args=[k.pk]) in daftar
    url = reverse("keberatan_putuskan", args=[k.pk])
    r = client.post(url, {"keputusan": "diubah", "alasan_keputusan": "Ya.", "rating_perilaku": ""})
    assert "sekurang-kurangnya satu rating" in r.content.decode()
    r = client.post(
        url,
        {
            "keputusan": "diubah",
            "alasan_keputusan": "Bukti kuat.",
            "rating_hasil_kerja": "di_atas",
            "rating_perilaku": "di_atas",
        },
    )
    assert r.status_code == 302
    nilai_staf.refresh_from_db()
    assert nilai_staf.predikat == "sangat_baik"
    detail = client.get(reverse("keberatan_detail", args=[k.pk])).content.decode()
    assert "Bukti kuat." in detail


def test_lewat_batas_halaman_menyebut_tanggal_terakhir(client, org, nilai_staf, monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA + dt.timedelta(15))
    client.force_login(org.staf)
    r = client.get(reverse("keberatan_ajukan", args=[nilai_staf.pk]))
    assert "Batas waktu keberatan sudah lewat" in r.content.decode()
    assert 'name="alasan"' not in r.content.decode()  # no form once the window closed
