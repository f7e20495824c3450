"""The SIASN synchronisation pages of the admin instansi: thin, over services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi

from . import rules, selectors
from .forms import SumberForm, TolakForm, UnggahForm
from .models import SinkronSiasn, SumberSiasn
from .services import sinkron as services
from .services import sumber as services_sumber

PER_HALAMAN = 25
LABEL_JENIS = {
    "baru": gettext_lazy("Baru"),
    "pindah": gettext_lazy("Pindah unit"),
    "berubah": gettext_lazy("Berubah"),
    "keluar": gettext_lazy("Tidak ada lagi di SIASN"),
    "unit_baru": gettext_lazy("Unit baru"),
    "unit_berubah": gettext_lazy("Unit berubah"),
    "kesalahan": gettext_lazy("Kesalahan"),
}


def admin_sinkron(view: Callable) -> Callable:
    """Logged in, and admin of his own instansi; anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not selectors.boleh_sinkron(request.user):
            raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
        return view(request, *args, **kwargs)

    return wrapper


def _batch(request: HttpRequest, pk: int) -> SinkronSiasn:
    try:
        return selectors.detail_batch(request.user, pk)
    except SinkronSiasn.DoesNotExist:
        raise Http404(_("Sinkronisasi tidak ditemukan.")) from None


@admin_sinkron
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    form = UnggahForm()
    if request.method == "POST":
        form = UnggahForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            try:
                batch = services.periksa_berkas(
                    request.user, request.user.instansi, berkas.read(), berkas.name
                )
            except services.SumberDitolak as e:
                form.add_error("berkas", str(e))
            else:
                return redirect("sinkron_detail", pk=batch.pk)
    halaman = Paginator(selectors.daftar_batch(request.user), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "sinkron/daftar.html",
        {
            "form": form,
            "page_obj": halaman,
            "sumber": selectors.sumber_instansi(request.user.instansi_id),
            "kolom": rules.KOLOM_SIASN,
            "kolom_wajib": rules.KOLOM_WAJIB_SIASN,
        },
    )


@admin_sinkron
@require_http_methods(["GET", "POST"])
def sumber(request: HttpRequest) -> HttpResponse:
    ada = selectors.sumber_instansi(request.user.instansi_id)
    instance = ada or SumberSiasn(instansi=request.user.instansi)
    form = SumberForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services_sumber.simpan_sumber(
                request.user, form.instance, rahasia_baru=form.cleaned_data["rahasia_baru"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Sumber SIASN disimpan."))
            return redirect("sinkron_sumber")
    return render(request, "sinkron/sumber.html", {"form": form, "sumber": ada})


@admin_sinkron
@require_POST
def sumber_ambil(request: HttpRequest) -> HttpResponse:
    ada = selectors.sumber_instansi(request.user.instansi_id)
    if ada is None:
        messages.error(request, _("Atur sumber SIASN dahulu."))
        return redirect("sinkron_sumber")
    try:
        batch = services_sumber.periksa_sumber(request.user, ada)
    except services.SumberDitolak as e:
        messages.error(request, str(e))
        return redirect("sinkron_sumber")
    return redirect("sinkron_detail", pk=batch.pk)


@admin_sinkron
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    jumlah = {
        "baru": batch.jumlah_baru,
        "pindah": batch.jumlah_pindah,
        "berubah": batch.jumlah_berubah,
        "keluar": batch.jumlah_keluar,
        "unit_baru": batch.jumlah_unit_baru,
        "unit_berubah": batch.jumlah_unit_berubah,
        "kesalahan": batch.jumlah_kesalahan,
    }
    jenis = request.GET.get("jenis", "")
    if jenis not in jumlah:
        jenis = next((k for k, n in jumlah.items() if n), "baru")
    isi = batch.kesalahan if jenis == "kesalahan" else batch.selisih.get(jenis, [])
    halaman = Paginator(isi, PER_HALAMAN).get_page(request.GET.get("page"))
    halaman.object_list = [_berlabel(x) for x in halaman.object_list]
    menunggu = batch.status == SinkronSiasn.Status.MENUNGGU
    return render(
        request,
        "sinkron/detail.html",
        {
            "batch": batch,
            "jenis": jenis,
            "tab": [(k, LABEL_JENIS[k], n) for k, n in jumlah.items()],
            "page_obj": halaman,
            "menunggu": menunggu,
            "basi": menunggu and selectors.basi(batch),
        },
    )


def _berlabel(entri: dict) -> dict:
    if "perubahan" not in entri:
        return entri
    return entri | {
        "perubahan": [
            u | {"label": rules.LABEL_BIDANG.get(u["bidang"], u["bidang"])}
            for u in entri["perubahan"]
        ]
    }


@admin_sinkron
@require_http_methods(["GET", "POST"])
def setujui(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Terapkan sinkronisasi SIASN"),
                pertanyaan=_(
                    "Terapkan %(baru)d pegawai baru, %(pindah)d pindah unit, %(berubah)d "
                    "berubah, dan tandai %(keluar)d pegawai berhenti?"
                )
                % {
                    "baru": batch.jumlah_baru,
                    "pindah": batch.jumlah_pindah,
                    "berubah": batch.jumlah_berubah,
                    "keluar": batch.jumlah_keluar,
                },
                akibat=_(
                    "Semua perubahan disimpan sekaligus atau tidak sama sekali. Penugasan lama "
                    "berakhir kemarin; pegawai yang tidak ada lagi di SIASN tidak dapat masuk."
                ),
                tombol=_("Ya, terapkan"),
                aksi=reverse("sinkron_setujui", args=[batch.pk]),
                kembali=reverse("sinkron_detail", args=[batch.pk]),
                bahaya=True,
            ),
        )
    try:
        batch = services.setujui(request.user, batch.pk)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if batch.status == SinkronSiasn.Status.DITERAPKAN:
            messages.success(request, _("Sinkronisasi SIASN diterapkan."))
        else:
            messages.error(request, batch.pesan)
    return redirect("sinkron_detail", pk=pk)


@admin_sinkron
@require_http_methods(["GET", "POST"])
def tolak(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = TolakForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Tolak sinkronisasi SIASN"),
                pertanyaan=_("Tolak selisih ini? Tidak ada data yang diubah."),
                akibat=_("Selisih yang ditolak tidak dapat diterapkan lagi; ambil data baru."),
                tombol=_("Ya, tolak"),
                aksi=reverse("sinkron_tolak", args=[batch.pk]),
                kembali=reverse("sinkron_detail", args=[batch.pk]),
                form=form,
            ),
        )
    try:
        services.tolak(request.user, batch.pk, form.cleaned_data["alasan"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Sinkronisasi SIASN ditolak."))
    return redirect("sinkron_detail", pk=pk)


@admin_sinkron
@require_POST
def hitung_ulang(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        services.hitung_ulang(request.user, batch.pk)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Selisih dihitung ulang terhadap data hari ini."))
    return redirect("sinkron_detail", pk=pk)
