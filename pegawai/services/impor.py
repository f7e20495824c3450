"""Import of pegawai, unit kerja and jabatan from a SIASN-like CSV or XLSX file.

The format is documented for users in ``docs/format-impor.md``.  One entry point,
:func:`impor_pegawai`, works in three steps:

1. **baca** — the bytes become rows of text; errors about the file as a whole stop here;
2. **rencanakan** — every row is checked and the whole change is planned in memory, after
   reading what already exists in a fixed number of queries (never one per row);
3. **terapkan** — only when no row has an error, the plan is written with bulk queries in
   one transaction; anything that fails while writing rolls everything back.

A dry run (``terapkan=False``) stops after step 2 and returns the same summary, so the
preview the admin confirms is exactly what will be written (unless the data changes
in between, in which case the real run checks again and may refuse).

Bulk writes bypass ``Model.save``; the two things ``save`` would have done are done here on
purpose: ``Pegawai.is_active`` follows ``Pegawai.STATUS_BOLEH_MASUK`` and the materialised
paths of the unit and jabatan trees are recomputed for every node whose place changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Any

import openpyxl
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from pegawai import permissions
from pegawai.models import Instansi, Jabatan, Pegawai, Penugasan, Riwayat, UnitKerja
from pegawai.rules import NipTidakValid, nip_dari_sel, validasi_nip
from pegawai.services.organisasi import kabari_penugasan_berubah, periksa_penugasan
from pegawai.sinyal import organisasi_berubah

logger = logging.getLogger(__name__)

KOLOM = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "pangkat_golongan",
    "status_kepegawaian",
    "kode_unit",
    "nama_unit",
    "kode_unit_induk",
    "jabatan",
    "jenis_jabatan",
    "nip_atasan",
    "email",
    "status",
)
KOLOM_WAJIB = (
    "nip",
    "nama",
    "jenis_kelamin",
    "status_kepegawaian",
    "kode_unit",
    "nama_unit",
    "jabatan",
    "jenis_jabatan",
)
MAKS_BARIS = 20_000
# One example row, used by the downloadable template: a self-contained file (a JPT at the
# top of a new unit) that imports as it is.
CONTOH_BARIS = {
    "nip": "198503142010011001",
    "nama": "Budi Santoso",
    "gelar_depan": "dr.",
    "gelar_belakang": "M.Kes.",
    "jenis_kelamin": "L",
    "pangkat_golongan": "Pembina Utama Muda (IV/c)",
    "status_kepegawaian": "PNS",
    "kode_unit": "DINKES",
    "nama_unit": "Dinas Kesehatan",
    "kode_unit_induk": "",
    "jabatan": "Kepala Dinas Kesehatan",
    "jenis_jabatan": "JPT Pratama",
    "nip_atasan": "",
    "email": "budi.santoso@contoh.go.id",
    "status": "aktif",
}

_UKURAN_IN = 900  # values per SQL "IN (...)": under SQLite's historical 999-parameter limit
_UKURAN_BATCH = 500
_ZIP = b"PK\x03\x04"
_RASIO_XLSX = 20  # unpacked size allowed per byte of the limit (real sheets: 5-10×)
# A NIP that went through a spreadsheet as a number: "1.98503E+17", "1,98503E+17" (Excel in
# the Indonesian locale) or "198503142010011000.0".  Its last digits are gone for good.

_PANJANG_MAKS = {
    "nama": Pegawai._meta.get_field("nama").max_length,
    "gelar_depan": Pegawai._meta.get_field("gelar_depan").max_length,
    "gelar_belakang": Pegawai._meta.get_field("gelar_belakang").max_length,
    "pangkat_golongan": Pegawai._meta.get_field("pangkat_golongan").max_length,
    "email": Pegawai._meta.get_field("email").max_length,
    "kode_unit": UnitKerja._meta.get_field("kode").max_length,
    "kode_unit_induk": UnitKerja._meta.get_field("kode").max_length,
    "nama_unit": UnitKerja._meta.get_field("nama").max_length,
    "jabatan": Jabatan._meta.get_field("nama").max_length,
}
_KOLOM_IDENTITAS = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "pangkat_golongan",
    "status_kepegawaian",
    "email",
)


# --- results ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kesalahan:
    """One problem, located as the user sees it in his spreadsheet (header = row 1)."""

    baris: int | None  # None: the file as a whole
    kolom: str
    pesan: str

    def __str__(self) -> str:
        if self.baris is None:
            return self.pesan
        if self.kolom:
            return _("Baris %(baris)d, kolom %(kolom)s: %(pesan)s") % {
                "baris": self.baris,
                "kolom": self.kolom,
                "pesan": self.pesan,
            }
        return _("Baris %(baris)d: %(pesan)s") % {"baris": self.baris, "pesan": self.pesan}


@dataclass(frozen=True)
class PerubahanBaris:
    """What the import does to the pegawai of one row (new or changed rows only)."""

    baris: int
    nip: str
    nama: str
    aksi: str  # "baru" or "berubah"
    rincian: tuple[str, ...] = ()  # the columns that change


@dataclass
class HasilImpor:
    nama_berkas: str
    sha256: str
    diterapkan: bool = False
    jumlah_baris: int = 0
    pegawai_baru: int = 0
    pegawai_berubah: int = 0
    pegawai_tetap: int = 0
    unit_baru: int = 0
    unit_berubah: int = 0
    jabatan_baru: int = 0
    jabatan_berubah: int = 0
    penugasan_baru: int = 0
    penugasan_diakhiri: int = 0
    kesalahan: list[Kesalahan] = field(default_factory=list)
    perubahan: list[PerubahanBaris] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan

    def ringkasan(self) -> dict[str, int]:
        return {
            "jumlah_baris": self.jumlah_baris,
            "pegawai_baru": self.pegawai_baru,
            "pegawai_berubah": self.pegawai_berubah,
            "pegawai_tetap": self.pegawai_tetap,
            "unit_baru": self.unit_baru,
            "unit_berubah": self.unit_berubah,
            "jabatan_baru": self.jabatan_baru,
            "jabatan_berubah": self.jabatan_berubah,
            "penugasan_baru": self.penugasan_baru,
            "penugasan_diakhiri": self.penugasan_diakhiri,
        }


# --- entry point --------------------------------------------------------------------------
def impor_pegawai(
    aktor: Pegawai | None,
    instansi: Instansi,
    berkas: bytes,
    nama_berkas: str,
    *,
    terapkan: bool,
    hari_ini: dt.date | None = None,
) -> HasilImpor:
    """Check (and with ``terapkan=True`` apply, all or nothing) one import file.

    ``aktor`` is the admin of ``instansi`` (or a superuser) doing it; ``None`` means the
    system — only the ``import_pegawai`` management command, run by whoever operates the
    server, passes ``None``.  Raises :class:`PermissionDenied` for anyone else.
    """
    if aktor is not None and not permissions.is_admin_instansi(aktor, instansi):
        raise PermissionDenied(_("Hanya admin instansi yang boleh mengimpor data pegawai."))
    hasil = HasilImpor(nama_berkas=nama_berkas, sha256=hashlib.sha256(berkas).hexdigest())
    try:
        data = _baca_baris(berkas, nama_berkas)
    except BerkasDitolak as e:
        hasil.kesalahan.append(Kesalahan(e.baris, "", str(e)))
        return hasil
    hasil.jumlah_baris = len(data)
    hari_ini = hari_ini or dt.date.today()
    if not terapkan:
        _Impor(aktor, instansi, data, hari_ini, hasil).rencanakan()
        return hasil
    try:
        with transaction.atomic():
            # Imports of one instansi run one after the other (a no-op on SQLite, whose
            # writers are serialised anyway); the plan is made under the lock.
            list(Instansi.objects.select_for_update().filter(pk=instansi.pk).values_list("pk"))
            impor = _Impor(aktor, instansi, data, hari_ini, hasil)
            if impor.rencanakan():
                impor.terapkan()
                hasil.diterapkan = True
    except _GagalMenerapkan as e:
        hasil.kesalahan = e.kesalahan
    except DatabaseError:
        logger.exception("Impor pegawai %s gagal ditulis", nama_berkas)
        hasil.kesalahan = [
            Kesalahan(
                None,
                "",
                _(
                    "Impor dibatalkan karena basis data menolak perubahan (mungkin data "
                    "diubah orang lain pada saat yang sama). Tidak ada yang disimpan; "
                    "silakan coba lagi."
                ),
            )
        ]
    return hasil


class BerkasDitolak(Exception):
    """The file as a whole cannot be used; the message is for the user."""

    def __init__(self, pesan: str, baris: int | None = None) -> None:
        super().__init__(pesan)
        self.baris = baris


class _GagalMenerapkan(Exception):
    """Raised inside the transaction to roll the whole import back."""

    def __init__(self, kesalahan: list[Kesalahan]) -> None:
        super().__init__(str(kesalahan[0]))
        self.kesalahan = kesalahan


# --- step 1: reading ----------------------------------------------------------------------
def _baca_baris(berkas: bytes, nama_berkas: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (spreadsheet row number, {column: text}); blank rows skipped."""
    sumber = buka_tabel(berkas, nama_berkas)
    try:
        kepala: dict[str, int] | None = None
        hasil: list[tuple[int, dict[str, str]]] = []
        for nomor, sel in enumerate(sumber, start=1):
            if not any(sel):
                continue
            if kepala is None:
                kepala = _periksa_kepala(sel, nomor)
                continue
            if len(hasil) >= MAKS_BARIS:
                raise BerkasDitolak(
                    _(
                        "Berkas berisi lebih dari %(maks)s baris data. Pecah menjadi beberapa "
                        "berkas (misalnya per unit kerja)."
                    )
                    % {"maks": f"{MAKS_BARIS:,}".replace(",", ".")}
                )
            hasil.append((nomor, {k: (sel[i] if i < len(sel) else "") for k, i in kepala.items()}))
    finally:
        sumber.close()
    if kepala is None:
        raise BerkasDitolak(_("Berkas kosong."))
    if not hasil:
        raise BerkasDitolak(_("Berkas tidak berisi data pegawai: hanya ada baris judul kolom."))
    return hasil


def buka_tabel(berkas: bytes, nama_berkas: str) -> Iterator[list[str]]:
    if not berkas:
        raise BerkasDitolak(_("Berkas kosong."))
    if len(berkas) > settings.IMPORT_MAX_BYTES:
        raise BerkasDitolak(
            _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.")
            % {
                "ukuran": filesizeformat(len(berkas)),
                "maks": filesizeformat(settings.IMPORT_MAX_BYTES),
            }
        )
    akhiran = PurePath(nama_berkas).suffix.lower()
    if akhiran == ".xls":
        raise BerkasDitolak(
            _("Berkas .xls (Excel lama) tidak didukung. Simpan ulang sebagai .xlsx atau CSV UTF-8.")
        )
    if akhiran not in (".csv", ".xlsx"):
        raise BerkasDitolak(_("Berkas harus berformat CSV (.csv) atau Excel (.xlsx)."))
    if berkas.startswith(_ZIP):
        return _baca_xlsx(berkas)
    if akhiran == ".xlsx":
        raise BerkasDitolak(_("Berkas ini bukan berkas Excel (.xlsx) yang sah."))
    return _baca_csv(berkas)


def _baca_csv(berkas: bytes) -> Iterator[list[str]]:
    try:
        teks = berkas.decode("utf-8-sig")  # with or without BOM
    except UnicodeDecodeError:
        raise BerkasDitolak(
            _(
                "Berkas CSV harus berenkode UTF-8. Di Excel, pilih Simpan Sebagai "
                "“CSV UTF-8 (dipisahkan koma)”."
            )
        ) from None
    if "\x00" in teks:
        raise BerkasDitolak(_("Berkas ini bukan berkas CSV (teks)."))
    # Excel in the Indonesian locale separates with ";" (the decimal mark is ",").
    pertama = teks.split("\n", 1)[0]
    pemisah = ";" if pertama.count(";") > pertama.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    try:
        for sel in pembaca:
            yield [s.strip() for s in sel]
    except csv.Error as e:
        raise BerkasDitolak(
            _("Berkas CSV rusak di sekitar baris %(baris)d: %(pesan)s")
            % {"baris": pembaca.line_num, "pesan": e}
        ) from None


def _baca_xlsx(berkas: bytes) -> Iterator[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(berkas)) as arsip:
            isi = sum(info.file_size for info in arsip.infolist())
    except zipfile.BadZipFile as e:
        raise BerkasDitolak(_("Berkas Excel (.xlsx) tidak dapat dibaca.")) from e
    if isi > _RASIO_XLSX * settings.IMPORT_MAX_BYTES:
        # A small file that unpacks to gigabytes (a "zip bomb") is refused before parsing.
        raise BerkasDitolak(_("Isi berkas Excel terlalu besar setelah dibuka."))
    try:
        buku = openpyxl.load_workbook(io.BytesIO(berkas), read_only=True, data_only=True)
    except Exception as e:  # zip, XML and openpyxl errors alike: the file cannot be read
        raise BerkasDitolak(_("Berkas Excel (.xlsx) tidak dapat dibaca.")) from e
    try:
        if not buku.worksheets:
            raise BerkasDitolak(_("Berkas Excel tidak berisi lembar kerja."))
        lembar = buku.worksheets[0]
        lembar.reset_dimensions()  # some writers store a wrong size: read what is there
        for nilai in lembar.iter_rows(values_only=True):
            yield [_teks_sel(v) for v in nilai]
    except BerkasDitolak:
        raise
    except Exception as e:
        raise BerkasDitolak(_("Berkas Excel (.xlsx) tidak dapat dibaca.")) from e
    finally:
        buku.close()


def _teks_sel(nilai: object) -> str:
    """A cell's value as the text the user meant."""
    if nilai is None:
        return ""
    if isinstance(nilai, float):
        # Integers are exact below 2**53; beyond that (an 18-digit NIP stored as a number)
        # digits were lost, so keep the float's text for the NIP check to refuse.
        if nilai.is_integer() and abs(nilai) < 2**53:
            return str(int(nilai))
        return repr(nilai)
    if isinstance(nilai, dt.datetime):
        return nilai.date().isoformat() if nilai.time() == dt.time() else nilai.isoformat(" ")
    if isinstance(nilai, dt.date):
        return nilai.isoformat()
    return str(nilai).strip()


def nama_kolom(teks: str) -> str:
    return re.sub(r"[\s\-]+", "_", teks.replace("\ufeff", "").strip().lower())


def _periksa_kepala(sel: list[str], nomor: int) -> dict[str, int]:
    posisi: dict[str, int] = {}
    asing: list[str] = []
    ganda: list[str] = []
    for i, teks in enumerate(sel):
        nama = nama_kolom(teks)
        if not nama:
            continue
        if nama not in KOLOM:
            asing.append(teks.strip())
        elif nama in posisi:
            ganda.append(nama)
        else:
            posisi[nama] = i
    kurang = [k for k in KOLOM if k not in posisi]
    pesan = []
    if kurang:
        pesan.append(_("Kolom berikut tidak ada: %(kolom)s.") % {"kolom": ", ".join(kurang)})
    if asing:
        pesan.append(_("Kolom tidak dikenal: %(kolom)s.") % {"kolom": ", ".join(asing)})
    if ganda:
        pesan.append(_("Kolom ganda: %(kolom)s.") % {"kolom": ", ".join(ganda)})
    if pesan:
        pesan.append(
            _("Baris judul harus berisi tepat kolom: %(kolom)s.") % {"kolom": ", ".join(KOLOM)}
        )
        raise BerkasDitolak(" ".join(pesan), baris=nomor)
    return posisi


# --- step 2a: one row ---------------------------------------------------------------------
@dataclass
class _Baris:
    """One data row, cleaned."""

    nomor: int
    nip: str = ""
    nama: str = ""
    gelar_depan: str = ""
    gelar_belakang: str = ""
    jenis_kelamin: str = ""
    pangkat_golongan: str = ""
    status_kepegawaian: str = ""
    kode_unit: str = ""
    nama_unit: str = ""
    kode_unit_induk: str = ""
    jabatan: str = ""
    jenis_jabatan: str = ""
    nip_atasan: str = ""
    email: str = ""
    status: str = Pegawai.Status.AKTIF
    sah: bool = True  # no error in this row's own cells

    @property
    def keluar(self) -> bool:
        """Pensiun, berhenti or meninggal: keeps his history, holds no jabatan any more."""
        return self.status not in Pegawai.STATUS_BOLEH_MASUK

    @property
    def is_jpt(self) -> bool:
        return self.jenis_jabatan in Jabatan.JENIS_JPT


def _kunci(teks: str) -> str:
    """Text compared loosely: case, spaces, "_" and "-" do not matter."""
    return " ".join(teks.replace("_", " ").replace("-", " ").casefold().split())


def _rapikan(teks: str) -> str:
    return " ".join(teks.split())


_JENIS_KELAMIN = {
    "l": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "1": "L",
    "p": "P",
    "perempuan": "P",
    "wanita": "P",
    "2": "P",
}
_STATUS_KEPEGAWAIAN = {"pns": "PNS", "pppk": "PPPK"}
# Names of jenis jabatan used by SIASN and by people, besides our own values and labels.
_JENIS_JABATAN_LAIN = {
    "pimpinan tinggi utama": Jabatan.Jenis.JPT_UTAMA,
    "pimpinan tinggi madya": Jabatan.Jenis.JPT_MADYA,
    "pimpinan tinggi pratama": Jabatan.Jenis.JPT_PRATAMA,
    "jf": Jabatan.Jenis.FUNGSIONAL,
    "jft": Jabatan.Jenis.FUNGSIONAL,
    "fungsional tertentu": Jabatan.Jenis.FUNGSIONAL,
    "jfu": Jabatan.Jenis.PELAKSANA,
    "fungsional umum": Jabatan.Jenis.PELAKSANA,
}


def _peta_pilihan(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    with translation.override("id"):
        peta = {}
        for nilai, label in choices:
            peta[_kunci(nilai)] = nilai
            peta[_kunci(str(label))] = nilai
    return peta


@lru_cache(maxsize=1)
def _peta_jenis_jabatan() -> dict[str, str]:
    return {**_peta_pilihan(Jabatan.Jenis.choices), **_JENIS_JABATAN_LAIN}


@lru_cache(maxsize=1)
def _peta_status() -> dict[str, str]:
    return _peta_pilihan(Pegawai.Status.choices)


def _jenis_jabatan(teks: str) -> str | None:
    return _peta_jenis_jabatan().get(_kunci(teks).removeprefix("jabatan "))


def _pilihan_tidak_dikenal(nilai: str, pilihan: Iterable[str]) -> str:
    return _("Nilai “%(nilai)s” tidak dikenal; gunakan salah satu dari: %(pilihan)s.") % {
        "nilai": nilai,
        "pilihan": ", ".join(pilihan),
    }


def _periksa_isi(nomor: int, data: dict[str, str], kesalahan: list[Kesalahan]) -> _Baris:
    """Clean one row; every fault in its cells goes to ``kesalahan``."""
    b = _Baris(nomor)

    def salah(kolom: str, pesan: str) -> None:
        kesalahan.append(Kesalahan(nomor, kolom, pesan))
        b.sah = False

    for kolom in ("nama", "gelar_depan", "gelar_belakang", "pangkat_golongan", "email"):
        setattr(b, kolom, _rapikan(data[kolom]))
    for kolom in ("kode_unit", "kode_unit_induk"):
        setattr(b, kolom, data[kolom].strip())
    b.nama_unit = _rapikan(data["nama_unit"])
    b.jabatan = _rapikan(data["jabatan"])
    for kolom in KOLOM_WAJIB:
        if not data[kolom].strip():
            salah(kolom, _("Wajib diisi."))
    for kolom, maks in _PANJANG_MAKS.items():
        if len(getattr(b, kolom)) > maks:
            salah(
                kolom,
                _("Terlalu panjang (%(n)d karakter); paling banyak %(maks)d.")
                % {"n": len(getattr(b, kolom)), "maks": maks},
            )
    if data["jenis_kelamin"]:
        b.jenis_kelamin = _JENIS_KELAMIN.get(_kunci(data["jenis_kelamin"]), "")
        if not b.jenis_kelamin:
            salah("jenis_kelamin", _pilihan_tidak_dikenal(data["jenis_kelamin"], ("L", "P")))
    if data["status_kepegawaian"]:
        b.status_kepegawaian = _STATUS_KEPEGAWAIAN.get(_kunci(data["status_kepegawaian"]), "")
        if not b.status_kepegawaian:
            salah(
                "status_kepegawaian",
                _pilihan_tidak_dikenal(data["status_kepegawaian"], ("PNS", "PPPK")),
            )
    if data["jenis_jabatan"]:
        b.jenis_jabatan = _jenis_jabatan(data["jenis_jabatan"]) or ""
        if not b.jenis_jabatan:
            with translation.override("id"):
                label = [str(label) for _nilai, label in Jabatan.Jenis.choices]
            salah("jenis_jabatan", _pilihan_tidak_dikenal(data["jenis_jabatan"], label))
    if data["status"]:
        b.status = _peta_status().get(_kunci(data["status"]), "")
        if not b.status:
            salah("status", _pilihan_tidak_dikenal(data["status"], Pegawai.Status.values))
    if b.email:
        try:
            validate_email(b.email)
        except ValidationError:
            salah("email", _("Alamat e-mail tidak valid."))
    if data["nip"].strip():
        try:
            # With an unknown status kepegawaian only the length can be checked.
            b.nip = validasi_nip(
                nip_dari_sel(data["nip"]),
                b.status_kepegawaian or "PPPK",
                b.jenis_kelamin,
            )
        except NipTidakValid as e:
            salah("nip", str(e))
    if data["nip_atasan"].strip():
        try:
            b.nip_atasan = nip_dari_sel(data["nip_atasan"])
        except NipTidakValid as e:
            salah("nip_atasan", str(e))
    return b


# --- step 2b: the whole file against the database -----------------------------------------
@dataclass(slots=True, eq=False)
class _Jab:
    """A jabatan as the plan sees it: an existing row (kunci = pk) or a new one (kunci < 0)."""

    kunci: int
    unit: str  # kode unit
    nama: str
    jenis: str
    induk: int | None
    aktif: bool = True
    path: str = ""
    jenis_lama: str = ""
    induk_lama: int | None = None

    @property
    def baru(self) -> bool:
        return self.kunci < 0

    @property
    def berubah(self) -> bool:
        return not self.baru and (self.jenis, self.induk) != (self.jenis_lama, self.induk_lama)


@dataclass(slots=True, frozen=True)
class _Tugas:
    """An open penugasan (ends today or later, or never)."""

    pk: int
    pegawai_id: int
    jabatan_id: int
    jenis: str
    mulai: dt.date
    selesai: dt.date | None


def _potong(nilai: list, ukuran: int = _UKURAN_IN) -> Iterator[list]:
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


def _cari_siklus(
    simpul: Iterable[Hashable], induk: Callable[[Hashable], Hashable | None]
) -> list[list]:
    """Every cycle reachable upwards from ``simpul``, each as its members in order."""
    status: dict[Hashable, int] = {}  # 1 = on the current walk, 2 = known to end at a root
    siklus = []
    for awal in simpul:
        jalan: list = []
        k = awal
        while k is not None and status.get(k) is None:
            status[k] = 1
            jalan.append(k)
            k = induk(k)
        if k is not None and status.get(k) == 1:
            siklus.append(jalan[jalan.index(k) :])
        for x in jalan:
            status[x] = 2
    return siklus


class _Impor:
    """One import: the rows, what the database holds, and the plan between them."""

    def __init__(
        self,
        aktor: Pegawai | None,
        instansi: Instansi,
        data: list[tuple[int, dict[str, str]]],
        hari_ini: dt.date,
        hasil: HasilImpor,
    ) -> None:
        self.aktor = aktor
        self.instansi = instansi
        self.hari_ini = hari_ini
        self.hasil = hasil
        self.kesalahan = hasil.kesalahan
        self.baris = [_periksa_isi(nomor, isi, self.kesalahan) for nomor, isi in data]

    def salah(self, b: _Baris, kolom: str, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(b.nomor, kolom, pesan))

    # -- plan ------------------------------------------------------------------------------
    def rencanakan(self) -> bool:
        """Check everything and plan the change; True when the plan may be applied."""
        self._muat()
        self._periksa_unit()
        self._periksa_pegawai()
        self._periksa_atasan()
        if self.kesalahan:
            return False
        self._rencanakan_jabatan()
        if self.kesalahan:
            return False
        self._hitung()
        return True

    def _muat(self) -> None:
        """Read what exists, in a fixed number of queries whatever the size of the file."""
        self.unit = {u.kode: u for u in UnitKerja.objects.filter(instansi=self.instansi)}
        self.kode_unit_pk = {u.pk: u.kode for u in self.unit.values()}
        self.jab: dict[int, _Jab] = {}
        for pk, unit_id, nama, jenis, induk_id, aktif, path in Jabatan.objects.filter(
            instansi=self.instansi
        ).values_list("pk", "unit_id", "nama", "jenis", "induk_id", "aktif", "path"):
            self.jab[pk] = _Jab(
                pk,
                self.kode_unit_pk.get(unit_id, ""),
                nama,
                jenis,
                induk_id,
                aktif,
                path,
                jenis,
                induk_id,
            )
        self.jab_lama = set(self.jab)
        terbuka = Penugasan.objects.filter(jabatan__instansi=self.instansi).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=self.hari_ini)
        )
        self.tugas_pegawai: dict[int, list[_Tugas]] = defaultdict(list)
        self.pemegang: dict[int, set[int]] = defaultdict(set)  # jabatan → definitif holders
        for t in terbuka.values_list("pk", "pegawai_id", "jabatan_id", "jenis", "mulai", "selesai"):
            tugas = _Tugas(*t)
            self.tugas_pegawai[tugas.pegawai_id].append(tugas)
            if tugas.jenis == Penugasan.Jenis.DEFINITIF:
                self.pemegang[tugas.jabatan_id].add(tugas.pegawai_id)
        nips = sorted({b.nip for b in self.baris if b.nip} | {b.nip_atasan for b in self.baris})
        self.pegawai: dict[str, Pegawai] = {}
        for potongan in _potong([n for n in nips if n]):
            for p in Pegawai.objects.filter(nip__in=potongan):
                self.pegawai[p.nip] = p

    def _definitif_kini(self, pegawai_id: int) -> _Tugas | None:
        """The pegawai's definitif assignment today, if any."""
        kini = [
            t
            for t in self.tugas_pegawai.get(pegawai_id, ())
            if t.jenis == Penugasan.Jenis.DEFINITIF and t.mulai <= self.hari_ini
        ]
        return max(kini, key=lambda t: (t.mulai, t.pk)) if kini else None

    def _periksa_unit(self) -> None:
        """Each kode_unit once (same name, same parent) and a tree without cycles."""
        self.unit_berkas: dict[str, _Baris] = {}  # kode → first row naming it
        for b in self.baris:
            if not (b.kode_unit and b.nama_unit):
                continue
            pertama = self.unit_berkas.setdefault(b.kode_unit, b)
            if pertama is b:
                continue
            if b.nama_unit != pertama.nama_unit:
                self.salah(
                    b,
                    "nama_unit",
                    _("Unit %(kode)s sudah bernama “%(nama)s” pada baris %(baris)d.")
                    % {"kode": b.kode_unit, "nama": pertama.nama_unit, "baris": pertama.nomor},
                )
            if b.kode_unit_induk != pertama.kode_unit_induk:
                self.salah(
                    b,
                    "kode_unit_induk",
                    _("Unit %(kode)s sudah berinduk “%(induk)s” pada baris %(baris)d.")
                    % {
                        "kode": b.kode_unit,
                        "induk": pertama.kode_unit_induk or _("(kosong)"),
                        "baris": pertama.nomor,
                    },
                )
        # The tree after the import: the file's word for its units, the database's for others.
        self.induk_unit: dict[str, str | None] = {
            kode: self.kode_unit_pk.get(u.induk_id) for kode, u in self.unit.items()
        }
        for kode, b in self.unit_berkas.items():
            induk = b.kode_unit_induk or None
            if induk is not None and induk not in self.unit_berkas and induk not in self.unit:
                self.salah(
                    b,
                    "kode_unit_induk",
                    _("Unit induk “%(kode)s” tidak ada di berkas maupun di data instansi.")
                    % {"kode": induk},
                )
                induk = None
            self.induk_unit[kode] = induk
        for siklus in _cari_siklus(self.unit_berkas, self.induk_unit.get):
            b = min(
                (self.unit_berkas[k] for k in siklus if k in self.unit_berkas),
                key=lambda x: x.nomor,
            )
            jalur = " → ".join([*siklus, siklus[0]])
            self.salah(
                b,
                "kode_unit_induk",
                _("Unit induk membentuk lingkaran: %(jalur)s.") % {"jalur": jalur},
            )

    def _periksa_pegawai(self) -> None:
        """One row per NIP, each NIP of this instansi (or new)."""
        self.baris_nip: dict[str, _Baris] = {}
        for b in self.baris:
            if not b.nip:
                continue
            pertama = self.baris_nip.setdefault(b.nip, b)
            if pertama is not b:
                self.salah(
                    b,
                    "nip",
                    _("NIP ini sudah ada pada baris %(baris)d.") % {"baris": pertama.nomor},
                )
                continue
            p = self.pegawai.get(b.nip)
            if p is not None and p.instansi_id != self.instansi.pk:
                self.salah(b, "nip", _("NIP ini terdaftar sebagai pegawai instansi lain."))
            if p is not None and self.aktor is not None and p.pk == self.aktor.pk and b.keluar:
                self.salah(b, "status", _("Anda tidak dapat menonaktifkan akun Anda sendiri."))

    def _pegawai_instansi(self, nip: str) -> Pegawai | None:
        p = self.pegawai.get(nip)
        return p if p is not None and p.instansi_id == self.instansi.pk else None

    def _periksa_atasan(self) -> None:
        """nip_atasan found (file or database), able to lead, and no cycles."""
        ada_jpt = any(b.is_jpt for b in self.baris) or any(
            j.jenis in Jabatan.JENIS_JPT for j in self.jab.values()
        )
        puncak: _Baris | None = None
        sudah_salah = {k.baris for k in self.kesalahan if k.kolom == "nip_atasan"}
        for b in self.baris:
            if not b.nip or self.baris_nip.get(b.nip) is not b or b.keluar:
                continue
            if b.nomor in sudah_salah:
                continue
            if not b.nip_atasan:
                akar = b.kode_unit and self.induk_unit.get(b.kode_unit) is None
                if b.is_jpt or not b.jenis_jabatan:
                    continue
                if not ada_jpt and akar and puncak is None:
                    puncak = b  # the top of an instansi led by a non-JPT (e.g. a kecamatan)
                    continue
                self.salah(
                    b,
                    "nip_atasan",
                    _(
                        "Wajib diisi untuk jabatan selain JPT; hanya pimpinan tertinggi "
                        "instansi yang boleh tanpa atasan."
                    ),
                )
                continue
            if b.nip_atasan == b.nip:
                self.salah(b, "nip_atasan", _("Atasan tidak boleh pegawai itu sendiri."))
                continue
            atasan = self.baris_nip.get(b.nip_atasan)
            if atasan is not None:
                if atasan.keluar:
                    self._atasan_keluar(b, atasan.status)
                continue
            p = self._pegawai_instansi(b.nip_atasan)
            if p is None:
                self.salah(
                    b,
                    "nip_atasan",
                    _("Atasan dengan NIP %(nip)s tidak ada di berkas maupun di data instansi.")
                    % {"nip": b.nip_atasan},
                )
            elif p.status not in Pegawai.STATUS_BOLEH_MASUK:
                self._atasan_keluar(b, p.status)
            elif self._definitif_kini(p.pk) is None:
                self.salah(
                    b,
                    "nip_atasan",
                    _(
                        "Atasan dengan NIP %(nip)s tidak memegang jabatan definitif saat ini; "
                        "sertakan dia di berkas dengan jabatannya."
                    )
                    % {"nip": b.nip_atasan},
                )

        def atasan_di_berkas(nip: Hashable) -> str | None:
            b = self.baris_nip[nip]
            ada = b.nip_atasan in self.baris_nip and b.nip_atasan != nip
            return b.nip_atasan if ada else None

        for siklus in _cari_siklus(list(self.baris_nip), atasan_di_berkas):
            anggota = [self.baris_nip[n] for n in siklus]
            jalur = " → ".join(
                _("%(nip)s (baris %(baris)d)") % {"nip": b.nip, "baris": b.nomor}
                for b in [*anggota, anggota[0]]
            )
            self.salah(
                min(anggota, key=lambda x: x.nomor),
                "nip_atasan",
                _("Hubungan atasan membentuk lingkaran: %(jalur)s.") % {"jalur": jalur},
            )

    def _atasan_keluar(self, b: _Baris, status: str) -> None:
        self.salah(
            b,
            "nip_atasan",
            _("Atasan dengan NIP %(nip)s berstatus %(status)s sehingga tidak dapat menjadi atasan.")
            % {"nip": b.nip_atasan, "status": Pegawai.Status(status).label},
        )

    def _rencanakan_jabatan(self) -> None:
        """Which jabatan each active row holds, and which assignments end.

        A pegawai keeps his jabatan when its name and unit are unchanged.  Otherwise he
        takes a jabatan of that name in that unit that is vacant (or freed by this same
        import), else a new one — so two "Pengadministrasi Umum" in a unit stay two.
        """
        self.jabatan_baris: dict[int, _Jab] = {}  # row number → his definitif jabatan
        self.tetap: set[int] = set()  # rows keeping their jabatan
        pergi: set[int] = set()  # pegawai whose definitif assignments end
        lepas: set[tuple[int, int]] = set()  # (pegawai, jabatan) no longer held from today
        diklaim: set[int] = set()
        for b in self.baris:
            p = self.pegawai.get(b.nip)
            if p is None:
                continue
            kini = self._definitif_kini(p.pk)
            jab = self.jab.get(kini.jabatan_id) if kini else None
            if (
                jab is not None
                and kini.selesai is None  # one due to end is replaced by an open one
                and not b.keluar
                and jab.unit == b.kode_unit
                and _kunci(jab.nama) == _kunci(b.jabatan)
            ):
                self.jabatan_baris[b.nomor] = jab
                self.tetap.add(b.nomor)
                diklaim.add(jab.kunci)
            else:
                pergi.add(p.pk)
                self._periksa_tugas_mendatang(b, p)
                for t in self._tugas_berakhir(b, p):
                    # Ended yesterday, or (begun today) moved to his new jabatan; but one
                    # begun today by a pegawai who leaves can only end today.
                    if t.mulai < self.hari_ini or not b.keluar:
                        lepas.add((p.pk, t.jabatan_id))
        calon: dict[tuple[str, str], list[_Jab]] = defaultdict(list)
        for j in sorted(self.jab.values(), key=lambda j: j.kunci):
            if j.aktif:
                calon[(j.unit, _kunci(j.nama))].append(j)
        baru = 0
        for b in self.baris:
            if b.keluar or b.nomor in self.jabatan_baris:
                continue
            p = self.pegawai.get(b.nip)
            sendiri = {p.pk} if p else set()
            kosong = (
                j
                for j in calon[(b.kode_unit, _kunci(b.jabatan))]
                if j.kunci not in diklaim
                and all((h, j.kunci) in lepas for h in self.pemegang[j.kunci] - sendiri)
            )
            jab = next(kosong, None)
            if jab is None:
                baru -= 1
                jab = _Jab(baru, b.kode_unit, b.jabatan, b.jenis_jabatan, None)
                self.jab[baru] = jab
            diklaim.add(jab.kunci)
            self.jabatan_baris[b.nomor] = jab
        for b in self.baris:
            jab = self.jabatan_baris.get(b.nomor)
            if jab is None:
                continue
            jab.jenis = b.jenis_jabatan
            jab.induk = self._jabatan_atasan(b)
        # The file's tree is acyclic (checked above) but may close a cycle through jabatan
        # it does not mention (an atasan from the database whose own chain runs back here).
        berkas = {j.kunci: b for b in self.baris if (j := self.jabatan_baris.get(b.nomor))}

        def induk_jabatan(k: Hashable) -> int | None:
            j = self.jab.get(k)
            return j.induk if j is not None else None

        for siklus in _cari_siklus(berkas, induk_jabatan):
            anggota = [berkas[k] for k in siklus if k in berkas]
            if not anggota:
                continue  # an old cycle the file does not touch: not this file's fault
            jalur = " → ".join(self.jab[k].nama for k in [*siklus, siklus[0]])
            self.salah(
                min(anggota, key=lambda x: x.nomor),
                "nip_atasan",
                _("Hubungan atasan membentuk lingkaran melalui jabatan: %(jalur)s.")
                % {"jalur": jalur},
            )
        self.pergi = pergi

    def _jabatan_atasan(self, b: _Baris) -> int | None:
        if not b.nip_atasan:
            return None
        atasan = self.baris_nip.get(b.nip_atasan)
        if atasan is not None:
            return self.jabatan_baris[atasan.nomor].kunci
        kini = self._definitif_kini(self.pegawai[b.nip_atasan].pk)
        return kini.jabatan_id

    def _periksa_tugas_mendatang(self, b: _Baris, p: Pegawai) -> None:
        """Assignments starting after today cannot be ended "yesterday"; refuse them."""
        for t in self._tugas_berakhir(b, p):
            if t.mulai > self.hari_ini:
                self.salah(
                    b,
                    "jabatan",
                    _(
                        "Pegawai ini mempunyai penugasan yang baru mulai %(tanggal)s. Ubah atau "
                        "hapus penugasan itu lebih dahulu di menu Penugasan."
                    )
                    % {"tanggal": t.mulai.strftime("%d-%m-%Y")},
                )

    def _tugas_berakhir(self, b: _Baris, p: Pegawai) -> list[_Tugas]:
        """The open assignments this row ends: definitif ones, or all when he leaves."""
        return [
            t
            for t in self.tugas_pegawai.get(p.pk, ())
            if b.keluar or t.jenis == Penugasan.Jenis.DEFINITIF
        ]

    def _hitung(self) -> None:
        """The summary of the plan, for the preview and the history record."""
        h = self.hasil
        for b in self.baris:
            p = self.pegawai.get(b.nip)
            if p is None:
                h.pegawai_baru += 1
                h.perubahan.append(PerubahanBaris(b.nomor, b.nip, b.nama, "baru"))
                h.penugasan_baru += 0 if b.keluar else 1
                continue
            rincian = self._beda_identitas(p, b)
            if p.status != b.status:
                rincian.append("status")
            if b.nomor not in self.tetap:
                berakhir = self._tugas_berakhir(b, p)
                # A definitif assignment that began today is corrected, not ended.
                dialihkan = not b.keluar and any(
                    t.mulai == self.hari_ini and t.jenis == Penugasan.Jenis.DEFINITIF
                    for t in berakhir
                )
                h.penugasan_diakhiri += len(berakhir) - dialihkan
                if not b.keluar:
                    h.penugasan_baru += 1
                    rincian.append("jabatan")
                elif berakhir:
                    rincian.append("jabatan")
            if rincian:
                h.pegawai_berubah += 1
                h.perubahan.append(
                    PerubahanBaris(b.nomor, b.nip, b.nama, "berubah", tuple(rincian))
                )
            else:
                h.pegawai_tetap += 1
        for kode, b in self.unit_berkas.items():
            u = self.unit.get(kode)
            if u is None:
                h.unit_baru += 1
            elif (u.nama, self.kode_unit_pk.get(u.induk_id)) != (
                b.nama_unit,
                self.induk_unit[kode],
            ):
                h.unit_berubah += 1
        h.jabatan_baru = sum(1 for j in self.jab.values() if j.baru)
        h.jabatan_berubah = sum(1 for j in self.jab.values() if j.berubah)

    @staticmethod
    def _beda_identitas(p: Pegawai, b: _Baris) -> list[str]:
        # A blank e-mail in the file keeps the one the pegawai may have set himself.
        return [
            k
            for k in _KOLOM_IDENTITAS
            if getattr(p, k) != getattr(b, k) and (k != "email" or b.email)
        ]

    # -- apply -----------------------------------------------------------------------------
    def terapkan(self) -> None:
        """Write the plan (inside the caller's transaction)."""
        pk_unit = self._tulis_unit()
        pk_jabatan = self._tulis_jabatan(pk_unit)
        baru, berubah = self._tulis_pegawai(pk_unit)
        riwayat_impor = self._catat(None, self.instansi, "impor.pegawai", data=self._data_impor())
        riwayat = self._riwayat_pegawai(baru, berubah, riwayat_impor.pk)
        riwayat += self._tulis_penugasan(pk_jabatan, riwayat_impor.pk)
        Riwayat.objects.bulk_create(riwayat, batch_size=_UKURAN_BATCH)
        organisasi_berubah()  # bulk writes send no signal

    def _tulis_unit(self) -> dict[str, int]:
        baru = [
            UnitKerja(instansi=self.instansi, kode=kode, nama=b.nama_unit)
            for kode, b in self.unit_berkas.items()
            if kode not in self.unit
        ]
        UnitKerja.objects.bulk_create(baru, batch_size=_UKURAN_BATCH)
        semua = {**self.unit, **{u.kode: u for u in baru}}
        pk = {kode: u.pk for kode, u in semua.items()}
        path = _susun_path(self.induk_unit, pk)
        berubah = []
        for kode, u in semua.items():
            nama = self.unit_berkas[kode].nama_unit if kode in self.unit_berkas else u.nama
            induk = self.induk_unit[kode]
            induk_id = pk[induk] if induk else None
            if (u.nama, u.induk_id, u.path) != (nama, induk_id, path[kode]):
                u.nama, u.induk_id, u.path = nama, induk_id, path[kode]
                u.kedalaman = u.path.count("/") - 2
                berubah.append(u)
        _perbarui(UnitKerja, berubah, ["nama", "induk", "path", "kedalaman"])
        return pk

    def _tulis_jabatan(self, pk_unit: dict[str, int]) -> dict[int, int]:
        rencana_baru = [j for j in self.jab.values() if j.baru]
        baru = [
            Jabatan(instansi=self.instansi, unit_id=pk_unit[j.unit], nama=j.nama, jenis=j.jenis)
            for j in rencana_baru
        ]
        Jabatan.objects.bulk_create(baru, batch_size=_UKURAN_BATCH)
        pk = {k: k for k in self.jab}
        pk.update({j.kunci: obj.pk for j, obj in zip(rencana_baru, baru, strict=True)})
        path = _susun_path({k: j.induk for k, j in self.jab.items()}, pk)
        berubah = []
        for k, j in self.jab.items():
            induk_id = pk[j.induk] if j.induk is not None else None
            if j.baru or j.berubah or j.path != path[k]:
                berubah.append(
                    Jabatan(
                        pk=pk[k],
                        jenis=j.jenis,
                        induk_id=induk_id,
                        path=path[k],
                        kedalaman=path[k].count("/") - 2,
                    )
                )
        _perbarui(Jabatan, berubah, ["jenis", "induk", "path", "kedalaman"])
        return pk

    def _tulis_pegawai(
        self, pk_unit: dict[str, int]
    ) -> tuple[list[Pegawai], list[tuple[Pegawai, list[str], str]]]:
        baru: list[Pegawai] = []
        berubah: list[tuple[Pegawai, list[str], str]] = []  # (pegawai, columns, old status)
        for b in self.baris:
            unit_id = None if b.keluar else pk_unit[b.kode_unit]
            p = self.pegawai.get(b.nip)
            if p is None:
                p = Pegawai(nip=b.nip, instansi=self.instansi, unit_kerja_id=unit_id)
                p.set_unusable_password()  # set later by "atur ulang sandi" or a reset e-mail
                baru.append(p)
                kolom = list(_KOLOM_IDENTITAS)
                status_lama, unit_lama = "", unit_id
            else:
                kolom = self._beda_identitas(p, b)
                status_lama = p.status
                unit_lama = p.unit_kerja_id
                if unit_id is not None:
                    p.unit_kerja_id = unit_id  # the unit of today's definitif jabatan
            for k in kolom:
                setattr(p, k, getattr(b, k))
            p.status = b.status
            p.is_active = p.status in Pegawai.STATUS_BOLEH_MASUK  # what Pegawai.save does
            if p.pk is not None and (
                kolom or status_lama != p.status or unit_lama != p.unit_kerja_id
            ):
                berubah.append((p, kolom, status_lama))
        Pegawai.objects.bulk_create(baru, batch_size=_UKURAN_BATCH)
        _perbarui(
            Pegawai,
            [p for p, _k, _s in berubah],
            [*_KOLOM_IDENTITAS, "status", "is_active", "unit_kerja"],
        )
        self.pegawai.update({p.nip: p for p in baru})
        return baru, berubah

    def _tulis_penugasan(self, pk_jabatan: dict[int, int], impor_id: int) -> list[Riwayat]:
        kemarin = self.hari_ini - dt.timedelta(days=1)
        akhiri: list[Penugasan] = []
        alihkan: list[Penugasan] = []  # a same-day assignment corrected in place
        baru: list[tuple[_Baris, Penugasan]] = []
        periksa: list[tuple[_Baris, Penugasan]] = []
        riwayat: list[Riwayat] = []
        # Jabatan whose holder changes for existing data: the listeners (pending reviews
        # re-routed, …) hear about them after commit, as for a change on the kelola page.
        berubah: set[int] = set()
        nama_jabatan = {pk_jabatan[k]: j.nama for k, j in self.jab.items()}
        for b in self.baris:
            if b.nomor in self.tetap:
                continue
            p = self.pegawai[b.nip]
            jab = self.jabatan_baris.get(b.nomor)
            jabatan_id = pk_jabatan[jab.kunci] if jab else None
            for t in self._tugas_berakhir(b, p):
                if t.mulai == self.hari_ini and jabatan_id and t.jenis == Penugasan.Jenis.DEFINITIF:
                    obj = Penugasan(pk=t.pk, pegawai=p, jabatan_id=jabatan_id, jenis=t.jenis)
                    obj.mulai, obj.selesai = t.mulai, None  # held from today, open-ended
                    alihkan.append(obj)
                    berubah |= {t.jabatan_id, jabatan_id}
                    periksa.append((b, obj))
                    riwayat.append(
                        self._catat(
                            p,
                            obj,
                            "penugasan.diubah",
                            impor_id,
                            jabatan_lama=nama_jabatan.get(t.jabatan_id, ""),
                            jabatan=nama_jabatan[jabatan_id],
                        )
                    )
                    jabatan_id = None  # already placed
                    continue
                # Ended yesterday; one that began today ends today (it cannot end earlier).
                selesai = max(kemarin, t.mulai)
                obj = Penugasan(pk=t.pk, selesai=selesai)
                akhiri.append(obj)
                berubah.add(t.jabatan_id)
                riwayat.append(
                    self._catat(
                        p,
                        obj,
                        "penugasan.diakhiri",
                        impor_id,
                        jabatan=nama_jabatan.get(t.jabatan_id, ""),
                        selesai_lama=t.selesai.isoformat() if t.selesai else None,
                        selesai=selesai.isoformat(),
                    )
                )
            if jabatan_id:
                obj = Penugasan(
                    pegawai=p,
                    jabatan_id=jabatan_id,
                    jenis=Penugasan.Jenis.DEFINITIF,
                    mulai=self.hari_ini,
                    dibuat_oleh=self.aktor,
                )
                baru.append((b, obj))
                # Only rows touching existing data can clash with it; a new pegawai in a new
                # jabatan cannot, so a first import costs no query per row here.
                if p.pk in self.pergi or jab.kunci in self.jab_lama:
                    periksa.append((b, obj))
                    berubah.add(jabatan_id)
        _perbarui(Penugasan, akhiri, ["selesai"])
        _perbarui(Penugasan, alihkan, ["jabatan", "selesai"])
        self._periksa_bentrok(periksa)
        Penugasan.objects.bulk_create([obj for _b, obj in baru], batch_size=_UKURAN_BATCH)
        for _b, obj in baru:
            riwayat.append(
                self._catat(
                    obj.pegawai,
                    obj,
                    "penugasan.dibuat",
                    impor_id,
                    jabatan=nama_jabatan[obj.jabatan_id],
                    jenis=obj.jenis,
                    mulai=obj.mulai.isoformat(),
                    selesai=None,
                )
            )
        kabari_penugasan_berubah(berubah, self.hari_ini)
        return riwayat

    def _periksa_bentrok(self, periksa: list[tuple[_Baris, Penugasan]]) -> None:
        """The overlap rules of ``pegawai.services.organisasi`` on every assignment near
        existing data."""
        kesalahan = []
        for b, obj in periksa:
            try:
                periksa_penugasan(obj)
            except ValidationError as e:
                for pesan in e.messages:
                    kesalahan.append(Kesalahan(b.nomor, "jabatan", pesan))
        if kesalahan:
            raise _GagalMenerapkan(kesalahan)

    def _data_impor(self) -> dict[str, Any]:
        return {
            "berkas": self.hasil.nama_berkas,
            "sha256": self.hasil.sha256,
            **self.hasil.ringkasan(),
        }

    def _riwayat_pegawai(
        self, baru: list[Pegawai], berubah: list[tuple[Pegawai, list[str], str]], impor_id: int
    ) -> list[Riwayat]:
        riwayat = [self._catat(p, p, "pegawai.dibuat", impor_id) for p in baru]
        for p, kolom, status_lama in berubah:
            if kolom:
                riwayat.append(self._catat(p, p, "pegawai.diubah", impor_id, kolom=kolom))
            if status_lama != p.status:
                r = self._catat(p, p, "pegawai.status", impor_id)
                r.dari_status, r.ke_status = status_lama, p.status
                riwayat.append(r)
        return riwayat

    def _catat(
        self,
        subjek: Pegawai | None,
        objek: Any,
        aksi: str,
        impor_id: int | None = None,
        *,
        data: dict[str, Any] | None = None,
        **rincian: Any,
    ) -> Riwayat:
        """A history row as ``services.catat_riwayat`` writes it; saved at once for the
        import's own row, else returned for one bulk insert."""
        r = Riwayat(
            pelaku=self.aktor,
            subjek=subjek,
            sebagai=Riwayat.Sebagai.ADMIN if self.aktor else Riwayat.Sebagai.SISTEM,
            aksi=aksi,
            content_type=ContentType.objects.get_for_model(type(objek)),
            object_id=objek.pk,
            keterangan=_("Impor berkas %(berkas)s") % {"berkas": self.hasil.nama_berkas},
            data=data if data is not None else {"impor": impor_id, **rincian},
        )
        if impor_id is None:
            r.save()
        return r


def _perbarui(model: type[models.Model], objek: list, kolom: list[str]) -> None:
    """``UPDATE ... WHERE pk = %s`` for each object, sent as one ``executemany``.

    Django's ``bulk_update`` builds a CASE expression per row and field, which costs
    seconds for a few thousand rows; this is the plain statement run many times.
    """
    if not objek:
        return
    meta = model._meta
    fields = [meta.get_field(k) for k in kolom]
    qn = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from _meta, values bound
        qn(meta.db_table),
        ", ".join(f"{qn(f.column)} = %s" for f in fields),
        qn(meta.pk.column),
    )
    nilai = [
        [f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields] + [o.pk]
        for o in objek
    ]
    with connection.cursor() as kursor:
        kursor.executemany(sql, nilai)


def _susun_path(induk: dict[Hashable, Hashable | None], pk: dict[Hashable, int]) -> dict:
    """Materialised paths (``/1/5/9/``) of a forest given as child → parent (acyclic)."""
    path: dict[Hashable, str] = {}
    for awal in induk:
        rantai = []
        k = awal
        while k is not None and k not in path:
            if k in rantai:  # cannot happen after the checks; never loop forever
                raise ValueError(f"siklus pada pohon: {rantai}")
            rantai.append(k)
            k = induk.get(k)
        dasar = path[k] if k is not None else "/"
        for x in reversed(rantai):
            dasar = f"{dasar}{pk[x]}/"
            path[x] = dasar
    return path


# --- the downloadable template ------------------------------------------------------------
def templat_csv() -> bytes:
    """An empty import file (header and one example row), UTF-8 with BOM for Excel."""
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, lineterminator="\r\n")
    penulis.writerow(KOLOM)
    penulis.writerow([CONTOH_BARIS[k] for k in KOLOM])
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")


def templat_xlsx() -> bytes:
    """The same as an Excel workbook, with the NIP columns formatted as text."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = "pegawai"
    lembar.append(list(KOLOM))
    lembar.append([CONTOH_BARIS[k] for k in KOLOM])
    for kolom in ("nip", "nip_atasan"):
        huruf = openpyxl.utils.get_column_letter(KOLOM.index(kolom) + 1)
        # Text, so that Excel does not turn an 18-digit NIP into 1,98503E+17.
        for baris in range(2, 1001):
            lembar[f"{huruf}{baris}"].number_format = "@"
        lembar.column_dimensions[huruf].width = 22
    for sel in lembar[1]:
        sel.font = openpyxl.styles.Font(bold=True)
    lembar.freeze_panes = "A2"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
