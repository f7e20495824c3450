"""The incremental update: after a change made through aktivitas.services.harian, the Celery task
rebuilds only the pegawai concerned and the numbers follow; run twice, nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pemantauan import tasks
from pemantauan.models import RingkasanPegawaiBulan, TandaRingkasan
from pemantauan.services import bangun_ringkasan, perbarui_ringkasan
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db
KOLOM = [
    f.name for f in RingkasanPegawaiBulan._meta.fields if f.name not in ("id", "diperbarui_pada")
]


def _potret() -> dict:
    return {(r["pegawai"], r["bulan"]): r for r in RingkasanPegawaiBulan.objects.values(*KOLOM)}


def test_perubahan_aktivitas_diikuti_dan_dua_kali_tanpa_perubahan(kabupaten):
    pertama = perbarui_ringkasan()  # first run: the whole running year
    assert pertama["baris"] > 0
    tanda = TandaRingkasan.objects.get()
    assert tanda.tanggal == HARI_INI

    # a pending activity that is the only one of its day: deleting it empties that day
    calon = (
        Aktivitas.objects.filter(status=Aktivitas.Status.MENUNGGU, tanggal__month=3)
        .select_related("pegawai")
        .order_by("pk")
    )
    target = next(
        a
        for a in calon
        if Aktivitas.objects.filter(pegawai=a.pegawai, tanggal=a.tanggal).count() == 1
    )
    p = target.pegawai
    sebelum = RingkasanPegawaiBulan.objects.get(pegawai=p, tahun=TAHUN, bulan=3)
    lain_sebelum = {
        r.pk: r.diperbarui_pada
        for r in RingkasanPegawaiBulan.objects.exclude(pegawai=p).filter(bulan=3)
    }
    akt.hapus_aktivitas(p, target)

    hasil = tasks.perbarui_ringkasan.delay().get()
    assert hasil["pegawai"] == 1
    sesudah = RingkasanPegawaiBulan.objects.get(pegawai=p, tahun=TAHUN, bulan=3)
    assert sesudah.menunggu == sebelum.menunggu - 1
    assert sesudah.jumlah_aktivitas == sebelum.jumlah_aktivitas - 1
    assert sesudah.hari_berisi == sebelum.hari_berisi - 1
    assert target.tanggal.day in sesudah.daftar_hari_kosong
    # only that pegawai's rows were rewritten
    assert {
        r.pk: r.diperbarui_pada
        for r in RingkasanPegawaiBulan.objects.exclude(pegawai=p).filter(bulan=3)
    } == lain_sebelum

    # the incremental result is what a full rebuild gives
    inkremental = _potret()
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    assert _potret() == inkremental

    # twice: nothing new, nothing written
    waktu = dict(RingkasanPegawaiBulan.objects.values_list("pk", "diperbarui_pada"))
    assert perbarui_ringkasan() == {"pegawai": 0, "baris": 0}
    assert perbarui_ringkasan() == {"pegawai": 0, "baris": 0}
    assert dict(RingkasanPegawaiBulan.objects.values_list("pk", "diperbarui_pada")) == waktu


def test_hari_baru_membangun_ulang_bulan_berjalan(kabupaten, monkeypatch):
    from skp.services import penyusunan as skp_services

    perbarui_ringkasan()
    april = RingkasanPegawaiBulan.objects.filter(bulan=4).first()
    assert april.hari_kerja == 8  # 1–10 April 2026: eight workdays
    besok = HARI_INI + dt.timedelta(days=3)  # Monday 13 April
    monkeypatch.setattr(skp_services, "hari_ini", lambda: besok)
    hasil = perbarui_ringkasan()
    assert hasil["baris"] > 0
    april = RingkasanPegawaiBulan.objects.get(pegawai=april.pegawai, tahun=TAHUN, bulan=4)
    assert april.hari_kerja == 9
