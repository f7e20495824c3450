"""The unit table of the dashboard pages at 25 rows (issue 12: a kabupaten has some forty OPD;
forty rows of eight drill-down links were 60 KB); the totals stay those of the whole scope and
the download keeps every row."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from pemantauan.services import bangun_ringkasan
from tests.factories import PegawaiFactory, UnitKerjaFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


def test_tabel_unit_25_baris_per_halaman(client, hari_ini, org):
    for i in range(30):
        unit = UnitKerjaFactory(instansi=org.instansi, nama=f"OPD {i:02d}")
        PegawaiFactory(instansi=org.instansi, unit_kerja=unit)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    admin = PegawaiFactory(instansi=org.instansi, is_admin_instansi=True)
    client.force_login(admin)
    url = reverse("pemantauan_dasbor")
    pertama = client.get(url, {"tahun": TAHUN})
    semua = pertama.context["d"].baris
    assert len(semua) > 25
    assert len(pertama.context["baris_halaman"]) == 25
    kedua = client.get(url, {"tahun": TAHUN, "page": 2})
    assert len(kedua.context["baris_halaman"]) == len(semua) - 25
    assert kedua.context["d"].total.pegawai == pertama.context["d"].total.pegawai
    assert 'rel="next"' in pertama.content.decode()
    unduh = client.get(url, {"tahun": TAHUN, "format": "csv"})
    baris = list(csv.reader(io.StringIO(unduh.content.decode("utf-8-sig")), delimiter=";"))
    assert len(baris) - 1 == len(semua)
