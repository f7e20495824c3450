"""The colleagues' feedback pages (issue 17, point 2): the penilai's request page (who was
asked, the count answered, the answers aggregated without names), and the asked person's
list and answer form.  The rated pegawai has no page here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from inti.formulir import terapkan_galat
from penilaian.forms.umpan_balik_rekan import JawabUmpanBalikForm, MintaUmpanBalikForm
from penilaian.models import Penilaian
from penilaian.selectors import nilai as selectors_nilai
from penilaian.selectors import umpan_balik_rekan as selectors
from penilaian.services import nilai as services_nilai
from penilaian.services import umpan_balik_rekan as services

T = "penilaian/umpan_balik/"
PER_HALAMAN = 25


@login_required
@require_http_methods(["GET", "POST"])
def umpan_balik_rekan_minta(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    pp = get_object_or_404(selectors_nilai.jendela_terlihat(request.user), pk=jendela)
    skp_obj = get_object_or_404(
        selectors_nilai.skp_wajib_dinilai(pp).select_related(
            "pegawai", "jabatan", "unit", "periode__instansi"
        ),
        pk=skp,
    )
    services_nilai.sebagai_penilai(request.user, pp, skp_obj)  # only his penilai: 403
    form = MintaUmpanBalikForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            dibuat = services.minta_umpan_balik(
                request.user, pp, skp_obj, services.pisah_nip(form.cleaned_data["nip"])
            )
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(
                request,
                ngettext(
                    "Umpan balik diminta dari %(n)s rekan kerja.",
                    "Umpan balik diminta dari %(n)s rekan kerja.",
                    len(dibuat),
                )
                % {"n": len(dibuat)},
            )
            return redirect("umpan_balik_rekan_minta", jendela=pp.pk, skp=skp_obj.pk)
    return render(
        request,
        T + "minta.html",
        {
            "pp": pp,
            "skp": skp_obj,
            "form": form,
            "ringkasan": selectors.ringkasan(pp, skp_obj),
            "maks": services_nilai.pengaturan_instansi(
                skp_obj.periode.instansi_id
            ).maks_umpan_balik_rekan,
        },
    )


@login_required
@require_GET
def umpan_balik_rekan_masuk(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        T + "masuk.html",
        {
            "page_obj": Paginator(selectors.masuk(request.user), PER_HALAMAN).get_page(
                request.GET.get("page")
            )
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def umpan_balik_rekan_jawab(request: HttpRequest, pk: int) -> HttpResponse:
    permintaan = selectors.permintaan_saya(request.user, pk)
    if permintaan is None:
        raise Http404
    status = (
        Penilaian.objects.filter(
            periode_penilaian_id=permintaan.periode_penilaian_id, skp_id=permintaan.skp_id
        )
        .values_list("status", flat=True)
        .first()
    )
    alasan = services.alasan_tutup_jawaban(permintaan, status)
    form = JawabUmpanBalikForm(
        request.POST if request.method == "POST" else None,
        initial=JawabUmpanBalikForm.awal(permintaan.jawaban),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.jawab_umpan_balik(request.user, permintaan, form.data_layanan())
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(request, _("Terima kasih, umpan balik Anda disimpan."))
            return redirect("umpan_balik_rekan_masuk")
    return render(
        request, T + "jawab.html", {"permintaan": permintaan, "form": form, "alasan": alasan}
    )
