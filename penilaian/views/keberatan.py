"""Objection pages: file one on an annual rating, "Keberatan" (mine and incoming), the
decision page and the read-only detail.  Scoped selector (foreign → 404) → service
(no right → 403) → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inti.unduhan import kirim_berkas_dokumen
from pegawai.models import Riwayat
from penilaian.forms.keberatan import AjukanKeberatanForm, PutuskanKeberatanForm
from penilaian.models import Keberatan, Penilaian
from penilaian.selectors.keberatan import keberatan_masuk, keberatan_saya, keberatan_terlihat
from penilaian.selectors.nilai import penilaian_terlihat
from penilaian.services import dokumen as dok_service
from penilaian.services import keberatan as svc
from skp.services import penyusunan as skp_services

T = "penilaian/keberatan/"
PER_HALAMAN = 25


def _galat_ke_form(form, galat: ValidationError) -> None:
    if hasattr(galat, "error_dict"):
        for field, errs in galat.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, galat)


@login_required
@require_GET
def keberatan_daftar(request: HttpRequest) -> HttpResponse:
    saya = Paginator(keberatan_saya(request.user), PER_HALAMAN).get_page(request.GET.get("page"))
    masuk = Paginator(keberatan_masuk(request.user), PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, T + "daftar.html", {"saya": saya, "masuk": masuk})


@login_required
@require_http_methods(["GET", "POST"])
def keberatan_ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_object_or_404(penilaian_terlihat(request.user), pk=pk)
    hari_ini = skp_services.hari_ini()
    svc_error = None
    try:
        svc.periksa_boleh_ajukan(request.user, penilaian, hari_ini)
    except ValidationError as e:
        svc_error = e
    if hasattr(penilaian, "keberatan"):
        return redirect("keberatan_detail", penilaian.keberatan.pk)
    form = AjukanKeberatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            k = svc.ajukan_keberatan(request.user, penilaian, form.cleaned_data["alasan"], hari_ini)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, _("Keberatan diajukan."))
            return redirect("keberatan_detail", k.pk)
    return render(
        request,
        T + "ajukan.html",
        {
            "penilaian": penilaian,
            "form": form,
            "tertutup": svc_error,
            "batas": svc.batas_keberatan(penilaian),
        },
    )


def _riwayat(keberatan: Keberatan):
    ct_k = ContentType.objects.get_for_model(Keberatan)
    ct_p = ContentType.objects.get_for_model(Penilaian)
    return (
        Riwayat.objects.filter(
            Q(content_type=ct_k, object_id=keberatan.pk)
            | Q(content_type=ct_p, object_id=keberatan.penilaian_id)
        )
        .select_related("pelaku")
        .order_by("waktu")
    )


@login_required
@require_GET
def keberatan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_object_or_404(keberatan_terlihat(request.user), pk=pk)
    return render(request, T + "detail.html", {"k": k, "riwayat": _riwayat(k)})


@login_required
@require_http_methods(["GET", "POST"])
def keberatan_putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_object_or_404(keberatan_terlihat(request.user), pk=pk)
    svc.sebagai_pemutus(request.user, k)  # PermissionDenied → 403
    if k.status != Keberatan.Status.DIAJUKAN:
        messages.info(request, _("Keberatan ini sudah diputus."))
        return redirect("keberatan_detail", k.pk)
    form = PutuskanKeberatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            svc.putuskan_keberatan(
                request.user,
                k,
                d["keputusan"],
                d["alasan_keputusan"],
                d["rating_hasil_kerja"] or None,
                d["rating_perilaku"] or None,
            )
        except ValidationError as e:
            _galat_ke_form(form, e)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Keputusan atas keberatan disimpan."))
            return redirect("keberatan_detail", k.pk)
    return render(request, T + "putuskan.html", {"k": k, "form": form, "riwayat": _riwayat(k)})


# --- the signed evaluation document ---------------------------------------------------------
@login_required
@require_GET
def penilaian_dokumen(request: HttpRequest, pk: int) -> FileResponse:
    """The signed evaluation PDF of a FINAL rating the user may see; made now if the
    background task has not run (broker down)."""
    qs = penilaian_terlihat(request.user).filter(status=Penilaian.Status.FINAL)
    penilaian = get_object_or_404(qs, pk=pk)
    dok = dok_service.dokumen_berlaku(penilaian) or dok_service.terbitkan_dokumen_evaluasi(
        penilaian.pk
    )
    return kirim_berkas_dokumen(dok, dok_service.nama_berkas(penilaian))
