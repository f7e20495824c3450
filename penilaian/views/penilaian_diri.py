"""The pegawai's self-assessment pages (issue 17, point 1): the windows running now and the
form of one window.  Thin: scoped selector (not his SKP → 404) → service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inti.formulir import terapkan_galat
from penilaian.forms.penilaian_diri import PenilaianDiriForm
from penilaian.selectors import nilai as selectors_nilai
from penilaian.selectors import penilaian_diri as selectors
from penilaian.services import penilaian_diri as services
from skp.services import penyusunan as skp_services

T = "penilaian/diri/"


@login_required
@require_GET
def penilaian_diri_daftar(request: HttpRequest) -> HttpResponse:
    aktif = request.user.instansi_id is not None and selectors.aktif(request.user.instansi_id)
    baris = selectors.jendela_penilaian_diri(request.user, skp_services.hari_ini()) if aktif else []
    return render(request, T + "daftar.html", {"baris": baris, "aktif": aktif})


@login_required
@require_http_methods(["GET", "POST"])
def penilaian_diri_isi(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    pp = get_object_or_404(selectors_nilai.jendela_terlihat(request.user), pk=jendela)
    skp_obj = selectors.skp_penilaian_diri(request.user, pp, skp)
    if skp_obj is None:
        raise Http404
    bahan = selectors.bahan_diri(pp, skp_obj)
    diri = selectors.penilaian_diri(pp, skp_obj)
    alasan = services.alasan_tutup(pp, skp_obj, skp_obj.status_penilaian)
    form = PenilaianDiriForm(
        request.POST if request.method == "POST" else None,
        initial=PenilaianDiriForm.awal(diri),
        bahan=bahan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_penilaian_diri(request.user, pp, skp_obj, form.data_layanan())
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(
                request,
                _("Penilaian diri disimpan; pejabat penilai dapat membacanya saat menilai."),
            )
            return redirect("penilaian_diri_isi", jendela=pp.pk, skp=skp_obj.pk)
    return render(
        request,
        T + "isi.html",
        {
            "pp": pp,
            "skp": skp_obj,
            "bahan": bahan,
            "form": form,
            "alasan": alasan,
            "tampilan": selectors.tampilan(diri, bahan) if alasan else None,
        },
    )
