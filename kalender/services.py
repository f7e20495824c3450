"""The workday calendar: national holidays and cuti bersama (shared, ``instansi`` empty)
and an instansi's own days off, kept by the admin — one at a time or from the SKB list in a
CSV/XLSX file (all or nothing, row-by-row errors).  No dates ship with the app: the
government publishes the list each year (SKB 3 Menteri) and the admin imports it.

Who may change what: the admin instansi his instansi's own days; the shared national list
the superuser, or the admin instansi when the installation serves only his instansi (the
usual self-hosted case)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kalender.models import GangguanLayanan, HariLibur
from kalender.rules import MAKS_HARI_GANGGUAN
from pegawai.models import Instansi, Pegawai
from pegawai.permissions import is_admin_instansi
from pegawai.services.impor import BerkasDitolak, Kesalahan, buka_tabel, nama_kolom
from pegawai.services.organisasi import catat_riwayat

KOLOM_LIBUR = ("tanggal", "keterangan", "jenis")
NASIONAL = {HariLibur.Jenis.LIBUR_NASIONAL, HariLibur.Jenis.CUTI_BERSAMA}


def boleh_ubah_nasional(aktor: Pegawai) -> bool:
    if aktor.is_superuser:
        return True
    return is_admin_instansi(aktor, aktor.instansi_id) and Instansi.objects.count() == 1


def _wajib_boleh(aktor: Pegawai, jenis: str) -> int | None:
    """The ``instansi_id`` a day of this jenis is stored under, if ``aktor`` may change it."""
    if jenis in NASIONAL:
        if not boleh_ubah_nasional(aktor):
            raise PermissionDenied(
                _("Libur nasional dan cuti bersama hanya diubah oleh pengelola instalasi.")
            )
        return None
    if not is_admin_instansi(aktor, aktor.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengubah hari libur."))
    return aktor.instansi_id


@transaction.atomic
def simpan_libur(aktor: Pegawai, tanggal: dt.date, nama: str, jenis: str) -> HariLibur:
    """Add a day off, or rename it when that date is already one in the same scope."""
    instansi_id = _wajib_boleh(aktor, jenis)
    libur, baru = HariLibur.objects.update_or_create(
        tanggal=tanggal, instansi_id=instansi_id, defaults={"nama": nama, "jenis": jenis}
    )
    catat_riwayat(
        pelaku=aktor,
        objek=libur,
        aksi="libur.disimpan",
        data={"tanggal": tanggal.isoformat(), "jenis": jenis, "baru": baru},
    )
    return libur


@transaction.atomic
def hapus_libur(aktor: Pegawai, libur: HariLibur) -> None:
    _wajib_boleh(aktor, libur.jenis)
    catat_riwayat(
        pelaku=aktor,
        objek=libur,
        aksi="libur.dihapus",
        data={"tanggal": libur.tanggal.isoformat(), "nama": libur.nama},
    )
    libur.delete()


@dataclass
class HasilImporLibur:
    baris: list[tuple[dt.date, str, str]]
    kesalahan: list[Kesalahan]
    diterapkan: bool = False

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def _tanggal(teks: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(teks.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(teks)


def impor_libur(aktor: Pegawai, berkas: bytes, nama_berkas: str, *, terapkan: bool):
    """Check (and with ``terapkan`` apply, all or nothing) a list of days off."""
    pilihan = {str(k): str(k) for k in HariLibur.Jenis.values} | {
        str(label).lower(): str(k) for k, label in HariLibur.Jenis.choices
    }
    kesalahan: list[Kesalahan] = []
    baris: list[tuple[dt.date, str, str]] = []
    try:
        tabel = list(buka_tabel(berkas, nama_berkas))
    except BerkasDitolak as e:
        return HasilImporLibur([], [Kesalahan(e.baris, "", str(e))])
    if not tabel:
        return HasilImporLibur([], [Kesalahan(None, "", _("Berkas tidak berisi baris."))])
    kepala = [nama_kolom(k) for k in tabel[0]]
    kurang = [k for k in KOLOM_LIBUR if k not in kepala]
    if kurang:
        pesan = _("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(kurang)}
        return HasilImporLibur([], [Kesalahan(1, "", pesan)])
    pos = {k: kepala.index(k) for k in KOLOM_LIBUR}
    terlihat: dict[tuple[dt.date, bool], int] = {}
    for nomor, sel in enumerate(tabel[1:], start=2):
        if not any(x.strip() for x in sel):
            continue
        nilai = {k: (sel[i].strip() if i < len(sel) else "") for k, i in pos.items()}
        try:
            tanggal = _tanggal(nilai["tanggal"])
        except ValueError:
            kesalahan.append(
                Kesalahan(nomor, "tanggal", _("Tanggal tidak dikenali; tulis 2026-01-01."))
            )
            continue
        jenis = pilihan.get(nilai["jenis"].lower())
        if jenis is None:
            kesalahan.append(
                Kesalahan(
                    nomor,
                    "jenis",
                    _("Jenis harus salah satu dari: %(pilihan)s.")
                    % {"pilihan": ", ".join(HariLibur.Jenis.values)},
                )
            )
            continue
        if not nilai["keterangan"]:
            kesalahan.append(Kesalahan(nomor, "keterangan", _("Keterangan wajib diisi.")))
            continue
        kunci = (tanggal, jenis in NASIONAL)
        if kunci in terlihat:
            kesalahan.append(
                Kesalahan(
                    nomor,
                    "tanggal",
                    _("Tanggal ini sudah ada di baris %(baris)s.") % {"baris": terlihat[kunci]},
                )
            )
            continue
        terlihat[kunci] = nomor
        try:
            _wajib_boleh(aktor, jenis)
        except PermissionDenied as e:
            kesalahan.append(Kesalahan(nomor, "jenis", str(e)))
            continue
        baris.append((tanggal, nilai["keterangan"][:200], jenis))
    hasil = HasilImporLibur(baris, kesalahan)
    if terapkan and hasil.berhasil and baris:
        with transaction.atomic():
            for tanggal, nama, jenis in baris:
                HariLibur.objects.update_or_create(
                    tanggal=tanggal,
                    instansi_id=None if jenis in NASIONAL else aktor.instansi_id,
                    defaults={"nama": nama, "jenis": jenis},
                )
            catat_riwayat(
                pelaku=aktor,
                objek=aktor,
                aksi="libur.diimpor",
                data={"berkas": nama_berkas[:100], "jumlah": len(baris)},
            )
        hasil.diterapkan = True
    return hasil


def wajib_admin(aktor: Pegawai) -> None:
    if not (aktor.is_superuser or is_admin_instansi(aktor, aktor.instansi_id)):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengelola hari libur."))


# --- declared outages (issue 16) ----------------------------------------------------------
def sebagai_penyata_gangguan(aktor: Pegawai) -> int | None:
    """The ``instansi_id`` an outage declared by ``aktor`` is stored under: the admin
    instansi his own; the superuser without an instansi the whole installation."""
    if aktor.is_superuser:
        return aktor.instansi_id
    if not is_admin_instansi(aktor, aktor.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat menyatakan gangguan layanan."))
    return aktor.instansi_id


@transaction.atomic
def nyatakan_gangguan(
    aktor: Pegawai, mulai: dt.date, selesai: dt.date, alasan: str
) -> GangguanLayanan:
    """Record a declared outage (the callers in ``aktivitas`` then clear the lateness it
    excuses).  The calendar's cache version is bumped by ``kalender.sinyal``."""
    instansi_id = sebagai_penyata_gangguan(aktor)
    if selesai < mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if (selesai - mulai).days + 1 > MAKS_HARI_GANGGUAN:
        raise ValidationError(
            {"selesai": _("Satu gangguan paling lama %(n)s hari.") % {"n": MAKS_HARI_GANGGUAN}}
        )
    g = GangguanLayanan.objects.create(
        instansi_id=instansi_id, mulai=mulai, selesai=selesai, alasan=alasan, dicatat_oleh=aktor
    )
    catat_riwayat(
        pelaku=aktor,
        objek=g,
        aksi="gangguan.dinyatakan",
        keterangan=alasan,
        data={"mulai": mulai.isoformat(), "selesai": selesai.isoformat()},
    )
    return g


@transaction.atomic
def hapus_gangguan(aktor: Pegawai, g: GangguanLayanan) -> None:
    """Withdraw a declaration made in error.  Lateness already cleared stays cleared: nobody
    is made late after the fact."""
    instansi_id = sebagai_penyata_gangguan(aktor)
    if not aktor.is_superuser and g.instansi_id != instansi_id:
        raise PermissionDenied(_("Gangguan ini dinyatakan untuk seluruh instalasi."))
    catat_riwayat(
        pelaku=aktor,
        objek=g,
        aksi="gangguan.dihapus",
        keterangan=g.alasan,
        data={"mulai": g.mulai.isoformat(), "selesai": g.selesai.isoformat()},
    )
    g.delete()
