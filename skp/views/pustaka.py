"""The RHK library pages (skp/pustaka/) and its use from an SKP.

The library is kept by operators (jabatan of their units and sub-units) and by the admin
instansi (the whole instansi); others get 403 on its pages, and an entry outside the user's
reach answers 404.  Any user who may edit an SKP (the pegawai, or an operator for him) uses an
entry of the SKP's own jabatan with ``skp_pakai_pustaka``; the rights are the SKP's, checked
by the services.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pegawai.permissions import peran
from pegawai.selectors.organisasi import unit_terlihat
from skp import selectors
from skp.forms.pustaka import PustakaFilterForm, PustakaForm, indikator_formset
from skp.models import PustakaRhk, Skp
from skp.services import pustaka as services_pustaka

T = "skp/pustaka/"
PER_HALAMAN = 25


def pengelola_pustaka(view: Callable) -> Callable:
    """Logged in, and operator or admin instansi; anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        p = peran(request.user)
        if not (p.is_admin or p.is_operator):
            raise PermissionDenied(_("Pustaka RHK dikelola oleh operator unit dan admin instansi."))
        return view(request, *args, **kwargs)

    return wrapper


def _jabatan(request: HttpRequest):
    return selectors.jabatan_pustaka(request.user).order_by("unit__path", "path")


@pengelola_pustaka
@require_GET
def pustaka_daftar(request: HttpRequest) -> HttpResponse:
    user = request.user
    filter_form = PustakaFilterForm(
        request.GET, units=unit_terlihat(user).order_by("path"), jabatan=_jabatan(request)
    )
    qs = selectors.pustaka_kelola(
        user,
        unit=filter_form.nilai("unit"),
        jabatan=filter_form.nilai("jabatan"),
        cari=filter_form.nilai("q", ""),
    )
    disaring = any(request.GET.get(k) for k in ("unit", "jabatan", "q"))
    return render(
        request,
        T + "daftar.html",
        {
            "filter_form": filter_form,
            "disaring": disaring,
            "page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page")),
        },
    )


@pengelola_pustaka
def pustaka_tambah(request: HttpRequest) -> HttpResponse:
    awal = {}
    if request.GET.get("jabatan", "").isdigit():
        awal["jabatan"] = request.GET["jabatan"]
    return _form(request, PustakaRhk(), awal)


@pengelola_pustaka
def pustaka_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pustaka = get_object_or_404(selectors.pustaka_kelola(request.user), pk=pk)
    return _form(request, pustaka)


def _form(request: HttpRequest, pustaka: PustakaRhk, awal: dict | None = None) -> HttpResponse:
    baru = pustaka.pk is None
    data = request.POST if request.method == "POST" else None
    form = PustakaForm(data, instance=pustaka, initial=awal, jabatan=_jabatan(request))
    formset = indikator_formset(data, awal=[] if baru else pustaka.indikator)
    # Both are validated so that every error shows at once.
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        form.instance.indikator = formset.daftar()
        try:
            services_pustaka.simpan_pustaka(request.user, form.instance)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            if baru:
                pesan = _("RHK ditambahkan ke pustaka jabatan %(jabatan)s.")
            else:
                pesan = _("Pustaka RHK jabatan %(jabatan)s disimpan.")
            messages.success(request, pesan % {"jabatan": form.instance.jabatan.nama})
            return redirect(reverse("pustaka_daftar") + f"?jabatan={form.instance.jabatan_id}")
    return render(request, T + "form.html", {"form": form, "formset": formset, "baru": baru})


def _galat_ke_form(form, galat: ValidationError) -> None:
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat.messages)
        return
    for kunci, daftar in galat.message_dict.items():
        form.add_error(kunci if kunci in form.fields else None, daftar)


@pengelola_pustaka
@require_POST
def pustaka_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    pustaka = get_object_or_404(selectors.pustaka_kelola(request.user), pk=pk)
    jabatan = pustaka.jabatan
    services_pustaka.hapus_pustaka(request.user, pustaka)
    messages.success(
        request, _("RHK dihapus dari pustaka jabatan %(jabatan)s.") % {"jabatan": jabatan.nama}
    )
    return redirect(reverse("pustaka_daftar") + f"?jabatan={jabatan.pk}")


# --- using an entry in an SKP ---------------------------------------------------------------
def _kembali(request: HttpRequest, skp: Skp) -> str:
    """Where to go after use: ``next`` when it is ours, else the SKP's page."""
    tujuan = request.POST.get("next", "")
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return reverse("skp_detail", args=[skp.pk])


@login_required
@require_POST
def skp_pakai_pustaka(request: HttpRequest, pk: int, skp_id: int) -> HttpResponse:
    skp = get_object_or_404(selectors.skp_terlihat(request.user), pk=skp_id)
    pustaka = get_object_or_404(selectors.pustaka_untuk_skp(skp), pk=pk)
    try:
        services_pustaka.pakai_pustaka(
            request.user, skp, pustaka, perspektif=request.POST.get("perspektif", "")
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if skp.is_jpt:
            pesan = _(
                "RHK dari pustaka ditambahkan sebagai RHK utama. Sesuaikan targetnya bila perlu."
            )
        else:
            pesan = _(
                "RHK dari pustaka ditambahkan sebagai RHK utama. Pilih RHK atasan yang "
                "diintervensi dan sesuaikan targetnya bila perlu."
            )
        messages.success(request, pesan)
    return redirect(_kembali(request, skp))
