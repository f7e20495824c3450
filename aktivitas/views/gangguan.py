"""The admin's outage pages: the list with the declaration form, and withdrawing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aktivitas.forms.gangguan import GangguanForm
from aktivitas.services import gangguan as services_gangguan
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from kalender.selectors import daftar_gangguan
from kalender.services import sebagai_penyata_gangguan

PER_HALAMAN = 25


def _halaman(request: HttpRequest, form: GangguanForm, status: int = 200) -> HttpResponse:
    halaman = Paginator(daftar_gangguan(request.user), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "aktivitas/gangguan/daftar.html",
        {"page_obj": halaman, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    sebagai_penyata_gangguan(request.user)  # 403 before anything
    if request.method == "GET":
        return _halaman(request, GangguanForm())
    form = GangguanForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services_gangguan.nyatakan(request.user, d["mulai"], d["selesai"], d["alasan"])
        except ValidationError as e:
            for nama, galat in getattr(e, "error_dict", {None: e.error_list}).items():
                form.add_error(nama if nama in form.fields else None, galat)
        else:
            messages.success(
                request,
                _("Gangguan layanan dicatat. Keterlambatan pada hari-hari itu tidak dihitung."),
            )
            return redirect("gangguan_daftar")
    return _halaman(request, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation; POST: withdraw a declaration made in error."""
    sebagai_penyata_gangguan(request.user)
    g = get_object_or_404(daftar_gangguan(request.user), pk=pk)
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Hapus gangguan layanan"),
                pertanyaan=_("Hapus pernyataan gangguan %(mulai)s sampai %(selesai)s?")
                % {
                    "mulai": g.mulai.strftime("%d-%m-%Y"),
                    "selesai": g.selesai.strftime("%d-%m-%Y"),
                },
                rincian=[g.alasan],
                akibat=_(
                    "Batas pengisian kembali seperti semula untuk isian berikutnya. Keterlambatan "
                    "yang sudah dihapus karena gangguan ini tidak dikembalikan."
                ),
                tombol=_("Ya, hapus"),
                aksi=reverse("gangguan_hapus", args=[g.pk]),
                kembali=reverse("gangguan_daftar"),
                bahaya=True,
            ),
        )
    try:
        services_gangguan.hapus(request.user, g)
    except PermissionDenied as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Pernyataan gangguan layanan dihapus."))
    return redirect("gangguan_daftar")
