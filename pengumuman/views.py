"""The admin's announcement pages (list, publish, change, end) and the banner's "close"."""

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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.permissions import peran

from . import rules, selectors, services
from .forms import PengumumanForm, awal_dari

PER_HALAMAN = 25


def _wajib_admin(request: HttpRequest) -> None:
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengelola pengumuman."))


def _data(form: PengumumanForm) -> services.DataPengumuman:
    d = form.cleaned_data
    return services.DataPengumuman(
        jenis=d["jenis"],
        isi=d["isi"],
        mulai=d["mulai"],
        selesai=d["selesai"],
        hari_sebelum=d["hari_sebelum"] or 0,
        unit=list(d["unit"]),
        peran=list(d["peran"]),
    )


def _simpan(form: PengumumanForm, simpan) -> bool:
    """Call the service; its errors go next to the fields."""
    try:
        simpan(_data(form))
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for nama, galat in e.error_dict.items():
                form.add_error(nama if nama in form.fields else None, galat)
        else:
            form.add_error(None, e)
        return False
    return True


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    _wajib_admin(request)
    halaman = Paginator(selectors.daftar_pengumuman(request.user), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    sekarang = timezone.now()
    for p in halaman:
        p.status_tampil = rules.status(
            sekarang,
            rules.tampil_sejak(p.jenis, p.mulai, p.hari_sebelum),
            rules.tampil_sampai(p.selesai, p.diakhiri_pada),
            p.diakhiri_pada is not None,
        )
    return render(request, "pengumuman/daftar.html", {"page_obj": halaman})


@login_required
@require_http_methods(["GET", "POST"])
def baru(request: HttpRequest) -> HttpResponse:
    _wajib_admin(request)
    unit = selectors.unit_pilihan(request.user)
    if request.method == "GET":
        sekarang = timezone.localtime().replace(second=0, microsecond=0)
        form = PengumumanForm(
            unit=unit,
            initial={"mulai": sekarang, "selesai": sekarang + timezone.timedelta(days=7)},
        )
        return render(request, "pengumuman/form.html", {"form": form})
    form = PengumumanForm(request.POST, unit=unit)
    if form.is_valid() and _simpan(form, lambda d: services.terbitkan(request.user, d)):
        messages.success(request, _("Pengumuman diterbitkan."))
        return redirect("pengumuman_daftar")
    return render(request, "pengumuman/form.html", {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    _wajib_admin(request)
    p = selectors.get_pengumuman(request.user, pk)
    unit = selectors.unit_pilihan(request.user)
    konteks = {"p": p, "riwayat": selectors.riwayat_pengumuman(p)}
    if request.method == "GET":
        form = PengumumanForm(unit=unit, initial=awal_dari(p))
        return render(request, "pengumuman/form.html", {**konteks, "form": form})
    form = PengumumanForm(request.POST, unit=unit)
    if form.is_valid() and _simpan(form, lambda d: services.ubah(request.user, p, d)):
        messages.success(request, _("Pengumuman diubah."))
        return redirect("pengumuman_daftar")
    return render(request, "pengumuman/form.html", {**konteks, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def akhiri(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: "Akhiri pengumuman?" (the confirmation); POST: end it now."""
    _wajib_admin(request)
    p = selectors.get_pengumuman(request.user, pk)
    if request.method == "GET":
        return tampilkan_konfirmasi(
            request,
            Konfirmasi(
                judul=_("Akhiri pengumuman"),
                pertanyaan=_("Akhiri pengumuman ini sekarang?"),
                rincian=[p.isi[:200]],
                akibat=_(
                    "Spanduknya langsung hilang dari semua halaman dan tidak dapat dipasang lagi."
                ),
                tombol=_("Ya, akhiri"),
                aksi=reverse("pengumuman_akhiri", args=[p.pk]),
                kembali=reverse("pengumuman_daftar"),
                bahaya=True,
            ),
        )
    services.akhiri(request.user, p)
    messages.success(request, _("Pengumuman diakhiri."))
    return redirect("pengumuman_daftar")


@require_POST
def tutup(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a banner for the rest of the session (with htmx: the banner just disappears)."""
    ditutup = set(request.session.get(selectors.KUNCI_SESI, []))
    if pk not in ditutup:
        request.session[selectors.KUNCI_SESI] = sorted(ditutup | {pk})[-50:]
    if getattr(request, "htmx", False):
        return HttpResponse("")
    tujuan = request.POST.get("kembali") or ""
    if not url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        tujuan = reverse("beranda") if request.user.is_authenticated else reverse("masuk")
    return redirect(tujuan)
