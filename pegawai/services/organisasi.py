"""Every write to organisation and people data, one function per use case.

Each function runs in one transaction, checks the actor's right and writes a
:class:`~pegawai.models.Riwayat` row.  Views and commands call these, never the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pegawai import permissions
from pegawai.models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, Riwayat, UnitKerja


# --- history ------------------------------------------------------------------------------
def catat_riwayat(**isian) -> Riwayat:
    """Record who did what: :func:`riwayat_baru`'s row (the same keywords), saved."""
    riwayat = riwayat_baru(**isian)
    riwayat.save()
    return riwayat


def riwayat_baru(
    *,
    pelaku: Pegawai | None,
    objek: models.Model,
    aksi: str,
    subjek: Pegawai | None = None,
    sebagai: str | None = None,
    dari_status: str = "",
    ke_status: str = "",
    keterangan: str = "",
    data: dict[str, Any] | None = None,
) -> Riwayat:
    """Who did what, as a history row not yet saved (:func:`catat_riwayat` saves one; a
    service that changes many rows at once saves them with one ``Riwayat.objects.bulk_create``).
    ``sebagai`` defaults from the actor's relation to the subject."""
    if sebagai is None:
        sebagai = permissions.peran_terhadap(pelaku, subjek)
    return Riwayat(
        pelaku=pelaku,
        subjek=subjek,
        sebagai=sebagai,
        aksi=aksi,
        content_type=ContentType.objects.get_for_model(objek),
        object_id=objek.pk,
        dari_status=dari_status,
        ke_status=ke_status,
        keterangan=keterangan,
        data=data or {},
    )


def _wajib_admin(aktor: Pegawai, instansi: Instansi) -> None:
    if not permissions.is_admin_instansi(aktor, instansi):
        raise PermissionDenied(_("Hanya admin instansi yang boleh mengubah data induk."))


# --- trees ------------------------------------------------------------------------------
@transaction.atomic
def simpan_unit(aktor: Pegawai, unit: UnitKerja) -> UnitKerja:
    _wajib_admin(aktor, unit.instansi)
    if unit.induk and unit.induk.instansi_id != unit.instansi_id:
        raise ValidationError({"induk": _("Unit induk harus dari instansi yang sama.")})
    baru = unit.pk is None
    unit.save()
    catat_riwayat(
        pelaku=aktor,
        objek=unit,
        aksi="unit.dibuat" if baru else "unit.diubah",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={"kode": unit.kode, "nama": unit.nama},
    )
    return unit


@transaction.atomic
def simpan_jabatan(aktor: Pegawai, jabatan: Jabatan) -> Jabatan:
    _wajib_admin(aktor, jabatan.instansi)
    if jabatan.unit.instansi_id != jabatan.instansi_id:
        raise ValidationError({"unit": _("Unit kerja harus dari instansi yang sama.")})
    if jabatan.induk and jabatan.induk.instansi_id != jabatan.instansi_id:
        raise ValidationError({"induk": _("Jabatan atasan harus dari instansi yang sama.")})
    baru = jabatan.pk is None
    jabatan.save()
    catat_riwayat(
        pelaku=aktor,
        objek=jabatan,
        aksi="jabatan.dibuat" if baru else "jabatan.diubah",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={"nama": jabatan.nama},
    )
    return jabatan


# --- assignments: who listens -------------------------------------------------------------
# Higher apps keep data that depends on who acts for a jabatan (the pejabat penilai stored on
# pending activities, for the review queue).  They register here; called after commit.
PENDENGAR_PENUGASAN: list = []


def _kabari_penugasan(penugasan: Penugasan) -> None:
    jabatan_id, mulai, selesai = penugasan.jabatan_id, penugasan.mulai, penugasan.selesai
    for pendengar in PENDENGAR_PENUGASAN:
        transaction.on_commit(lambda p=pendengar: p(jabatan_id, mulai, selesai))


def kabari_penugasan_berubah(jabatan_ids: Iterable[int], sejak: dt.date) -> None:
    """The bulk form (pegawai import): who acts for each jabatan changed from ``sejak`` on."""
    for jabatan_id in sorted(set(jabatan_ids)):
        for pendengar in PENDENGAR_PENUGASAN:
            transaction.on_commit(lambda p=pendengar, j=jabatan_id: p(j, sejak, None))


# --- assignments --------------------------------------------------------------------------
def _tumpang_tindih(qs, mulai: dt.date, selesai: dt.date | None):
    """Rows of ``qs`` whose [mulai, selesai] range meets the given one (open ends = ∞)."""
    qs = qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
    if selesai is not None:
        qs = qs.filter(mulai__lte=selesai)
    return qs


def periksa_penugasan(penugasan: Penugasan) -> None:
    """The overlap rules, raised as field errors (Bahasa Indonesia).

    * a pegawai holds one definitif jabatan at a time;
    * a jabatan has one definitif holder at a time, one Plt at a time, one Plh at a time.
    """
    if penugasan.selesai and penugasan.selesai < penugasan.mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    lain = Penugasan.objects.exclude(pk=penugasan.pk)
    if penugasan.jenis == Penugasan.Jenis.DEFINITIF:
        bentrok = (
            _tumpang_tindih(
                lain.filter(pegawai_id=penugasan.pegawai_id, jenis=Penugasan.Jenis.DEFINITIF),
                penugasan.mulai,
                penugasan.selesai,
            )
            .select_related("jabatan")
            .first()
        )
        if bentrok:
            raise ValidationError(
                {
                    "mulai": _(
                        "Pegawai ini sudah menjabat definitif sebagai %(jabatan)s sejak %(mulai)s. "
                        "Akhiri penugasan itu dahulu."
                    )
                    % {"jabatan": bentrok.jabatan.nama, "mulai": bentrok.mulai.strftime("%d-%m-%Y")}
                }
            )
    bentrok = (
        _tumpang_tindih(
            lain.filter(jabatan_id=penugasan.jabatan_id, jenis=penugasan.jenis),
            penugasan.mulai,
            penugasan.selesai,
        )
        .select_related("pegawai")
        .first()
    )
    if bentrok:
        raise ValidationError(
            {
                "mulai": _(
                    "Jabatan ini sudah diisi (%(jenis)s) oleh %(nama)s pada rentang tanggal itu."
                )
                % {"jenis": bentrok.get_jenis_display(), "nama": bentrok.pegawai.nama_lengkap}
            }
        )


@transaction.atomic
def tugaskan(aktor: Pegawai, penugasan: Penugasan) -> Penugasan:
    """Create or change an assignment (definitif, Plt or Plh)."""
    jabatan = Jabatan.objects.select_for_update().get(pk=penugasan.jabatan_id)
    _wajib_admin(aktor, jabatan.instansi)
    pegawai = Pegawai.objects.select_for_update().get(pk=penugasan.pegawai_id)
    if pegawai.instansi_id != jabatan.instansi_id:
        raise ValidationError({"pegawai": _("Pegawai dan jabatan harus dari instansi yang sama.")})
    periksa_penugasan(penugasan)
    baru = penugasan.pk is None
    if baru:
        penugasan.dibuat_oleh = aktor
    penugasan.save()
    sinkronkan_unit_pegawai(pegawai)
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=penugasan,
        aksi="penugasan.dibuat" if baru else "penugasan.diubah",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={
            "jabatan": jabatan.nama,
            "jenis": penugasan.jenis,
            "mulai": penugasan.mulai.isoformat(),
            "selesai": penugasan.selesai.isoformat() if penugasan.selesai else None,
        },
    )
    _kabari_penugasan(penugasan)
    return penugasan


@transaction.atomic
def akhiri_penugasan(aktor: Pegawai, penugasan: Penugasan, selesai: dt.date) -> Penugasan:
    penugasan = Penugasan.objects.select_for_update().select_related("jabatan").get(pk=penugasan.pk)
    _wajib_admin(aktor, penugasan.jabatan.instansi)
    if selesai < penugasan.mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    lama = penugasan.selesai
    penugasan.selesai = selesai
    penugasan.save(update_fields=["selesai"])
    sinkronkan_unit_pegawai(penugasan.pegawai)
    catat_riwayat(
        pelaku=aktor,
        subjek=penugasan.pegawai,
        objek=penugasan,
        aksi="penugasan.diakhiri",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={"selesai_lama": lama.isoformat() if lama else None, "selesai": selesai.isoformat()},
    )
    _kabari_penugasan(penugasan)
    return penugasan


def sinkronkan_unit_pegawai(pegawai: Pegawai, tanggal: dt.date | None = None) -> None:
    """Keep ``Pegawai.unit_kerja`` equal to the unit of today's definitif jabatan."""
    tanggal = tanggal or dt.date.today()
    unit_id = (
        Penugasan.objects.aktif_pada(tanggal)
        .filter(pegawai=pegawai, jenis=Penugasan.Jenis.DEFINITIF)
        .order_by("-mulai")
        .values_list("jabatan__unit_id", flat=True)
        .first()
    )
    if unit_id is not None and unit_id != pegawai.unit_kerja_id:
        pegawai.unit_kerja_id = unit_id
        pegawai.save(update_fields=["unit_kerja"])


# --- people and roles ---------------------------------------------------------------------
@transaction.atomic
def ubah_status_pegawai(
    aktor: Pegawai, pegawai: Pegawai, status: str, keterangan: str = ""
) -> None:
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    _wajib_admin(aktor, pegawai.instansi)
    if status not in Pegawai.Status.values:
        raise ValidationError({"status": _("Status tidak dikenal.")})
    if pegawai.pk == aktor.pk and status not in Pegawai.STATUS_BOLEH_MASUK:
        raise ValidationError({"status": _("Anda tidak dapat menonaktifkan akun Anda sendiri.")})
    lama = pegawai.status
    if lama == status:
        return
    pegawai.status = status
    pegawai.save(update_fields=["status"])
    if status not in Pegawai.STATUS_BOLEH_MASUK:
        # Pensiun, berhenti, meninggal: he no longer holds or acts for any jabatan.
        kemarin = dt.date.today() - dt.timedelta(days=1)
        for p in Penugasan.objects.select_for_update().filter(
            Q(selesai__isnull=True) | Q(selesai__gt=kemarin), pegawai=pegawai
        ):
            akhiri_penugasan(aktor, p, max(p.mulai, kemarin))
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=pegawai,
        aksi="pegawai.status",
        sebagai=Riwayat.Sebagai.ADMIN,
        dari_status=lama,
        ke_status=status,
        keterangan=keterangan,
    )


@transaction.atomic
def simpan_pegawai(aktor: Pegawai, pegawai: Pegawai) -> Pegawai:
    """Create or update a pegawai's identity data (not the password, not the roles)."""
    _wajib_admin(aktor, pegawai.instansi)
    baru = pegawai.pk is None
    if baru:
        pegawai.set_unusable_password()
    pegawai.full_clean(exclude=["password"])
    pegawai.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=pegawai,
        aksi="pegawai.dibuat" if baru else "pegawai.diubah",
        sebagai=Riwayat.Sebagai.ADMIN,
    )
    return pegawai


@transaction.atomic
def jadikan_operator(aktor: Pegawai, pegawai: Pegawai, unit: UnitKerja) -> OperatorUnit:
    _wajib_admin(aktor, unit.instansi)
    if pegawai.instansi_id != unit.instansi_id:
        raise ValidationError({"pegawai": _("Operator harus pegawai instansi yang sama.")})
    if not pegawai.is_active:
        raise ValidationError(
            {"pegawai": _("Pegawai yang tidak aktif tidak dapat menjadi operator.")}
        )
    op, dibuat = OperatorUnit.objects.get_or_create(
        pegawai=pegawai, unit=unit, defaults={"dibuat_oleh": aktor}
    )
    if not dibuat:
        raise ValidationError({"unit": _("Pegawai ini sudah menjadi operator unit tersebut.")})
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=op,
        aksi="operator.ditambah",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={"unit": unit.nama},
    )
    return op


@transaction.atomic
def cabut_operator(aktor: Pegawai, operator: OperatorUnit) -> None:
    _wajib_admin(aktor, operator.unit.instansi)
    catat_riwayat(
        pelaku=aktor,
        subjek=operator.pegawai,
        objek=operator.pegawai,
        aksi="operator.dicabut",
        sebagai=Riwayat.Sebagai.ADMIN,
        data={"unit": operator.unit.nama},
    )
    operator.delete()


@transaction.atomic
def atur_admin_instansi(aktor: Pegawai, pegawai: Pegawai, jadi_admin: bool) -> None:
    _wajib_admin(aktor, pegawai.instansi)
    if pegawai.pk == aktor.pk and not jadi_admin:
        raise ValidationError(_("Anda tidak dapat mencabut peran admin Anda sendiri."))
    if pegawai.is_admin_instansi == jadi_admin:
        return
    pegawai.is_admin_instansi = jadi_admin
    pegawai.save(update_fields=["is_admin_instansi"])
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=pegawai,
        aksi="admin.ditambah" if jadi_admin else "admin.dicabut",
        sebagai=Riwayat.Sebagai.ADMIN,
    )


# --- accounts: passwords ------------------------------------------------------------------
# Letters and digits that cannot be confused when a temporary password is read aloud or
# copied by hand (no 0/o, 1/l/i): it is dictated to staff who are not at ease with accounts.
HURUF_SANDI_SEMENTARA = "abcdefghjkmnpqrstuvwxyz23456789"


def boleh_atur_ulang_sandi(aktor: Pegawai, pegawai: Pegawai) -> bool:
    """May ``aktor`` give ``pegawai`` a temporary password?

    The admin instansi may, for his instansi; an operator may, for the pegawai of his units.
    Nobody may reach a wider right than his own through it: only a superuser resets a
    superuser or staff account, and an operator never resets an admin or another operator
    (whose units may lie outside his).  One's own password is changed, not reset.
    """
    if aktor.pk == pegawai.pk or not aktor.is_active:
        return False
    if pegawai.is_superuser or pegawai.is_staff:
        return aktor.is_superuser
    if permissions.is_admin_instansi(aktor, pegawai.instansi_id):
        return True
    if pegawai.is_admin_instansi or OperatorUnit.objects.filter(pegawai=pegawai).exists():
        return False
    return permissions.peran(aktor).mengoperatori(pegawai)


@transaction.atomic
def atur_ulang_sandi(aktor: Pegawai, pegawai: Pegawai) -> str:
    """Give ``pegawai`` a random one-time password and return it (it is stored only hashed).

    The pegawai must choose his own password at the next login (``wajib_ganti_sandi``), and
    his open sessions end because the password hash changes.
    """
    from django.utils.crypto import get_random_string

    pegawai = (
        Pegawai.objects.select_for_update(of=("self",))
        .select_related("unit_kerja")
        .get(pk=pegawai.pk)
    )
    if not boleh_atur_ulang_sandi(aktor, pegawai):
        raise PermissionDenied(_("Anda tidak berhak mengatur ulang kata sandi pegawai ini."))
    if not pegawai.is_active:
        raise ValidationError(
            _("Pegawai ini berstatus %(status)s sehingga tidak dapat masuk ke aplikasi.")
            % {"status": pegawai.get_status_display().lower()}
        )
    sandi = "-".join(get_random_string(4, HURUF_SANDI_SEMENTARA) for _i in range(3))
    pegawai.set_password(sandi)
    pegawai.wajib_ganti_sandi = True
    pegawai.save(update_fields=["password", "wajib_ganti_sandi"])
    sebagai = (
        Riwayat.Sebagai.ADMIN
        if permissions.is_admin_instansi(aktor, pegawai.instansi_id)
        else Riwayat.Sebagai.OPERATOR
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=pegawai,
        aksi="akun.sandi_diatur_ulang",
        sebagai=sebagai,
        keterangan=_("Kata sandi sementara diberikan; pegawai wajib menggantinya saat masuk."),
    )
    return sandi


@transaction.atomic
def ganti_sandi(pegawai: Pegawai, sandi_baru: str, *, lewat_email: bool = False) -> None:
    """The pegawai sets his own password: after giving the old one, or by an e-mailed link.

    It ends any obligation to replace a temporary password.  The caller keeps the current
    session valid (``update_session_auth_hash``); the other sessions end.
    """
    from django.contrib.auth import password_validation

    password_validation.validate_password(sandi_baru, pegawai)
    baris = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    pegawai.set_password(sandi_baru)
    pegawai.wajib_ganti_sandi = False
    pegawai.save(update_fields=["password", "wajib_ganti_sandi"])
    catat_riwayat(
        pelaku=pegawai,
        subjek=pegawai,
        objek=pegawai,
        aksi="akun.sandi_direset_email" if lewat_email else "akun.sandi_diganti",
        sebagai=Riwayat.Sebagai.SENDIRI,
        data={"mengganti_sandi_sementara": baris.wajib_ganti_sandi},
    )
