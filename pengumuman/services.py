"""Publishing, changing and ending announcements and maintenance notices: the admin
instansi for his instansi, the superuser for the whole installation.  Every change is
recorded in ``Riwayat`` and bumps the cached banners."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.cache_versi import berubah
from pegawai.models import Pegawai, UnitKerja
from pegawai.permissions import is_admin_instansi
from pegawai.services.organisasi import catat_riwayat

from .models import Pengumuman
from .selectors import VERSI


@dataclass
class DataPengumuman:
    jenis: str
    isi: str
    mulai: dt.datetime
    selesai: dt.datetime
    hari_sebelum: int = 0
    unit: list[UnitKerja] = field(default_factory=list)
    peran: list[str] = field(default_factory=list)


def sebagai_pengelola(aktor: Pegawai, instansi_id: int | None) -> None:
    """Only the admin of the announcement's instansi (or the superuser) manages it."""
    if aktor.is_superuser:
        return
    if instansi_id is None or not is_admin_instansi(aktor, instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengelola pengumuman."))


def _periksa(aktor: Pegawai, data: DataPengumuman, instansi_id: int | None) -> None:
    if data.selesai <= data.mulai:
        raise ValidationError({"selesai": _("Waktu selesai harus setelah waktu mulai.")})
    if any(u.instansi_id != instansi_id for u in data.unit) and instansi_id is not None:
        raise ValidationError({"unit": _("Pilih unit dari instansi Anda sendiri.")})
    if data.jenis != Pengumuman.Jenis.PEMELIHARAAN:
        data.hari_sebelum = 0
    salah = set(data.peran) - set(Pengumuman.Peran.values)
    if salah:
        raise ValidationError({"peran": _("Peran tidak dikenal.")})


def _data_riwayat(p: Pengumuman, unit: list[UnitKerja]) -> dict:
    return {
        "jenis": p.jenis,
        "mulai": p.mulai.isoformat(),
        "selesai": p.selesai.isoformat(),
        "hari_sebelum": p.hari_sebelum,
        "unit": sorted(u.pk for u in unit),
        "peran": list(p.peran),
    }


@transaction.atomic
def terbitkan(aktor: Pegawai, data: DataPengumuman) -> Pengumuman:
    """Publish an announcement of the actor's instansi (the superuser's: the installation's)."""
    instansi_id = aktor.instansi_id
    sebagai_pengelola(aktor, instansi_id)
    _periksa(aktor, data, instansi_id)
    p = Pengumuman.objects.create(
        instansi_id=instansi_id,
        jenis=data.jenis,
        isi=data.isi,
        mulai=data.mulai,
        selesai=data.selesai,
        hari_sebelum=data.hari_sebelum,
        peran=sorted(set(data.peran)),
        dibuat_oleh=aktor,
    )
    p.unit.set(data.unit)
    catat_riwayat(
        pelaku=aktor, objek=p, aksi="pengumuman.diterbitkan", data=_data_riwayat(p, data.unit)
    )
    berubah(VERSI)
    return p


@transaction.atomic
def ubah(aktor: Pegawai, p: Pengumuman, data: DataPengumuman) -> Pengumuman:
    """Change an announcement that has not ended."""
    p = Pengumuman.objects.select_for_update().get(pk=p.pk)
    sebagai_pengelola(aktor, p.instansi_id)
    if p.diakhiri_pada is not None or p.selesai <= timezone.now():
        raise ValidationError(_("Pengumuman yang sudah berakhir tidak dapat diubah."))
    _periksa(aktor, data, p.instansi_id)
    p.jenis, p.isi, p.mulai, p.selesai = data.jenis, data.isi, data.mulai, data.selesai
    p.hari_sebelum, p.peran = data.hari_sebelum, sorted(set(data.peran))
    p.save()
    p.unit.set(data.unit)
    catat_riwayat(pelaku=aktor, objek=p, aksi="pengumuman.diubah", data=_data_riwayat(p, data.unit))
    berubah(VERSI)
    return p


@transaction.atomic
def akhiri(aktor: Pegawai, p: Pengumuman) -> Pengumuman:
    """End an announcement now: its banner disappears at once (idempotent)."""
    p = Pengumuman.objects.select_for_update().get(pk=p.pk)
    sebagai_pengelola(aktor, p.instansi_id)
    sekarang = timezone.now()
    if p.diakhiri_pada is not None or p.selesai <= sekarang:
        return p
    p.diakhiri_pada = sekarang
    p.save(update_fields=["diakhiri_pada"])
    catat_riwayat(pelaku=aktor, objek=p, aksi="pengumuman.diakhiri")
    berubah(VERSI)
    return p
