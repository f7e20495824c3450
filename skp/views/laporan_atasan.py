""" "Atasan saya salah" (issue 17 §7): the pegawai's report from his SKP page, and the admin
instansi's queue with its answer form.

Thin views: the SKP and the report are read through scoped selectors (a foreign id answers
404), the services check the right (403) and the rules (messages next to the fields).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inti.formulir import terapkan_galat
from pegawai.permissions import peran
from pegawai.selectors.hierarki import jabatan_definitif, rantai_penilai
from skp import selectors
from skp.forms.laporan_atasan import JawabLaporanForm, LaporanAtasanForm
from skp.models import LaporanAtasan
from skp.services.laporan_atasan import jawab_laporan_atasan, laporkan_atasan_salah
from skp.services.penyusunan import hari_ini, sebagai_pemilik

T = "skp/laporan_atasan/"
PER_HALAMAN = 25
L = LaporanAtasan.Status


@login_required
@require_http_methods(["GET", "POST"])
def buat(request: HttpRequest, pk: int) -> HttpResponse:
    """The pegawai (or his unit's operator) reports that the recorded atasan is wrong."""
    skp = selectors.get_skp(request.user, pk)
    sebagai_pemilik(request.user, skp)  # 403 before anything is read or posted
    form = LaporanAtasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            laporkan_atasan_salah(
                request.user,
                skp,
                catatan=form.cleaned_data["catatan"],
                nip_diusulkan=form.cleaned_data["nip_diusulkan"],
            )
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(
                request,
                _(
                    "Laporan terkirim ke admin kepegawaian instansi. Jawabannya akan datang "
                    "sebagai notifikasi."
                ),
            )
            return redirect("skp_detail", pk=skp.pk)
    tanggal = hari_ini()
    return render(
        request,
        T + "buat.html",
        {
            "skp": skp,
            "form": form,
            "penugasan": jabatan_definitif(skp.pegawai, tanggal),
            "rantai": rantai_penilai(skp.pegawai, tanggal),
            "laporan": list(selectors.laporan_atasan_saya(skp.pegawai)[:5]),
        },
    )


def _wajib_admin(request: HttpRequest) -> None:
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """The admin instansi's queue: open reports first (oldest first), or the answered ones."""
    _wajib_admin(request)
    selesai = request.GET.get("status") == "selesai"
    qs = selectors.laporan_atasan_kelola(request.user)
    qs = qs.exclude(status=L.TERBUKA) if selesai else qs.filter(status=L.TERBUKA)
    qs = qs.order_by("-dijawab_pada", "-id") if selesai else qs.order_by("dibuat_pada", "id")
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, T + "daftar.html", {"page_obj": halaman, "selesai": selesai})


@login_required
@require_http_methods(["GET", "POST"])
def jawab(request: HttpRequest, pk: int) -> HttpResponse:
    """One report with its assignment data, and the answer form while it is open."""
    _wajib_admin(request)
    laporan = selectors.get_laporan_atasan(request.user, pk)
    form = None
    if laporan.status == L.TERBUKA:
        form = JawabLaporanForm(
            request.POST or None, jabatan_qs=selectors.jabatan_untuk_laporan(request.user, laporan)
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                jawab_laporan_atasan(
                    request.user,
                    laporan,
                    keputusan=d["keputusan"],
                    jawaban=d["jawaban"],
                    jabatan=d["jabatan"],
                    mulai=d["mulai"],
                )
            except ValidationError as e:
                terapkan_galat(form, e)
            else:
                messages.success(request, _("Jawaban tersimpan dan dikirim ke pegawai."))
                return redirect(reverse("skp_laporan_atasan"))
    elif request.method == "POST":
        messages.error(request, _("Laporan ini sudah dijawab."))
        return redirect("skp_laporan_atasan_jawab", pk=laporan.pk)
    return render(request, T + "jawab.html", {"laporan": laporan, "form": form})
