"""Import of the predikat kinerja organisasi of every unit of the admin's instansi for one
year, from one CSV or XLSX file, all or nothing (issue 21 point 2).

Same shape as the other imports: the shared reader of :mod:`pegawai.services.impor` turns the
bytes into rows of text and every row is checked against what was read once for the whole
file.  The only write path stays :func:`penilaian.services.kurva.tetapkan_predikat_organisasi`
(the admin's right, the window, the freeze of a finalised or already used predikat, the
history row): every new or changed row goes through it inside **one** transaction.  A check
(``terapkan=False``) runs the same calls and then rolls the transaction back, so the preview
also reports what the service would refuse, and nothing is written; an apply keeps the
transaction only when no row failed.  A row whose values are already stored is counted as
unchanged and not written again, so applying the same file twice changes nothing.

The format is documented for users in ``docs/format-impor.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, UnitKerja
from pegawai.permissions import is_admin_instansi
from pegawai.services.impor import BerkasDitolak, Kesalahan, buka_tabel, nama_kolom
from penilaian import rules
from penilaian.models import PredikatKinerjaOrganisasi
from penilaian.services import kurva as services_kurva

KOLOM = (
    "kode_unit",
    "jenis",
    "urutan",
    "predikat",
    "nomor_penetapan",
    "tanggal_penetapan",
    "catatan",
)
KOLOM_WAJIB = KOLOM[:4]
MAKS_BARIS = 5000
MAKS_NOMOR = 100  # PredikatKinerjaOrganisasi.nomor_penetapan

_ROMAWI = {
    r: i
    for i, r in enumerate(
        ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), start=1
    )
}
_FORMAT_TANGGAL = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")

BARU, BERUBAH, TETAP = "baru", "berubah", "tetap"


@dataclass
class BarisPredikat:
    """One valid row of the file: what will be stored for a unit in one window."""

    nomor: int  # the spreadsheet row (header = 1)
    unit: UnitKerja
    jenis: str
    urutan: int
    predikat: str
    nomor_penetapan: str
    tanggal_penetapan: dt.date | None
    catatan: str
    semula: str = ""  # the predikat stored before, "" for a new one
    status: str = BARU

    @property
    def nama_jendela(self) -> str:
        """ "Tahunan" for the year, "Triwulan 2" for a window (the year is the page's)."""
        label = str(rules.LABEL_JENIS_PERIODE[rules.JenisPeriode(self.jenis)])
        return label if self.jenis == rules.JenisPeriode.TAHUNAN else f"{label} {self.urutan}"

    @property
    def label_predikat(self) -> str:
        return str(rules.LABEL_PREDIKAT_ORGANISASI[rules.PredikatOrganisasi(self.predikat)])

    @property
    def label_semula(self) -> str:
        if not self.semula:
            return ""
        return str(rules.LABEL_PREDIKAT_ORGANISASI.get(self.semula, self.semula))


@dataclass
class HasilImporPredikat:
    nama_berkas: str
    tahun: int
    baris: list[BarisPredikat] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)
    diterapkan: bool = False

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan

    def _jumlah(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def jumlah_baru(self) -> int:
        return self._jumlah(BARU)

    @property
    def jumlah_berubah(self) -> int:
        return self._jumlah(BERUBAH)

    @property
    def jumlah_tetap(self) -> int:
        return self._jumlah(TETAP)

    @property
    def jumlah_disimpan(self) -> int:
        """Rows written (or, in a check, to be written): the new and the changed ones."""
        return self.jumlah_baru + self.jumlah_berubah

    @property
    def perubahan(self) -> list[BarisPredikat]:
        return [b for b in self.baris if b.status != TETAP]


class _Batalkan(Exception):
    """Raised at the end of the transaction to roll back a check or a refused apply."""


def wajib_admin(aktor: Pegawai) -> None:
    """Only the admin instansi of his own instansi (the superuser has none: refused)."""
    if aktor.instansi_id is None or not is_admin_instansi(aktor, aktor.instansi_id):
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))


def impor_predikat_organisasi(
    aktor: Pegawai, tahun: int, berkas: bytes, nama_berkas: str, *, terapkan: bool
) -> HasilImporPredikat:
    """Check (and with ``terapkan`` apply, all or nothing) the predikat kinerja organisasi
    of ``tahun`` for the units of the actor's instansi named in the file."""
    wajib_admin(aktor)
    hasil = HasilImporPredikat(nama_berkas=nama_berkas, tahun=tahun)
    if not 2000 <= tahun <= 2100:
        hasil.kesalahan.append(Kesalahan(None, "tahun", _("Tahun tidak wajar.")))
        return hasil
    data = _baca(berkas, nama_berkas, hasil)
    if hasil.kesalahan:
        return hasil
    _periksa(aktor, tahun, data, hasil)
    if hasil.kesalahan:
        return hasil
    if not hasil.perubahan:  # everything is already stored as the file says
        hasil.diterapkan = terapkan
        return hasil
    try:
        with transaction.atomic():
            for b in hasil.perubahan:
                try:
                    services_kurva.tetapkan_predikat_organisasi(
                        aktor,
                        b.unit,
                        tahun,
                        b.predikat,
                        b.catatan,
                        jenis=b.jenis,
                        urutan=b.urutan,
                        nomor_penetapan=b.nomor_penetapan,
                        tanggal_penetapan=b.tanggal_penetapan,
                    )
                except ValidationError as e:
                    hasil.kesalahan.append(Kesalahan(b.nomor, "predikat", " ".join(e.messages)))
            if hasil.kesalahan or not terapkan:
                raise _Batalkan
    except _Batalkan:
        return hasil
    hasil.diterapkan = True
    return hasil


def templat() -> tuple[list[str], list[list[object]]]:
    """(kolom, contoh baris) of the template download."""
    return list(KOLOM), [
        ["DINKES", "tahunan", 1, "baik", "800/123/2026", "2026-01-15", "Hasil evaluasi SAKIP"]
    ]


# --- reading ------------------------------------------------------------------------------
def _baca(
    berkas: bytes, nama_berkas: str, hasil: HasilImporPredikat
) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (row number, {column: text}); a missing optional column is absent."""
    try:
        tabel = list(buka_tabel(berkas, nama_berkas))
    except BerkasDitolak as e:
        hasil.kesalahan.append(Kesalahan(e.baris, "", str(e)))
        return []
    isi = [(i, sel) for i, sel in enumerate(tabel, start=1) if any(s.strip() for s in sel)]
    if not isi:
        hasil.kesalahan.append(Kesalahan(None, "", _("Berkas kosong.")))
        return []
    nomor_kepala, kepala = isi[0]
    posisi: dict[str, int] = {}
    for j, teks in enumerate(kepala):
        nama = nama_kolom(teks)
        if nama in KOLOM and nama not in posisi:
            posisi[nama] = j
    kurang = [k for k in KOLOM_WAJIB if k not in posisi]
    if kurang:
        hasil.kesalahan.append(
            Kesalahan(
                nomor_kepala,
                "",
                _("Kolom wajib tidak ada: %(kolom)s. Gunakan templat.")
                % {"kolom": ", ".join(kurang)},
            )
        )
        return []
    data = [
        (i, {k: (sel[j].strip() if j < len(sel) else "") for k, j in posisi.items()})
        for i, sel in isi[1:]
    ]
    if not data:
        hasil.kesalahan.append(
            Kesalahan(None, "", _("Berkas tidak berisi data: hanya ada baris judul kolom."))
        )
    elif len(data) > MAKS_BARIS:
        hasil.kesalahan.append(
            Kesalahan(None, "", _("Paling banyak %(n)d baris per berkas.") % {"n": MAKS_BARIS})
        )
    return data


def _kunci(teks: str) -> str:
    """``Butuh Perbaikan``, ``butuh_perbaikan`` and ``butuh-perbaikan`` alike."""
    return re.sub(r"[\s_\-]+", " ", teks).strip().lower()


def _peta(label: dict) -> dict[str, str]:
    """Code or label (Indonesian, and the page's language) → code."""
    peta: dict[str, str] = {}
    for kode, teks in label.items():
        peta[_kunci(str(kode))] = str(kode)
        peta[_kunci(str(teks))] = str(kode)
        with translation.override("id"):
            peta[_kunci(str(teks))] = str(kode)
    return peta


def _urutan(teks: str) -> int | None:
    teks = teks.strip().upper()
    if teks.isdigit():
        return int(teks)
    return _ROMAWI.get(teks)


def _tanggal(teks: str) -> dt.date:
    for fmt in _FORMAT_TANGGAL:
        try:
            return dt.datetime.strptime(teks.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(teks)


# --- checking -----------------------------------------------------------------------------
def _periksa(
    aktor: Pegawai,
    tahun: int,
    data: list[tuple[int, dict[str, str]]],
    hasil: HasilImporPredikat,
) -> None:
    unit_list = list(UnitKerja.objects.filter(instansi_id=aktor.instansi_id))
    unit_per_kode = {u.kode: u for u in unit_list}
    unit_per_kode_kecil: dict[str, UnitKerja | None] = {}
    for u in unit_list:  # a code in other letter case, when it names one unit only
        kecil = u.kode.lower()
        unit_per_kode_kecil[kecil] = None if kecil in unit_per_kode_kecil else u
    peta_predikat = _peta(rules.LABEL_PREDIKAT_ORGANISASI)
    peta_jenis = _peta(rules.LABEL_JENIS_PERIODE)
    pilihan_predikat = ", ".join(str(p) for p in rules.LABEL_PREDIKAT_ORGANISASI)
    # Longest window first: tahunan, semester, triwulan, bulanan.
    pilihan_jenis = ", ".join(
        str(j) for j in sorted(rules.JUMLAH_JENDELA, key=rules.JUMLAH_JENDELA.get)
    )
    ada = {
        (po.unit_id, po.jenis, po.urutan): po
        for po in PredikatKinerjaOrganisasi.objects.filter(
            instansi_id=aktor.instansi_id, tahun=tahun
        )
    }
    dilihat: dict[tuple[int, str, int], int] = {}
    for nomor, teks in data:
        salah: list[Kesalahan] = []

        kode = teks["kode_unit"]
        unit = unit_per_kode.get(kode) or unit_per_kode_kecil.get(kode.lower())
        if not kode:
            salah.append(Kesalahan(nomor, "kode_unit", _("Kode unit wajib diisi.")))
        elif unit is None:
            salah.append(
                Kesalahan(
                    nomor,
                    "kode_unit",
                    _("Unit dengan kode %(kode)s tidak ada di instansi Anda.") % {"kode": kode},
                )
            )

        jenis = (
            peta_jenis.get(_kunci(teks["jenis"]))
            if teks["jenis"]
            else str(rules.JenisPeriode.TAHUNAN)
        )
        if jenis is None:
            salah.append(
                Kesalahan(
                    nomor,
                    "jenis",
                    _("Jenis harus salah satu dari: %(pilihan)s.") % {"pilihan": pilihan_jenis},
                )
            )
        urutan = _urutan(teks["urutan"]) if teks["urutan"] else None
        if jenis == rules.JenisPeriode.TAHUNAN:
            if urutan is None and not teks["urutan"]:
                urutan = 1
            if urutan != 1:
                salah.append(
                    Kesalahan(
                        nomor, "urutan", _("Jenis tahunan hanya mempunyai urutan 1 (boleh kosong).")
                    )
                )
        elif jenis is not None and (
            urutan is None or not 1 <= urutan <= rules.JUMLAH_JENDELA[jenis]
        ):
            salah.append(
                Kesalahan(
                    nomor,
                    "urutan",
                    _("Urutan %(jenis)s harus 1 sampai %(n)d.")
                    % {"jenis": jenis, "n": rules.JUMLAH_JENDELA[jenis]},
                )
            )

        predikat = peta_predikat.get(_kunci(teks["predikat"]))
        if predikat is None:
            salah.append(
                Kesalahan(
                    nomor,
                    "predikat",
                    _("Predikat harus salah satu dari: %(pilihan)s.")
                    % {"pilihan": pilihan_predikat},
                )
            )

        tanggal = None
        if teks.get("tanggal_penetapan"):
            try:
                tanggal = _tanggal(teks["tanggal_penetapan"])
            except ValueError:
                salah.append(
                    Kesalahan(
                        nomor,
                        "tanggal_penetapan",
                        _("Tanggal tidak dikenali; tulis 2026-01-01."),
                    )
                )
        nomor_penetapan = teks.get("nomor_penetapan", "")
        if len(nomor_penetapan) > MAKS_NOMOR:
            salah.append(
                Kesalahan(
                    nomor,
                    "nomor_penetapan",
                    _("Paling banyak %(n)d karakter.") % {"n": MAKS_NOMOR},
                )
            )

        if unit is not None and jenis is not None and urutan is not None:
            kunci = (unit.pk, jenis, urutan)
            if kunci in dilihat:
                salah.append(
                    Kesalahan(
                        nomor,
                        "kode_unit",
                        _("Baris ganda: unit dan periode yang sama sudah ada di baris %(n)d.")
                        % {"n": dilihat[kunci]},
                    )
                )
            else:
                dilihat[kunci] = nomor

        if salah:
            hasil.kesalahan.extend(salah)
            continue
        po = ada.get((unit.pk, jenis, urutan))
        hasil.baris.append(_rencana(nomor, unit, jenis, urutan, predikat, teks, tanggal, po))


def _rencana(
    nomor: int,
    unit: UnitKerja,
    jenis: str,
    urutan: int,
    predikat: str,
    teks: dict[str, str],
    tanggal: dt.date | None,
    po: PredikatKinerjaOrganisasi | None,
) -> BarisPredikat:
    """The row as it will be stored: an empty optional cell (or a missing optional column)
    keeps what is stored, as the service would otherwise erase it."""
    b = BarisPredikat(
        nomor=nomor,
        unit=unit,
        jenis=jenis,
        urutan=urutan,
        predikat=predikat,
        nomor_penetapan=teks.get("nomor_penetapan", "") or (po.nomor_penetapan if po else ""),
        tanggal_penetapan=tanggal or (po.tanggal_penetapan if po else None),
        catatan=teks.get("catatan", "") or (po.catatan if po else ""),
    )
    if po is None:
        return b
    b.semula = po.predikat
    sama = (
        po.predikat == b.predikat
        and po.nomor_penetapan == b.nomor_penetapan
        and po.tanggal_penetapan == b.tanggal_penetapan
        and po.catatan == b.catatan.strip()
    )
    b.status = TETAP if sama else BERUBAH
    return b
