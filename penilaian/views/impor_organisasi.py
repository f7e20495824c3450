"""Import of the predikat kinerja organisasi of all units from one CSV/XLSX file (admin
instansi): upload → check (nothing written, what would change) → apply when "simpan" is
ticked and the file sent again, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from inti.ekspor import respons_tabel
from penilaian.forms.impor_organisasi import ImporPredikatOrganisasiForm
from penilaian.services import impor_organisasi as svc
from penilaian.views.nilai import admin_instansi


def _tahun(request: HttpRequest) -> int:
    teks = (request.POST.get("tahun") or request.GET.get("tahun") or "").strip()
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else timezone.localdate().year


def _halaman(request: HttpRequest, form, hasil=None, status: int = 200) -> HttpResponse:
    tahun = hasil.tahun if hasil is not None else _tahun(request)
    return render(
        request,
        "penilaian/kurva/impor.html",
        {"form": form, "hasil": hasil, "tahun": tahun, "kolom": svc.KOLOM},
        status=status,
    )


@admin_instansi
@require_http_methods(["GET", "POST"])
def impor_predikat_organisasi(request: HttpRequest) -> HttpResponse:
    svc.wajib_admin(request.user)
    if request.method == "GET":
        return _halaman(request, ImporPredikatOrganisasiForm(initial={"tahun": _tahun(request)}))
    form = ImporPredikatOrganisasiForm(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman(request, form, status=400)
    d = form.cleaned_data
    berkas = d["berkas"]
    hasil = svc.impor_predikat_organisasi(
        request.user, d["tahun"], berkas.read(), berkas.name, terapkan=d["terapkan"]
    )
    if hasil.diterapkan:
        messages.success(
            request,
            ngettext(
                "%(n)s baris predikat organisasi disimpan (%(baru)s baru, %(berubah)s "
                "berubah); %(tetap)s baris tidak berubah.",
                "%(n)s baris predikat organisasi disimpan (%(baru)s baru, %(berubah)s "
                "berubah); %(tetap)s baris tidak berubah.",
                hasil.jumlah_disimpan,
            )
            % {
                "n": hasil.jumlah_disimpan,
                "baru": hasil.jumlah_baru,
                "berubah": hasil.jumlah_berubah,
                "tetap": hasil.jumlah_tetap,
            },
        )
        return redirect(f"{reverse('predikat_organisasi')}?tahun={hasil.tahun}")
    return _halaman(request, form, hasil, status=200 if hasil.berhasil else 400)


@admin_instansi
@require_GET
def impor_predikat_organisasi_templat(request: HttpRequest) -> HttpResponse:
    svc.wajib_admin(request.user)
    kolom, contoh = svc.templat()
    return respons_tabel("templat-predikat-organisasi", "csv", kolom, contoh)
