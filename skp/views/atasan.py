"""The pejabat penilai's SKP pages (skp/persetujuan/): the queue, the review page with its
actions (setujui, kembalikan, tetapkan, ekspektasi khusus pimpinan) and the matriks peran hasil.

Who acts is decided by :func:`skp.services.penyusunan.sebagai_penilai`: the pejabat penilai *today*
(definitif, Plt or Plh), or — for a pegawai rated by the PPK — the admin instansi recording the
PPK's decision.  An SKP the user may not see answers 404 (scoped selector); one he sees but
does not rate answers 403.

Every action is a plain form POST (redirect with a message) and, with htmx, swaps the block
it belongs to in place; the other blocks of the page (status, ekspektasi, riwayat) come along
as out-of-band swaps so the page never shows a stale state.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pegawai.permissions import peran
from skp import rules, selectors
from skp.forms.atasan import EkspektasiForm, KembalikanForm, PilihPeriodeForm
from skp.models import LampiranSkp, Periode, RencanaHasilKerja, Skp
from skp.services import penyusunan as services

T = "skp/atasan/"
PER_HALAMAN = 25
BLOK = ("status", "ekspektasi", "riwayat")


# --- the queue ------------------------------------------------------------------------------
@login_required
@require_GET
def antrean(request: HttpRequest) -> HttpResponse:
    p = peran(request.user)
    if not (p.is_atasan or p.is_admin):
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat penilai kinerja."))
    qs = selectors.antrean_penilai(request.user)
    return render(
        request,
        T + "antrean.html",
        {"page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))},
    )


# --- the review page ----------------------------------------------------------------------
def _lampiran_per_jenis(skp: Skp) -> list[tuple[str, list[LampiranSkp]]]:
    per_jenis: dict[str, list[LampiranSkp]] = {j.value: [] for j in LampiranSkp.Jenis}
    for lampiran in skp.lampiran.all():
        per_jenis[lampiran.jenis].append(lampiran)
    return [(LampiranSkp.Jenis(j).label, isi) for j, isi in per_jenis.items()]


def _konteks(request: HttpRequest, skp: Skp, **lain) -> dict:
    sebagai, rantai = services.sebagai_penilai(request.user, skp)
    rhk = list(skp.rhk.all())
    status = skp.status
    konteks = {
        "skp": skp,
        "sebagai": sebagai,
        "rantai": rantai,
        "atas_nama_ppk": rantai.pejabat_penilai.is_ppk,
        "rhk_utama": [r for r in rhk if r.jenis == RencanaHasilKerja.Jenis.UTAMA],
        "rhk_tambahan": [r for r in rhk if r.jenis == RencanaHasilKerja.Jenis.TAMBAHAN],
        "perilaku": sorted(skp.perilaku.all(), key=lambda p: p.urutan),
        "lampiran": _lampiran_per_jenis(skp),
        "riwayat": selectors.riwayat_skp(skp),
        "bisa_setujui": rules.status_setelah("setujui", status) is not None,
        "bisa_kembalikan": rules.status_setelah("kembalikan", status) is not None,
        "bisa_tetapkan": rules.status_setelah("tetapkan", status) is not None,
        "bisa_ekspektasi": status not in (Skp.Status.DITETAPKAN, Skp.Status.DIGANTIKAN),
        "kembalikan_form": KembalikanForm(),
        "ekspektasi_form": EkspektasiForm(skp=skp),
        "pesan": [],
    }
    konteks.update(lain)
    return konteks


@login_required
@require_GET
def tinjau(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    return render(request, T + "tinjau.html", _konteks(request, skp))


def _tampil(request: HttpRequest, pk: int, blok: str, **lain) -> HttpResponse:
    """The page again (plain POST with a form error), or for htmx the block ``blok`` with the
    other blocks as out-of-band swaps — read afresh, after the action."""
    skp = selectors.get_skp(request.user, pk)
    konteks = _konteks(request, skp, **lain)
    if not request.htmx:
        return render(request, T + "tinjau.html", konteks)
    bagian = [render_to_string(f"{T}tinjau.html#{blok}", konteks, request)]
    sisa = {**konteks, "pesan": [], "oob": True}
    bagian += [render_to_string(f"{T}tinjau.html#{b}", sisa, request) for b in BLOK if b != blok]
    return HttpResponse("".join(bagian))


def _aksi(
    request: HttpRequest,
    skp: Skp,
    jalankan: Callable[[], object],
    sukses: str,
    *,
    blok: str = "status",
    form: forms.Form | None = None,
    nama_form: str = "",
) -> HttpResponse:
    """Run a service; show its refusal as a field error, a message, or (no right) 403."""
    dengan_form = {nama_form: form} if form is not None else {}
    try:
        jalankan()
    except ValidationError as e:
        if (
            form is not None
            and hasattr(e, "error_dict")
            and set(e.message_dict) <= set(form.fields)
        ):
            for kunci, daftar in e.message_dict.items():
                form.add_error(kunci, daftar)
            return _tampil(request, skp.pk, blok, **dengan_form)
        gagal = " ".join(e.messages)
        if request.htmx:
            return _tampil(
                request, skp.pk, blok, pesan=[Message(constants.ERROR, gagal)], **dengan_form
            )
        messages.error(request, gagal)
        if form is not None:  # keep what was typed: show the page, do not redirect
            return _tampil(request, skp.pk, blok, **dengan_form)
        return redirect("skp_tinjau", pk=skp.pk)
    if request.htmx:
        return _tampil(request, skp.pk, blok, pesan=[Message(constants.SUCCESS, sukses)])
    messages.success(request, sukses)
    return redirect("skp_tinjau", pk=skp.pk)


def _nama(skp: Skp) -> dict:
    return {"nama": skp.pegawai.nama_lengkap}


@login_required
@require_POST
def setujui(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    return _aksi(
        request,
        skp,
        lambda: services.setujui_skp(request.user, skp),
        _("SKP %(nama)s disetujui. Tetapkan untuk membekukan dan menerbitkan dokumennya.")
        % _nama(skp),
    )


@login_required
@require_POST
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    form = KembalikanForm(request.POST)
    if not form.is_valid():
        services.sebagai_penilai(request.user, skp)  # no right: 403 before any form talk
        return _tampil(request, pk, "status", kembalikan_form=form)
    return _aksi(
        request,
        skp,
        lambda: services.kembalikan_skp(request.user, skp, form.cleaned_data["alasan"]),
        _("SKP %(nama)s dikembalikan untuk diperbaiki.") % _nama(skp),
        form=form,
        nama_form="kembalikan_form",
    )


@login_required
@require_POST
def tetapkan(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    return _aksi(
        request,
        skp,
        lambda: services.tetapkan_skp(request.user, skp),
        _("SKP %(nama)s ditetapkan. Dokumen SKP bertanda tangan sedang diterbitkan.") % _nama(skp),
    )


@login_required
@require_POST
def ekspektasi(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    form = EkspektasiForm(request.POST, skp=skp)
    if not form.is_valid():
        services.sebagai_penilai(request.user, skp)
        return _tampil(request, pk, "ekspektasi", ekspektasi_form=form)
    return _aksi(
        request,
        skp,
        lambda: services.isi_ekspektasi(request.user, skp, form.cleaned_data),
        _("Ekspektasi khusus pimpinan untuk %(nama)s disimpan.") % _nama(skp),
        blok="ekspektasi",
        form=form,
        nama_form="ekspektasi_form",
    )


# --- the matriks peran hasil ----------------------------------------------------------------
def _periode_dipilih(request: HttpRequest, pilihan) -> tuple[Periode | None, PilihPeriodeForm]:
    """The period asked for (?periode=), else the latest open one, else the latest."""
    form = PilihPeriodeForm(request.GET, periode_pilihan=pilihan)
    if "periode" in request.GET and form.is_valid():
        return form.cleaned_data["periode"], form
    periode = pilihan.filter(status=Periode.Status.DIBUKA).first() or pilihan.first()
    return periode, PilihPeriodeForm(initial={"periode": periode}, periode_pilihan=pilihan)


@login_required
@require_GET
def matriks(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not peran(user).is_atasan:
        raise PermissionDenied(_("Halaman ini hanya untuk atasan yang memiliki bawahan."))
    periode, form = _periode_dipilih(request, selectors.periode_instansi(user))
    skp = baris = belum_skp = None
    if periode is not None:
        skp = selectors.skp_kini(user, periode)
        baris = selectors.matriks_peran_hasil(skp) if skp else []
        belum_skp = list(selectors.bawahan_tanpa_skp(user, periode))
    return render(
        request,
        T + "matriks.html",
        {
            "form": form,
            "periode": periode,
            "skp": skp,
            "baris": baris,
            "jumlah_tanpa_dukungan": sum(1 for _r, d in baris or [] if not d),
            "belum_skp": belum_skp,
        },
    )
