import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404

from inti.ekspor import respons_tabel

KOLOM = ["NIP", "Nama", "Jumlah", "Tanggal"]
BARIS = [
    ["199504092019031002", '=HYPERLINK("x")', Decimal("12.50"), dt.date(2026, 3, 1)],
    ["198605272010011007", "Budi", 3, None],
]


def test_xlsx_berisi_kepala_dan_nilai_bertipe():
    r = respons_tabel("rekap", "xlsx", KOLOM, BARIS, judul="Rekap")
    assert r["Content-Disposition"] == 'attachment; filename="rekap.xlsx"'
    lembar = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(lembar.values)
    assert rows[0] == tuple(KOLOM)
    assert rows[1][0] == "199504092019031002"  # NIP stays text, not a float
    assert rows[1][1] == '\'=HYPERLINK("x")'  # a formula is neutralised
    assert rows[1][2] == 12.5 and rows[1][3].date() == dt.date(2026, 3, 1)
    assert rows[2][3] is None


def test_csv_utf8_bom_titik_koma_dan_rumus_dinetralkan():
    r = respons_tabel("rekap", "csv", KOLOM, BARIS)
    teks = r.content.decode("utf-8")
    assert teks.startswith("\ufeffNIP;Nama;Jumlah;Tanggal\r\n")
    assert '199504092019031002;"\'=HYPERLINK(""x"")";12,50;2026-03-01' in teks
    assert teks.splitlines()[2] == "198605272010011007;Budi;3;"


def test_format_lain_404():
    with pytest.raises(Http404):
        respons_tabel("rekap", "pdf", KOLOM, BARIS)
