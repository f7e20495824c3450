"""Workload balance: per pegawai activities, hours and days over the period from the
summaries, outliers by a stated rule, sortable, exported to XLSX and CSV."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from pemantauan.selectors.dasbor import batas_pencilan
from pemantauan.services import bangun_ringkasan
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


def test_aturan_pencilan():
    # fewer than three: nothing to compare
    assert batas_pencilan([1.0, 50.0]) is None
    # small units: < 25 % or > 200 % of the median
    b = batas_pencilan([10.0, 20.0, 20.0, 22.0, 60.0])
    assert (b.median, b.bawah, b.atas) == (20.0, 5.0, 40.0)
    # eight or more: Tukey's fences
    jam = [10.0, 11.0, 12.0, 12.0, 13.0, 14.0, 15.0, 40.0]
    b = batas_pencilan(jam)
    assert (b.median, b.bawah, b.atas) == (12.5, 8.0, 18.0)  # Q1 11.75, Q3 14.25


def test_beban_kerja_urut_pencilan_dan_ekspor(client, kabupaten, admin_kab):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    client.force_login(admin_kab)
    url = reverse("pemantauan_beban")
    r = client.get(url, {"tahun": TAHUN, "urut": "-jam"})
    assert r.status_code == 200
    baris = r.context["page_obj"].paginator.object_list
    jam = [b.menit for b in baris]
    assert jam == sorted(jam, reverse=True)
    batas = r.context["batas"]
    for b in baris:
        harap = "tinggi" if b.jam > batas.atas + 0.05 else ""
        if b.menit / 60 < batas.bawah:
            harap = "rendah"
        if harap:
            assert b.pencilan == harap
    # the "malas" pegawai of the generator (few days filled) are flagged low
    assert any(b.pencilan == "rendah" for b in baris)
    # 25 rows a page (issue 12): the lowest come first when sorted by hours ascending.
    assert b"beban rendah" in client.get(url, {"tahun": TAHUN, "urut": "jam"}).content
    r = client.get(url, {"tahun": TAHUN, "urut": "nama"})
    nama = [b.nama for b in r.context["page_obj"].paginator.object_list]
    assert nama == sorted(nama)

    r = client.get(url, {"tahun": TAHUN, "format": "xlsx"})
    assert r["Content-Disposition"].endswith('.xlsx"')
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == len(baris) + 1
    r = client.get(url, {"tahun": TAHUN, "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(baris) + 1


def test_ekspor_tabel_unit_dan_rincian(client, kabupaten, admin_kab):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    client.force_login(admin_kab)
    r = client.get(
        reverse("pemantauan_dasbor"), {"tahun": TAHUN, "unit": kabupaten.akar.pk, "format": "xlsx"}
    )
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    d = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN, "unit": kabupaten.akar.pk})
    assert ws.max_row == len(d.context["d"].baris) + 1
    r = client.get(
        reverse("pemantauan_rincian", args=["realisasi_belum"]), {"tahun": TAHUN, "format": "xlsx"}
    )
    assert r.status_code == 200
    assert client.get(reverse("pemantauan_dasbor"), {"format": "pdf"}).status_code == 404
    assert client.get(reverse("pemantauan_rincian", args=["tidak_ada"])).status_code == 404
