"""The ASN reads his day, his week (Mon–Sun) and his month at a glance."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, PengaturanKinerja
from aktivitas.selectors import harian as selectors
from aktivitas.services import harian as akt
from kalender.models import HariLibur
from tests.aktivitas.conftest import HARI, data, kunci


@pytest.fixture
def staf(client, org):
    client.force_login(org.staf)
    return org.staf


def catat(pegawai, tanggal=HARI, mulai=(8, 0), selesai=(9, 0), **kw):
    isi = data(tanggal=tanggal, mulai=mulai, selesai=selesai, **kw)
    a, _ = akt.catat_aktivitas(pegawai, pegawai, isi, kunci())
    return a


def hari(tanggal=HARI):
    return reverse("aktivitas_harian") + f"?tanggal={tanggal.isoformat()}"


# --- the day --------------------------------------------------------------------------------
def test_daftar_hari_urut_jam_dengan_total(client, staf, rhk_staf):
    catat(staf, mulai=(13, 0), selesai=(15, 30), uraian="Menyusun rekap")
    catat(staf, mulai=(8, 0), selesai=(9, 0), rhk=rhk_staf)
    catat(staf, tanggal=HARI - dt.timedelta(days=1), uraian="Kemarin saja")
    html = client.get(hari()).content.decode()
    assert html.index("08:00–09:00") < html.index("13:00–15:30")
    assert "Kemarin saja" not in html
    assert "RHK: Arsip surveilans tertata" in html
    assert "Tugas tambahan (di luar RHK)</span>" in html
    assert "2 aktivitas, 3 jam 30 menit" in html
    assert "2 laporan" in html


def test_status_dan_terlambat_dengan_waktu_entri(client, org, staf):
    a = catat(staf)
    akt.setujui_aktivitas(org.kasi, [a.pk])
    a.refresh_from_db()
    html = client.get(hari()).content.decode()
    assert '<span class="badge badge-ok">Disetujui</span>' in html
    assert '<span class="badge badge-bad">terlambat</span>' in html
    waktu = timezone.localtime(a.dientri_pada).strftime("%d-%m-%Y %H:%M")
    assert f"diisi {waktu}" in html


def test_hari_ini_tidak_terlambat(client, staf):
    catat(staf, tanggal=timezone.localdate())
    html = client.get(reverse("aktivitas_harian")).content.decode()
    assert "badge-warn" in html  # menunggu persetujuan
    assert "terlambat</span>" not in html


def test_aturan_keterlambatan_ditampilkan(client, org, staf):
    PengaturanKinerja.objects.create(instansi=org.instansi, batas_hari_kerja_terlambat=5)
    html = client.get(hari()).content.decode()
    assert "diisi lebih dari 5 hari kerja setelah tanggalnya tercatat terlambat" in html
    # Wednesday 11 March + 5 workdays = Wednesday 18 March
    assert "isi paling lambat Rabu, 18 Maret 2026" in html


def test_hari_kosong_menjelaskan_apa_yang_dicatat(client, staf):
    html = client.get(hari()).content.decode()
    assert "Belum ada aktivitas pada tanggal ini" in html
    assert "Catat setiap pekerjaan hari itu" in html


def test_navigasi_hari_sebelum_sesudah(client, staf):
    html = client.get(hari()).content.decode()
    assert 'href="/aktivitas/?tanggal=2026-03-10" rel="prev"' in html
    assert 'href="/aktivitas/?tanggal=2026-03-12" rel="next"' in html
    assert "Rabu, 11 Maret 2026" in html


def test_tidak_ada_hari_berikutnya_setelah_hari_ini(client, staf):
    html = client.get(reverse("aktivitas_harian")).content.decode()
    assert 'rel="next"' not in html
    assert "(hari ini)" in html


def test_tanggal_tidak_valid_menjadi_hari_ini(client, staf):
    html = client.get(reverse("aktivitas_harian") + "?tanggal=2026-13-45").content.decode()
    assert f'name="tanggal" value="{timezone.localdate().isoformat()}"' in html


def test_tanggal_masa_depan_tidak_menawarkan_salin(client, staf):
    besok = timezone.localdate() + dt.timedelta(days=1)
    html = client.get(hari(besok)).content.decode()
    assert "Tanggal ini belum tiba" in html
    assert reverse("aktivitas_salin_kemarin") not in html


# --- the week -------------------------------------------------------------------------------
def test_minggu_senin_sampai_minggu(client, org, staf):
    catat(staf, tanggal=dt.date(2026, 3, 9), mulai=(8, 0), selesai=(10, 30))  # Monday
    catat(staf, tanggal=dt.date(2026, 3, 9), mulai=(11, 0), selesai=(12, 0))
    a = catat(staf, tanggal=HARI)
    akt.kembalikan_aktivitas(org.kasi, [a.pk], "Perbaiki")
    catat(staf, tanggal=dt.date(2026, 3, 16))  # next week: not counted
    resp = client.get(reverse("aktivitas_minggu") + f"?tanggal={HARI.isoformat()}")
    assert resp.status_code == 200
    ringkasan = resp.context["ringkasan"]
    assert (ringkasan.mulai, ringkasan.selesai) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert len(ringkasan.hari) == 7
    senin = ringkasan.hari[0]
    assert (senin.jumlah, senin.menit, senin.menunggu, senin.terlambat) == (2, 210, 2, 2)
    rabu = ringkasan.hari[2]
    assert (rabu.jumlah, rabu.dikembalikan) == (1, 1)
    assert ringkasan.jumlah == 3
    html = resp.content.decode()
    assert 'href="/aktivitas/?tanggal=2026-03-09"' in html  # links to the days
    assert "3 aktivitas, 4,5 jam, pada 2 hari." in html
    assert "3 hari kerja belum diisi." in html  # Tue, Thu, Fri


# --- the month ------------------------------------------------------------------------------
def test_bulan_per_hari_dengan_hari_libur(client, org, staf):
    HariLibur.objects.create(
        tanggal=dt.date(2026, 3, 19), nama="Hari Suci Nyepi", jenis="libur_nasional"
    )
    catat(staf, tanggal=dt.date(2026, 3, 2))
    catat(staf, tanggal=dt.date(2026, 3, 31), mulai=(7, 30), selesai=(8, 0))
    catat(staf, tanggal=dt.date(2026, 2, 27))  # another month
    resp = client.get(reverse("aktivitas_bulan") + "?bulan=2026-03")
    ringkasan = resp.context["ringkasan"]
    assert len(ringkasan.hari) == 31
    assert ringkasan.jumlah == 2 and ringkasan.terlambat == 2
    assert ringkasan.hari[30].menit == 30
    html = resp.content.decode()
    assert "Maret 2026" in html
    assert "Hari Suci Nyepi" in html
    assert 'href="/aktivitas/bulan/?bulan=2026-02" rel="prev"' in html
    assert 'href="/aktivitas/bulan/?bulan=2026-04" rel="next"' in html
    # 22 weekdays in March 2026, minus Nyepi, minus the 2 days filled
    assert ringkasan.hari_kerja_kosong == 19


def test_bulan_tidak_valid_menjadi_bulan_ini(client, staf):
    resp = client.get(reverse("aktivitas_bulan") + "?bulan=abc")
    hari_ini = timezone.localdate()
    assert resp.context["ringkasan"].mulai == hari_ini.replace(day=1)


def test_ringkasan_sama_dengan_jumlah_baris(staf):
    for i in range(5):
        catat(staf, tanggal=dt.date(2026, 3, 2 + i), mulai=(8, 0), selesai=(8, 45))
    ringkasan = selectors.ringkasan_bulan(staf, 2026, 3)
    assert ringkasan.jumlah == Aktivitas.objects.count() == 5
    assert ringkasan.jam == pytest.approx(5 * 45 / 60)
    assert ringkasan.hari_terisi == 5


def test_hari_mendatang_tidak_dihitung_belum_diisi(client, staf):
    hari_ini = timezone.localdate()
    resp = client.get(reverse("aktivitas_minggu") + f"?tanggal={hari_ini.isoformat()}")
    ringkasan = resp.context["ringkasan"]
    lewat = [h for h in ringkasan.hari if h.hari_kerja and h.tanggal <= hari_ini]
    assert ringkasan.hari_kerja_kosong == len(lewat)
    depan = hari_ini + dt.timedelta(days=400)
    resp = client.get(reverse("aktivitas_minggu") + f"?tanggal={depan.isoformat()}")
    assert resp.context["ringkasan"].hari_kerja_kosong == 0
