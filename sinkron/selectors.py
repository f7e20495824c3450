"""Reads of the SIASN synchronisation, scoped to the admin's own instansi."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from pegawai.models import Instansi, Pegawai, Penugasan, UnitKerja
from pegawai.permissions import peran

from .models import SinkronSiasn, SumberSiasn


def boleh_sinkron(user) -> bool:
    """Admin instansi of his own instansi (a superuser without one has nothing to sync)."""
    return (
        user.is_authenticated
        and peran(user).is_admin
        and user.is_admin_instansi
        and user.instansi_id is not None
    )


def batch_terlihat(user) -> QuerySet[SinkronSiasn]:
    """The batches of the admin's instansi; nothing for anyone else (a foreign id: 404)."""
    if not boleh_sinkron(user):
        return SinkronSiasn.objects.none()
    return SinkronSiasn.objects.filter(instansi_id=user.instansi_id)


def daftar_batch(user) -> QuerySet[SinkronSiasn]:
    return (
        batch_terlihat(user)
        .defer("baris", "selisih", "kesalahan")
        .select_related("diambil_oleh", "diputus_oleh")
    )


def detail_batch(user, pk: int) -> SinkronSiasn:
    """One batch for its page (without the stored rows); ``DoesNotExist`` when not his."""
    return (
        batch_terlihat(user)
        .defer("baris")
        .select_related("diambil_oleh", "diputus_oleh")
        .get(pk=pk)
    )


def sumber_instansi(instansi_id: int) -> SumberSiasn | None:
    return SumberSiasn.objects.filter(instansi_id=instansi_id).first()


def sumber_terjadwal() -> QuerySet[SumberSiasn]:
    return SumberSiasn.objects.filter(terjadwal=True).select_related("instansi")


def admin_penerima(instansi_id: int) -> list[int]:
    """The admins of an instansi who can act on a waiting batch."""
    return list(
        Pegawai.objects.filter(
            instansi_id=instansi_id,
            is_admin_instansi=True,
            status__in=Pegawai.STATUS_BOLEH_MASUK,
        ).values_list("pk", flat=True)
    )


def data_kini(instansi: Instansi, tanggal: dt.date | None = None) -> dict[str, Any]:
    """The instansi's data as the SIASN rows describe it, in three queries.

    ``{"pegawai": {nip: {...}}, "unit": {kode: {"nama", "induk"}}}``: for each pegawai his
    identity, his definitif jabatan today (unit code, name, kind) and the NIP of the
    definitif holder of the jabatan above it.  Its fingerprint (``rules.sidik``) tells whether
    the data changed between the check and the approval."""
    tanggal = tanggal or dt.date.today()
    unit = {
        kode: {"nama": nama, "induk": induk or ""}
        for kode, nama, induk in UnitKerja.objects.filter(instansi=instansi).values_list(
            "kode", "nama", "induk__kode"
        )
    }
    tugas = list(
        Penugasan.objects.aktif_pada(tanggal)
        .filter(jenis=Penugasan.Jenis.DEFINITIF, jabatan__instansi=instansi)
        .order_by("pegawai_id", "-mulai", "-id")
        .values_list(
            "pegawai_id",
            "pegawai__nip",
            "jabatan_id",
            "jabatan__nama",
            "jabatan__jenis",
            "jabatan__unit__kode",
            "jabatan__induk_id",
        )
    )
    pemegang: dict[int, str] = {}
    jabatan: dict[int, tuple] = {}
    for pid, nip, jid, nama, jenis, kode, induk in tugas:
        pemegang.setdefault(jid, nip)
        jabatan.setdefault(pid, (nama, jenis, kode, induk))
    pegawai = {}
    for p in Pegawai.objects.filter(instansi=instansi).values(
        "pk",
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_kelamin",
        "pangkat_golongan",
        "status_kepegawaian",
        "status",
        "email",
    ):
        nama, jenis, kode, induk = jabatan.get(p["pk"], ("", "", "", None))
        pegawai[p.pop("nip")] = {
            **{k: v or "" for k, v in p.items() if k != "pk"},
            "kode_unit": kode,
            "jabatan": nama,
            "jenis_jabatan": jenis,
            "nip_atasan": pemegang.get(induk, "") if induk else "",
        }
    return {"pegawai": pegawai, "unit": unit}


def basi(batch: SinkronSiasn) -> bool:
    """Whether the instansi's data changed since the batch's difference was computed."""
    from .rules import sidik

    return sidik(data_kini(batch.instansi)) != batch.sidik_data
