"""Record every login, failed login and logout (Django's auth signals), so that the login
view of ``pegawai`` needs to know nothing of this app."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from akun.services.sesi import catat_gagal, catat_keluar, catat_masuk


@receiver(user_logged_in, dispatch_uid="akun-masuk")
def _masuk(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    # MasukView sets it from the form's "komputer bersama" checkbox.
    catat_masuk(request, user, komputer_bersama=bool(getattr(request, "komputer_bersama", False)))


@receiver(user_login_failed, dispatch_uid="akun-gagal")
def _gagal(sender, credentials, request=None, **kwargs) -> None:
    nip = credentials.get("username") or credentials.get("nip")
    if request is not None and nip:
        catat_gagal(request, nip)


@receiver(user_logged_out, dispatch_uid="akun-keluar")
def _keluar(sender, request, user, **kwargs) -> None:
    if request is not None and user is not None and hasattr(request, "session"):
        catat_keluar(request, user)
