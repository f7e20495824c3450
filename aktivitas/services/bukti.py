"""Evidence (bukti dukung) of an activity or of a monthly realisation row: add files or a
link, remove one; and a new activity recorded together with its evidence.

Rights are those of the owner itself: the pegawai, or an operator of his unit on his
behalf (recorded as such), while the activity is not approved (the realisation is a draft or
was returned).  A file is checked from its
bytes (:mod:`aktivitas.bukti`) before anything is stored; it is stored through Django's storage
under a random name, and removed again if the database write fails.  A deleted evidence's file
leaves the storage only once the deletion is committed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aktivitas import bukti as aturan
from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services.harian import DataAktivitas, catat_aktivitas, sebagai_pengisi
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat

Pemilik = Aktivitas | RealisasiBulanan

logger = logging.getLogger(__name__)


# --- settings (read only: uploading never creates the settings row) --------------------------
def batas_ukuran_pegawai(pegawai: Pegawai) -> int:
    """The largest file (bytes) accepted as evidence of this pegawai's work."""
    return pengaturan_kinerja(pegawai.instansi_id).ukuran_bukti_maks_mb * aturan.MB


def batas_ukuran(pemilik: Pemilik) -> int:
    """The largest file (bytes) accepted as evidence of this activity or realisation."""
    return batas_ukuran_pegawai(pegawai_pemilik(pemilik))


# --- owners: an activity or a monthly realisation row ---------------------------------------
def pegawai_pemilik(pemilik: Pemilik) -> Pegawai:
    return pemilik.pegawai if isinstance(pemilik, Aktivitas) else pemilik.skp.pegawai


def _kunci(pemilik: Pemilik) -> Pemilik:
    # Locking the owner serialises evidence changes on it: the count of 10 holds under
    # concurrent uploads, and an approval cannot slip between the check and the write.
    if isinstance(pemilik, Aktivitas):
        return (
            Aktivitas.objects.select_for_update(of=("self",))
            .select_related("pegawai__unit_kerja")
            .get(pk=pemilik.pk)
        )
    return (
        RealisasiBulanan.objects.select_for_update(of=("self",))
        .select_related("skp__pegawai__unit_kerja")
        .get(pk=pemilik.pk)
    )


def _ke(pemilik: Pemilik) -> dict:
    """The owner field of a new evidence row."""
    kunci = "aktivitas" if isinstance(pemilik, Aktivitas) else "realisasi"
    return {kunci: pemilik}


# --- rights ---------------------------------------------------------------------------------
def wajib_pengisi(aktor: Pegawai, pemilik: Pemilik) -> str:
    """The capacity in which ``aktor`` changes this owner's evidence (PermissionDenied else)."""
    return sebagai_pengisi(aktor, pegawai_pemilik(pemilik), kuasa=True)


def boleh_ubah_bukti(aktor: Pegawai, pemilik: Pemilik) -> bool:
    """For pages: show the upload, link and delete forms?"""
    try:
        wajib_pengisi(aktor, pemilik)
    except PermissionDenied:
        return False
    return pemilik.bisa_diubah


def _wajib_bisa_diubah(pemilik: Pemilik) -> None:
    if pemilik.bisa_diubah:
        return
    if isinstance(pemilik, Aktivitas):
        raise ValidationError(_("Bukti dukung aktivitas yang sudah disetujui tidak dapat diubah."))
    raise ValidationError(
        _("Bukti dukung realisasi yang sudah %(status)s tidak dapat diubah.")
        % {"status": pemilik.get_status_display().lower()}
    )


def _sisa_tempat(pemilik: Pemilik) -> int:
    return aturan.BUKTI_MAKS_PER_AKTIVITAS - pemilik.bukti.count()


def _pesan_penuh(pemilik: Pemilik | None = None) -> str:
    n = {"n": aturan.BUKTI_MAKS_PER_AKTIVITAS}
    if isinstance(pemilik, RealisasiBulanan):
        return _("Satu realisasi paling banyak memiliki %(n)s bukti dukung.") % n
    return _("Satu aktivitas paling banyak memiliki %(n)s bukti dukung.") % n


def _wajib_belum_penuh(pemilik: Pemilik, tambah: int = 1) -> None:
    if _sisa_tempat(pemilik) < tambah:
        raise ValidationError(_pesan_penuh(pemilik))


def _siap_diubah(aktor: Pegawai, pemilik: Pemilik) -> tuple[Pemilik, str]:
    """Lock the owner and check who, which state; in the caller's transaction."""
    pemilik = _kunci(pemilik)
    sebagai = wajib_pengisi(aktor, pemilik)
    _wajib_bisa_diubah(pemilik)
    return pemilik, sebagai


# --- checks before anything is stored ---------------------------------------------------------
@dataclass(frozen=True)
class BerkasDiperiksa:
    """An uploaded file that passed the checks, ready to be stored."""

    berkas: UploadedFile
    hasil: aturan.HasilPeriksa


@dataclass
class HasilUnggah:
    """What became of several files sent at once: the stored ones and, per refused file, why."""

    tersimpan: list[BuktiDukung] = field(default_factory=list)
    ditolak: list[tuple[str, str]] = field(default_factory=list)

    def pesan_ditolak(self, *, dengan_nama: bool = True) -> list[str]:
        """One message per refused file, named (several files were sent) or bare (one)."""
        if not dengan_nama:
            return [pesan for _nama, pesan in self.ditolak]
        return [_pesan_berkas(nama, pesan) for nama, pesan in self.ditolak]


def _pesan_berkas(nama: str, pesan: str) -> str:
    return _("%(nama)s: %(pesan)s") % {"nama": nama or _("berkas"), "pesan": pesan}


def _nama_kiriman(berkas: UploadedFile) -> str:
    try:
        return aturan.nama_tampil(berkas.name or "")
    except ValidationError:
        return _("berkas")


def periksa_berkas_pegawai(
    pegawai: Pegawai, daftar: list[UploadedFile]
) -> tuple[list[BerkasDiperiksa], list[tuple[str, str]]]:
    """Check each file against the pegawai's instansi settings: (accepted, [(name, why)])."""
    atur = pengaturan_kinerja(pegawai.instansi_id)
    diterima, ditolak = [], []
    for berkas in daftar:
        try:
            hasil = aturan.periksa_berkas(
                berkas,
                diizinkan=atur.daftar_jenis_bukti,
                maks_bytes=atur.ukuran_bukti_maks_mb * aturan.MB,
            )
        except ValidationError as e:
            ditolak.append((_nama_kiriman(berkas), " ".join(e.messages)))
        else:
            diterima.append(BerkasDiperiksa(berkas, hasil))
    return diterima, ditolak


# --- add ------------------------------------------------------------------------------------
def _simpan_berkas(
    aktor: Pegawai, pemilik: Pemilik, sebagai: str, item: BerkasDiperiksa, disimpan: list[str]
) -> BuktiDukung:
    """Store one checked file under a random name and record it (inside a transaction).
    The stored name is appended to ``disimpan`` so the caller can remove it on a rollback."""
    hasil = item.hasil
    bukti = BuktiDukung(
        nama_asli=hasil.nama_tampil,
        jenis_konten=hasil.jenis.mime,
        ukuran=hasil.ukuran,
        sha256=hasil.sha256,
        diunggah_oleh=aktor,
        **_ke(pemilik),
    )
    item.berkas.seek(0)
    # The user's name never reaches the storage: a random one, with the sniffed type's
    # extension, under upload_to's bukti/<year>/<month>/.
    bukti.berkas.save(f"{uuid.uuid4().hex}.{hasil.ekstensi}", item.berkas, save=False)
    disimpan.append(bukti.berkas.name)
    bukti.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai_pemilik(pemilik),
        objek=pemilik,
        aksi="bukti.diunggah",
        sebagai=sebagai,
        data={
            "bukti": bukti.pk,
            "nama": hasil.nama_tampil,
            "ukuran": hasil.ukuran,
            "sha256": hasil.sha256,
        },
    )
    return bukti


def _simpan_tautan(aktor: Pegawai, pemilik: Pemilik, sebagai: str, url: str) -> BuktiDukung:
    bukti = BuktiDukung.objects.create(tautan=url, diunggah_oleh=aktor, **_ke(pemilik))
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai_pemilik(pemilik),
        objek=pemilik,
        aksi="bukti.ditautkan",
        sebagai=sebagai,
        data={"bukti": bukti.pk, "tautan": url},
    )
    return bukti


def tambah_bukti_berkas(aktor: Pegawai, pemilik: Pemilik, berkas: UploadedFile) -> BuktiDukung:
    """Check an uploaded file, store it under a random name and record it.

    Refusals raise ``PermissionDenied`` or ``ValidationError({"berkas": ...})`` and leave nothing
    behind: no row, no file.
    """
    # Rights first (cheap, and a stranger learns nothing about the file rules), then the file.
    wajib_pengisi(aktor, pemilik)
    diterima, ditolak = periksa_berkas_pegawai(pegawai_pemilik(pemilik), [berkas])
    if ditolak:
        raise ValidationError({"berkas": [ditolak[0][1]]})
    disimpan: list[str] = []
    try:
        with transaction.atomic():
            pemilik, sebagai = _siap_diubah(aktor, pemilik)
            _wajib_belum_penuh(pemilik)
            return _simpan_berkas(aktor, pemilik, sebagai, diterima[0], disimpan)
    except BaseException:
        # Whatever failed after the file was written (the row, the history, a refusal found
        # under the lock), the transaction is rolled back: take the file away with it.
        _hapus_berkas_semua(disimpan)
        raise


def tambah_bukti_berkas_banyak(
    aktor: Pegawai,
    pemilik: Pemilik,
    daftar: list[UploadedFile],
    ditolak_sebelumnya: list[tuple[str, str]] | None = None,
) -> HasilUnggah:
    """Several files at once: each accepted file is stored, each refused one is reported with
    its reason (``ditolak_sebelumnya``: files already refused while receiving, e.g. too big).

    The accepted files are stored together in one transaction; beyond the limit of evidence
    per owner the surplus is refused by name.  A refusal of the whole (rights, state) raises.
    """
    wajib_pengisi(aktor, pemilik)
    hasil = HasilUnggah(ditolak=list(ditolak_sebelumnya or []))
    diterima, ditolak = periksa_berkas_pegawai(pegawai_pemilik(pemilik), daftar)
    hasil.ditolak.extend(ditolak)
    if not diterima:
        return hasil
    disimpan: list[str] = []
    try:
        with transaction.atomic():
            pemilik, sebagai = _siap_diubah(aktor, pemilik)
            sisa = max(_sisa_tempat(pemilik), 0)
            for item in diterima[sisa:]:
                hasil.ditolak.append((item.hasil.nama_tampil, _pesan_penuh(pemilik)))
            for item in diterima[:sisa]:
                hasil.tersimpan.append(_simpan_berkas(aktor, pemilik, sebagai, item, disimpan))
    except BaseException:
        _hapus_berkas_semua(disimpan)
        raise
    return hasil


def tambah_bukti_tautan(aktor: Pegawai, pemilik: Pemilik, url: str) -> BuktiDukung:
    """Record a link (http/https only) as evidence.  The server never fetches it."""
    wajib_pengisi(aktor, pemilik)
    try:
        url = aturan.periksa_tautan(url)
    except ValidationError as e:
        raise ValidationError({"tautan": e.messages}) from None
    with transaction.atomic():
        pemilik, sebagai = _siap_diubah(aktor, pemilik)
        _wajib_belum_penuh(pemilik)
        return _simpan_tautan(aktor, pemilik, sebagai, url)


# --- a new activity with its evidence, in one submit -------------------------------------------
def catat_aktivitas_dengan_bukti(
    aktor: Pegawai,
    pegawai: Pegawai,
    data: DataAktivitas,
    kunci,
    *,
    berkas: list[UploadedFile] = (),
    tautan: str = "",
    ditolak_sebelumnya: list[tuple[str, str]] | None = None,
) -> tuple[Aktivitas, bool]:
    """Record an activity and the evidence sent with it, all or nothing.

    Every file is checked before anything is written; one refused file (or link) refuses the
    whole submit with ``ValidationError({"berkas": [one message per refused file]})`` and
    stores nothing.  The same ``kunci`` posted again returns the first row and adds no
    evidence (the first attempt stored it).
    """
    sebagai_pengisi(aktor, pegawai, kuasa=True)
    diterima, ditolak = periksa_berkas_pegawai(pegawai, list(berkas))
    ditolak = list(ditolak_sebelumnya or []) + ditolak
    galat: dict[str, list[str]] = {}
    if ditolak:
        galat["berkas"] = [_pesan_berkas(nama, pesan) for nama, pesan in ditolak]
    if tautan:
        try:
            tautan = aturan.periksa_tautan(tautan)
        except ValidationError as e:
            galat["tautan"] = e.messages
    if len(diterima) + bool(tautan) > aturan.BUKTI_MAKS_PER_AKTIVITAS:
        galat.setdefault("berkas", []).append(_pesan_penuh())
    if galat:
        raise ValidationError(galat)
    if not (diterima or tautan):
        # The common entry, without evidence: catat_aktivitas is its own transaction (an outer
        # one would make its atomic a savepoint: two more round trips per entry).
        return catat_aktivitas(aktor, pegawai, data, kunci)
    disimpan: list[str] = []
    try:
        with transaction.atomic():
            aktivitas, dibuat = catat_aktivitas(aktor, pegawai, data, kunci)
            if dibuat:
                aktivitas, sebagai = _siap_diubah(aktor, aktivitas)
                for item in diterima:
                    _simpan_berkas(aktor, aktivitas, sebagai, item, disimpan)
                if tautan:
                    _simpan_tautan(aktor, aktivitas, sebagai, tautan)
    except BaseException:
        _hapus_berkas_semua(disimpan)
        raise
    return aktivitas, dibuat


# --- remove ---------------------------------------------------------------------------------
@transaction.atomic
def hapus_bukti(aktor: Pegawai, bukti: BuktiDukung) -> None:
    """Remove one evidence while its owner may still change; its file once committed."""
    pemilik, sebagai = _siap_diubah(aktor, bukti.pemilik)
    bukti = BuktiDukung.objects.filter(pk=bukti.pk, **_ke(pemilik)).first()
    if bukti is None:  # removed meanwhile (a double click): nothing left to do
        return
    nama_berkas = bukti.berkas.name if bukti.berkas else ""
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai_pemilik(pemilik),
        objek=pemilik,
        aksi="bukti.dihapus",
        sebagai=sebagai,
        data={
            "bukti": bukti.pk,
            "nama": bukti.nama_asli,
            "tautan": bukti.tautan,
            "sha256": bukti.sha256,
        },
    )
    bukti.delete()
    if nama_berkas:
        # Only once the deletion is committed: a rollback keeps the row, so it keeps its file.
        transaction.on_commit(lambda: _hapus_berkas(nama_berkas))


def _hapus_berkas_semua(nama: list[str]) -> None:
    for n in nama:
        _hapus_berkas(n)


def _hapus_berkas(nama: str | None) -> None:
    if not nama:
        return
    try:
        BuktiDukung._meta.get_field("berkas").storage.delete(nama)
    except Exception:  # the caller's own error matters more; an orphan file is only logged
        logger.exception("Berkas bukti %s tidak dapat dihapus dari storage.", nama)
