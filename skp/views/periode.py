"""The admin instansi's period pages (skp/periode/): list, open a year, close / reopen.

Only an admin instansi (his own instansi) or a superuser (any, choosing the instansi) gets in;
everyone else gets 403, and a period of another instansi answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.permissions import peran
from pegawai.selectors.organisasi import instansi_kelola
from skp import selectors
from skp.forms.periode import BukaPeriodeForm, StatusPeriodeForm
from skp.models import Periode, Skp
from skp.services import penyusunan as services

T = "skp/periode/"
PER_HALAMAN = 25


def admin_instansi(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not peran(request.user).is_admin:
            raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
        return view(request, *args, **kwargs)

    return wrapper


@admin_instansi
@require_GET
def periode_daftar(request: HttpRequest) -> HttpResponse:
    qs = (
        selectors.periode_terlihat(request.user)
        .annotate(jumlah_skp=Count("skp"))
        .order_by("instansi__nama", "-tahun")
    )
    return render(
        request,
        T + "daftar.html",
        {
            "page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page")),
            "Status": Periode.Status,
            "banyak_instansi": request.user.is_superuser,
        },
    )


@admin_instansi
def periode_buka(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = BukaPeriodeForm(
        request.POST if request.method == "POST" else None,
        instansi_pilihan=instansi_kelola(user).order_by("nama") if user.is_superuser else None,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            periode = services.buka_periode(
                user,
                data.get("instansi") or user.instansi,
                data["tahun"],
                mulai=data["mulai"],
                selesai=data["selesai"],
                batas_penetapan_skp=data["batas_penetapan_skp"],
                nama=data["nama"],
            )
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(
                request,
                _("%(nama)s dibuka. Batas penetapan SKP: %(batas)s.")
                % {"nama": periode.nama, "batas": periode.batas_penetapan_skp.strftime("%d-%m-%Y")},
            )
            return redirect("periode_daftar")
    return render(request, T + "buka.html", {"form": form})


@admin_instansi
@require_http_methods(["GET", "POST"])
def periode_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Close or reopen a period.  Closing asks first (GET: the confirmation, in numbers)."""
    periode = get_object_or_404(selectors.periode_terlihat(request.user), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    form = StatusPeriodeForm(data, periode=periode)
    if not form.is_valid():
        ulang = data.get("status") == periode.status  # a repeated POST: the first one did it
        for galat in form.errors.get("status", []):
            (messages.info if ulang else messages.error)(request, galat)
        return redirect("periode_daftar")
    status = form.cleaned_data["status"]
    if request.method == "GET":
        if status != Periode.Status.DITUTUP:
            return redirect("periode_daftar")  # reopening is undone by closing: no question
        return _konfirmasi_tutup(request, periode)
    periode = services.ubah_status_periode(request.user, periode, status)
    if periode.status == Periode.Status.DITUTUP:
        pesan = _("%(nama)s ditutup: SKP baru tidak dapat dibuat di periode ini.")
    else:
        pesan = _("%(nama)s dibuka kembali.")
    messages.success(request, pesan % {"nama": periode.nama})
    return redirect("periode_daftar")


def _konfirmasi_tutup(request: HttpRequest, periode: Periode) -> HttpResponse:
    per_status = {
        r["status"]: r["n"] for r in periode.skp.order_by().values("status").annotate(n=Count("pk"))
    }
    rincian = [
        _("%(status)s: %(n)s SKP") % {"status": label, "n": per_status[nilai]}
        for nilai, label in Skp.Status.choices
        if per_status.get(nilai)
    ]
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Tutup periode"),
            pertanyaan=_("Tutup %(nama)s dengan %(n)s SKP?")
            % {"nama": periode.nama, "n": sum(per_status.values())},
            akibat=_(
                "Selama ditutup, SKP baru tidak dapat dibuat di periode ini. Periode dapat "
                "dibuka kembali dari halaman ini."
            ),
            tombol=_("Ya, tutup"),
            aksi=reverse("periode_status", args=[periode.pk]),
            kembali=reverse("periode_daftar"),
            data=[("status", Periode.Status.DITUTUP)],
            rincian=rincian,
        ),
    )


def _galat_ke_form(form, galat: ValidationError) -> None:
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat.messages)
        return
    for kunci, daftar in galat.message_dict.items():
        form.add_error(kunci if kunci in form.fields else None, daftar)
