"""The notification centre: list (unread first), mark one/all read (htmx + plain POST)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from notifikasi import selectors
from notifikasi.services import kirim as services
from pegawai.permissions import is_admin_instansi

from .forms import PengaturanPengingatForm
from .models import JENIS_WAJIB, Jenis, Notifikasi, PreferensiNotifikasi


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    halaman = Paginator(selectors.notifikasi_saya(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifikasi/daftar.html",
        {"page_obj": halaman, "notifikasi": halaman.object_list},
    )


@login_required
@require_POST
def baca(request: HttpRequest, pk: int) -> HttpResponse:
    n = get_object_or_404(Notifikasi, pk=pk, penerima=request.user)  # another's → 404
    services.tandai_dibaca(request.user, n.pk)
    n.refresh_from_db()
    if request.htmx:
        return render(request, "notifikasi/daftar.html#baris", {"n": n})
    return redirect("notifikasi_daftar")


@login_required
@require_POST
def baca_semua(request: HttpRequest) -> HttpResponse:
    jumlah = services.tandai_dibaca(request.user)
    messages.success(request, _("%(n)d notifikasi ditandai sudah dibaca.") % {"n": jumlah})
    return redirect("notifikasi_daftar")


@login_required
@require_http_methods(["GET", "POST"])
def preferensi(request: HttpRequest) -> HttpResponse:
    """Per kind: in-app and e-mail on/off; the mandatory kinds are shown, not switchable."""
    ada = {p.jenis: p for p in PreferensiNotifikasi.objects.filter(pegawai=request.user)}
    if request.method == "POST":
        pilihan = {
            j: (f"aplikasi_{j}" in request.POST, f"email_{j}" in request.POST)
            for j in Jenis.values
            if j not in JENIS_WAJIB
        }
        services.simpan_preferensi(request.user, pilihan)
        messages.success(request, _("Preferensi notifikasi disimpan."))
        return redirect("notifikasi_preferensi")
    baris = [
        (
            j,
            label,
            j in JENIS_WAJIB,
            ada[j].aplikasi if j in ada else True,
            ada[j].email if j in ada else True,
        )
        for j, label in Jenis.choices
    ]
    return render(request, "notifikasi/preferensi.html", {"baris": baris})


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    """The instansi's reminder thresholds (admin instansi)."""
    if request.user.instansi_id is None or not is_admin_instansi(
        request.user, request.user.instansi_id
    ):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengatur pengingat."))
    obj = services.pengaturan_pengingat(request.user.instansi_id)
    form = PengaturanPengingatForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        services.simpan_pengaturan_pengingat(request.user, form.save(commit=False))
        messages.success(request, _("Pengaturan pengingat disimpan."))
        return redirect("notifikasi_pengaturan")
    return render(
        request, "notifikasi/pengaturan.html", {"form": form}, status=400 if form.errors else 200
    )
