"""The notification centre: list (unread first), mark one/all read (htmx + plain POST)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Notifikasi


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
