"""Pages of the second step: set up the app, give a code (or a recovery code) at login, the
overview with new recovery codes and turning it off, and the admin's reset."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from akun.forms.dua_langkah import KodeForm, KodePemulihanForm
from akun.selectors import dua_langkah as selectors
from akun.selectors.sesi import pegawai_diawasi
from akun.services import dua_langkah as services
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.forms.akun import PembatasMasuk
from pegawai.permissions import peran

T = "akun/dua_langkah/"


def _tujuan(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse("beranda")


def _dengan_tujuan(nama: str, request: HttpRequest) -> str:
    return f"{reverse(nama)}?{urlencode({'next': _tujuan(request)})}"


def _kunci_pembatas(request: HttpRequest) -> str:
    # The login throttle's counter, under a key of its own for the second step.
    return f"otp:{request.user.nip}"


def _galat_terkunci() -> str:
    return _("Terlalu banyak kode yang salah. Demi keamanan, coba lagi dalam %(menit)d menit.") % {
        "menit": max(1, PembatasMasuk.detik() // 60)
    }


def _tanpa_cache(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


# --- set up ----------------------------------------------------------------------------------
def _qr_data_uri(perangkat) -> str:
    # An <img> with a data: URL: no inline script or style for the CSP to refuse.
    return segno.make(perangkat.config_url, error="m").svg_data_uri(scale=4, border=2)


def _rahasia(perangkat) -> str:
    teks = b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))


@login_required
@require_http_methods(["GET", "POST"])
def setel(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, type the first code: the app is on and the recovery codes shown."""
    user = request.user
    if selectors.totp_aktif(user) is not None:
        if selectors.sudah_lolos(request):
            messages.info(request, _("Verifikasi dua langkah Anda sudah aktif."))
            return redirect("akun_dua_langkah")
        # Someone who only knows the password must not add his own device.
        return redirect(_dengan_tujuan("akun_dua_langkah_verifikasi", request))
    perangkat = services.siapkan_totp(user)
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kunci = _kunci_pembatas(request)
        if PembatasMasuk.terkunci(kunci):
            form.add_error("kode", _galat_terkunci())
        else:
            try:
                kode = services.aktifkan_totp(request, perangkat, form.cleaned_data["kode"])
            except ValidationError as e:
                if PembatasMasuk.catat_gagal(kunci):
                    form.add_error("kode", _galat_terkunci())
                else:
                    form.add_error("kode", e.messages)
            else:
                PembatasMasuk.berhasil(kunci)
                # Rendered, not redirected: the codes are shown once and never stored in clear.
                konteks = {"kode_pemulihan": kode, "lanjut": _tujuan(request), "baru": True}
                return _tanpa_cache(render(request, T + "kode_pemulihan.html", konteks))
    konteks = {
        "form": form,
        "qr": _qr_data_uri(perangkat),
        "rahasia": _rahasia(perangkat),
        "wajib": selectors.wajib_dua_langkah(user),
        "next": _tujuan(request),
    }
    status = 400 if form.errors else 200
    return _tanpa_cache(render(request, T + "setel.html", konteks, status=status))


# --- the second step at login ----------------------------------------------------------------
def _langkah_kedua(request: HttpRequest, *, pemulihan: bool) -> HttpResponse:
    user = request.user
    if selectors.sudah_lolos(request):
        return redirect(_tujuan(request))
    if selectors.totp_aktif(user) is None:
        if selectors.wajib_dua_langkah(user):
            return redirect(_dengan_tujuan("akun_dua_langkah_setel", request))
        return redirect(_tujuan(request))
    form = (KodePemulihanForm if pemulihan else KodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kunci = _kunci_pembatas(request)
        if PembatasMasuk.terkunci(kunci):
            form.add_error("kode", _galat_terkunci())
        elif services.verifikasi(request, form.cleaned_data["kode"], pemulihan=pemulihan):
            PembatasMasuk.berhasil(kunci)
            if pemulihan:
                messages.warning(
                    request,
                    _(
                        "Anda masuk dengan kode pemulihan; kode itu tidak berlaku lagi. Sisa "
                        "kode: %(n)d. Buat kode baru di halaman Verifikasi dua langkah."
                    )
                    % {"n": selectors.sisa_kode_pemulihan(user)},
                )
            return redirect(_tujuan(request))
        elif PembatasMasuk.catat_gagal(kunci):
            form.add_error("kode", _galat_terkunci())
        else:
            form.add_error(
                "kode",
                _("Kode pemulihan salah atau sudah dipakai.")
                if pemulihan
                else _("Kode salah. Ketik kode yang sedang tampil di aplikasi autentikator."),
            )
    konteks = {
        "form": form,
        "pemulihan": pemulihan,
        "next": _tujuan(request),
        "punya_kode_pemulihan": selectors.punya_kode_pemulihan(user),
    }
    status = 400 if form.errors else 200
    return _tanpa_cache(render(request, T + "verifikasi.html", konteks, status=status))


@login_required
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest) -> HttpResponse:
    return _langkah_kedua(request, pemulihan=False)


@login_required
@require_http_methods(["GET", "POST"])
def pemulihan(request: HttpRequest) -> HttpResponse:
    return _langkah_kedua(request, pemulihan=True)


# --- the overview ----------------------------------------------------------------------------
def _halaman(request: HttpRequest, form_matikan: KodeForm | None = None, status: int = 200):
    user = request.user
    perangkat = selectors.totp_aktif(user)
    konteks = {
        "perangkat": perangkat,
        "wajib": selectors.wajib_dua_langkah(user),
        "sisa_kode": selectors.sisa_kode_pemulihan(user) if perangkat else 0,
        "form_matikan": form_matikan or KodeForm(auto_id="id_matikan_%s"),
    }
    konteks["form_matikan"].fields["kode"].widget.attrs.pop("autofocus", None)
    return render(request, T + "ringkasan.html", konteks, status=status)


@login_required
def ringkasan(request: HttpRequest) -> HttpResponse:
    return _halaman(request)


@login_required
@require_http_methods(["GET", "POST"])
def kode_baru(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if selectors.totp_aktif(request.user) is None:
            raise PermissionDenied(_("Aktifkan verifikasi dua langkah terlebih dahulu."))
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Kode pemulihan baru"),
                pertanyaan=_("Buat %(n)d kode pemulihan baru?")
                % {"n": services.JUMLAH_KODE_PEMULIHAN},
                akibat=_("Kode pemulihan yang lama tidak berlaku lagi."),
                tombol=_("Ya, buat kode baru"),
                aksi=reverse("akun_dua_langkah_kode_baru"),
                kembali=reverse("akun_dua_langkah"),
            ),
        )
    kode = services.ganti_kode_pemulihan(request)
    konteks = {"kode_pemulihan": kode, "lanjut": reverse("akun_dua_langkah"), "baru": False}
    return _tanpa_cache(render(request, T + "kode_pemulihan.html", konteks))


@login_required
@require_POST
def matikan(request: HttpRequest) -> HttpResponse:
    form = KodeForm(request.POST, auto_id="id_matikan_%s")
    if form.is_valid():
        try:
            services.matikan(request, form.cleaned_data["kode"])
        except ValidationError as e:
            form.add_error("kode", e.messages)
        else:
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
            return redirect("akun_dua_langkah")
    return _halaman(request, form_matikan=form, status=400)


# --- the admin's reset -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
    pegawai = pegawai_diawasi(request.user, pk)
    kembali = reverse("akun_riwayat_pegawai", args=[pegawai.pk])
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Reset verifikasi dua langkah"),
                pertanyaan=_("Reset verifikasi dua langkah %(nama)s?")
                % {"nama": pegawai.nama_lengkap},
                akibat=_(
                    "Aplikasi autentikator dan kode pemulihannya dihapus dan semua sesinya "
                    "berakhir; saat masuk berikutnya ia menyiapkan verifikasi dua langkah lagi."
                ),
                tombol=_("Ya, reset"),
                aksi=reverse("akun_dua_langkah_reset", args=[pegawai.pk]),
                kembali=kembali,
                bahaya=True,
            ),
        )
    try:
        services.reset_oleh_admin(request.user, pegawai)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Verifikasi dua langkah %(nama)s direset.") % {"nama": pegawai.nama_lengkap},
        )
    return redirect(kembali)
