"""Pure rules about people: the NIP (Nomor Induk Pegawai).

A PNS NIP has 18 digits: birth date ``YYYYMMDD``, appointment (TMT CPNS) ``YYYYMM``, a sex
digit (1 = laki-laki, 2 = perempuan) and a sequence number ``NNN``.  domain.md §1 asks us to
validate the dates and the sex digit for PNS; for PPPK it asks only for the same length, so
a PPPK NIP is checked for 18 digits and nothing more.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

NIP_LENGTH = 18


class NipTidakValid(ValueError):
    """Raised with a message (Bahasa Indonesia) that can be shown next to the field."""


@dataclass(frozen=True)
class NipPns:
    tanggal_lahir: dt.date
    tmt_pengangkatan: dt.date  # first day of the appointment month
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: int


def parse_nip_pns(nip: str, *, hari_ini: dt.date | None = None) -> NipPns:
    """Parse and validate a PNS NIP, raising :class:`NipTidakValid` with the first fault."""
    nip = normalisasi_nip(nip)
    _periksa_panjang(nip)
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipTidakValid(
            _("Digit 1–8 NIP (%(digit)s) bukan tanggal lahir yang valid (TTTTBBHH).")
            % {"digit": nip[0:8]}
        ) from None
    tahun, bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan <= 12 or tahun < 1900:
        raise NipTidakValid(
            _("Digit 9–14 NIP (%(digit)s) bukan bulan pengangkatan yang valid (TTTTBB).")
            % {"digit": nip[8:14]}
        )
    tmt = dt.date(tahun, bulan, 1)
    if lahir.year < 1900:
        raise NipTidakValid(
            _("Tahun lahir pada NIP (%(tahun)s) tidak wajar.") % {"tahun": lahir.year}
        )
    if tmt <= lahir.replace(day=1):
        raise NipTidakValid(_("Bulan pengangkatan pada NIP harus sesudah bulan lahir."))
    hari_ini = hari_ini or dt.date.today()
    if lahir > hari_ini or tmt > hari_ini.replace(day=1) + dt.timedelta(days=366):
        raise NipTidakValid(_("Tanggal pada NIP tidak boleh jauh di masa depan."))
    if nip[14] not in "12":
        raise NipTidakValid(
            _("Digit ke-15 NIP (%(digit)s) harus 1 (laki-laki) atau 2 (perempuan).")
            % {"digit": nip[14]}
        )
    urut = int(nip[15:18])
    if urut == 0:
        raise NipTidakValid(_("Nomor urut NIP (digit 16–18) tidak boleh 000."))
    return NipPns(lahir, tmt, "L" if nip[14] == "1" else "P", urut)


def validasi_nip(nip: str, status_kepegawaian: str = "PNS", jenis_kelamin: str = "") -> str:
    """Validate a NIP for a pegawai and return it normalised (digits only).

    ``jenis_kelamin`` ("L"/"P"), when given for a PNS, must agree with the sex digit.
    """
    nip = normalisasi_nip(nip)
    if status_kepegawaian == "PPPK":
        _periksa_panjang(nip)
        return nip
    hasil = parse_nip_pns(nip)
    if jenis_kelamin and jenis_kelamin != hasil.jenis_kelamin:
        raise NipTidakValid(
            _("Jenis kelamin (%(jk)s) tidak sesuai dengan digit ke-15 NIP (%(digit)s).")
            % {"jk": jenis_kelamin, "digit": nip[14]}
        )
    return nip


def normalisasi_nip(nip: str) -> str:
    """NIPs are often written with spaces (``19800101 200501 1 001``); drop them."""
    return "".join(str(nip).split())


# A NIP that a spreadsheet turned into a number (1.98503E+17, 198503142010011000.0).
_POLA_NIP_ANGKA = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$|^\d+[.,]\d+$")


def nip_dari_sel(teks: str) -> str:
    """A NIP read from a spreadsheet or export cell: spaces and a leading apostrophe dropped;
    refused when the sheet turned it into a number (its last digits are lost)."""
    nip = normalisasi_nip(teks).lstrip("'")
    if _POLA_NIP_ANGKA.match(nip):
        raise NipTidakValid(
            _(
                "NIP tertulis sebagai angka (%(nilai)s) sehingga digit terakhirnya hilang. "
                "Format kolom ini sebagai Teks di Excel, lalu isi ulang NIP lengkap 18 digit."
            )
            % {"nilai": teks}
        )
    return nip


def _periksa_panjang(nip: str) -> None:
    if not nip:
        raise NipTidakValid(_("NIP wajib diisi."))
    if not nip.isdigit():
        raise NipTidakValid(_("NIP hanya boleh berisi angka."))
    if len(nip) != NIP_LENGTH:
        raise NipTidakValid(
            _("NIP harus %(n)d digit, yang diisi %(m)d digit.") % {"n": NIP_LENGTH, "m": len(nip)}
        )


# --- deadlines on the home page ------------------------------------------------------------
TERLAMBAT, HARI_INI, MINGGU_INI, NANTI = 0, 1, 2, 3


def hari_terlambat(batas: dt.date, hari_ini: dt.date) -> int:
    """Days past a deadline (0 on the day itself and before it)."""
    return max((hari_ini - batas).days, 0)


def tingkat_tenggat(batas: dt.date | None, hari_ini: dt.date) -> int:
    """How soon a deadline is: overdue, today, within the next 7 days, later (or none)."""
    if batas is None:
        return NANTI
    if batas < hari_ini:
        return TERLAMBAT
    if batas == hari_ini:
        return HARI_INI
    if (batas - hari_ini).days <= 7:
        return MINGGU_INI
    return NANTI
