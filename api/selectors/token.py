"""Reads of API tokens: the user's own, his instansi's service tokens, the token of a request."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from api import rules
from api.models import TokenAkses
from pegawai.permissions import is_admin_instansi, peran

T = TokenAkses
#: Live tokens first (NULL first on every database), then the newest.
URUTAN = (F("dicabut_pada").asc(nulls_first=True), "-dibuat_pada", "-pk")


def token_saya(user) -> QuerySet[TokenAkses]:
    """The user's personal tokens, newest first (revoked ones too, marked)."""
    return TokenAkses.objects.filter(pemilik=user, jenis=T.Jenis.PRIBADI).order_by(*URUTAN)


def boleh_kelola_layanan(user) -> bool:
    """The admin instansi (not the platform's superuser) manages his instansi's tokens."""
    return (
        not user.is_superuser
        and user.instansi_id is not None
        and is_admin_instansi(user, user.instansi_id)
    )


def token_layanan(user) -> QuerySet[TokenAkses]:
    """Service tokens of the admin's instansi (none for anyone else)."""
    if not boleh_kelola_layanan(user):
        return TokenAkses.objects.none()
    return (
        TokenAkses.objects.filter(instansi_id=user.instansi_id, jenis=T.Jenis.LAYANAN)
        .select_related("dibuat_oleh", "dicabut_oleh")
        .order_by(*URUTAN)
    )


def get_token_kelola(user, pk: int) -> TokenAkses:
    """A token the user may revoke: his own, or his instansi's service token (404 else)."""
    cond = Q(pemilik=user, jenis=T.Jenis.PRIBADI)
    if boleh_kelola_layanan(user):
        cond |= Q(instansi_id=user.instansi_id, jenis=T.Jenis.LAYANAN)
    return get_object_or_404(TokenAkses.objects.filter(cond), pk=pk)


def token_dari_rahasia(rahasia: str) -> TokenAkses | None:
    """The token a request presents, with its owner (None for an unknown string)."""
    if not rules.bentuk_sah(rahasia):
        return None
    return (
        TokenAkses.objects.select_related("pemilik__unit_kerja", "pemilik__instansi", "instansi")
        .filter(hash=rules.hash_token(rahasia))
        .first()
    )


def token_masih_sah(token: TokenAkses) -> bool:
    """Live, its owner active; a service token only while its maker is still the admin of
    the token's instansi."""
    if not token.berlaku() or not token.pemilik.is_active:
        return False
    if token.is_layanan:
        return (
            peran(token.pemilik).is_admin
            and token.pemilik.instansi_id == token.instansi_id
            and is_admin_instansi(token.pemilik, token.instansi_id)
        )
    return True
