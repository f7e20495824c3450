"""The pegawai receives his final predikat: a notification says it, and for the annual one
the last day to object (PP 30/2019 Pasal 59: 14 days, the law's limit); the rating page
shows the same day; a late objection is refused naming it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from notifikasi.models import Jenis, Notifikasi
from notifikasi.services.kirim import proses_riwayat
from pegawai.models import Riwayat
from pegawai.services.organisasi import catat_riwayat
from penilaian.services.keberatan import ajukan_keberatan
from tests.penilaian.test_ajukan_dan_putuskan_keberatan import final_tahunan

DITERIMA = dt.date(2027, 1, 20)


@pytest.fixture
def nilai_staf(org, jendela, skp_semua):
    return final_tahunan(org, jendela, skp_semua["staf"], org.kasi)


def _difinalkan(org, penilaian):
    catat_riwayat(
        pelaku=org.admin,
        objek=penilaian,
        aksi="penilaian.difinalkan",
        subjek=penilaian.pegawai,
        sebagai=Riwayat.Sebagai.ADMIN,
        ke_status="final",
    )


def test_notifikasi_predikat_tahunan_menyebut_batas_keberatan(org, nilai_staf):
    _difinalkan(org, nilai_staf)
    assert proses_riwayat() == 1
    n = Notifikasi.objects.get(penerima=org.staf, jenis=Jenis.PREDIKAT_DITERIMA)
    assert "Baik" in n.pesan
    assert "paling lambat 3 Februari 2027" in n.pesan  # received 20 January + 14 days
    assert n.tautan == reverse("penilaian_detail", args=[nilai_staf.pk])
    assert proses_riwayat() == 0  # once
    assert Notifikasi.objects.filter(jenis=Jenis.PREDIKAT_DITERIMA).count() == 1


def test_notifikasi_predikat_periodik_tanpa_keberatan(org, jendela, skp_semua):
    periodik = final_tahunan(org, jendela, skp_semua["staf"], org.kasi, pp=jendela.tw[0])
    _difinalkan(org, periodik)
    proses_riwayat()
    n = Notifikasi.objects.get(penerima=org.staf, jenis=Jenis.PREDIKAT_DITERIMA)
    assert "keberatan" not in n.pesan.lower()


def test_halaman_penilaian_menampilkan_batas_keberatan(client, org, nilai_staf, monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA)
    client.force_login(org.staf)
    teks = client.get(reverse("penilaian_detail", args=[nilai_staf.pk])).content.decode()
    assert "paling lambat 3 Februari 2027" in teks and "PP 30/2019 Pasal 59" in teks


def test_keberatan_terlambat_ditolak_dengan_tanggal(org, nilai_staf):
    assert timezone.localdate(nilai_staf.difinalkan_pada) == DITERIMA
    with pytest.raises(ValidationError) as e:
        ajukan_keberatan(org.staf, nilai_staf, "Terlambat.", DITERIMA + dt.timedelta(15))
    assert "paling lambat 3 Februari 2027" in str(e.value)
