"""Every write to API tokens: make a personal or a service token, revoke one, note its use.

Each making and each revocation writes a ``Riwayat`` row (who, for whom, when).  The secret
is returned once by the function that makes it and never stored: only its SHA-256.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api import rules
from api.models import TokenAkses
from pegawai.models import Instansi, Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.services.organisasi import catat_riwayat

T = TokenAkses
#: How many live tokens one pegawai (or one instansi's service) may hold.
MAKS_TOKEN_AKTIF = 10
#: ``terakhir_dipakai`` is written at most this often per token (not one write per request).
SENTUH_DETIK = 60


@dataclass(frozen=True)
class TokenBaru:
    """A token just made: the row, and the secret shown to its maker this once."""

    token: TokenAkses
    rahasia: str


def _periksa(nama: str, cakupan: str, hari: int | None) -> str:
    nama = (nama or "").strip()
    galat = {}
    if not nama:
        galat["nama"] = _("Nama token wajib diisi (mis. nama aplikasi yang memakainya).")
    if cakupan not in T.Cakupan.values:
        galat["cakupan"] = _("Pilih cakupan token: baca saja, atau baca dan tulis.")
    if hari is not None and hari not in rules.MASA_BERLAKU_HARI:
        galat["kedaluwarsa"] = _("Pilih masa berlaku yang tersedia.")
    if galat:
        raise ValidationError(galat)
    return nama


def _batasi(qs, pesan: str) -> None:
    """At most MAKS_TOKEN_AKTIF live tokens (not revoked, not expired) among ``qs``; ``pesan``
    names the limit as %(n)d."""
    aktif = qs.filter(dicabut_pada__isnull=True).exclude(kedaluwarsa__lte=timezone.now())
    if aktif.count() >= MAKS_TOKEN_AKTIF:
        raise ValidationError(pesan % {"n": MAKS_TOKEN_AKTIF})


def _buat(
    aktor: Pegawai,
    *,
    jenis: str,
    nama: str,
    cakupan: str,
    hari: int | None,
    instansi: Instansi | None,
    sebagai: str,
) -> TokenBaru:
    rahasia, awalan, hash_ = rules.buat_token()
    sekarang = timezone.now()
    token = TokenAkses.objects.create(
        jenis=jenis,
        nama=nama,
        cakupan=cakupan,
        pemilik=aktor,
        instansi=instansi,
        awalan=awalan,
        hash=hash_,
        kedaluwarsa=sekarang + dt.timedelta(days=hari) if hari else None,
        dibuat_oleh=aktor,
        dibuat_pada=sekarang,
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=aktor if jenis == T.Jenis.PRIBADI else None,
        objek=token,
        aksi="api.token_dibuat",
        sebagai=sebagai,
        data={
            "token": token.pk,
            "jenis": jenis,
            "nama": nama,
            "cakupan": cakupan,
            "awalan": awalan,
            "kedaluwarsa": token.kedaluwarsa.isoformat() if token.kedaluwarsa else None,
        }
        | ({"instansi": instansi.pk} if instansi else {}),
    )
    return TokenBaru(token, rahasia)


@transaction.atomic
def buat_token_pribadi(
    aktor: Pegawai,
    nama: str,
    cakupan: str,
    hari: int | None,
    *,
    wajib_dua_langkah: bool,
    dua_langkah_lolos: bool,
) -> TokenBaru:
    """Make the pegawai's own token.  Whoever must use the second step of login (akun:
    admin, operator, superuser, an atasan when his instansi says so) needs it set up and
    passed in this session first."""
    if wajib_dua_langkah and not dua_langkah_lolos:
        raise PermissionDenied(
            _("Aktifkan dan lewati verifikasi dua langkah dulu sebelum membuat token API.")
        )
    if not aktor.is_active:
        raise PermissionDenied(_("Akun nonaktif tidak dapat membuat token."))
    nama = _periksa(nama, cakupan, hari)
    Pegawai.objects.select_for_update().filter(pk=aktor.pk).first()
    _batasi(
        TokenAkses.objects.filter(pemilik=aktor, jenis=T.Jenis.PRIBADI),
        _("Anda sudah memiliki %(n)d token aktif. Cabut yang tidak dipakai dulu."),
    )
    return _buat(
        aktor,
        jenis=T.Jenis.PRIBADI,
        nama=nama,
        cakupan=cakupan,
        hari=hari,
        instansi=None,
        sebagai=Riwayat.Sebagai.SENDIRI,
    )


@transaction.atomic
def buat_token_layanan(
    aktor: Pegawai,
    instansi: Instansi,
    nama: str,
    cakupan: str,
    hari: int | None,
    *,
    dua_langkah_lolos: bool,
) -> TokenBaru:
    """Make a service token of the instansi for an integration (admin instansi only)."""
    if not is_admin_instansi(aktor, instansi) or aktor.is_superuser:
        # A superuser runs the platform; an instansi's integration belongs to its own admin.
        raise PermissionDenied(_("Hanya admin instansi yang dapat membuat token layanan."))
    if not dua_langkah_lolos:
        raise PermissionDenied(
            _("Aktifkan dan lewati verifikasi dua langkah dulu sebelum membuat token API.")
        )
    nama = _periksa(nama, cakupan, hari)
    Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
    _batasi(
        TokenAkses.objects.filter(instansi=instansi, jenis=T.Jenis.LAYANAN),
        _("Instansi sudah memiliki %(n)d token layanan aktif. Cabut yang tidak dipakai dulu."),
    )
    return _buat(
        aktor,
        jenis=T.Jenis.LAYANAN,
        nama=nama,
        cakupan=cakupan,
        hari=hari,
        instansi=instansi,
        sebagai=Riwayat.Sebagai.ADMIN,
    )


def boleh_cabut(aktor: Pegawai, token: TokenAkses) -> bool:
    """His own personal token; a service token of the instansi he is admin of."""
    if token.jenis == T.Jenis.PRIBADI:
        return token.pemilik_id == aktor.pk
    return is_admin_instansi(aktor, token.instansi_id) and not aktor.is_superuser


@transaction.atomic
def cabut_token(aktor: Pegawai, token: TokenAkses) -> TokenAkses:
    """Revoke a token at once; revoking it again changes nothing (and records nothing)."""
    token = TokenAkses.objects.select_for_update().get(pk=token.pk)
    if not boleh_cabut(aktor, token):
        raise PermissionDenied(_("Anda tidak dapat mencabut token ini."))
    if token.dicabut_pada is not None:
        return token
    token.dicabut_pada, token.dicabut_oleh = timezone.now(), aktor
    token.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    pribadi = token.jenis == T.Jenis.PRIBADI
    catat_riwayat(
        pelaku=aktor,
        subjek=token.pemilik if pribadi else None,
        objek=token,
        aksi="api.token_dicabut",
        sebagai=Riwayat.Sebagai.SENDIRI if pribadi else Riwayat.Sebagai.ADMIN,
        data={"token": token.pk, "jenis": token.jenis, "nama": token.nama, "awalan": token.awalan},
    )
    return token


def sentuh_token(token: TokenAkses) -> None:
    """Note that the token was used (at most once a minute: one UPDATE, no lock)."""
    sekarang = timezone.now()
    if (
        token.terakhir_dipakai
        and (sekarang - token.terakhir_dipakai).total_seconds() < SENTUH_DETIK
    ):
        return
    TokenAkses.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
    token.terakhir_dipakai = sekarang
