"""Account pages (login, passwords), the home page, the profile, and pages that read pegawai."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.beranda import kartu_beranda
from pegawai.forms.akun import (
    CariPegawaiForm,
    GantiSandiForm,
    MasukForm,
    ResetSandiForm,
    SetelSandiForm,
)
from pegawai.models import Pegawai
from pegawai.permissions import Peran, peran
from pegawai.profil import bagian_profil
from pegawai.selectors import organisasi as selectors
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services import organisasi as services
from pegawai.services import reset_sandi as services_reset

PER_HALAMAN = 25


# --- login, logout, passwords ---------------------------------------------------------------
class MasukView(auth_views.LoginView):
    form_class = MasukForm
    # A logged-in user may open it to switch accounts (no redirect, as the access matrix says).
    template_name = "registration/masuk.html"

    def form_valid(self, form):
        # The login signal's receivers (akun) read it: a shared computer's session.
        self.request.komputer_bersama = form.cleaned_data.get("komputer_bersama", False)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["akun_demo"] = akun_demo_tersedia() if settings.EKINERJA_DEMO else []
        return ctx


def akun_demo_tersedia() -> list[dict]:
    """The demo accounts by role, for a demo server's login page: only those that exist."""
    from ekinerja.demo.organisasi import AKUN_DEMO, DEMO_SANDI

    nama = dict(
        Pegawai.objects.filter(nip__in=[a.nip for a in AKUN_DEMO]).values_list("nip", "nama")
    )
    return [
        {
            "peran": a.peran,
            "nip": a.nip,
            "nama": nama[a.nip],
            "catatan": a.catatan,
            "sandi": DEMO_SANDI,
        }
        for a in AKUN_DEMO
        if a.nip in nama
    ]


class KeluarView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Anda telah keluar. Sampai jumpa."))
        return response


class GantiSandiView(auth_views.PasswordChangeView):
    form_class = GantiSandiForm
    template_name = "registration/ganti_sandi.html"
    success_url = reverse_lazy("ganti_sandi_selesai")

    def form_valid(self, form):
        services.ganti_sandi(self.request.user, form.cleaned_data["new_password1"])
        # Keep this session; the password change ends every other one.
        update_session_auth_hash(self.request, self.request.user)
        return HttpResponseRedirect(self.get_success_url())


class GantiSandiSelesaiView(auth_views.PasswordChangeDoneView):
    template_name = "registration/ganti_sandi_selesai.html"


class ResetSandiView(auth_views.PasswordResetView):
    """The same answer for every well-formed NIP: the e-mail is queued, never sent here."""

    form_class = ResetSandiForm
    template_name = "registration/reset_sandi.html"
    success_url = reverse_lazy("reset_sandi_terkirim")

    def form_valid(self, form):
        services_reset.minta_tautan_reset(
            form.cleaned_data["nip"],
            domain=get_current_site(self.request).domain,
            protokol="https" if self.request.is_secure() else "http",
            bahasa=translation.get_language(),
        )
        return HttpResponseRedirect(self.get_success_url())


class ResetSandiTerkirimView(auth_views.PasswordResetDoneView):
    template_name = "registration/reset_sandi_terkirim.html"


class ResetSandiKonfirmasiView(auth_views.PasswordResetConfirmView):
    form_class = SetelSandiForm
    template_name = "registration/reset_sandi_konfirmasi.html"
    success_url = reverse_lazy("reset_sandi_selesai")

    def get_user(self, uidb64):
        # A link sent before the pegawai retired must not still work.
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        services.ganti_sandi(form.user, form.cleaned_data["new_password1"], lewat_email=True)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class ResetSandiSelesaiView(auth_views.PasswordResetCompleteView):
    template_name = "registration/reset_sandi_selesai.html"


# --- home and profile -----------------------------------------------------------------------
def _salam(sekarang: dt.datetime) -> str:
    jam = sekarang.hour
    if jam < 11:
        return _("Selamat pagi")
    if jam < 15:
        return _("Selamat siang")
    if jam < 18:
        return _("Selamat sore")
    return _("Selamat malam")


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    user = request.user
    p = peran(user)
    konteks = {
        "salam": _salam(timezone.localtime()),
        "penugasan": list(selectors.penugasan_aktif(user, p.tanggal)),
        "rantai": rantai_penilai(user, p.tanggal),
        "peran": p,
        "jumlah_bawahan": len(p.bawahan_ids),
        "unit_operator": list(selectors.unit_dioperatori(user)) if p.is_operator else [],
        "kartu": kartu_beranda(request, p, p.tanggal),
    }
    return render(request, "pegawai/beranda.html", konteks)


def _konteks_pegawai(pegawai: Pegawai, tanggal: dt.date) -> dict:
    """What the profile and the detail page both show about one pegawai."""
    return {
        "pegawai": pegawai,
        "penugasan": list(selectors.penugasan_aktif(pegawai, tanggal)),
        "rantai": rantai_penilai(pegawai, tanggal),
        "riwayat": list(selectors.riwayat_pegawai(pegawai)),
        "hari_ini": tanggal,
    }


@login_required
def profil(request: HttpRequest) -> HttpResponse:
    p = peran(request.user)
    konteks = _konteks_pegawai(request.user, p.tanggal)
    konteks["peran"] = p
    if p.is_operator:
        konteks["unit_operator"] = list(selectors.unit_dioperatori(request.user))
    konteks["bagian"] = bagian_profil(request, request.user)  # sections of the apps above
    return render(request, "pegawai/profil.html", konteks)


# --- lists ----------------------------------------------------------------------------------
def _halaman(request: HttpRequest, qs):
    return Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))


@login_required
def bawahan(request: HttpRequest) -> HttpResponse:
    p = peran(request.user)
    if not p.is_atasan:
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat penilai."))
    cari = request.GET.get("q", "").strip()[:100]
    qs = selectors.saring_pegawai(selectors.bawahan_dinilai(request.user), cari=cari)
    qs = selectors.dengan_jabatan(qs, p.tanggal).order_by("nama", "pk")
    konteks = {"page_obj": _halaman(request, qs), "q": cari, "jumlah": len(p.bawahan_ids)}
    return render(request, "pegawai/bawahan.html", konteks)


def _boleh_daftar(p: Peran) -> bool:
    return p.is_operator or p.is_admin


@login_required
def pegawai_daftar(request: HttpRequest) -> HttpResponse:
    p = peran(request.user)
    if not _boleh_daftar(p):
        raise PermissionDenied(_("Halaman ini hanya untuk operator unit dan admin instansi."))
    form = CariPegawaiForm(request.GET, unit_qs=selectors.unit_terlihat(request.user))
    saringan = form.saringan()
    qs = selectors.saring_pegawai(selectors.pegawai_terlihat(request.user), **saringan)
    qs = selectors.dengan_jabatan(qs, p.tanggal).order_by("nama", "pk")
    disaring = any(saringan.values())
    konteks = {"form": form, "page_obj": _halaman(request, qs), "disaring": disaring}
    return render(request, "pegawai/pegawai_daftar.html", konteks)


# --- one pegawai ----------------------------------------------------------------------------
def _konteks_detail(request: HttpRequest, pegawai: Pegawai) -> dict:
    p = peran(request.user)
    konteks = _konteks_pegawai(pegawai, p.tanggal)
    konteks["boleh_atur_ulang_sandi"] = services.boleh_atur_ulang_sandi(request.user, pegawai)
    konteks["boleh_daftar"] = _boleh_daftar(p)
    return konteks


@login_required
def pegawai_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = selectors.get_pegawai(request.user, pk)
    return render(request, "pegawai/pegawai_detail.html", _konteks_detail(request, pegawai))


@login_required
@require_POST
def pegawai_atur_ulang_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a temporary password and show it once, in this response only.

    Rendered, not redirected: a redirect would have to park the password in the session or
    a message cookie, i.e. store it in clear.
    """
    pegawai = selectors.get_pegawai(request.user, pk)
    sandi, galat = "", ""
    try:
        sandi = services.atur_ulang_sandi(request.user, pegawai)
    except ValidationError as exc:
        galat = " ".join(exc.messages)
    # Read again so the page shows the new state and the new history row.
    pegawai = selectors.get_pegawai(request.user, pk)
    konteks = {**_konteks_detail(request, pegawai), "sandi_sementara": sandi, "galat_sandi": galat}
    template = "pegawai/pegawai_detail.html"
    if getattr(request, "htmx", False):
        template += "#atur_ulang_sandi"
    response = render(request, template, konteks)
    add_never_cache_headers(response)
    return response
