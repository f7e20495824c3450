"""Reads about the second step: a user's devices, whether he must use one, and the state of
the current session."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun import rules
from akun.models import PengaturanAkun
from pegawai.models import Pegawai
from pegawai.permissions import peran


def totp_aktif(pegawai: Pegawai) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(pegawai, confirmed=True).first()


def sisa_kode_pemulihan(pegawai: Pegawai) -> int:
    return StaticToken.objects.filter(device__user=pegawai, device__confirmed=True).count()


def punya_kode_pemulihan(pegawai: Pegawai) -> bool:
    return StaticDevice.objects.devices_for_user(pegawai, confirmed=True).exists()


def wajib_dua_langkah(pegawai: Pegawai) -> bool:
    """Admin instansi, operators and superusers always; an atasan when his instansi says so."""
    p = peran(pegawai)
    if p.is_superuser or p.is_admin or p.is_operator:
        return True
    if pegawai.instansi_id is None:
        return False
    diwajibkan = PengaturanAkun.objects.filter(
        instansi_id=pegawai.instansi_id, wajib_dua_langkah_atasan=True
    ).exists()
    return diwajibkan and p.is_atasan


def tahap(pegawai: Pegawai) -> str:
    """What the second step asks of this user now (rules.TAHAP_*)."""
    punya = TOTPDevice.objects.devices_for_user(pegawai, confirmed=True).exists()
    return rules.tahap_dua_langkah(
        punya_perangkat=punya, wajib=not punya and wajib_dua_langkah(pegawai)
    )


def sudah_lolos(request: HttpRequest) -> bool:
    return bool(request.session.get(rules.SESI_LOLOS))


def tahap_sesi(request: HttpRequest) -> str:
    """The session's decision, kept in the session and refreshed every few minutes (a role
    given during the session is caught then, without queries on every page)."""
    if sudah_lolos(request):
        return rules.TAHAP_BEBAS
    tersimpan = request.session.get(rules.SESI_TAHAP)
    sekarang = timezone.now().timestamp()
    if tersimpan and sekarang - tersimpan[1] < rules.CEK_ULANG_TAHAP_DETIK:
        return tersimpan[0]
    hasil = tahap(request.user)
    request.session[rules.SESI_TAHAP] = [hasil, sekarang]
    return hasil
