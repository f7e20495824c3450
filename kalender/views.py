"""The workday calendar pages (admin): list per year, add, delete, import the SKB list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.ekspor import respons_tabel
from kalender import services as svc
from kalender.forms import ImporLiburForm, LiburForm
from kalender.models import HariLibur


def _tahun(request: HttpRequest) -> int:
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or 0)
    except ValueError:
        tahun = 0
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year


def _terlihat(user):
    return HariLibur.objects.filter(Q(instansi__isnull=True) | Q(instansi_id=user.instansi_id))


def _halaman(request, form=None, form_impor=None, hasil=None, status=200):
    tahun = _tahun(request)
    return render(
        request,
        "kalender/daftar.html",
        {
            "tahun": tahun,
            "daftar": _terlihat(request.user).filter(tanggal__year=tahun).order_by("tanggal"),
            "form": form or LiburForm(),
            "form_impor": form_impor or ImporLiburForm(),
            "hasil": hasil,
            "boleh_nasional": svc.boleh_ubah_nasional(request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def libur_daftar(request: HttpRequest) -> HttpResponse:
    svc.wajib_admin(request.user)
    if request.method == "GET":
        return _halaman(request)
    form = LiburForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            svc.simpan_libur(request.user, d["tanggal"], d["nama"], d["jenis"])
        except PermissionDenied as e:
            form.add_error("jenis", str(e))
        else:
            messages.success(request, _("Hari libur disimpan."))
            return redirect(f"{reverse('libur_daftar')}?tahun={d['tanggal'].year}")
    return _halaman(request, form=form, status=400)


@login_required
@require_POST
def libur_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    svc.wajib_admin(request.user)
    libur = get_object_or_404(_terlihat(request.user), pk=pk)
    svc.hapus_libur(request.user, libur)
    messages.success(request, _("Hari libur dihapus."))
    return redirect(f"{reverse('libur_daftar')}?tahun={libur.tanggal.year}")


@login_required
@require_POST
def libur_impor(request: HttpRequest) -> HttpResponse:
    svc.wajib_admin(request.user)
    form = ImporLiburForm(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman(request, form_impor=form, status=400)
    berkas = form.cleaned_data["berkas"]
    hasil = svc.impor_libur(
        request.user, berkas.read(), berkas.name, terapkan=form.cleaned_data["terapkan"]
    )
    if hasil.diterapkan:
        messages.success(request, _("%(n)s hari libur diimpor.") % {"n": len(hasil.baris)})
        return redirect(reverse("libur_daftar"))
    return _halaman(request, form_impor=form, hasil=hasil, status=200 if hasil.berhasil else 400)


@login_required
@require_GET
def libur_templat(request: HttpRequest) -> HttpResponse:
    svc.wajib_admin(request.user)
    contoh = [["2026-01-01", "Tahun Baru Masehi (contoh)", "libur_nasional"]]
    return respons_tabel("templat-hari-libur", "csv", svc.KOLOM_LIBUR, contoh)
