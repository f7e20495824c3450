"""The demo has evaluation windows and ratings in several states, and loads idempotently."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from ekinerja.demo.organisasi import NIP_ATASAN
from ekinerja.demo.penilaian import muat_demo_penilaian
from penilaian.models import Penilaian, PeriodePenilaian


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    monkeypatch.setattr("penilaian.services.nilai.jadwalkan_dokumen_evaluasi", lambda pk: None)
    call_command("seed_demo", paksa=True, verbosity=0, stdout=StringIO())


def test_demo_punya_jendela_dan_penilaian(demo):
    assert PeriodePenilaian.objects.filter(jenis="tahunan").count() == 1
    assert PeriodePenilaian.objects.exclude(jenis="tahunan").exists()
    if dt.date.today() >= PeriodePenilaian.objects.order_by("dibuka").first().dibuka:
        assert Penilaian.objects.filter(status=Penilaian.Status.FINAL).exists()
        assert Penilaian.objects.filter(pegawai__nip=NIP_ATASAN).exists()


def test_demo_penilaian_idempoten(demo):
    jumlah = (PeriodePenilaian.objects.count(), Penilaian.objects.count())
    assert muat_demo_penilaian() == []
    assert (PeriodePenilaian.objects.count(), Penilaian.objects.count()) == jumlah
