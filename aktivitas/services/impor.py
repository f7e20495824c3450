"""Bulk entry of daily activities from a spreadsheet (CSV or XLSX), all or nothing.

BKN's form takes one activity at a time, so its users write browser extensions that type
Excel rows into it (domain.md §3); here the spreadsheet is a first-class way in.  The format is
documented for users in ``docs/impor-aktivitas.md``.  One entry point,
:func:`impor_aktivitas`, works like the pegawai import:

1. **baca** — the bytes become rows of text (the reader of :mod:`pegawai.services.impor`, so both
   imports accept and refuse the same files); the header row is matched to our columns by
   name, or by the mapping the user chose when his own spreadsheet has other headers;
2. **periksa** — every row is parsed and checked with the rules of the entry form
   (:func:`aktivitas.services.harian.periksa_aktivitas`) against what was read once for the whole
   file: his SKPs over the file's dates, his activities on those dates, the holidays — a
   fixed number of queries whatever the number of rows;
3. **terapkan** — only when no row has an error, every row goes through
   :func:`aktivitas.services.harian.catat_aktivitas` (which checks it again, row by row, with the
   form's own validation) inside one transaction; any error rolls everything back.

Each row's idempotency key is derived from the file's SHA-256 and the row number, so the
same file applied twice (a double click, two tabs, a retry) adds nothing the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aktivitas import rules
from aktivitas.bukti import periksa_tautan
from aktivitas.models import Aktivitas
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services import harian as services
from aktivitas.services.bukti import tambah_bukti_tautan
from kalender.rules import MAKS_HARI_GANGGUAN
from kalender.selectors import hari_gangguan, hari_libur
from pegawai.models import Pegawai
from pegawai.services.impor import (  # the shared reader
    BerkasDitolak,
    Kesalahan,
    buka_tabel,
    nama_kolom,
)
from pegawai.services.organisasi import catat_riwayat
from skp.models import RencanaHasilKerja, Skp

KOLOM = (
    "tanggal",
    "jam_mulai",
    "jam_selesai",
    "uraian",
    "jumlah_output",
    "satuan_output",
    "rhk",
    "bukti_tautan",
)
KOLOM_WAJIB = KOLOM[:6]
LABEL_KOLOM = {
    "tanggal": gettext_lazy("Tanggal"),
    "jam_mulai": gettext_lazy("Jam mulai"),
    "jam_selesai": gettext_lazy("Jam selesai"),
    "uraian": gettext_lazy("Uraian kegiatan"),
    "jumlah_output": gettext_lazy("Jumlah output"),
    "satuan_output": gettext_lazy("Satuan output"),
    "rhk": gettext_lazy("Nomor RHK"),
    "bukti_tautan": gettext_lazy("Tautan bukti dukung"),
}
# A month of one pegawai is 40–90 rows; 500 keeps the confirm step well inside a request.
MAKS_BARIS = 500
MAKS_KOLOM = 200  # columns of the user's sheet offered in the mapping form
# Fixed forever: changing it would give every file already imported new keys.
_RUANG_KUNCI = uuid.UUID("cb1aa9fc-3bff-4aaf-bdc1-c17914a0730d")
_UKURAN_IN = 900  # values per SQL "IN (...)": under SQLite's historical 999-parameter limit
_MAKS_SATUAN = Aktivitas._meta.get_field("satuan_output").max_length
_MAKS_OUTPUT = Decimal(10) ** (
    Aktivitas._meta.get_field("jumlah_output").max_digits
    - Aktivitas._meta.get_field("jumlah_output").decimal_places
)
_SEN = Decimal("0.01")
_U, _T = RencanaHasilKerja.Jenis.UTAMA, RencanaHasilKerja.Jenis.TAMBAHAN


# --- results ------------------------------------------------------------------------------
@dataclass
class BarisImpor:
    """One data row: the raw text, and the activity it becomes once parsed."""

    nomor: int  # as in the spreadsheet (header row = 1)
    teks: dict[str, str]
    kunci: uuid.UUID
    tanggal: dt.date | None = None
    jam_mulai: dt.time | None = None
    jam_selesai: dt.time | None = None
    uraian: str = ""
    jumlah_output: Decimal | None = None
    satuan_output: str = ""
    nomor_rhk: str = ""  # "1", "T1" or "" (tugas tambahan)
    rhk: RencanaHasilKerja | None = None
    bukti_tautan: str = ""
    terlambat: bool = False
    sudah_diimpor: bool = False
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.kesalahan

    def data(self) -> services.DataAktivitas:
        return services.DataAktivitas(
            tanggal=self.tanggal,
            jam_mulai=self.jam_mulai,
            jam_selesai=self.jam_selesai,
            uraian=self.uraian,
            jumlah_output=self.jumlah_output,
            satuan_output=self.satuan_output,
            rhk=self.rhk,
        )


@dataclass
class HasilImpor:
    nama_berkas: str
    sha256: str
    kepala: list[str] = field(default_factory=list)  # the header row as in the file
    pemetaan: dict[str, int] = field(default_factory=dict)  # our column -> index in the file
    perlu_pemetaan: bool = False  # the headers are not ours: ask the user which is which
    contoh: list[str] = field(default_factory=list)  # then: the first data row, as an example
    baris: list[BarisImpor] = field(default_factory=list)
    kesalahan_berkas: list[Kesalahan] = field(default_factory=list)
    diterapkan: bool = False
    dibuat: int = 0

    @property
    def kesalahan(self) -> list[Kesalahan]:
        return [*self.kesalahan_berkas, *(k for b in self.baris for k in b.kesalahan)]

    @property
    def berhasil(self) -> bool:
        return not self.perlu_pemetaan and not self.kesalahan_berkas and self.baris_salah == 0

    @property
    def jumlah_baris(self) -> int:
        return len(self.baris)

    @property
    def baris_salah(self) -> int:
        return sum(1 for b in self.baris if b.kesalahan)

    @property
    def sudah_ada(self) -> int:
        return sum(1 for b in self.baris if b.sudah_diimpor)

    @property
    def baru(self) -> int:
        return self.jumlah_baris - self.sudah_ada

    @property
    def terlambat(self) -> int:
        return sum(1 for b in self.baris if b.terlambat and not b.sudah_diimpor)


def kunci_baris(sha256: str, nomor: int) -> uuid.UUID:
    """The idempotency key of one row of one file (the same file gives the same keys)."""
    return uuid.uuid5(_RUANG_KUNCI, f"{sha256}:{nomor}")


# --- entry point --------------------------------------------------------------------------
def impor_aktivitas(
    aktor: Pegawai,
    pegawai: Pegawai,
    berkas: bytes,
    nama_berkas: str,
    *,
    terapkan: bool,
    pemetaan: dict[str, int] | None = None,
    hari_ini: dt.date | None = None,
) -> HasilImpor:
    """Check (and with ``terapkan=True`` write, all or nothing) ``pegawai``'s activities.

    ``aktor`` is the pegawai himself or an operator of his unit (recorded as such); anyone
    else gets :class:`PermissionDenied`.  Without ``pemetaan`` the header row must name our
    columns; when it does not, the result says ``perlu_pemetaan`` and nothing is checked.
    """
    sebagai = services.sebagai_pengisi(aktor, pegawai)
    hasil = HasilImpor(nama_berkas=nama_berkas, sha256=hashlib.sha256(berkas).hexdigest())
    try:
        _baca(hasil, berkas, pemetaan)
        if pegawai.instansi_id is None:
            raise BerkasDitolak(
                _(
                    "Akun ini tidak terdaftar pada instansi mana pun, jadi tidak dapat "
                    "mencatat aktivitas."
                )
            )
    except BerkasDitolak as e:
        hasil.kesalahan_berkas.append(Kesalahan(e.baris, "", str(e)))
        return hasil
    if hasil.perlu_pemetaan:
        return hasil
    hari_ini = hari_ini or timezone.localdate()
    if not terapkan:
        _Pemeriksaan(pegawai, hasil, hari_ini).jalankan()
        return hasil
    try:
        with transaction.atomic():
            # Imports for one pegawai run one after the other: two confirmations of the
            # same file (two browsers) cannot both pass the check; the second finds the
            # first one's keys and writes nothing.
            list(Pegawai.objects.select_for_update().filter(pk=pegawai.pk).values_list("pk"))
            _Pemeriksaan(pegawai, hasil, hari_ini).jalankan()
            if hasil.berhasil:
                _tulis(aktor, pegawai, hasil, sebagai)
                hasil.diterapkan = True
    except _Batal:
        hasil.dibuat = 0
    return hasil


class _Batal(Exception):
    """Raised inside the transaction to roll the whole import back."""


# --- step 1: reading ----------------------------------------------------------------------
def _baca(hasil: HasilImpor, berkas: bytes, pemetaan: dict[str, int] | None) -> None:
    sumber = buka_tabel(berkas, hasil.nama_berkas)
    try:
        for nomor, sel in enumerate(sumber, start=1):
            if not any(sel):
                continue
            if not hasil.kepala:
                _kepala(hasil, sel, nomor, pemetaan)
                continue
            if hasil.perlu_pemetaan:
                # The first data row, to help the user tell the columns apart.
                hasil.contoh = [s[:100] for s in sel[:MAKS_KOLOM]]
                return
            teks = {k: (sel[i] if i < len(sel) else "") for k, i in hasil.pemetaan.items()}
            if not any(teks.values()):
                continue  # other columns only (notes, a total row): not an activity
            if len(hasil.baris) >= MAKS_BARIS:
                raise BerkasDitolak(
                    _(
                        "Berkas berisi lebih dari %(maks)s baris aktivitas. Pecah menjadi "
                        "beberapa berkas (misalnya per bulan)."
                    )
                    % {"maks": f"{MAKS_BARIS:,}".replace(",", ".")}
                )
            hasil.baris.append(BarisImpor(nomor, teks, kunci_baris(hasil.sha256, nomor)))
    finally:
        sumber.close()
    if not hasil.kepala:
        raise BerkasDitolak(_("Berkas kosong."))
    if not hasil.baris and not hasil.perlu_pemetaan:
        raise BerkasDitolak(_("Berkas tidak berisi aktivitas: hanya ada baris judul kolom."))


def cocokkan_kepala(kepala: list[str]) -> dict[str, int]:
    """Our columns found by name in a header row (case, spaces and "-" do not matter)."""
    posisi: dict[str, int] = {}
    for i, teks in enumerate(kepala):
        nama = nama_kolom(teks)
        if nama in KOLOM and nama not in posisi:
            posisi[nama] = i
    return posisi


def _kepala(hasil: HasilImpor, sel: list[str], nomor: int, pemetaan: dict[str, int] | None) -> None:
    # Bounded: the header goes into the session and into the mapping form.
    hasil.kepala = [s.strip()[:100] for s in sel[:MAKS_KOLOM]]
    if pemetaan is None:
        hasil.pemetaan = cocokkan_kepala(hasil.kepala)
        hasil.perlu_pemetaan = any(k not in hasil.pemetaan for k in KOLOM_WAJIB)
        return
    pemetaan = {k: i for k, i in pemetaan.items() if k in KOLOM and i is not None}
    salah = [
        k
        for k in KOLOM_WAJIB
        if not isinstance(pemetaan.get(k), int) or not 0 <= pemetaan[k] < len(hasil.kepala)
    ]
    if salah:
        raise BerkasDitolak(
            _("Pemetaan kolom tidak cocok dengan berkas ini (%(kolom)s). Unggah berkasnya lagi.")
            % {"kolom": ", ".join(salah)},
            baris=nomor,
        )
    hasil.pemetaan = pemetaan


def nama_kolom_berkas(hasil: HasilImpor, kolom: str) -> str:
    """How the user's spreadsheet names one of our columns, e.g. ``C (Mulai)``."""
    i = hasil.pemetaan.get(kolom)
    if i is None:
        return kolom
    huruf = openpyxl.utils.get_column_letter(i + 1)
    judul = hasil.kepala[i] if i < len(hasil.kepala) else ""
    return f"{huruf} ({judul})" if judul else huruf


# --- step 2a: the cells of one row --------------------------------------------------------
class _Tidak(ValueError):
    """A cell that cannot be read; the message is for the user."""


_POLA_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_POLA_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_POLA_JAM = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}[ T])?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}(?:\.\d+)?))?$"
)
_POLA_PECAHAN = re.compile(r"^0?\.\d+$|^0$")
_POLA_RHK = re.compile(r"^(?:RHK)?(UTAMA|U|TAMBAHAN|T)?[-.]?(\d{1,3})\.?$")
_EPOCH_EXCEL = dt.date(1899, 12, 30)


def baca_tanggal(teks: str) -> dt.date:
    """DD-MM-YYYY (or with / or .), YYYY-MM-DD, an Excel date cell, or an Excel serial."""
    if m := _POLA_DMY.match(teks):
        h, b, t = (int(x) for x in m.groups())
    elif m := _POLA_YMD.match(teks):
        t, b, h = (int(x) for x in m.groups())
    elif teks.isdigit() and len(teks) == 5:
        # A date cell without a date format reaches us as Excel's day count.
        return _EPOCH_EXCEL + dt.timedelta(days=int(teks))
    else:
        raise _Tidak(
            _(
                "Tanggal “%(teks)s” tidak dikenali; tulis DD-MM-YYYY (mis. 11-03-2026) "
                "atau YYYY-MM-DD."
            )
            % {"teks": teks}
        )
    try:
        return dt.date(t, b, h)
    except ValueError:
        raise _Tidak(_("Tanggal “%(teks)s” tidak ada di kalender.") % {"teks": teks}) from None


def baca_jam(teks: str) -> dt.time:
    """HH:MM (or HH.MM, with optional seconds), an Excel time cell, or a fraction of a day."""
    if m := _POLA_JAM.match(teks):
        detik = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3] or 0)
        if int(m[1]) > 23 or int(m[2]) > 59:
            raise _Tidak(_("Jam “%(teks)s” tidak ada; jam 00:00 sampai 23:59.") % {"teks": teks})
    elif _POLA_PECAHAN.match(teks):
        detik = float(teks) * 86_400  # Excel keeps a time as a fraction of a day
    else:
        raise _Tidak(
            _("Jam “%(teks)s” tidak dikenali; tulis JJ:MM (mis. 08:00 atau 13:30).")
            % {"teks": teks}
        )
    # Excel's fractions are not exact (08:00 may come as 07:59:59.99): round to the minute.
    menit = min(round(detik / 60), 24 * 60 - 1)
    return dt.time(menit // 60, menit % 60)


def baca_angka(teks: str) -> Decimal:
    """A positive quantity with at most two decimals; "2,5" and "2.5" alike."""
    angka = teks.replace(" ", "").replace("\u00a0", "")
    if "," in angka and "." in angka:
        # The last mark is the decimal one: "1.234,5" (Indonesian) or "1,234.5" (English).
        ribuan = "." if angka.rfind(",") > angka.rfind(".") else ","
        angka = angka.replace(ribuan, "")
    angka = angka.replace(",", ".")
    try:
        nilai = Decimal(angka)
    except InvalidOperation:
        nilai = None
    if nilai is None or not nilai.is_finite():
        raise _Tidak(_("Jumlah output “%(teks)s” bukan angka.") % {"teks": teks})
    dibulatkan = nilai.quantize(_SEN)
    if abs(nilai - dibulatkan) > Decimal("1e-9"):
        raise _Tidak(_("Jumlah output paling banyak dua angka di belakang koma."))
    if dibulatkan >= _MAKS_OUTPUT:
        raise _Tidak(_("Jumlah output terlalu besar."))
    return dibulatkan


def baca_nomor_rhk(teks: str) -> tuple[str, int] | None:
    """ "1", "U1", "Utama 1" → (utama, 1); "T1", "Tambahan 1" → (tambahan, 1); "" → None."""
    if not teks:
        return None
    m = _POLA_RHK.match("".join(teks.upper().split()))
    if m is None or int(m[2]) == 0:
        raise _Tidak(
            _(
                "Nomor RHK “%(teks)s” tidak dikenali; tulis nomornya seperti di SKP (1, 2, … "
                "untuk RHK utama; T1, T2, … untuk RHK tambahan), atau kosongkan untuk tugas "
                "tambahan."
            )
            % {"teks": teks}
        )
    return (_T if m[1] in ("T", "TAMBAHAN") else _U), int(m[2])


def label_nomor_rhk(jenis: str, nomor: int) -> str:
    return f"T{nomor}" if jenis == _T else str(nomor)


def baca_tautan(teks: str) -> str:
    """The evidence service's own check of a link (http/https, length, no credentials)."""
    try:
        return periksa_tautan(teks)
    except ValidationError as e:
        raise _Tidak(" ".join(e.messages)) from None


_WAJIB = {
    "tanggal": gettext_lazy("Tanggal wajib diisi."),
    "jam_mulai": gettext_lazy("Jam mulai wajib diisi."),
    "jam_selesai": gettext_lazy("Jam selesai wajib diisi."),
    "uraian": gettext_lazy("Uraian kegiatan wajib diisi."),
    "jumlah_output": gettext_lazy("Jumlah output wajib diisi."),
    "satuan_output": gettext_lazy("Satuan output wajib diisi (mis. dokumen, laporan, kegiatan)."),
}


def _urai(hasil: HasilImpor, b: BarisImpor) -> tuple[str, int] | None:
    """Parse one row's cells in place; return its RHK number (resolved later)."""

    def galat(kolom: str, pesan: str) -> None:
        b.kesalahan.append(Kesalahan(b.nomor, nama_kolom_berkas(hasil, kolom), pesan))

    for kolom, pesan in _WAJIB.items():
        if not b.teks.get(kolom, "").strip():
            galat(kolom, str(pesan))
    pembaca = {
        "tanggal": baca_tanggal,
        "jam_mulai": baca_jam,
        "jam_selesai": baca_jam,
        "jumlah_output": baca_angka,
        "bukti_tautan": baca_tautan,
    }
    for kolom, baca in pembaca.items():
        teks = b.teks.get(kolom, "").strip()
        if teks:
            try:
                setattr(b, kolom, baca(teks))
            except _Tidak as e:
                galat(kolom, str(e))
    b.uraian = b.teks.get("uraian", "").strip()
    b.satuan_output = b.teks.get("satuan_output", "").strip()
    if len(b.satuan_output) > _MAKS_SATUAN:
        galat(
            "satuan_output",
            _("Satuan output paling panjang %(n)d karakter.") % {"n": _MAKS_SATUAN},
        )
    try:
        nomor = baca_nomor_rhk(b.teks.get("rhk", "").strip())
    except _Tidak as e:
        galat("rhk", str(e))
        return None
    if nomor is not None:
        b.nomor_rhk = label_nomor_rhk(*nomor)
    return nomor


# --- step 2b: the rules of the entry form, for all rows at once ---------------------------
def nomor_rhk(skp: Skp) -> dict[tuple[str, int], RencanaHasilKerja]:
    """The RHK of an SKP by the number its page shows: utama 1, 2, … and tambahan T1, T2, …

    ``skp.rhk.all()`` must be in the SKP page's order (jenis, urutan, id)."""
    hitung = {_U: 0, _T: 0}
    hasil = {}
    for rhk in skp.rhk.all():
        hitung[rhk.jenis] += 1
        hasil[(rhk.jenis, hitung[rhk.jenis])] = rhk
    return hasil


def _skp_dengan_rhk(pegawai: Pegawai, mulai: dt.date, selesai: dt.date) -> list[Skp]:
    """His SKPs touching [mulai, selesai], as ``services.skp_berlaku`` chooses among them."""
    return list(
        Skp.objects.filter(pegawai=pegawai, mulai__lte=selesai, selesai__gte=mulai)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .select_related("jabatan")
        .prefetch_related(
            Prefetch("rhk", queryset=RencanaHasilKerja.objects.order_by("jenis", "urutan", "id"))
        )
        .order_by("-versi", "-pk")
    )


def _berlaku(daftar: list[Skp], tanggal: dt.date) -> Skp | None:
    """``services.skp_berlaku`` over SKPs already read (newest version first)."""
    return next((s for s in daftar if s.mulai <= tanggal <= s.selesai), None)


def _potongan(nilai: list, ukuran: int = _UKURAN_IN) -> Iterable[list]:
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


def _jam(t: dt.time) -> str:
    return t.strftime("%H:%M")


class _Pemeriksaan:
    """Checks every row as ``services.periksa_aktivitas`` checks the form (same messages),
    after reading what those checks need once for the whole file."""

    def __init__(self, pegawai: Pegawai, hasil: HasilImpor, hari_ini: dt.date) -> None:
        self.pegawai, self.hasil, self.hari_ini = pegawai, hasil, hari_ini

    def galat(self, b: BarisImpor, kolom: str, pesan: str) -> None:
        b.kesalahan.append(Kesalahan(b.nomor, nama_kolom_berkas(self.hasil, kolom), pesan))

    def jalankan(self) -> None:
        hasil = self.hasil
        for b in hasil.baris:  # idempotent: running it again on the same result starts afresh
            b.kesalahan, b.rhk, b.terlambat, b.sudah_diimpor = [], None, False, False
        nomor = {b.nomor: _urai(hasil, b) for b in hasil.baris}
        self._tandai_sudah_diimpor()
        baris = [b for b in hasil.baris if not b.sudah_diimpor]
        for b in baris:
            self._periksa_isian(b)
        tanggal = sorted({b.tanggal for b in baris if b.tanggal is not None})
        if tanggal:
            skp = _skp_dengan_rhk(self.pegawai, tanggal[0], tanggal[-1])
            per_skp = {s.pk: nomor_rhk(s) for s in skp}
            for b in baris:
                if b.tanggal is not None:
                    self._rhk(b, nomor[b.nomor], _berlaku(skp, b.tanggal), per_skp)
            self._tumpang_tindih(baris, tanggal)
            self._keterlambatan(baris, tanggal)
        for b in baris:  # left to right, as the user reads his row ("C (…)" before "AA (…)")
            b.kesalahan.sort(key=lambda k: (len(k.kolom.split(" ", 1)[0]), k.kolom))

    def _tandai_sudah_diimpor(self) -> None:
        kunci = [b.kunci for b in self.hasil.baris]
        ada: set[uuid.UUID] = set()
        for potong in _potongan(kunci):
            ada.update(
                Aktivitas.objects.filter(pegawai=self.pegawai, kunci__in=potong).values_list(
                    "kunci", flat=True
                )
            )
        for b in self.hasil.baris:
            if b.kunci in ada:
                # Written by an earlier run of this very file: not checked, not written again.
                b.sudah_diimpor, b.kesalahan = True, []

    def _periksa_isian(self, b: BarisImpor) -> None:
        # The field rules of services.periksa_aktivitas (and its messages); cells that could
        # not be read already carry their own error.
        if b.tanggal is not None and b.tanggal > self.hari_ini:
            self.galat(b, "tanggal", _("Tanggal aktivitas tidak boleh di masa depan."))
        if b.jam_mulai is not None and b.jam_selesai is not None and b.jam_selesai <= b.jam_mulai:
            self.galat(b, "jam_selesai", _("Jam selesai harus sesudah jam mulai."))
        if b.jumlah_output is not None and b.jumlah_output <= 0:
            self.galat(b, "jumlah_output", _("Jumlah output harus lebih dari nol."))

    def _rhk(
        self,
        b: BarisImpor,
        nomor: tuple[str, int] | None,
        skp: Skp | None,
        per_skp: dict[int, dict[tuple[str, int], RencanaHasilKerja]],
    ) -> None:
        if nomor is None:
            return  # blank: tugas tambahan, outside the RHK
        tanggal = b.tanggal.strftime("%d-%m-%Y")
        if skp is None:
            self.galat(
                b,
                "rhk",
                _(
                    "Tidak ada SKP yang berlaku pada %(tanggal)s, jadi RHK nomor %(nomor)s tidak "
                    "dapat dipilih; kosongkan kolom ini bila kegiatan ini tugas tambahan."
                )
                % {"tanggal": tanggal, "nomor": b.nomor_rhk},
            )
            return
        b.rhk = per_skp[skp.pk].get(nomor)
        if b.rhk is None:
            ada = ", ".join(label_nomor_rhk(*k) for k in per_skp[skp.pk]) or _("tidak ada RHK")
            self.galat(
                b,
                "rhk",
                _(
                    "RHK nomor %(nomor)s tidak ada di SKP yang berlaku pada %(tanggal)s "
                    "(nomor yang ada: %(ada)s)."
                )
                % {"nomor": b.nomor_rhk, "tanggal": tanggal, "ada": ada},
            )

    def _tumpang_tindih(self, baris: list[BarisImpor], tanggal: list[dt.date]) -> None:
        """Overlaps with his activities already saved, and between rows of the file."""
        tersimpan: dict[dt.date, list[dict]] = defaultdict(list)
        for potong in _potongan(tanggal):
            for a in (
                Aktivitas.objects.filter(pegawai=self.pegawai, tanggal__in=potong)
                .order_by("tanggal", "jam_mulai", "pk")
                .values("tanggal", "jam_mulai", "jam_selesai", "uraian")
            ):
                tersimpan[a["tanggal"]].append(a)
        sebelumnya: dict[dt.date, list[BarisImpor]] = defaultdict(list)
        for b in baris:
            if b.tanggal is None or b.jam_mulai is None or b.jam_selesai is None:
                continue
            if b.jam_selesai <= b.jam_mulai or b.tanggal > self.hari_ini:
                continue  # periksa_aktivitas does not look for overlaps either
            rentang = (b.jam_mulai, b.jam_selesai)
            for a in tersimpan[b.tanggal]:
                if rules.jam_tumpang_tindih(rentang, (a["jam_mulai"], a["jam_selesai"])):
                    self.galat(
                        b,
                        "jam_mulai",
                        _(
                            "Waktu ini bertumpang tindih dengan aktivitas %(mulai)s–%(selesai)s: "
                            "%(uraian)s"
                        )
                        % {
                            "mulai": _jam(a["jam_mulai"]),
                            "selesai": _jam(a["jam_selesai"]),
                            "uraian": a["uraian"][:60],
                        },
                    )
                    break
            for lain in sebelumnya[b.tanggal]:
                if rules.jam_tumpang_tindih(rentang, (lain.jam_mulai, lain.jam_selesai)):
                    self.galat(
                        b,
                        "jam_mulai",
                        _(
                            "Waktu ini bertumpang tindih dengan baris %(baris)d "
                            "(%(mulai)s–%(selesai)s) di berkas ini."
                        )
                        % {
                            "baris": lain.nomor,
                            "mulai": _jam(lain.jam_mulai),
                            "selesai": _jam(lain.jam_selesai),
                        },
                    )
                    break
            sebelumnya[b.tanggal].append(b)

    def _keterlambatan(self, baris: list[BarisImpor], tanggal: list[dt.date]) -> None:
        """``services.is_terlambat`` per row, with the setting and holidays read once."""
        instansi_id = self.pegawai.instansi_id
        n = pengaturan_kinerja(instansi_id).batas_hari_kerja_terlambat
        akhir = tanggal[-1] + dt.timedelta(days=n * 3 + 30 + MAKS_HARI_GANGGUAN)
        libur = hari_libur(instansi_id, tanggal[0], akhir)
        gangguan = hari_gangguan(instansi_id, tanggal[0], akhir)
        for b in baris:
            if b.tanggal is not None and b.tanggal <= self.hari_ini:
                b.terlambat = rules.is_terlambat(b.tanggal, self.hari_ini, n, libur, gangguan)


# --- step 3: writing ----------------------------------------------------------------------
_KOLOM_GALAT = {"rencana_aksi": "rhk", "tautan": "bukti_tautan"}


def _tulis(aktor: Pegawai, pegawai: Pegawai, hasil: HasilImpor, sebagai: str) -> None:
    """Every new row through the entry service (and its link through the evidence service);
    collect every refusal, then roll everything back if there was one."""
    for b in hasil.baris:
        if b.sudah_diimpor:
            continue
        try:
            aktivitas, baru = services.catat_aktivitas(aktor, pegawai, b.data(), b.kunci)
            if not baru:
                b.sudah_diimpor = True  # a concurrent run of the same file won the race
                continue
            if b.bukti_tautan:
                tambah_bukti_tautan(aktor, aktivitas, b.bukti_tautan)
        except ValidationError as e:
            # What changed since our own check (another entry saved meanwhile, …).
            for kolom, pesan in _pesan_galat(e):
                kolom = _KOLOM_GALAT.get(kolom, kolom)
                nama = nama_kolom_berkas(hasil, kolom) if kolom in KOLOM else ""
                b.kesalahan.append(Kesalahan(b.nomor, nama, pesan))
            continue
        b.terlambat = aktivitas.terlambat
        hasil.dibuat += 1
    if hasil.kesalahan:
        raise _Batal
    if hasil.dibuat:
        catat_riwayat(
            pelaku=aktor,
            subjek=pegawai,
            objek=pegawai,
            aksi="aktivitas.diimpor",
            sebagai=sebagai,
            keterangan=hasil.nama_berkas[:200],
            data={
                "berkas": hasil.nama_berkas[:200],
                "sha256": hasil.sha256,
                "baris": hasil.jumlah_baris,
                "dibuat": hasil.dibuat,
                "terlambat": hasil.terlambat,
            },
        )


def _pesan_galat(e: ValidationError) -> list[tuple[str, str]]:
    if hasattr(e, "error_dict"):
        return [(k, m) for k, daftar in e.message_dict.items() for m in daftar]
    return [("", m) for m in e.messages]


# --- the RHK numbers and the downloadable templates ---------------------------------------
@dataclass(frozen=True)
class DaftarRhk:
    """One SKP of the pegawai with its RHK numbered as in the import's ``rhk`` column."""

    skp: Skp
    rhk: list[tuple[str, RencanaHasilKerja]]


def daftar_rhk(pegawai: Pegawai, hari_ini: dt.date | None = None) -> list[DaftarRhk]:
    """His SKPs in force this year up to today (newest version of each), oldest first."""
    hari_ini = hari_ini or timezone.localdate()
    awal = dt.date(hari_ini.year, 1, 1)
    semua = _skp_dengan_rhk(pegawai, awal, hari_ini)
    # The one in force on each day of the year so far (a few hundred days × a few SKPs).
    hari = (awal + dt.timedelta(days=i) for i in range((hari_ini - awal).days + 1))
    dipilih = {s.pk: s for s in (_berlaku(semua, h) for h in hari) if s is not None}
    return [
        DaftarRhk(s, [(label_nomor_rhk(*k), r) for k, r in nomor_rhk(s).items()])
        for s in sorted(dipilih.values(), key=lambda s: s.mulai)
    ]


def _contoh(daftar: list[DaftarRhk], hari_ini: dt.date) -> list:
    rhk = daftar[-1].rhk[0][0] if daftar and daftar[-1].rhk else ""
    return [
        hari_ini,
        dt.time(8, 0),
        dt.time(10, 30),
        _("Menyusun notula rapat koordinasi (contoh: ganti atau hapus baris ini)"),
        1,
        _("dokumen"),
        rhk,
        "https://drive.example.go.id/notula-rapat",
    ]


def templat_csv(pegawai: Pegawai, hari_ini: dt.date | None = None) -> bytes:
    """Header and one example row, UTF-8 with BOM so that Excel reads it right."""
    hari_ini = hari_ini or timezone.localdate()
    contoh = _contoh(daftar_rhk(pegawai, hari_ini), hari_ini)
    contoh[0], contoh[1], contoh[2] = hari_ini.strftime("%d-%m-%Y"), "08:00", "10:30"
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, lineterminator="\r\n")
    penulis.writerow(KOLOM)
    penulis.writerow(contoh)
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")


def templat_xlsx(pegawai: Pegawai, hari_ini: dt.date | None = None) -> bytes:
    """The template as a workbook: typed date and time cells, and a second sheet listing
    the pegawai's RHK numbers so that he sees what "1" or "T1" means."""
    from openpyxl.styles import Alignment, Font

    hari_ini = hari_ini or timezone.localdate()
    daftar = daftar_rhk(pegawai, hari_ini)
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = "aktivitas"  # names of the format, like the columns
    lembar.append(list(KOLOM))
    lembar.append(_contoh(daftar, hari_ini))
    format_kolom = {"tanggal": "DD-MM-YYYY", "jam_mulai": "HH:MM", "jam_selesai": "HH:MM"}
    format_kolom |= {"rhk": "@", "satuan_output": "@", "uraian": "@", "bukti_tautan": "@"}
    lebar = {"tanggal": 12, "uraian": 60, "satuan_output": 14, "bukti_tautan": 40}
    for i, kolom in enumerate(KOLOM, start=1):
        huruf = openpyxl.utils.get_column_letter(i)
        lembar.column_dimensions[huruf].width = lebar.get(kolom, 12)
        if kolom in format_kolom:
            # The column's own format, so that what the user types stays a date, a time or
            # text ("1" in the rhk column must not become a number).
            lembar.column_dimensions[huruf].number_format = format_kolom[kolom]
            lembar.cell(2, i).number_format = format_kolom[kolom]
    for sel in lembar[1]:
        sel.font = Font(bold=True)
    lembar.freeze_panes = "A2"

    rhk = buku.create_sheet("rhk")
    rhk.append(["rhk", _("jenis"), _("rencana hasil kerja"), _("SKP berlaku")])
    for d in daftar:
        berlaku = f"{d.skp.mulai:%d-%m-%Y} – {d.skp.selesai:%d-%m-%Y} ({d.skp.jabatan.nama})"
        for label, r in d.rhk:
            rhk.append([label, r.get_jenis_display(), r.teks, berlaku])
    if not any(d.rhk for d in daftar):
        rhk.append(["", "", _("Belum ada SKP berisi RHK yang berlaku tahun ini."), ""])
    rhk.append([])
    rhk.append(["", "", _("Kosongkan kolom rhk untuk tugas tambahan di luar RHK."), ""])
    for sel in rhk[1]:
        sel.font = Font(bold=True)
    for huruf, ukuran in (("A", 8), ("B", 12), ("C", 80), ("D", 45)):
        rhk.column_dimensions[huruf].width = ukuran
    for baris in rhk.iter_rows(min_row=2, min_col=3, max_col=3):
        baris[0].alignment = Alignment(wrap_text=True, vertical="top")
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
