"""The kuasa pengisian pages (aktivitas/kuasa/): give a colleague the right to enter one's
activities for a period, see and revoke the kuasa given and received, and — for an operator or
an admin instansi — the kuasa of the pegawai of his units.

Thin views: parse → :mod:`aktivitas.services.kuasa` or :mod:`aktivitas.selectors.kuasa` →
render.  Revoking asks first (inti/konfirmasi.py).  A kuasa the user may not see answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aktivitas.forms.kuasa import BeriKuasaForm
from aktivitas.models import Kuasa
from aktivitas.selectors import kuasa as selectors_kuasa
from aktivitas.selectors.kuasa import SEBAGAI_KUASA
from aktivitas.services import kuasa as services_kuasa
from inti.formulir import terapkan_galat
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.models import Pegawai, Riwayat

T = "aktivitas/kuasa/"
PER_HALAMAN = 25
DITERIMA_MAKS = 25  # kuasa in force given to one person: a handful, bounded anyway


def konteks_kuasa(user, pegawai: Pegawai, sebagai: str) -> dict:
    """What a filling page (day, week, month, change) says about who fills in: the operator's
    and the delegate's banners, and — for anyone looking at someone else's page — the kuasa in
    force the pegawai gave (one query, only then)."""
    lain = pegawai.pk != user.pk
    return {
        "atas_nama": sebagai == Riwayat.Sebagai.OPERATOR,
        "atas_kuasa": sebagai == SEBAGAI_KUASA,
        "kuasa_pegawai": (
            selectors_kuasa.kuasa_berlaku_dari([pegawai.pk]).get(pegawai.pk, []) if lain else []
        ),
    }


def _tandai(daftar, user) -> list[Kuasa]:
    """Each kuasa with its state today and whether the user may revoke it."""
    hari_ini = services_kuasa.hari_ini()
    hasil = list(daftar)
    for k in hasil:
        k.keadaan_kini = k.keadaan(hari_ini)
        k.boleh_cabut = services_kuasa.boleh_cabut(user, k)
    return hasil


@login_required
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """The user's kuasa: the form to give one, those he gave (paginated), those he holds."""
    user = request.user
    hari_ini = timezone.localdate()
    form = BeriKuasaForm(request.POST or None, initial={"mulai": hari_ini})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                kuasa = services_kuasa.beri_kuasa(
                    user, d["penerima"], d["mulai"], d["selesai"], d["keperluan"]
                )
            except ValidationError as e:
                terapkan_galat(form, e)
            except PermissionDenied as e:
                form.add_error(None, str(e))
            else:
                messages.success(
                    request,
                    _("Kuasa pengisian diberikan kepada %(nama)s sampai %(selesai)s.")
                    % {
                        "nama": kuasa.penerima.nama_lengkap,
                        "selesai": kuasa.selesai.strftime("%d-%m-%Y"),
                    },
                )
                return redirect("aktivitas_kuasa")
        status = 400
    diberikan = Paginator(selectors_kuasa.kuasa_diberikan(user), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    diterima = selectors_kuasa.kuasa_diterima(user).filter(selesai__gte=hari_ini)
    konteks = {
        "form": form,
        "boleh_beri": user.instansi_id is not None,
        "page_obj": diberikan,
        "diberikan": _tandai(diberikan.object_list, user),
        "diterima": _tandai(diterima[:DITERIMA_MAKS], user),
        "hari_ini": hari_ini,
        "boleh_lihat_unit": selectors_kuasa.boleh_lihat_kuasa_unit(user),
    }
    return render(request, T + "daftar.html", konteks, status=status)


@login_required
@require_GET
def unit(request: HttpRequest) -> HttpResponse:
    """For an operator or an admin instansi: the kuasa of the pegawai he oversees."""
    user = request.user
    if not selectors_kuasa.boleh_lihat_kuasa_unit(user):
        raise PermissionDenied(_("Halaman ini untuk operator unit dan admin instansi."))
    semua = request.GET.get("semua") == "1"
    qs = selectors_kuasa.kuasa_unit(user, hanya_berlaku=not semua)
    page_obj = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(
        request,
        T + "unit.html",
        {"page_obj": page_obj, "baris": _tandai(page_obj.object_list, user), "semua": semua},
    )


def _kembali(request: HttpRequest) -> str:
    tujuan = request.POST.get("kembali") or request.GET.get("kembali") or ""
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return reverse("aktivitas_kuasa")


@login_required
@require_http_methods(["GET", "POST"])
def cabut(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: "Cabut kuasa X?" (the confirmation); POST: revoke it now."""
    kuasa = selectors_kuasa.get_kuasa(request.user, pk)
    services_kuasa.sebagai_pencabut(request.user, kuasa)  # no right: 403 before anything
    kembali = _kembali(request)
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Cabut kuasa pengisian"),
                pertanyaan=_("Cabut kuasa %(pemberi)s kepada %(penerima)s?")
                % {
                    "pemberi": kuasa.pemberi.nama_lengkap,
                    "penerima": kuasa.penerima.nama_lengkap,
                },
                rincian=[
                    _("Berlaku %(mulai)s sampai %(selesai)s")
                    % {
                        "mulai": kuasa.mulai.strftime("%d-%m-%Y"),
                        "selesai": kuasa.selesai.strftime("%d-%m-%Y"),
                    }
                ],
                akibat=_(
                    "Sejak saat ini %(penerima)s tidak dapat lagi mengisi atau mengubah aktivitas "
                    "dan draf realisasi %(pemberi)s. Isian yang sudah dibuat tetap tercatat."
                )
                % {
                    "pemberi": kuasa.pemberi.nama_lengkap,
                    "penerima": kuasa.penerima.nama_lengkap,
                },
                tombol=_("Ya, cabut"),
                aksi=reverse("aktivitas_kuasa_cabut", args=[kuasa.pk]),
                kembali=kembali,
                data=[("kembali", kembali)],
                bahaya=True,
            ),
        )
    try:
        services_kuasa.cabut_kuasa(request.user, kuasa)
    except ValidationError as e:
        # A repeated POST of the same confirmation finds it revoked already.
        messages.info(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Kuasa kepada %(nama)s dicabut.") % {"nama": kuasa.penerima.nama_lengkap},
        )
    return redirect(kembali)
