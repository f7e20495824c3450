"""Tables to XLSX or CSV downloads, for every report of every app (the lowest app owns it so
that all may use it).

CSV is written with a UTF-8 BOM, ``;`` separators and decimal commas, which is what Excel in
an Indonesian locale opens correctly.  Cells that a spreadsheet would run as a formula are
neutralised (CSV/formula injection: a name or an activity text may start with ``=``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

import openpyxl
from django.http import Http404, HttpResponse
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMAT = ("xlsx", "csv")
_AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _aman(nilai: object) -> object:
    """A cell value safe for a spreadsheet: numbers and dates stay typed; text that would be
    read as a formula gets a leading apostrophe."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, int | float | Decimal | dt.date | dt.datetime):
        return nilai
    teks = str(nilai)
    return f"'{teks}" if teks.startswith(_AWALAN_RUMUS) else teks


def _nilai_xlsx(nilai: object) -> object:
    nilai = _aman(nilai)
    if isinstance(nilai, dt.datetime) and nilai.tzinfo is not None:
        return nilai.replace(tzinfo=None)  # openpyxl cannot store aware datetimes
    return nilai


def berkas_xlsx(judul: str, kolom: Sequence[str], baris: Iterable[Sequence[object]]) -> bytes:
    buku = openpyxl.Workbook(write_only=False)
    lembar = buku.active
    lembar.title = judul[:31] or "Data"
    lembar.append([str(k) for k in kolom])
    for sel in lembar[1]:
        sel.font = Font(bold=True)
    lebar = [len(str(k)) for k in kolom]
    for b in baris:
        nilai = [_nilai_xlsx(v) for v in b]
        lembar.append(nilai)
        for i, v in enumerate(nilai[: len(lebar)]):
            lebar[i] = max(lebar[i], min(len(str(v)), 60))
    for i, w in enumerate(lebar, start=1):
        lembar.column_dimensions[get_column_letter(i)].width = w + 2
    lembar.freeze_panes = "A2"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _nilai_csv(nilai: object) -> object:
    nilai = _aman(nilai)
    if isinstance(nilai, Decimal | float):
        return str(nilai).replace(".", ",")  # the decimal comma of the Indonesian locale
    return nilai


def berkas_csv(kolom: Sequence[str], baris: Iterable[Sequence[object]]) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=";", lineterminator="\r\n")
    penulis.writerow([str(k) for k in kolom])
    for b in baris:
        penulis.writerow([_nilai_csv(v) for v in b])
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")


def respons_tabel(
    nama_berkas: str,
    fmt: str,
    kolom: Sequence[str],
    baris: Iterable[Sequence[object]],
    judul: str = "Data",
) -> HttpResponse:
    """An attachment response: ``nama_berkas`` without extension, ``fmt`` "xlsx" or "csv"
    (anything else is a 404, as for an unknown URL)."""
    if fmt == "xlsx":
        isi, jenis = berkas_xlsx(judul, kolom, baris), _JENIS_XLSX
    elif fmt == "csv":
        isi, jenis = berkas_csv(kolom, baris), "text/csv; charset=utf-8"
    else:
        raise Http404
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="{nama_berkas}.{fmt}"'
    respons["X-Content-Type-Options"] = "nosniff"
    return respons
