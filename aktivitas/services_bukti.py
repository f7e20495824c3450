"""Evidence of an activity (bukti dukung): add a file or a link, remove one.

Rights are those of the activity itself: the pegawai, or an operator of his unit on his
behalf (recorded as such), while the activity is not approved.  A file is checked from its
bytes (:mod:`aktivitas.bukti`) before anything is stored; it is stored through Django's storage
under a random name, and removed again if the database write fails.  A deleted evidence's file
leaves the storage only once the deletion is committed.
"""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from pegawai.services import catat_riwayat

from . import bukti as aturan
from .models import Aktivitas, BuktiDukung, PengaturanKinerja
from .services import sebagai_pengisi

logger = logging.getLogger(__name__)


# --- settings (read only: uploading never creates the settings row) --------------------------
def pengaturan_bukti(instansi_id: int | None) -> PengaturanKinerja:
    """The instansi's settings, or the defaults (unsaved) when it has none."""
    ada = None
    if instansi_id is not None:
        ada = PengaturanKinerja.objects.filter(instansi_id=instansi_id).first()
    return ada or PengaturanKinerja(instansi_id=instansi_id)


def batas_ukuran(aktivitas: Aktivitas) -> int:
    """The largest file (bytes) accepted as evidence of this activity."""
    return pengaturan_bukti(aktivitas.pegawai.instansi_id).ukuran_bukti_maks_mb * aturan.MB


# --- rights ---------------------------------------------------------------------------------
def wajib_pengisi(aktor: Pegawai, aktivitas: Aktivitas) -> str:
    """The capacity in which ``aktor`` changes this activity's evidence (PermissionDenied else)."""
    return sebagai_pengisi(aktor, aktivitas.pegawai)


def boleh_ubah_bukti(aktor: Pegawai, aktivitas: Aktivitas) -> bool:
    """For pages: show the upload, link and delete forms?"""
    try:
        wajib_pengisi(aktor, aktivitas)
    except PermissionDenied:
        return False
    return aktivitas.bisa_diubah


def _kunci(aktivitas: Aktivitas) -> Aktivitas:
    # Locking the activity serialises evidence changes on it: the count of 10 holds under
    # concurrent uploads, and an approval cannot slip between the check and the write.
    return (
        Aktivitas.objects.select_for_update(of=("self",))
        .select_related("pegawai__unit_kerja")
        .get(pk=aktivitas.pk)
    )


def _wajib_bisa_diubah(aktivitas: Aktivitas) -> None:
    if not aktivitas.bisa_diubah:
        raise ValidationError(_("Bukti dukung aktivitas yang sudah disetujui tidak dapat diubah."))


def _wajib_belum_penuh(aktivitas: Aktivitas) -> None:
    if aktivitas.bukti.count() >= aturan.BUKTI_MAKS_PER_AKTIVITAS:
        raise ValidationError(
            _("Satu aktivitas paling banyak memiliki %(n)s bukti dukung.")
            % {"n": aturan.BUKTI_MAKS_PER_AKTIVITAS}
        )


def _siap_diubah(aktor: Pegawai, aktivitas: Aktivitas) -> tuple[Aktivitas, str]:
    """Lock the activity and check who, which state, how many; in the caller's transaction."""
    aktivitas = _kunci(aktivitas)
    sebagai = wajib_pengisi(aktor, aktivitas)
    _wajib_bisa_diubah(aktivitas)
    return aktivitas, sebagai


# --- add ------------------------------------------------------------------------------------
def tambah_bukti_berkas(aktor: Pegawai, aktivitas: Aktivitas, berkas: UploadedFile) -> BuktiDukung:
    """Check an uploaded file, store it under a random name and record it.

    Refusals raise ``PermissionDenied`` or ``ValidationError({"berkas": ...})`` and leave nothing
    behind: no row, no file.
    """
    # Rights first (cheap, and a stranger learns nothing about the file rules), then the file.
    wajib_pengisi(aktor, aktivitas)
    atur = pengaturan_bukti(aktivitas.pegawai.instansi_id)
    try:
        hasil = aturan.periksa_berkas(
            berkas,
            diizinkan=atur.daftar_jenis_bukti,
            maks_bytes=atur.ukuran_bukti_maks_mb * aturan.MB,
        )
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from None

    bukti = BuktiDukung(
        nama_asli=hasil.nama_tampil,
        jenis_konten=hasil.jenis.mime,
        ukuran=hasil.ukuran,
        sha256=hasil.sha256,
        diunggah_oleh=aktor,
    )
    try:
        with transaction.atomic():
            aktivitas, sebagai = _siap_diubah(aktor, aktivitas)
            _wajib_belum_penuh(aktivitas)
            bukti.aktivitas = aktivitas
            berkas.seek(0)
            # The user's name never reaches the storage: a random one, with the sniffed type's
            # extension, under upload_to's bukti/<year>/<month>/.
            bukti.berkas.save(f"{uuid.uuid4().hex}.{hasil.ekstensi}", berkas, save=False)
            bukti.save()
            catat_riwayat(
                pelaku=aktor,
                subjek=aktivitas.pegawai,
                objek=aktivitas,
                aksi="bukti.diunggah",
                sebagai=sebagai,
                data={
                    "bukti": bukti.pk,
                    "nama": hasil.nama_tampil,
                    "ukuran": hasil.ukuran,
                    "sha256": hasil.sha256,
                },
            )
    except BaseException:
        # Whatever failed after the file was written (the row, the history, a refusal found
        # under the lock), the transaction is rolled back: take the file away with it.
        _hapus_berkas(bukti.berkas.name)
        raise
    return bukti


def tambah_bukti_tautan(aktor: Pegawai, aktivitas: Aktivitas, url: str) -> BuktiDukung:
    """Record a link (http/https only) as evidence.  The server never fetches it."""
    wajib_pengisi(aktor, aktivitas)
    try:
        url = aturan.periksa_tautan(url)
    except ValidationError as e:
        raise ValidationError({"tautan": e.messages}) from None
    with transaction.atomic():
        aktivitas, sebagai = _siap_diubah(aktor, aktivitas)
        _wajib_belum_penuh(aktivitas)
        bukti = BuktiDukung.objects.create(aktivitas=aktivitas, tautan=url, diunggah_oleh=aktor)
        catat_riwayat(
            pelaku=aktor,
            subjek=aktivitas.pegawai,
            objek=aktivitas,
            aksi="bukti.ditautkan",
            sebagai=sebagai,
            data={"bukti": bukti.pk, "tautan": url},
        )
    return bukti


# --- remove ---------------------------------------------------------------------------------
@transaction.atomic
def hapus_bukti(aktor: Pegawai, bukti: BuktiDukung) -> None:
    aktivitas, sebagai = _siap_diubah(aktor, bukti.aktivitas)
    bukti = BuktiDukung.objects.filter(pk=bukti.pk, aktivitas=aktivitas).first()
    if bukti is None:  # removed meanwhile (a double click): nothing left to do
        return
    nama_berkas = bukti.berkas.name if bukti.berkas else ""
    catat_riwayat(
        pelaku=aktor,
        subjek=aktivitas.pegawai,
        objek=aktivitas,
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


def _hapus_berkas(nama: str | None) -> None:
    if not nama:
        return
    try:
        BuktiDukung._meta.get_field("berkas").storage.delete(nama)
    except Exception:  # the caller's own error matters more; an orphan file is only logged
        logger.exception("Berkas bukti %s tidak dapat dihapus dari storage.", nama)
