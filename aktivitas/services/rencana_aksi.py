"""Writes of the day page's helpers: rencana aksi (action plans) and "salin dari kemarin".

Rencana aksi: for each RHK of his SKP and each month (or quarter) the pegawai — or an operator
of his unit on his behalf, recorded as such — sets concrete action plans; a daily activity may
pick one (domain.md §3).  A plan already used by an activity cannot be deleted: the activity
would lose what it served.

"Salin dari kemarin" copies the previous workday's activities to a day through
:func:`aktivitas.services.harian.catat_aktivitas`, so every rule of an entry (rights, future date,
overlap, RHK of the SKP in force, lateness, history) applies to each copy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas import rules
from aktivitas.models import Aktivitas, RencanaAksi
from aktivitas.services import harian as services
from kalender.rules import is_hari_kerja
from kalender.selectors import hari_libur
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat
from skp.models import RencanaHasilKerja, Skp

MAKS_HARI_MUNDUR = 31


# --- rencana aksi ---------------------------------------------------------------------------
def _rentang(tahun: int, bulan: int | None, triwulan: int | None) -> tuple[dt.date, dt.date]:
    if bulan is not None:
        return rules.rentang_bulan(tahun, bulan)
    awal, _akhir = rules.rentang_bulan(tahun, (triwulan - 1) * 3 + 1)
    _awal, akhir = rules.rentang_bulan(tahun, triwulan * 3)
    return awal, akhir


def periksa_rencana_aksi(rencana: RencanaAksi) -> None:
    """Validate a new action plan against its RHK's SKP (field errors in Bahasa Indonesia)."""
    galat: dict[str, str] = {}
    rencana.teks = (rencana.teks or "").strip()
    rencana.target = (rencana.target or "").strip()
    if not rencana.teks:
        galat["teks"] = _("Isi rencana aksinya.")
    if (rencana.bulan is None) == (rencana.triwulan is None):
        galat["cakupan"] = _("Pilih satu bulan atau satu triwulan.")
    elif not (1 <= (rencana.bulan or 1) <= 12 and 1 <= (rencana.triwulan or 1) <= 4):
        galat["cakupan"] = _("Bulan atau triwulan tidak dikenal.")
    else:
        skp = rencana.rhk.skp
        if skp.status == Skp.Status.DIGANTIKAN:
            galat["cakupan"] = _("SKP ini sudah digantikan versi baru; pakai RHK versi terbaru.")
        else:
            awal, akhir = _rentang(rencana.tahun, rencana.bulan, rencana.triwulan)
            if akhir < skp.mulai or awal > skp.selesai:
                galat["cakupan"] = _(
                    "Periode rencana aksi di luar masa berlaku SKP (%(mulai)s s.d. %(selesai)s)."
                ) % {
                    "mulai": skp.mulai.strftime("%d-%m-%Y"),
                    "selesai": skp.selesai.strftime("%d-%m-%Y"),
                }
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def tambah_rencana_aksi(
    aktor: Pegawai,
    rhk: RencanaHasilKerja,
    *,
    tahun: int,
    teks: str,
    bulan: int | None = None,
    triwulan: int | None = None,
    target: str = "",
) -> RencanaAksi:
    pegawai = rhk.skp.pegawai
    sebagai = services.sebagai_pengisi(aktor, pegawai)
    rencana = RencanaAksi(
        rhk=rhk,
        tahun=tahun,
        bulan=bulan,
        triwulan=triwulan,
        teks=teks,
        target=target,
        dibuat_oleh=aktor,
    )
    periksa_rencana_aksi(rencana)
    rencana.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=rencana,
        aksi="rencana_aksi.ditambah",
        sebagai=sebagai,
        data={"rhk": rhk.pk, "tahun": tahun, "bulan": bulan, "triwulan": triwulan},
    )
    return rencana


@transaction.atomic
def hapus_rencana_aksi(aktor: Pegawai, rencana: RencanaAksi) -> None:
    """Delete an action plan no activity uses (the row is locked while checking)."""
    rencana = (
        RencanaAksi.objects.select_for_update(of=("self",))
        .select_related("rhk__skp__pegawai__unit_kerja")
        .get(pk=rencana.pk)
    )
    pegawai = rencana.rhk.skp.pegawai
    sebagai = services.sebagai_pengisi(aktor, pegawai)
    dipakai = rencana.aktivitas.count()
    if dipakai:
        raise ValidationError(
            _("Rencana aksi ini dipakai oleh %(n)s aktivitas sehingga tidak dapat dihapus.")
            % {"n": dipakai}
        )
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=rencana.rhk,
        aksi="rencana_aksi.dihapus",
        sebagai=sebagai,
        data={
            "teks": rencana.teks[:200],
            "tahun": rencana.tahun,
            "bulan": rencana.bulan,
            "triwulan": rencana.triwulan,
        },
    )
    try:
        with transaction.atomic():
            rencana.delete()
    except ProtectedError as e:
        # An activity picked it between our check and the delete.
        raise ValidationError(
            _("Rencana aksi ini baru saja dipakai oleh aktivitas sehingga tidak dapat dihapus.")
        ) from e


# --- "salin dari kemarin" -------------------------------------------------------------------
@dataclass
class HasilSalin:
    sumber: dt.date | None
    disalin: list[Aktivitas] = field(default_factory=list)
    # (the activity of the source day, why it was not copied)
    dilewati: list[tuple[Aktivitas, str]] = field(default_factory=list)


def hari_kerja_sebelumnya(instansi_id: int | None, tanggal: dt.date) -> dt.date | None:
    """The last workday before ``tanggal`` (weekends and holidays skipped), within a month."""
    libur = hari_libur(instansi_id, tanggal - dt.timedelta(days=MAKS_HARI_MUNDUR), tanggal)
    hari = tanggal
    for _i in range(MAKS_HARI_MUNDUR):
        hari -= dt.timedelta(days=1)
        if is_hari_kerja(hari, libur):
            return hari
    return None


def _rencana_aksi_berlaku(rencana: RencanaAksi | None, tanggal: dt.date) -> RencanaAksi | None:
    """Keep the copied activity's action plan only if it is one of the target day's period."""
    if rencana is None or rencana.tahun != tanggal.year:
        return None
    if rencana.bulan == tanggal.month or rencana.triwulan == (tanggal.month - 1) // 3 + 1:
        return rencana
    return None


@transaction.atomic
def salin_hari_kerja_sebelumnya(aktor: Pegawai, pegawai: Pegawai, tanggal: dt.date) -> HasilSalin:
    """Copy the previous workday's activities (same times, RHK, uraian, output) to
    ``tanggal``, each as a new entry; those that do not fit (overlap, an RHK of another
    SKP) are skipped with the reason.  One transaction: all the copies or none."""
    services.sebagai_pengisi(aktor, pegawai, kuasa=True)
    if tanggal > timezone.localdate():
        raise ValidationError(_("Tanggal aktivitas tidak boleh di masa depan."))
    sumber = hari_kerja_sebelumnya(pegawai.instansi_id, tanggal)
    hasil = HasilSalin(sumber=sumber)
    if sumber is None:
        return hasil
    asal = (
        Aktivitas.objects.filter(pegawai=pegawai, tanggal=sumber)
        .select_related("rhk", "rencana_aksi")
        .order_by("jam_mulai", "id")
    )
    for a in asal:
        data = services.DataAktivitas(
            tanggal=tanggal,
            jam_mulai=a.jam_mulai,
            jam_selesai=a.jam_selesai,
            uraian=a.uraian,
            jumlah_output=a.jumlah_output,
            satuan_output=a.satuan_output,
            rhk=a.rhk,
            rencana_aksi=_rencana_aksi_berlaku(a.rencana_aksi, tanggal),
        )
        try:
            baru, _dibuat = services.catat_aktivitas(aktor, pegawai, data, uuid.uuid4())
        except ValidationError as e:
            hasil.dilewati.append((a, " ".join(e.messages)))
        else:
            hasil.disalin.append(baru)
    return hasil
