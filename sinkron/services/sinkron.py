"""Every write of the SIASN synchronisation: check a source, recompute, approve, reject.

A check (:func:`periksa`) reads the SIASN rows, computes the difference against the
instansi's data (``sinkron.rules``) and runs the pegawai import as a dry run on the same
rows, so that what the import itself would refuse (a NIP of another instansi, atasan in a
circle...) is known before anyone approves.  Approval (:func:`setujui`) refuses a batch whose
data changed since the check (it must be recomputed), then applies it all or nothing, in
one transaction, **through the pegawai import** (``pegawai.services.impor.impor_pegawai``:
the same unit/jabatan/assignment rules, history and assignment listeners), and marks the
pegawai no longer in SIASN as ``berhenti`` through ``ubah_status_pegawai`` (kept, not
deleted).  Nothing is ever applied without an admin's approval.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifikasi.models import Jenis
from notifikasi.services.kirim import Rencana, buat_notifikasi
from pegawai import permissions
from pegawai.models import Instansi, Pegawai, Riwayat
from pegawai.services import impor as services_impor
from pegawai.services import organisasi as services_org
from pegawai.services.organisasi import catat_riwayat
from sinkron import rules, selectors
from sinkron.models import SinkronSiasn

logger = logging.getLogger(__name__)

STATUS_KELUAR = Pegawai.Status.BERHENTI  # what "no longer in SIASN" becomes on approval


class SumberDitolak(Exception):
    """The source as a whole cannot be read; the message is for the admin."""


class GagalMenerapkan(Exception):
    """Raised inside the approval's transaction to roll everything back."""


def wajib_admin(aktor: Pegawai | None, instansi: Instansi) -> None:
    if aktor is not None and not permissions.is_admin_instansi(aktor, instansi):
        raise PermissionDenied(_("Hanya admin instansi yang boleh menyinkronkan data SIASN."))


def _sebagai(aktor: Pegawai | None) -> str:
    return Riwayat.Sebagai.ADMIN if aktor is not None else Riwayat.Sebagai.SISTEM


# --- reading ------------------------------------------------------------------------------
def baca_tabel(berkas: bytes, nama_berkas: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a SIASN export file (CSV/XLSX) as (row number, {column: text}).

    Columns not in the format are ignored (SIASN exports carry many more); a required one
    missing refuses the file.  Raises :class:`SumberDitolak`."""
    try:
        sumber = services_impor.buka_tabel(berkas, nama_berkas)
        kepala: list[str] | None = None
        hasil: list[tuple[int, dict[str, str]]] = []
        try:
            for nomor, sel in enumerate(sumber, start=1):
                if not any(sel):
                    continue
                if kepala is None:
                    kepala = [rules.nama_kolom(s) for s in sel]
                    _periksa_kolom(kepala)
                    continue
                if len(hasil) >= services_impor.MAKS_BARIS:
                    raise SumberDitolak(
                        _("Data berisi lebih dari %(maks)d baris.")
                        % {"maks": services_impor.MAKS_BARIS}
                    )
                hasil.append(
                    (nomor, {k: (sel[i] if i < len(sel) else "") for i, k in enumerate(kepala)})
                )
        finally:
            sumber.close()
    except services_impor.BerkasDitolak as e:
        raise SumberDitolak(str(e)) from None
    if kepala is None or not hasil:
        raise SumberDitolak(_("Data SIASN kosong: tidak ada baris pegawai."))
    return hasil


def baca_json(berkas: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of a JSON answer: a list of objects, or ``{"data": [...]}``."""
    try:
        isi = json.loads(berkas.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise SumberDitolak(_("Jawaban sumber SIASN bukan JSON yang sah.")) from None
    if isinstance(isi, dict):
        isi = isi.get("data", isi.get("results"))
    if not isinstance(isi, list) or not all(isinstance(x, dict) for x in isi):
        raise SumberDitolak(
            _('Jawaban JSON harus berupa daftar objek pegawai (atau {"data": [...]}).')
        )
    if not isi:
        raise SumberDitolak(_("Data SIASN kosong: tidak ada baris pegawai."))
    if len(isi) > services_impor.MAKS_BARIS:
        raise SumberDitolak(
            _("Data berisi lebih dari %(maks)d baris.") % {"maks": services_impor.MAKS_BARIS}
        )
    baris = []
    for i, objek in enumerate(isi, start=2):  # numbered like a file under its header row
        baris.append(
            (i, {rules.nama_kolom(k): "" if v is None else str(v) for k, v in objek.items()})
        )
    _periksa_kolom(baris[0][1].keys())
    return baris


def _periksa_kolom(kolom) -> None:
    kurang = rules.kolom_kurang(kolom)
    if kurang:
        raise SumberDitolak(
            _("Kolom wajib berikut tidak ada: %(kolom)s.") % {"kolom": ", ".join(kurang)}
        )


# --- checking -----------------------------------------------------------------------------
def _csv_impor(masuk: list[dict[str, Any]]) -> bytes:
    keluar = io.StringIO()
    penulis = csv.DictWriter(keluar, fieldnames=services_impor.KOLOM, lineterminator="\n")
    penulis.writeheader()
    for b in masuk:
        penulis.writerow(rules.baris_impor(b))
    return keluar.getvalue().encode()


def _kesalahan_impor(hasil, masuk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The import's errors, located in the SIASN rows (CSV line n is ``masuk[n - 2]``)."""
    daftar = []
    for k in hasil.kesalahan:
        baris = None
        if k.baris is not None and 2 <= k.baris < len(masuk) + 2:
            baris = masuk[k.baris - 2]["baris"]
        daftar.append(
            {"baris": baris, "kolom": rules.KOLOM_ASAL.get(k.kolom, k.kolom), "pesan": k.pesan}
        )
    return daftar


def _hitung(batch: SinkronSiasn, aktor: Pegawai | None, kesalahan_baca: list) -> None:
    """Fill the batch's difference, errors, counts, fingerprint and status (not saved)."""
    kini = selectors.data_kini(batch.instansi)
    selisih, kesalahan = rules.hitung_selisih(kini, batch.baris)
    kesalahan = kesalahan_baca + kesalahan
    if not kesalahan and batch.baris:
        uji = services_impor.impor_pegawai(
            aktor, batch.instansi, _csv_impor(batch.baris), "siasn.csv", terapkan=False
        )
        kesalahan = _kesalahan_impor(uji, batch.baris)
    jumlah = rules.jumlah(selisih)
    batch.selisih = selisih
    batch.kesalahan = kesalahan
    batch.sidik_data = rules.sidik(kini)
    batch.jumlah_baru = jumlah["baru"]
    batch.jumlah_berubah = jumlah["berubah"]
    batch.jumlah_pindah = jumlah["pindah"]
    batch.jumlah_keluar = jumlah["keluar"]
    batch.jumlah_unit_baru = jumlah["unit_baru"]
    batch.jumlah_unit_berubah = jumlah["unit_berubah"]
    batch.jumlah_kesalahan = len(kesalahan)
    batch.dihitung_pada = timezone.now()
    batch.status = SinkronSiasn.Status.GAGAL if kesalahan else SinkronSiasn.Status.MENUNGGU
    batch.pesan = (
        _("Data SIASN berisi %(n)d kesalahan; perbaiki di sumbernya lalu ambil lagi.")
        % {"n": len(kesalahan)}
        if kesalahan
        else ""
    )


@transaction.atomic
def periksa(
    aktor: Pegawai | None,
    instansi: Instansi,
    data: list[tuple[int, dict[str, str]]],
    *,
    asal: str,
    nama_sumber: str,
    sha256: str,
    simpan_bila_sama: bool = True,
) -> SinkronSiasn | None:
    """Check the SIASN rows ``data`` against the instansi's data: a new batch, waiting for
    approval (or failed, with its errors).  ``aktor`` None: the nightly schedule, which
    passes ``simpan_bila_sama=False``: SIASN saying what we already have makes no batch
    (None)."""
    wajib_admin(aktor, instansi)
    masuk, kesalahan_baca = rules.normalisasi(data)
    batch = SinkronSiasn(
        instansi=instansi,
        asal=asal,
        nama_sumber=nama_sumber[:500],
        sha256=sha256,
        baris=masuk,
        jumlah_baris=len(data),
        diambil_oleh=aktor,
    )
    _hitung(batch, aktor, kesalahan_baca)
    if (
        not simpan_bila_sama
        and batch.status == SinkronSiasn.Status.MENUNGGU
        and not batch.ada_perubahan
    ):
        return None
    batch.save()
    catat_riwayat(
        pelaku=aktor,
        objek=batch,
        aksi="sinkron.diperiksa",
        sebagai=_sebagai(aktor),
        ke_status=batch.status,
        keterangan=nama_sumber,
        data=_ringkasan(batch),
    )
    return batch


def periksa_berkas(aktor: Pegawai, instansi: Instansi, berkas: bytes, nama: str) -> SinkronSiasn:
    """An uploaded export file.  Raises :class:`SumberDitolak` for an unreadable file."""
    wajib_admin(aktor, instansi)
    if PurePath(nama).suffix.lower() == ".json":
        data = baca_json(berkas)
    else:
        data = baca_tabel(berkas, nama)
    return periksa(
        aktor,
        instansi,
        data,
        asal=SinkronSiasn.Asal.BERKAS,
        nama_sumber=nama,
        sha256=hashlib.sha256(berkas).hexdigest(),
    )


def _ringkasan(batch: SinkronSiasn) -> dict[str, int]:
    return {
        "baris": batch.jumlah_baris,
        "baru": batch.jumlah_baru,
        "berubah": batch.jumlah_berubah,
        "pindah": batch.jumlah_pindah,
        "keluar": batch.jumlah_keluar,
        "unit_baru": batch.jumlah_unit_baru,
        "unit_berubah": batch.jumlah_unit_berubah,
        "kesalahan": batch.jumlah_kesalahan,
    }


def _ambil_untuk_diputus(aktor: Pegawai, pk: int) -> SinkronSiasn:
    batch = (
        selectors.batch_terlihat(aktor).select_for_update().select_related("instansi").get(pk=pk)
    )
    wajib_admin(aktor, batch.instansi)
    if batch.status != SinkronSiasn.Status.MENUNGGU:
        raise ValidationError(
            _("Sinkronisasi ini sudah %(status)s; tidak dapat diputus lagi.")
            % {"status": batch.get_status_display().lower()}
        )
    return batch


@transaction.atomic
def hitung_ulang(aktor: Pegawai, pk: int) -> SinkronSiasn:
    """Recompute a waiting batch's difference against today's data (same SIASN rows)."""
    batch = _ambil_untuk_diputus(aktor, pk)
    lama = batch.status
    _hitung(batch, aktor, [])  # a waiting batch had no error in its own rows
    batch.save()
    catat_riwayat(
        pelaku=aktor,
        objek=batch,
        aksi="sinkron.dihitung_ulang",
        sebagai=Riwayat.Sebagai.ADMIN,
        dari_status=lama,
        ke_status=batch.status,
        data=_ringkasan(batch),
    )
    return batch


def setujui(aktor: Pegawai, pk: int, *, hari_ini: dt.date | None = None) -> SinkronSiasn:
    """Apply a waiting batch, all or nothing.  Raises ``ValidationError`` when the batch is
    not waiting or is stale (nothing written); a failure while writing rolls everything back
    and leaves the batch ``gagal`` with the reason."""
    try:
        with transaction.atomic():
            batch = _ambil_untuk_diputus(aktor, pk)
            if selectors.basi(batch):
                raise ValidationError(
                    _(
                        "Data pegawai berubah sejak selisih ini dihitung. Hitung ulang "
                        "selisihnya, periksa lagi, lalu setujui."
                    )
                )
            _terapkan(aktor, batch, hari_ini)
            batch.status = SinkronSiasn.Status.DITERAPKAN
            batch.diputus_oleh = aktor
            batch.diputus_pada = timezone.now()
            batch.save(update_fields=["status", "diputus_oleh", "diputus_pada"])
            catat_riwayat(
                pelaku=aktor,
                objek=batch,
                aksi="sinkron.diterapkan",
                sebagai=Riwayat.Sebagai.ADMIN,
                dari_status=SinkronSiasn.Status.MENUNGGU,
                ke_status=batch.status,
                data=_ringkasan(batch),
            )
            return batch
    except (GagalMenerapkan, DatabaseError) as e:
        if isinstance(e, DatabaseError):
            logger.exception("Sinkron SIASN #%s gagal ditulis", pk)
            pesan = _(
                "Basis data menolak perubahan (mungkin data diubah orang lain pada saat yang "
                "sama). Tidak ada yang disimpan."
            )
        else:
            pesan = str(e)
        return _gagal(aktor, pk, pesan)


def _terapkan(aktor: Pegawai, batch: SinkronSiasn, hari_ini: dt.date | None) -> None:
    if batch.baris:
        hasil = services_impor.impor_pegawai(
            aktor,
            batch.instansi,
            _csv_impor(batch.baris),
            f"sinkron-siasn-{batch.pk}.csv",  # the import reads the name's suffix
            terapkan=True,
            hari_ini=hari_ini,
        )
        if not hasil.berhasil:
            batch.kesalahan = _kesalahan_impor(hasil, batch.baris)
            raise GagalMenerapkan(
                _(
                    "Impor menolak %(n)d kesalahan; yang pertama: %(pertama)s Tidak ada yang "
                    "disimpan."
                )
                % {"n": len(hasil.kesalahan), "pertama": hasil.kesalahan[0]}
            )
    nip_keluar = [k["nip"] for k in batch.selisih.get("keluar", [])]
    for pegawai in Pegawai.objects.filter(instansi=batch.instansi, nip__in=nip_keluar).order_by(
        "nip"
    ):
        try:
            services_org.ubah_status_pegawai(
                aktor,
                pegawai,
                STATUS_KELUAR,
                keterangan=_("Tidak ada lagi di data SIASN (sinkronisasi #%(id)d).")
                % {"id": batch.pk},
            )
        except ValidationError as e:
            raise GagalMenerapkan(
                _("%(pegawai)s: %(pesan)s Tidak ada yang disimpan.")
                % {"pegawai": pegawai, "pesan": " ".join(e.messages)}
            ) from e


def _putus(aktor: Pegawai, batch: SinkronSiasn, status: str, pesan: str, aksi: str) -> SinkronSiasn:
    """Close a waiting batch (refused or failed) with the reason, recorded once."""
    batch.status = status
    batch.pesan = pesan
    batch.diputus_oleh = aktor
    batch.diputus_pada = timezone.now()
    batch.save(update_fields=["status", "pesan", "diputus_oleh", "diputus_pada"])
    catat_riwayat(
        pelaku=aktor,
        objek=batch,
        aksi=aksi,
        sebagai=Riwayat.Sebagai.ADMIN,
        dari_status=SinkronSiasn.Status.MENUNGGU,
        ke_status=status,
        keterangan=pesan,
    )
    return batch


def _gagal(aktor: Pegawai, pk: int, pesan: str) -> SinkronSiasn:
    with transaction.atomic():
        batch = selectors.batch_terlihat(aktor).select_for_update().get(pk=pk)
        return _putus(aktor, batch, SinkronSiasn.Status.GAGAL, pesan, "sinkron.gagal")


@transaction.atomic
def tolak(aktor: Pegawai, pk: int, alasan: str = "") -> SinkronSiasn:
    batch = _ambil_untuk_diputus(aktor, pk)
    return _putus(aktor, batch, SinkronSiasn.Status.DITOLAK, alasan, "sinkron.ditolak")


def kabari_admin(batch: SinkronSiasn) -> int:
    """Tell the instansi's admins that a difference waits for their approval."""
    tautan = reverse("sinkron_detail", args=[batch.pk])
    judul = _("Selisih data SIASN menunggu persetujuan")
    pesan = _(
        "%(baru)d pegawai baru, %(pindah)d pindah unit, %(berubah)d berubah, %(keluar)d tidak "
        "ada lagi di SIASN. Periksa dan setujui atau tolak."
    ) % {
        "baru": batch.jumlah_baru,
        "pindah": batch.jumlah_pindah,
        "berubah": batch.jumlah_berubah,
        "keluar": batch.jumlah_keluar,
    }
    if batch.status == SinkronSiasn.Status.GAGAL:
        judul = _("Data SIASN semalam tidak dapat diproses")
        pesan = batch.pesan
    return len(
        buat_notifikasi(
            Rencana(pid, Jenis.SINKRON_SIASN, f"sinkron:{batch.pk}", judul, pesan, tautan)
            for pid in selectors.admin_penerima(batch.instansi_id)
        )
    )
