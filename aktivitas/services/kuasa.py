"""Kuasa pengisian (issue 14): a pegawai lets a named colleague enter his activities.

Field studies report that most ASN hand their e-Kinerja work to a colleague by giving away
their password, which leaves no trace.  A kuasa is the honest channel: the pegawai names the
colleague (of his own instansi) and the period; the colleague then picks "isi untuk <pegawai>"
and works on the pegawai's day page and realisation drafts, every row and history entry saying
"diisi oleh X atas kuasa Y".  A kuasa never gives the right to submit, rate or approve: those
services keep their own checks, which a kuasa does not satisfy.

Rights: only the pegawai himself grants; the pemberi, the penerima (renouncing), an operator of
the pemberi's unit and the admin instansi revoke.  Each grant and revocation writes history.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas.models import Kuasa
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi, peran
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services.organisasi import catat_riwayat

LAMA_MAKS_HARI = 366  # a kuasa is for a period (leave, training), at most about a year


def hari_ini() -> dt.date:
    """The clock of this module (tests move it)."""
    return timezone.localdate()


def _periksa(
    aktor: Pegawai, penerima: Pegawai | None, mulai: dt.date, selesai: dt.date, tanggal: dt.date
) -> None:
    """Field errors in Bahasa Indonesia, next to the field they are about."""
    galat: dict[str, str] = {}
    if penerima is None:
        galat["penerima"] = _("Pilih pegawai yang diberi kuasa.")
    elif penerima.pk == aktor.pk:
        galat["penerima"] = _("Kuasa tidak dapat diberikan kepada diri sendiri.")
    elif penerima.instansi_id is None or penerima.instansi_id != aktor.instansi_id:
        galat["penerima"] = _("Kuasa hanya dapat diberikan kepada rekan di instansi Anda sendiri.")
    elif penerima.status not in Pegawai.STATUS_BOLEH_MASUK:
        galat["penerima"] = _("Pegawai ini tidak aktif sehingga tidak dapat menerima kuasa.")
    else:
        penilai = rantai_penilai(aktor, tanggal).pejabat_penilai
        orang = penilai.pegawai if penilai is not None else None
        if orang is not None and orang.pk == penerima.pk:
            galat["penerima"] = _(
                "Pejabat penilai Anda meninjau isian Anda, jadi tidak dapat sekaligus mengisinya."
            )
    if mulai < tanggal:
        galat["mulai"] = _("Tanggal mulai tidak boleh sebelum hari ini.")
    if selesai < mulai:
        galat["selesai"] = _("Tanggal berakhir harus sama dengan atau sesudah tanggal mulai.")
    elif (selesai - mulai).days >= LAMA_MAKS_HARI:
        galat["selesai"] = _("Kuasa berlaku paling lama satu tahun.")
    if "penerima" not in galat and not galat.keys() & {"mulai", "selesai"}:
        bentrok = (
            Kuasa.objects.filter(
                pemberi=aktor,
                penerima=penerima,
                dicabut_pada__isnull=True,
                mulai__lte=selesai,
                selesai__gte=mulai,
            )
            .order_by("mulai")
            .first()
        )
        if bentrok is not None:
            galat["penerima"] = _(
                "%(nama)s sudah memegang kuasa Anda untuk %(mulai)s–%(selesai)s. Cabut dulu "
                "kuasa itu bila ingin mengubah masa berlakunya."
            ) % {
                "nama": penerima.nama_lengkap,
                "mulai": bentrok.mulai.strftime("%d-%m-%Y"),
                "selesai": bentrok.selesai.strftime("%d-%m-%Y"),
            }
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def beri_kuasa(
    aktor: Pegawai,
    penerima: Pegawai | None,
    mulai: dt.date,
    selesai: dt.date,
    keperluan: str = "",
) -> Kuasa:
    """The pegawai (``aktor``) lets ``penerima`` enter his activities from ``mulai`` to
    ``selesai`` (inclusive)."""
    if aktor.instansi_id is None:
        raise PermissionDenied(_("Hanya pegawai sebuah instansi yang dapat memberi kuasa."))
    # Serialise the grants of one pemberi so that two tabs cannot create overlapping kuasa.
    Pegawai.objects.select_for_update().filter(pk=aktor.pk).first()
    _periksa(aktor, penerima, mulai, selesai, hari_ini())
    kuasa = Kuasa.objects.create(
        pemberi=aktor,
        penerima=penerima,
        mulai=mulai,
        selesai=selesai,
        keperluan=(keperluan or "").strip(),
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=aktor,
        objek=kuasa,
        aksi="kuasa.diberikan",
        sebagai=Riwayat.Sebagai.SENDIRI,
        keterangan=_("Kuasa pengisian kepada %(nama)s, %(mulai)s–%(selesai)s")
        % {
            "nama": penerima.nama_lengkap,
            "mulai": mulai.strftime("%d-%m-%Y"),
            "selesai": selesai.strftime("%d-%m-%Y"),
        },
        data={
            "penerima": penerima.pk,
            "mulai": mulai.isoformat(),
            "selesai": selesai.isoformat(),
        },
    )
    return kuasa


def sebagai_pencabut(aktor: Pegawai, kuasa: Kuasa) -> str:
    """The capacity in which ``aktor`` may revoke ``kuasa`` (PermissionDenied else)."""
    if aktor.pk in (kuasa.pemberi_id, kuasa.penerima_id):
        return Riwayat.Sebagai.SENDIRI  # the pemberi ends it, or the penerima gives it back
    if peran(aktor).mengoperatori(kuasa.pemberi):
        return Riwayat.Sebagai.OPERATOR
    if is_admin_instansi(aktor, kuasa.pemberi.instansi_id):
        return Riwayat.Sebagai.ADMIN
    raise PermissionDenied(
        _("Hanya pemberi, penerima, operator unit, atau admin instansi yang dapat mencabut kuasa.")
    )


def boleh_cabut(aktor: Pegawai, kuasa: Kuasa) -> bool:
    """For pages: show the revoke button?"""
    try:
        sebagai_pencabut(aktor, kuasa)
    except PermissionDenied:
        return False
    return kuasa.dicabut_pada is None and kuasa.selesai >= hari_ini()


@transaction.atomic
def cabut_kuasa(aktor: Pegawai, kuasa: Kuasa) -> Kuasa:
    """End a kuasa now (at any time): from this moment its holder can no longer act."""
    kuasa = (
        Kuasa.objects.select_for_update(of=("self",))
        .select_related("pemberi__unit_kerja", "penerima")
        .get(pk=kuasa.pk)
    )
    sebagai = sebagai_pencabut(aktor, kuasa)
    if kuasa.dicabut_pada is not None:
        raise ValidationError(_("Kuasa ini sudah dicabut."))
    if kuasa.selesai < hari_ini():
        raise ValidationError(_("Kuasa ini sudah berakhir; tidak perlu dicabut."))
    kuasa.dicabut_pada, kuasa.dicabut_oleh = timezone.now(), aktor
    kuasa.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    catat_riwayat(
        pelaku=aktor,
        subjek=kuasa.pemberi,
        objek=kuasa,
        aksi="kuasa.dicabut",
        sebagai=sebagai,
        keterangan=_("Kuasa pengisian kepada %(nama)s dicabut")
        % {"nama": kuasa.penerima.nama_lengkap},
        data={"penerima": kuasa.penerima_id},
    )
    return kuasa
