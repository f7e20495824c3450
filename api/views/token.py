"""Pages of the API tokens: the user's own from his profile, the admin's service tokens.

A new token's secret is rendered once, in the response to the POST that made it, never
cached and never stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from akun.selectors.dua_langkah import sudah_lolos, totp_aktif, wajib_dua_langkah
from api.forms.token import TokenForm
from api.selectors import token as selectors
from api.services import token as services
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi

T = "api/token/"
PER_HALAMAN = 25


def _dua_langkah_lolos(request: HttpRequest) -> bool:
    """An app set up and this session past its code."""
    return totp_aktif(request.user) is not None and sudah_lolos(request)


def _baru(request: HttpRequest, baru: services.TokenBaru, kembali: str) -> HttpResponse:
    respons = render(request, T + "baru.html", {"baru": baru, "kembali": kembali})
    add_never_cache_headers(respons)
    return respons


def _buat(request: HttpRequest, form: TokenForm, buat, kembali: str) -> HttpResponse | None:
    """Run the making service on a valid form; the secret page, or None with the form's
    errors (or a message) set."""
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        baru = buat(d["nama"], d["cakupan"], d["kedaluwarsa"])
    except PermissionDenied as e:
        messages.error(request, str(e) or _("Anda tidak dapat membuat token."))
        return None
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for kolom, galat in e.message_dict.items():
                form.add_error(kolom if kolom in form.fields else None, galat)
        else:
            form.add_error(None, e.messages)
        return None
    return _baru(request, baru, kembali)


@login_required
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """His personal tokens and the form for a new one."""
    wajib = wajib_dua_langkah(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        respons = _buat(
            request,
            form,
            lambda nama, cakupan, hari: services.buat_token_pribadi(
                request.user,
                nama,
                cakupan,
                hari,
                wajib_dua_langkah=wajib,
                dua_langkah_lolos=_dua_langkah_lolos(request),
            ),
            reverse("api_token"),
        )
        if respons is not None:
            return respons
    konteks = {
        "form": form,
        "token": list(selectors.token_saya(request.user)[:PER_HALAMAN]),
        "perlu_dua_langkah": wajib and not _dua_langkah_lolos(request),
        "boleh_layanan": selectors.boleh_kelola_layanan(request.user),
    }
    return render(request, T + "daftar.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def layanan(request: HttpRequest) -> HttpResponse:
    """The admin's service tokens of his instansi and the form for a new one."""
    if not selectors.boleh_kelola_layanan(request.user):
        raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        respons = _buat(
            request,
            form,
            lambda nama, cakupan, hari: services.buat_token_layanan(
                request.user,
                request.user.instansi,
                nama,
                cakupan,
                hari,
                dua_langkah_lolos=_dua_langkah_lolos(request),
            ),
            reverse("api_token_layanan"),
        )
        if respons is not None:
            return respons
    konteks = {
        "form": form,
        "token": list(selectors.token_layanan(request.user)[:PER_HALAMAN]),
        "perlu_dua_langkah": not _dua_langkah_lolos(request),
    }
    return render(request, T + "layanan.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def cabut(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.get_token_kelola(request.user, pk)
    kembali = reverse("api_token_layanan" if token.is_layanan else "api_token")
    if request.method == "GET":
        if not services.boleh_cabut(request.user, token):
            raise PermissionDenied
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Cabut token"),
                pertanyaan=_("Cabut token %(nama)s (%(awalan)s…)?")
                % {"nama": token.nama, "awalan": token.awalan},
                akibat=_(
                    "Aplikasi yang memakai token ini langsung ditolak. Token yang dicabut tidak "
                    "dapat dipulihkan; buat token baru bila masih diperlukan."
                ),
                tombol=_("Ya, cabut"),
                aksi=reverse("api_token_cabut", args=[token.pk]),
                kembali=kembali,
                bahaya=True,
            ),
        )
    services.cabut_token(request.user, token)
    messages.success(request, _("Token %(nama)s dicabut.") % {"nama": token.nama})
    return redirect(kembali)
