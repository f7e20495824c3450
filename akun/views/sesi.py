"""Pages of the login history and the sessions: the user's own, the admin's view of his
pegawai, and the instansi's account settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from akun.forms.sesi import CariRiwayatForm, PengaturanAkunForm
from akun.selectors import dua_langkah as selectors_dua_langkah
from akun.selectors import sesi as selectors
from akun.services import sesi as services
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.permissions import peran

T = "akun/sesi/"
PER_HALAMAN = 25


def _halaman(request: HttpRequest, qs):
    return Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))


def _wajib_admin(request: HttpRequest) -> None:
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))


@login_required
@require_GET
def riwayat(request: HttpRequest) -> HttpResponse:
    """The user's own logins, failed logins and logouts."""
    konteks = {"page_obj": _halaman(request, selectors.riwayat_masuk(request.user))}
    return render(request, T + "riwayat.html", konteks)


@login_required
@require_GET
def daftar_sesi(request: HttpRequest) -> HttpResponse:
    """His open sessions, this one marked; the others can be ended."""
    sesi = list(selectors.sesi_aktif(request.user)[:PER_HALAMAN])
    konteks = {"sesi": sesi, "kunci_ini": request.session.session_key}
    return render(request, T + "sesi.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def akhiri(request: HttpRequest, pk: int) -> HttpResponse:
    baris = selectors.get_sesi(request.user, pk)
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Akhiri sesi"),
                pertanyaan=_("Akhiri sesi di %(perangkat)s?") % {"perangkat": baris.perangkat},
                akibat=_(
                    "Siapa pun yang memakai sesi itu langsung keluar dan harus masuk lagi dengan "
                    "kata sandi. Bila Anda tidak mengenalinya, ganti juga kata sandi Anda."
                ),
                tombol=_("Ya, akhiri"),
                aksi=reverse("akun_sesi_akhiri", args=[baris.pk]),
                kembali=reverse("akun_sesi"),
                bahaya=True,
            ),
        )
    try:
        services.akhiri_sesi(request.user, baris, request.session.session_key)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, _("Sesi di %(perangkat)s diakhiri.") % {"perangkat": baris.perangkat}
        )
    return redirect("akun_sesi")


# --- the admin -------------------------------------------------------------------------------
@login_required
@require_GET
def riwayat_instansi(request: HttpRequest) -> HttpResponse:
    """The logins of the admin's pegawai, searchable by NIP or name."""
    _wajib_admin(request)
    form = CariRiwayatForm(request.GET)
    cari = form.cari()
    qs = selectors.riwayat_masuk_instansi(request.user, cari)
    konteks = {"form": form, "page_obj": _halaman(request, qs), "q": cari}
    return render(request, T + "riwayat_instansi.html", konteks)


@login_required
@require_GET
def riwayat_pegawai(request: HttpRequest, pk: int) -> HttpResponse:
    """One pegawai's logins and second step, with the reset button."""
    _wajib_admin(request)
    pegawai = selectors.pegawai_diawasi(request.user, pk)
    konteks = {
        "pegawai": pegawai,
        "page_obj": _halaman(request, selectors.riwayat_masuk(pegawai)),
        "dua_langkah": selectors_dua_langkah.totp_aktif(pegawai),
        "boleh_reset": pegawai.pk != request.user.pk,
    }
    return render(request, T + "riwayat_pegawai.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    _wajib_admin(request)
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Pengaturan akun diatur oleh admin instansi masing-masing."))
    form = PengaturanAkunForm(
        request.POST or None, instance=services.pengaturan_instansi(request.user.instansi_id)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ubah_pengaturan(request.user, form.instance)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, _("Pengaturan akun disimpan."))
            return redirect("akun_pengaturan")
    status = 400 if form.errors else 200
    return render(request, T + "pengaturan.html", {"form": form}, status=status)
