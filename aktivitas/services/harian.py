"""Daily activities: entry (idempotent), change, deletion, review by the pejabat penilai.

Rights: the pegawai himself, or an operator of his unit on his behalf (recorded), enters and
changes his activities until they are approved; the pejabat penilai *on the activity's date*
approves or returns them, one by one or many at once (one transaction).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas import rules
from aktivitas.models import Aktivitas, Kuasa, RencanaAksi
from aktivitas.selectors.kuasa import SEBAGAI_KUASA, kuasa_berlaku
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from inti.cache_versi import ambil
from kalender.rules import MAKS_HARI_GANGGUAN
from kalender.selectors import hari_gangguan, hari_libur
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi, peran
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services.organisasi import catat_riwayat, riwayat_baru
from skp.models import RencanaHasilKerja, Skp
from skp.sinyal import versi_skp_pegawai

A = Aktivitas.Status


# --- settings and calendar ----------------------------------------------------------------
def is_terlambat(pegawai: Pegawai, tanggal: dt.date, dientri: dt.date) -> bool:
    n = pengaturan_kinerja(pegawai.instansi_id).batas_hari_kerja_terlambat
    # A declared outage (up to a month) stretches the window the deadline may reach.
    akhir = tanggal + dt.timedelta(days=n * 3 + 30 + MAKS_HARI_GANGGUAN)
    libur = hari_libur(pegawai.instansi_id, tanggal, akhir)
    gangguan = hari_gangguan(pegawai.instansi_id, tanggal, akhir)
    return rules.is_terlambat(tanggal, dientri, n, libur, gangguan)


# --- rights -------------------------------------------------------------------------------
def sebagai_pengisi(aktor: Pegawai, pegawai: Pegawai, *, kuasa: bool = False) -> str:
    """The capacity in which ``aktor`` fills in for ``pegawai`` (PermissionDenied else).  With
    ``kuasa`` (entering and changing activities and realisation drafts only) a colleague
    holding the pegawai's kuasa pengisian in force today is accepted too (``"kuasa"``)."""
    if aktor.pk == pegawai.pk:
        return Riwayat.Sebagai.SENDIRI
    if peran(aktor).mengoperatori(pegawai):
        return Riwayat.Sebagai.OPERATOR
    if kuasa and kuasa_berlaku(pegawai, aktor) is not None:
        return SEBAGAI_KUASA
    raise PermissionDenied(_("Hanya pegawai itu sendiri atau operator unitnya yang dapat mengisi."))


def kuasa_dipakai(aktor: Pegawai, pegawai: Pegawai, sebagai: str) -> Kuasa | None:
    """The kuasa an act in capacity ``sebagai`` is done under (None for anyone else)."""
    return kuasa_berlaku(pegawai, aktor) if sebagai == SEBAGAI_KUASA else None


def wajib_penilai(aktor: Pegawai, pegawai: Pegawai, tanggal: dt.date) -> str:
    """Only the pejabat penilai on ``tanggal`` (definitif, Plt or Plh) may review; for a
    pegawai rated by the PPK (a JPT at the top) the admin instansi records the review on the
    PPK's behalf, as for the SKP.  Returns the capacity (``Riwayat.Sebagai``)."""
    penilai = rantai_penilai(pegawai, tanggal).pejabat_penilai
    if (
        penilai is not None
        and penilai.is_ppk
        and aktor.pk != pegawai.pk
        and is_admin_instansi(aktor, pegawai.instansi_id)
    ):
        return Riwayat.Sebagai.ADMIN
    if penilai is None or penilai.pegawai is None or penilai.pegawai.pk != aktor.pk:
        raise PermissionDenied(
            _("Hanya pejabat penilai pegawai ini pada tanggal %(tanggal)s yang dapat meninjau.")
            % {"tanggal": tanggal.strftime("%d-%m-%Y")}
        )
    return Riwayat.Sebagai.ATASAN


# --- entry --------------------------------------------------------------------------------
@dataclass
class DataAktivitas:
    """What the form (or an imported row) gives for one activity."""

    tanggal: dt.date
    jam_mulai: dt.time
    jam_selesai: dt.time
    uraian: str
    jumlah_output: Decimal
    satuan_output: str
    rhk: RencanaHasilKerja | None = None
    rencana_aksi: RencanaAksi | None = None


def skp_berlaku(pegawai: Pegawai, tanggal: dt.date) -> Skp | None:
    """The pegawai's SKP in force on a date: the entry form and the entry service both ask,
    on every activity; cached until one of his SKP changes (``skp.sinyal``)."""
    return ambil(
        versi_skp_pegawai(pegawai.pk),
        tanggal.isoformat(),
        lambda: _skp_berlaku(pegawai, tanggal),
    )


def _skp_berlaku(pegawai: Pegawai, tanggal: dt.date) -> Skp | None:
    # A draft revision does not replace the version in force until it is ditetapkan; before
    # any version is ditetapkan (January), activities follow the newest draft.
    return (
        Skp.objects.filter(pegawai=pegawai, mulai__lte=tanggal, selesai__gte=tanggal)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .annotate(berlaku=Case(When(status=Skp.Status.DITETAPKAN, then=Value(0)), default=Value(1)))
        .order_by("berlaku", "-versi")
        .first()
    )


def periksa_aktivitas(
    pegawai: Pegawai,
    data: DataAktivitas,
    *,
    kecuali_pk: int | None = None,
    hari_ini: dt.date | None = None,
) -> Skp | None:
    """Validate one activity (raises field errors in Bahasa Indonesia); return its SKP."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, str] = {}
    if data.tanggal > hari_ini:
        galat["tanggal"] = _("Tanggal aktivitas tidak boleh di masa depan.")
    if data.jam_selesai <= data.jam_mulai:
        galat["jam_selesai"] = _("Jam selesai harus sesudah jam mulai.")
    if not data.uraian.strip():
        galat["uraian"] = _("Uraian kegiatan wajib diisi.")
    if data.jumlah_output is None or data.jumlah_output <= 0:
        galat["jumlah_output"] = _("Jumlah output harus lebih dari nol.")
    if not data.satuan_output.strip():
        galat["satuan_output"] = _("Satuan output wajib diisi (mis. dokumen, laporan, kegiatan).")
    skp = skp_berlaku(pegawai, data.tanggal)
    if data.rencana_aksi is not None:
        if data.rhk is None:
            data.rhk = data.rencana_aksi.rhk
        elif data.rencana_aksi.rhk_id != data.rhk.pk:
            galat["rencana_aksi"] = _("Rencana aksi ini bukan milik RHK yang dipilih.")
    if data.rhk is not None and (skp is None or data.rhk.skp_id != skp.pk):
        galat["rhk"] = _("RHK harus dari SKP Anda yang berlaku pada tanggal aktivitas.")
    if "jam_selesai" not in galat and "tanggal" not in galat:
        bentrok = (
            Aktivitas.objects.filter(
                pegawai=pegawai,
                tanggal=data.tanggal,
                jam_mulai__lt=data.jam_selesai,
                jam_selesai__gt=data.jam_mulai,
            )
            .exclude(pk=kecuali_pk)
            .first()
        )
        if bentrok:
            galat["jam_mulai"] = _(
                "Waktu ini bertumpang tindih dengan aktivitas %(mulai)s–%(selesai)s: %(uraian)s"
            ) % {
                "mulai": bentrok.jam_mulai.strftime("%H:%M"),
                "selesai": bentrok.jam_selesai.strftime("%H:%M"),
                "uraian": bentrok.uraian[:60],
            }
    if galat:
        raise ValidationError(galat)
    return skp


def _penilai_id(pegawai: Pegawai, tanggal: dt.date) -> int | None:
    penilai = rantai_penilai(pegawai, tanggal).pejabat_penilai
    return penilai.pegawai.pk if penilai and penilai.pegawai else None


def _tunggu_kunci_yang_sama(pegawai: Pegawai, kunci: uuid.UUID) -> None:
    """Serialise the requests carrying one idempotency key (PostgreSQL).

    A retry racing its own first attempt would otherwise miss the uncommitted row, then see
    it committed by the overlap check and be refused with "bertumpang tindih" naming its
    own text.  The transaction-scoped advisory lock makes it wait for the first attempt to
    end; the lookup after it (a new snapshot under READ COMMITTED) then finds that row and
    answers with its success.  SQLite serialises every write transaction already
    (``transaction_mode IMMEDIATE``).
    """
    # Two 32-bit halves: the pegawai, and the key's first bytes (a collision only waits).
    kunci_transaksi(pegawai.pk, int.from_bytes(kunci.bytes[:4], "big", signed=True))


def kunci_transaksi(pegawai_id: int, nomor: int) -> None:
    """Wait for, then hold until the transaction ends, PostgreSQL's advisory lock
    (``pegawai_id``, ``nomor``; ``nomor`` a signed 32-bit number): one pegawai's concurrent
    requests of the same kind take their turn.  Two kinds whose numbers meet only wait for each
    other.  SQLite serialises every write transaction already (``transaction_mode IMMEDIATE``):
    nothing to do there."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [pegawai_id & 0x7FFFFFFF, nomor],
        )


@transaction.atomic
def catat_aktivitas(
    aktor: Pegawai, pegawai: Pegawai, data: DataAktivitas, kunci: uuid.UUID | str
) -> tuple[Aktivitas, bool]:
    """Record one activity.  The same ``kunci`` posted again returns the first row (created
    = False): a double click or a retried post on a bad network makes one row only."""
    sebagai = sebagai_pengisi(aktor, pegawai, kuasa=True)
    kunci = uuid.UUID(str(kunci))
    _tunggu_kunci_yang_sama(pegawai, kunci)
    ada = Aktivitas.objects.filter(pegawai=pegawai, kunci=kunci).first()
    if ada is not None:
        return ada, False
    skp = periksa_aktivitas(pegawai, data)
    sekarang = timezone.now()
    aktivitas = Aktivitas(
        pegawai=pegawai,
        skp=skp,
        rhk=data.rhk,
        rencana_aksi=data.rencana_aksi,
        tanggal=data.tanggal,
        jam_mulai=data.jam_mulai,
        jam_selesai=data.jam_selesai,
        uraian=data.uraian.strip(),
        jumlah_output=data.jumlah_output,
        satuan_output=data.satuan_output.strip(),
        penilai_id=_penilai_id(pegawai, data.tanggal),
        dientri_pada=sekarang,
        terlambat=is_terlambat(pegawai, data.tanggal, timezone.localdate(sekarang)),
        diisi_oleh=aktor,
        kuasa=kuasa_dipakai(aktor, pegawai, sebagai),
        kunci=kunci,
    )
    # No race on the key left to lose, so no savepoint (two round trips per entry): the
    # advisory lock above serialises one key's requests on PostgreSQL, SQLite serialises
    # every write transaction, and the lookup after the lock saw any committed row.
    aktivitas.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=aktivitas,
        aksi="aktivitas.dicatat",
        sebagai=sebagai,
        ke_status=aktivitas.status,
        data={"terlambat": aktivitas.terlambat}
        | ({"kuasa": aktivitas.kuasa_id} if aktivitas.kuasa_id else {}),
    )
    return aktivitas, True


def _kunci(aktivitas: Aktivitas) -> Aktivitas:
    return Aktivitas.objects.select_for_update().select_related("pegawai").get(pk=aktivitas.pk)


@transaction.atomic
def ubah_aktivitas(aktor: Pegawai, aktivitas: Aktivitas, data: DataAktivitas) -> Aktivitas:
    aktivitas = _kunci(aktivitas)
    sebagai = sebagai_pengisi(aktor, aktivitas.pegawai, kuasa=True)
    if not aktivitas.bisa_diubah:
        raise ValidationError(_("Aktivitas yang sudah disetujui tidak dapat diubah."))
    skp = periksa_aktivitas(aktivitas.pegawai, data, kecuali_pk=aktivitas.pk)
    lama = aktivitas.status
    for kolom in ("tanggal", "jam_mulai", "jam_selesai", "jumlah_output", "rhk", "rencana_aksi"):
        setattr(aktivitas, kolom, getattr(data, kolom))
    aktivitas.uraian, aktivitas.satuan_output = data.uraian.strip(), data.satuan_output.strip()
    aktivitas.skp = skp
    aktivitas.penilai_id = _penilai_id(aktivitas.pegawai, data.tanggal)
    # A returned activity, once corrected, waits for review again.
    aktivitas.status = A.MENUNGGU
    aktivitas.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=aktivitas.pegawai,
        objek=aktivitas,
        aksi="aktivitas.diubah",
        sebagai=sebagai,
        dari_status=lama,
        ke_status=aktivitas.status,
    )
    return aktivitas


@transaction.atomic
def hapus_aktivitas(aktor: Pegawai, aktivitas: Aktivitas) -> None:
    aktivitas = _kunci(aktivitas)
    sebagai = sebagai_pengisi(aktor, aktivitas.pegawai, kuasa=True)
    if not aktivitas.bisa_diubah:
        raise ValidationError(_("Aktivitas yang sudah disetujui tidak dapat dihapus."))
    catat_riwayat(
        pelaku=aktor,
        subjek=aktivitas.pegawai,
        objek=aktivitas.pegawai,
        aksi="aktivitas.dihapus",
        sebagai=sebagai,
        data={"tanggal": aktivitas.tanggal.isoformat(), "uraian": aktivitas.uraian[:200]},
    )
    aktivitas.delete()


# --- review -------------------------------------------------------------------------------
def _tinjau(
    aktor: Pegawai, aktivitas_qs, status_baru: str, catatan: str, aksi: str
) -> list[Aktivitas]:
    daftar = list(aktivitas_qs.select_for_update().select_related("pegawai").order_by("pk"))
    for a in daftar:
        if a.status != A.MENUNGGU:
            raise ValidationError(
                _('Aktivitas %(tanggal)s "%(uraian)s" sudah %(status)s.')
                % {
                    "tanggal": a.tanggal.strftime("%d-%m-%Y"),
                    "uraian": a.uraian[:40],
                    "status": a.get_status_display().lower(),
                }
            )
        a.sebagai = wajib_penilai(aktor, a.pegawai, a.tanggal)
    sekarang = timezone.now()
    riwayat = []
    for a in daftar:
        lama = a.status
        a.status, a.catatan_penilai, a.ditinjau_pada = status_baru, catatan, sekarang
        a.save(update_fields=["status", "catatan_penilai", "ditinjau_pada"])
        riwayat.append(
            riwayat_baru(
                pelaku=aktor,
                subjek=a.pegawai,
                objek=a,
                aksi=aksi,
                sebagai=a.sebagai,
                dari_status=lama,
                ke_status=status_baru,
                keterangan=catatan or (_("atas nama PPK") if a.sebagai == "admin" else ""),
            )
        )
    Riwayat.objects.bulk_create(riwayat)  # a bulk approval's history in one statement
    return daftar


@transaction.atomic
def setujui_aktivitas(aktor: Pegawai, ids: Iterable[int], catatan: str = "") -> list[Aktivitas]:
    """Approve one or many activities, all or none (one transaction, rows locked)."""
    ids = list(ids)
    if not ids:
        raise ValidationError(_("Pilih minimal satu aktivitas."))
    return _tinjau(
        aktor,
        Aktivitas.objects.filter(pk__in=ids),
        A.DISETUJUI,
        catatan.strip(),
        aksi="aktivitas.disetujui",
    )


@transaction.atomic
def kembalikan_aktivitas(aktor: Pegawai, ids: Iterable[int], catatan: str) -> list[Aktivitas]:
    """Return activities with a note (required) so that the pegawai corrects them."""
    ids = list(ids)
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Catatan pengembalian wajib diisi.")})
    if not ids:
        raise ValidationError(_("Pilih minimal satu aktivitas."))
    return _tinjau(
        aktor,
        Aktivitas.objects.filter(pk__in=ids),
        A.DIKEMBALIKAN,
        catatan.strip(),
        aksi="aktivitas.dikembalikan",
    )


# --- routing after assignments change -----------------------------------------------------
def perbarui_penilai_tertunda(jabatan_id: int, mulai: dt.date) -> int:
    """Recompute the stored pejabat penilai of pending activities and submitted realisations
    of pegawai below ``jabatan_id`` dated from ``mulai`` on (a Plt or Plh recorded late, an
    assignment ended).  Returns the number of rows changed.  Idempotent."""
    from pegawai.models import Jabatan

    path = Jabatan.objects.filter(pk=jabatan_id).values_list("path", flat=True).first()
    if not path:
        return 0
    bawah = Pegawai.objects.filter(
        penugasan__jabatan__path__startswith=path, penugasan__jenis="definitif"
    ).values("pk")
    berubah = 0
    baris = Aktivitas.objects.filter(
        pegawai__in=bawah, status=A.MENUNGGU, tanggal__gte=mulai
    ).select_related("pegawai")
    cache: dict[tuple[int, dt.date], int | None] = {}
    with transaction.atomic():
        for a in baris.select_for_update(of=("self",)):
            kunci = (a.pegawai_id, a.tanggal)
            if kunci not in cache:
                cache[kunci] = _penilai_id(a.pegawai, a.tanggal)
            if a.penilai_id != cache[kunci]:
                a.penilai_id = cache[kunci]
                a.save(update_fields=["penilai"])
                berubah += 1
    return berubah
