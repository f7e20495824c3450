"""Pages of the distribution curve: the predikat kinerja organisasi per unit (admin)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pegawai.models import UnitKerja

from . import services_kurva
from .forms_kurva import PredikatOrganisasiForm
from .models import PredikatKinerjaOrganisasi
from .views import admin_instansi

PER_HALAMAN = 50


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun") or request.POST.get("tahun"))
    except (TypeError, ValueError):
        return timezone.localdate().year


@admin_instansi
@require_GET
def predikat_organisasi(request):
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    tahun = _tahun(request)
    halaman = Paginator(
        UnitKerja.objects.filter(instansi_id=request.user.instansi_id).order_by("path"),
        PER_HALAMAN,
    ).get_page(request.GET.get("page"))
    ada = {
        po.unit_id: po
        for po in PredikatKinerjaOrganisasi.objects.filter(
            tahun=tahun, unit__in=list(halaman.object_list)
        )
    }
    baris = [
        (
            u,
            ada.get(u.pk),
            PredikatOrganisasiForm(
                initial={"predikat": ada[u.pk].predikat, "catatan": ada[u.pk].catatan}
                if u.pk in ada
                else None,
                prefix=f"u{u.pk}",
            ),
        )
        for u in halaman.object_list
    ]
    return render(
        request,
        "penilaian/kurva/predikat.html",
        {"tahun": tahun, "halaman": halaman, "page_obj": halaman, "baris": baris},
    )


@admin_instansi
@require_POST
def predikat_organisasi_tetapkan(request, unit: int):
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    u = get_object_or_404(UnitKerja, pk=unit, instansi_id=request.user.instansi_id)
    tahun = _tahun(request)
    form = PredikatOrganisasiForm(request.POST, prefix=f"u{u.pk}")
    if not form.is_valid():
        for e in form.errors.values():
            messages.error(request, f"{u.nama}: {' '.join(e)}")
    else:
        try:
            services_kurva.tetapkan_predikat_organisasi(
                request.user, u, tahun, form.cleaned_data["predikat"], form.cleaned_data["catatan"]
            )
        except ValidationError as e:
            messages.error(request, f"{u.nama}: {' '.join(e.messages)}")
        else:
            messages.success(
                request, _("Predikat organisasi %(unit)s disimpan.") % {"unit": u.nama}
            )
    return redirect(f"{reverse('predikat_organisasi')}?tahun={tahun}")
