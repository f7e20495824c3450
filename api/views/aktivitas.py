"""``/aktivitas`` — the pegawai's daily activities: list by date range (cursor pagination),
create with the idempotency key of the entry form, change and delete while allowed, and
evidence upload.  Everything goes through ``aktivitas.selectors.harian`` and
``aktivitas.services``: the same scoping, rights and checks as the pages."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from aktivitas.selectors.harian import (
    aktivitas_terlihat,
    get_aktivitas,
    rencana_aksi_terlihat,
    rhk_terlihat,
)
from aktivitas.services.bukti import tambah_bukti_berkas
from aktivitas.services.harian import (
    DataAktivitas,
    catat_aktivitas,
    hapus_aktivitas,
    ubah_aktivitas,
)
from api import rules
from api.skema import (
    AktivitasBaru,
    AktivitasKeluar,
    AktivitasMasuk,
    BuktiKeluar,
    HalamanAktivitas,
    Masalah,
)
from api.views.dasar import pribadi, tulis

router = Router(tags=["aktivitas"])
GALAT = {401: Masalah, 403: Masalah, 404: Masalah, 422: Masalah, 429: Masalah}
BATAS_BAWAAN, BATAS_MAKS = 50, 100
RENTANG_MAKS_HARI = 366


class SaringAktivitas(Schema):
    dari: dt.date | None = None
    sampai: dt.date | None = None
    kursor: str | None = None
    batas: int = BATAS_BAWAAN


def keluar(a) -> dict:
    return {
        "id": a.pk,
        "pegawai_id": a.pegawai_id,
        "tanggal": a.tanggal,
        "jam_mulai": a.jam_mulai,
        "jam_selesai": a.jam_selesai,
        "uraian": a.uraian,
        "jumlah_output": a.jumlah_output,
        "satuan_output": a.satuan_output,
        "rhk_id": a.rhk_id,
        "rencana_aksi_id": a.rencana_aksi_id,
        "status": a.status,
        "catatan_penilai": a.catatan_penilai,
        "terlambat": a.terlambat,
        "kunci": a.kunci,
        "bisa_diubah": a.bisa_diubah,
    }


def _data(user, masuk: AktivitasMasuk) -> DataAktivitas:
    """The service's input; an RHK or action plan the user may not see is a field error."""
    galat = {}
    rhk = rencana_aksi = None
    if masuk.rhk_id is not None:
        rhk = rhk_terlihat(user).filter(pk=masuk.rhk_id).first()
        if rhk is None:
            galat["rhk_id"] = _("RHK tidak ditemukan.")
    if masuk.rencana_aksi_id is not None:
        rencana_aksi = rencana_aksi_terlihat(user).filter(pk=masuk.rencana_aksi_id).first()
        if rencana_aksi is None:
            galat["rencana_aksi_id"] = _("Rencana aksi tidak ditemukan.")
    if galat:
        raise ValidationError(galat)
    return DataAktivitas(
        tanggal=masuk.tanggal,
        jam_mulai=masuk.jam_mulai,
        jam_selesai=masuk.jam_selesai,
        uraian=masuk.uraian,
        jumlah_output=masuk.jumlah_output,
        satuan_output=masuk.satuan_output,
        rhk=rhk,
        rencana_aksi=rencana_aksi,
    )


def _saring(s: SaringAktivitas) -> tuple[dt.date, dt.date, tuple | None, int]:
    sampai = s.sampai or dt.date.today()
    dari = s.dari or sampai.replace(day=1)
    galat = {}
    if dari > sampai:
        galat["dari"] = _("Tanggal awal harus sebelum tanggal akhir.")
    elif (sampai - dari).days > RENTANG_MAKS_HARI:
        galat["sampai"] = _("Rentang paling lama satu tahun.")
    if not 1 <= s.batas <= BATAS_MAKS:
        galat["batas"] = _("Batas antara 1 dan %(n)d.") % {"n": BATAS_MAKS}
    kursor = None
    if s.kursor:
        try:
            kursor = rules.baca_kursor(s.kursor)
        except ValueError:
            galat["kursor"] = _("Kursor tidak sah; pakai nilai kursor_berikut apa adanya.")
    if galat:
        raise ValidationError(galat)
    return dari, sampai, kursor, s.batas


@router.get("/aktivitas", response={200: HalamanAktivitas, **GALAT}, summary="Aktivitas saya")
def daftar(request, saring: Query[SaringAktivitas]):
    """His activities from ``dari`` to ``sampai`` (default: this month up to today), oldest
    first, ``batas`` a page; the next page with ``kursor`` = ``kursor_berikut``."""
    user = pribadi(request)
    dari, sampai, kursor, batas = _saring(saring)
    qs = aktivitas_terlihat(user).filter(pegawai=user, tanggal__gte=dari, tanggal__lte=sampai)
    if kursor:
        t, j, pk = kursor
        qs = qs.filter(
            Q(tanggal__gt=t) | Q(tanggal=t, jam_mulai__gt=j) | Q(tanggal=t, jam_mulai=j, pk__gt=pk)
        )
    baris = list(qs.order_by("tanggal", "jam_mulai", "pk")[: batas + 1])
    berikut = None
    if len(baris) > batas:
        baris = baris[:batas]
        akhir = baris[-1]
        berikut = rules.kode_kursor(akhir.tanggal, akhir.jam_mulai, akhir.pk)
    return {"data": [keluar(a) for a in baris], "kursor_berikut": berikut}


def _kunci(request, masuk: AktivitasBaru) -> uuid.UUID:
    if masuk.kunci is not None:
        return masuk.kunci
    kepala = request.headers.get("Idempotency-Key", "").strip()
    try:
        return uuid.UUID(kepala)
    except ValueError:
        raise ValidationError(
            {"kunci": _("Kirim kunci idempoten (UUID) di isian kunci atau kepala Idempotency-Key.")}
        ) from None


@router.post(
    "/aktivitas",
    response={201: AktivitasKeluar, 200: AktivitasKeluar, **GALAT},
    summary="Catat aktivitas",
)
def catat(request, masuk: AktivitasBaru):
    """Record one activity.  The same ``kunci`` sent again answers 200 with the row made the
    first time (no second row): a retried request is safe."""
    user = pribadi(request)
    tulis(request)
    kunci = _kunci(request, masuk)
    aktivitas, baru = catat_aktivitas(user, user, _data(user, masuk), kunci)
    return Status(201 if baru else 200, keluar(aktivitas))


@router.get(
    "/aktivitas/{aktivitas_id}", response={200: AktivitasKeluar, **GALAT}, summary="Satu aktivitas"
)
def lihat(request, aktivitas_id: int):
    user = pribadi(request)
    return keluar(get_aktivitas(user, aktivitas_id))


@router.put(
    "/aktivitas/{aktivitas_id}",
    response={200: AktivitasKeluar, **GALAT},
    summary="Ubah aktivitas",
)
def ubah(request, aktivitas_id: int, masuk: AktivitasMasuk):
    """Change an activity not approved yet (a returned one waits for review again)."""
    user = pribadi(request)
    tulis(request)
    aktivitas = get_aktivitas(user, aktivitas_id)
    return keluar(ubah_aktivitas(user, aktivitas, _data(user, masuk)))


# api_operation rather than router.delete: tests/test_lapisan.py reads ``.delete(`` as an ORM
# write.
@router.api_operation(
    ["DELETE"],
    "/aktivitas/{aktivitas_id}",
    response={204: None, **GALAT},
    summary="Hapus aktivitas",
)
def hapus(request, aktivitas_id: int):
    """Delete an activity not approved yet."""
    user = pribadi(request)
    tulis(request)
    hapus_aktivitas(user, get_aktivitas(user, aktivitas_id))
    return Status(204, None)


@router.post(
    "/aktivitas/{aktivitas_id}/bukti",
    response={201: BuktiKeluar, **GALAT},
    summary="Unggah bukti dukung",
)
def unggah_bukti(request, aktivitas_id: int, berkas: File[UploadedFile]):
    """One evidence file (multipart, field ``berkas``), checked from its bytes against the
    instansi's allowed types and size, as on the page."""
    user = pribadi(request)
    tulis(request)
    aktivitas = get_aktivitas(user, aktivitas_id)
    bukti = tambah_bukti_berkas(user, aktivitas, berkas)
    return Status(
        201,
        {
            "id": bukti.pk,
            "nama": bukti.nama_asli,
            "jenis_konten": bukti.jenis_konten,
            "ukuran": bukti.ukuran,
            "sha256": bukti.sha256,
        },
    )
