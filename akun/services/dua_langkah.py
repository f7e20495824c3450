"""Two-step login (django-otp): setting up the authenticator app, the recovery codes, the
code at login, turning it off, and the admin's reset.  Every write here."""

from __future__ import annotations

import django_otp
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun import rules
from akun.selectors.dua_langkah import wajib_dua_langkah
from akun.services.sesi import akhiri_semua_sesi, catat_dua_langkah
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.services.organisasi import catat_riwayat

JUMLAH_KODE_PEMULIHAN = 10


def _lolos(request: HttpRequest, perangkat) -> None:
    django_otp.login(request, perangkat)
    request.session[rules.SESI_LOLOS] = True
    request.session.pop(rules.SESI_TAHAP, None)


def siapkan_totp(pegawai: Pegawai) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, kept until confirmed so
    that reloading the page does not change the QR code already scanned."""
    perangkat = TOTPDevice.objects.filter(user=pegawai, confirmed=False).first()
    if perangkat is None:
        perangkat = TOTPDevice.objects.create(
            user=pegawai, name=_("Aplikasi autentikator"), confirmed=False
        )
    return perangkat


def _buat_kode_pemulihan(pegawai: Pegawai) -> list[str]:
    StaticDevice.objects.filter(user=pegawai).delete()
    perangkat = StaticDevice.objects.create(user=pegawai, name=_("Kode pemulihan"))
    kode = [StaticToken.random_token() for _i in range(JUMLAH_KODE_PEMULIHAN)]
    StaticToken.objects.bulk_create([StaticToken(device=perangkat, token=k) for k in kode])
    return kode


def aktifkan_totp(request: HttpRequest, perangkat: TOTPDevice, kode: str) -> list[str]:
    """Confirm the app with its first code: the session passes the second step and the
    recovery codes are made (returned to be shown once)."""
    pegawai = request.user
    kode_pemulihan: list[str] = []
    with transaction.atomic():
        perangkat = TOTPDevice.objects.select_for_update().get(pk=perangkat.pk)
        if perangkat.user_id != pegawai.pk or perangkat.confirmed:
            raise PermissionDenied(_("Perangkat ini tidak dapat diaktifkan."))
        if TOTPDevice.objects.filter(user=pegawai, confirmed=True).exists():
            raise ValidationError(_("Verifikasi dua langkah sudah aktif."))
        if perangkat.verify_token(kode):
            perangkat.confirmed = True
            perangkat.save(update_fields=["confirmed"])
            kode_pemulihan = _buat_kode_pemulihan(pegawai)
            catat_dua_langkah(request, pegawai, berhasil=True)
            catat_riwayat(
                pelaku=pegawai, objek=pegawai, aksi="akun.dua_langkah_diaktifkan", subjek=pegawai
            )
    if not kode_pemulihan:
        # Outside the transaction: the failure (and django-otp's back-off) must stay written.
        catat_dua_langkah(request, pegawai, berhasil=False)
        raise ValidationError(
            _("Kode tidak cocok. Periksa jam ponsel Anda dan ketik kode yang sedang tampil.")
        )
    _lolos(request, perangkat)
    return kode_pemulihan


def verifikasi(request: HttpRequest, kode: str, *, pemulihan: bool = False) -> bool:
    """Check a code from the app (or a recovery code, which is used up) for the logged-in
    user; a right one lets the session through.  Every try is recorded."""
    pegawai = request.user
    model = StaticDevice if pemulihan else TOTPDevice
    with transaction.atomic():
        cocok = next(
            (
                p
                for p in model.objects.devices_for_user(pegawai, confirmed=True).select_for_update()
                if p.verify_token(kode)
            ),
            None,
        )
        catat_dua_langkah(request, pegawai, berhasil=cocok is not None)
        if cocok is not None and pemulihan:
            catat_riwayat(
                pelaku=pegawai, objek=pegawai, aksi="akun.kode_pemulihan_dipakai", subjek=pegawai
            )
    if cocok is None:
        return False
    _lolos(request, cocok)
    return True


def ganti_kode_pemulihan(request: HttpRequest) -> list[str]:
    """New recovery codes (the old ones stop working); only in a session that passed."""
    pegawai = request.user
    if (
        not request.session.get(rules.SESI_LOLOS)
        or not TOTPDevice.objects.filter(user=pegawai, confirmed=True).exists()
    ):
        raise PermissionDenied(_("Aktifkan dan verifikasi dua langkah terlebih dahulu."))
    with transaction.atomic():
        kode = _buat_kode_pemulihan(pegawai)
        catat_riwayat(
            pelaku=pegawai, objek=pegawai, aksi="akun.kode_pemulihan_dibuat", subjek=pegawai
        )
    return kode


def _hapus_perangkat(pegawai: Pegawai) -> None:
    TOTPDevice.objects.filter(user=pegawai).delete()
    StaticDevice.objects.filter(user=pegawai).delete()


def matikan(request: HttpRequest, kode: str) -> None:
    """Turn the second step off, with a current code — only for whom it is optional."""
    pegawai = request.user
    if wajib_dua_langkah(pegawai):
        raise PermissionDenied(_("Verifikasi dua langkah wajib untuk peran Anda."))
    with transaction.atomic():
        perangkat = TOTPDevice.objects.select_for_update().filter(user=pegawai, confirmed=True)
        cocok = any(p.verify_token(kode) for p in perangkat)
        if cocok:
            _hapus_perangkat(pegawai)
            catat_riwayat(
                pelaku=pegawai, objek=pegawai, aksi="akun.dua_langkah_dimatikan", subjek=pegawai
            )
    if not cocok:
        raise ValidationError(_("Kode tidak cocok. Ketik kode yang sedang tampil di aplikasi."))
    request.session.pop(rules.SESI_TAHAP, None)


def reset_oleh_admin(aktor: Pegawai, pegawai: Pegawai) -> int:
    """The admin instansi removes a pegawai's app and recovery codes (a lost phone): every
    session of the pegawai ends, and at the next login he sets the second step up again.
    Returns the number of sessions ended."""
    if not is_admin_instansi(aktor, pegawai.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi pegawai ini yang boleh mereset."))
    if aktor.pk == pegawai.pk:
        raise ValidationError(
            _("Verifikasi dua langkah Anda sendiri direset oleh admin lain atau superuser.")
        )
    with transaction.atomic():
        _hapus_perangkat(pegawai)
        jumlah = akhiri_semua_sesi(pegawai)
        catat_riwayat(
            pelaku=aktor,
            objek=pegawai,
            aksi="akun.dua_langkah_direset",
            subjek=pegawai,
            sebagai=Riwayat.Sebagai.ADMIN,
            data={"sesi_diakhiri": jumlah},
        )
    return jumlah
