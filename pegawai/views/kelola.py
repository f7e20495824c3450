"""The admin instansi's management pages ("Kelola"): units, jabatan, pegawai, operators.

Only an admin instansi (for his own instansi) or a superuser gets in; everyone else gets 403,
and an object of another instansi answers 404 because every read goes through the scoped
``*_kelola`` selectors.  Every write goes through :mod:`pegawai.services.organisasi`; their
``ValidationError``s are shown next to the form field they name.

A superuser has no instansi of his own (or manages several): list and "tambah" pages take
``?instansi=<id>`` and, without it, ask him to choose one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inti.formulir import terapkan_galat
from pegawai.forms.kelola import (
    AkhiriPenugasanForm,
    JabatanFilterForm,
    JabatanForm,
    OperatorFilterForm,
    OperatorForm,
    PegawaiFilterForm,
    PegawaiForm,
    PenugasanForm,
    StatusPegawaiForm,
    UnitFilterForm,
    UnitForm,
)
from pegawai.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja
from pegawai.permissions import peran
from pegawai.selectors import organisasi as selectors
from pegawai.services import organisasi as services

T = "pegawai/kelola/"
PER_HALAMAN = 25
PER_HALAMAN_UNIT = 50


# --- plumbing -------------------------------------------------------------------------------
def admin_instansi(view: Callable) -> Callable:
    """Logged in, and admin instansi or superuser; anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not peran(request.user).is_admin:
            raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
        return view(request, *args, **kwargs)

    return wrapper


def _instansi(request: HttpRequest) -> Instansi | None:
    """The instansi a page works on: the admin's own; a superuser chooses with ?instansi=."""
    user = request.user
    if not user.is_superuser:
        return user.instansi
    pilihan = request.GET.get("instansi", "")
    if pilihan.isdigit():
        return get_object_or_404(selectors.instansi_kelola(user), pk=pilihan)
    # "?instansi=" (empty) asks for the chooser even when the superuser has an instansi.
    return user.instansi if "instansi" not in request.GET else None


def _qs_instansi(request: HttpRequest, instansi: Instansi | None) -> str:
    """The query string that keeps a superuser's chosen instansi on links."""
    if request.user.is_superuser and instansi is not None:
        return f"?instansi={instansi.pk}"
    return ""


def _url(request: HttpRequest, nama: str, instansi: Instansi | None, *args) -> str:
    return reverse(nama, args=args) + _qs_instansi(request, instansi)


def _pilih_instansi(request: HttpRequest) -> HttpResponse:
    daftar = selectors.instansi_kelola(request.user).order_by("nama")
    return render(request, T + "pilih_instansi.html", {"daftar": daftar})


def _halaman(request: HttpRequest, qs, per: int = PER_HALAMAN) -> Page:
    return Paginator(qs, per).get_page(request.GET.get("page"))


def _jalankan(form: forms.Form, fungsi: Callable, *args, alias=None) -> bool:
    """Call a service; on ValidationError show it on the form and answer False."""
    try:
        fungsi(*args)
    except ValidationError as e:
        terapkan_galat(form, e, alias)
        return False
    return True


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _units(request: HttpRequest, instansi_id: int):
    return selectors.unit_kelola(request.user).filter(instansi_id=instansi_id).order_by("path")


# --- unit kerja -----------------------------------------------------------------------------
@admin_instansi
@require_safe
def unit_daftar(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    filter_form = UnitFilterForm(request.GET)
    cari = filter_form.nilai("q", "")
    qs = selectors.unit_kelola_daftar(request.user, instansi, cari=cari)
    return render(
        request,
        T + "unit_daftar.html",
        {
            "instansi": instansi,
            "qs_instansi": _qs_instansi(request, instansi),
            "filter_form": filter_form,
            "cari": cari,
            "page_obj": _halaman(request, qs, PER_HALAMAN_UNIT),
        },
    )


@admin_instansi
def unit_tambah(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    return _form_unit(request, UnitKerja(instansi=instansi))


@admin_instansi
def unit_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_unit(request, get_object_or_404(selectors.unit_kelola(request.user), pk=pk))


def _form_unit(request: HttpRequest, unit: UnitKerja) -> HttpResponse:
    baru = unit.pk is None
    judul = unit.nama  # the form writes posted values onto the instance; show the stored one
    form = UnitForm(_data(request), instance=unit, units=_units(request, unit.instansi_id))
    if form.is_valid() and _jalankan(form, services.simpan_unit, request.user, form.instance):
        pesan = _("Unit %(nama)s ditambahkan.") if baru else _("Unit %(nama)s disimpan.")
        messages.success(request, pesan % {"nama": unit.nama})
        return redirect(_url(request, "kelola_unit", unit.instansi))
    return render(
        request,
        T + "unit_form.html",
        {
            "form": form,
            "judul_unit": judul,
            "baru": baru,
            "qs_instansi": _qs_instansi(request, unit.instansi),
        },
    )


# --- jabatan --------------------------------------------------------------------------------
@admin_instansi
@require_safe
def jabatan_daftar(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    filter_form = JabatanFilterForm(request.GET, units=_units(request, instansi.pk))
    qs = selectors.jabatan_kelola_daftar(
        request.user,
        instansi,
        unit=filter_form.nilai("unit"),
        jenis=filter_form.nilai("jenis", ""),
        cari=filter_form.nilai("q", ""),
    )
    return render(
        request,
        T + "jabatan_daftar.html",
        {
            "instansi": instansi,
            "qs_instansi": _qs_instansi(request, instansi),
            "filter_form": filter_form,
            "page_obj": _halaman(request, qs),
        },
    )


@admin_instansi
def jabatan_tambah(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    return _form_jabatan(request, Jabatan(instansi=instansi))


@admin_instansi
def jabatan_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    jabatan = get_object_or_404(selectors.jabatan_kelola(request.user), pk=pk)
    return _form_jabatan(request, jabatan)


def _form_jabatan(request: HttpRequest, jabatan: Jabatan) -> HttpResponse:
    baru = jabatan.pk is None
    judul = jabatan.nama
    user = request.user
    form = JabatanForm(
        _data(request),
        instance=jabatan,
        units=_units(request, jabatan.instansi_id),
        jabatan=selectors.jabatan_kelola(user)
        .filter(instansi_id=jabatan.instansi_id)
        .order_by("unit__path", "path"),
    )
    if form.is_valid() and _jalankan(form, services.simpan_jabatan, user, form.instance):
        pesan = _("Jabatan %(nama)s ditambahkan.") if baru else _("Jabatan %(nama)s disimpan.")
        messages.success(request, pesan % {"nama": jabatan.nama})
        return redirect(_url(request, "kelola_jabatan", jabatan.instansi))
    return render(
        request,
        T + "jabatan_form.html",
        {
            "form": form,
            "judul_jabatan": judul,
            "baru": baru,
            "qs_instansi": _qs_instansi(request, jabatan.instansi),
        },
    )


# --- pegawai --------------------------------------------------------------------------------
@admin_instansi
@require_safe
def pegawai_daftar(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    filter_form = PegawaiFilterForm(request.GET, units=_units(request, instansi.pk))
    qs = selectors.pegawai_kelola_daftar(
        request.user,
        instansi,
        cari=filter_form.nilai("q", ""),
        unit=filter_form.nilai("unit"),
        status=filter_form.nilai("status", ""),
    )
    return render(
        request,
        T + "pegawai_daftar.html",
        {
            "instansi": instansi,
            "qs_instansi": _qs_instansi(request, instansi),
            "filter_form": filter_form,
            "page_obj": _halaman(request, qs),
        },
    )


@admin_instansi
@require_safe
def pegawai_cari(request: HttpRequest) -> HttpResponse:
    """<option>s for the NIP field's <datalist> (htmx): at most 10 matches."""
    instansi = _instansi(request)
    cari = (request.GET.get("nip") or request.GET.get("q") or "").strip()
    hasil = []
    if instansi is not None and len(cari) >= 3:
        hasil = selectors.pegawai_kelola_daftar(request.user, instansi, cari=cari)[:10]
    return render(request, T + "_saran_nip.html", {"hasil": hasil})


@admin_instansi
def pegawai_tambah(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    return _form_pegawai(request, Pegawai(instansi=instansi))


@admin_instansi
def pegawai_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_pegawai(request, get_object_or_404(selectors.pegawai_kelola(request.user), pk=pk))


def _form_pegawai(request: HttpRequest, pegawai: Pegawai) -> HttpResponse:
    baru = pegawai.pk is None
    judul = pegawai.nama_lengkap
    form = PegawaiForm(_data(request), instance=pegawai)
    if form.is_valid() and _jalankan(form, services.simpan_pegawai, request.user, form.instance):
        pesan = _("Pegawai %(nama)s ditambahkan.") if baru else _("Data %(nama)s disimpan.")
        messages.success(request, pesan % {"nama": pegawai.nama_lengkap})
        return redirect("kelola_pegawai_detail", pegawai.pk)
    return render(
        request,
        T + "pegawai_form.html",
        {
            "form": form,
            "pegawai": pegawai,
            "judul_pegawai": judul,
            "baru": baru,
            "qs_instansi": _qs_instansi(request, pegawai.instansi),
        },
    )


@admin_instansi
@require_safe
def pegawai_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(selectors.pegawai_kelola(request.user), pk=pk))


def _detail(
    request: HttpRequest,
    pegawai: Pegawai,
    *,
    status_form: StatusPegawaiForm | None = None,
    penugasan_form: PenugasanForm | None = None,
    akhiri: tuple[int, AkhiriPenugasanForm] | None = None,
) -> HttpResponse:
    """The pegawai page; a form that failed is passed in to show its errors in place."""
    user = request.user
    hari_ini = dt.date.today()
    penugasan = list(selectors.penugasan_pegawai_kelola(user, pegawai))
    for p in penugasan:
        p.aktif_kini = p.aktif_pada(hari_ini)
        p.terbuka = p.selesai is None or p.selesai >= hari_ini
        if p.terbuka:
            p.form_akhiri = (
                akhiri[1]
                if akhiri and akhiri[0] == p.pk
                else AkhiriPenugasanForm(auto_id=f"id_akhiri_{p.pk}_%s")
            )
    return render(
        request,
        T + "pegawai_detail.html",
        {
            "pegawai": pegawai,
            "penugasan": penugasan,
            "operator": selectors.operator_kelola(user).filter(pegawai=pegawai),
            "riwayat": selectors.riwayat_pegawai(pegawai),
            "status_form": status_form or StatusPegawaiForm(initial={"status": pegawai.status}),
            "penugasan_form": penugasan_form
            or PenugasanForm(jabatan=selectors.jabatan_pilihan(user, pegawai.instansi_id)),
            "qs_instansi": _qs_instansi(request, pegawai.instansi),
        },
    )


@admin_instansi
@require_POST
def pegawai_status(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = get_object_or_404(selectors.pegawai_kelola(request.user), pk=pk)
    form = StatusPegawaiForm(request.POST)
    if form.is_valid():
        status, keterangan = form.cleaned_data["status"], form.cleaned_data["keterangan"]
        if status == pegawai.status:
            messages.info(request, _("Status tidak berubah."))
            return redirect("kelola_pegawai_detail", pegawai.pk)
        if _jalankan(form, services.ubah_status_pegawai, request.user, pegawai, status, keterangan):
            messages.success(
                request,
                _("Status %(nama)s menjadi %(status)s.")
                % {"nama": pegawai.nama_lengkap, "status": Pegawai.Status(status).label},
            )
            return redirect("kelola_pegawai_detail", pegawai.pk)
    return _detail(request, pegawai, status_form=form)


@admin_instansi
@require_POST
def pegawai_admin(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or take the admin instansi role (explicit value, so a double submit is harmless)."""
    pegawai = get_object_or_404(selectors.pegawai_kelola(request.user), pk=pk)
    nilai = request.POST.get("jadi_admin")
    jadi_admin = nilai == "1" if nilai in ("0", "1") else not pegawai.is_admin_instansi
    try:
        services.atur_admin_instansi(request.user, pegawai, jadi_admin)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        pesan = (
            _("%(nama)s sekarang admin instansi.")
            if jadi_admin
            else _("Peran admin instansi %(nama)s dicabut.")
        )
        messages.success(request, pesan % {"nama": pegawai.nama_lengkap})
    return redirect("kelola_pegawai_detail", pegawai.pk)


# --- penugasan ------------------------------------------------------------------------------
@admin_instansi
def penugasan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = get_object_or_404(selectors.pegawai_kelola(request.user), pk=pk)
    form = PenugasanForm(
        _data(request), jabatan=selectors.jabatan_pilihan(request.user, pegawai.instansi_id)
    )
    if form.is_valid():
        penugasan = Penugasan(pegawai=pegawai, **form.cleaned_data)
        if _jalankan(form, services.tugaskan, request.user, penugasan):
            messages.success(
                request,
                _("%(nama)s ditugaskan sebagai %(jenis)s %(jabatan)s.")
                % {
                    "nama": pegawai.nama_lengkap,
                    "jenis": penugasan.get_jenis_display(),
                    "jabatan": penugasan.jabatan.nama,
                },
            )
            return redirect("kelola_pegawai_detail", pegawai.pk)
    return render(request, T + "penugasan_form.html", {"form": form, "pegawai": pegawai})


@admin_instansi
@require_POST
def penugasan_akhiri(request: HttpRequest, pk: int) -> HttpResponse:
    penugasan = get_object_or_404(selectors.penugasan_kelola(request.user), pk=pk)
    pegawai = get_object_or_404(selectors.pegawai_kelola(request.user), pk=penugasan.pegawai_id)
    form = AkhiriPenugasanForm(request.POST, auto_id=f"id_akhiri_{penugasan.pk}_%s")
    if form.is_valid() and _jalankan(
        form, services.akhiri_penugasan, request.user, penugasan, form.cleaned_data["selesai"]
    ):
        messages.success(
            request,
            _("Penugasan %(jabatan)s diakhiri per %(tanggal)s.")
            % {
                "jabatan": penugasan.jabatan.nama,
                "tanggal": form.cleaned_data["selesai"].strftime("%d-%m-%Y"),
            },
        )
        return redirect("kelola_pegawai_detail", pegawai.pk)
    return _detail(request, pegawai, akhiri=(penugasan.pk, form))


# --- operator -------------------------------------------------------------------------------
@admin_instansi
@require_safe
def operator_daftar(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    filter_form = OperatorFilterForm(request.GET, units=_units(request, instansi.pk))
    qs = selectors.operator_kelola_daftar(
        request.user, instansi, cari=filter_form.nilai("q", ""), unit=filter_form.nilai("unit")
    )
    return render(
        request,
        T + "operator_daftar.html",
        {
            "instansi": instansi,
            "qs_instansi": _qs_instansi(request, instansi),
            "filter_form": filter_form,
            "page_obj": _halaman(request, qs),
        },
    )


@admin_instansi
def operator_tambah(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        return _pilih_instansi(request)
    user = request.user
    form = OperatorForm(
        _data(request),
        initial={"nip": request.GET.get("nip", "")},
        pegawai=selectors.pegawai_kelola(user).filter(instansi=instansi),
        units=_units(request, instansi.pk).filter(aktif=True),
        url_cari=_url(request, "kelola_pegawai_cari", instansi),
    )
    if form.is_valid():
        pegawai, unit = form.pegawai, form.cleaned_data["unit"]
        if _jalankan(
            form, services.jadikan_operator, user, pegawai, unit, alias={"pegawai": "nip"}
        ):
            messages.success(
                request,
                _("%(nama)s sekarang operator %(unit)s.")
                % {"nama": pegawai.nama_lengkap, "unit": unit.nama},
            )
            return redirect(_url(request, "kelola_operator", instansi))
    return render(
        request,
        T + "operator_form.html",
        {"form": form, "instansi": instansi, "qs_instansi": _qs_instansi(request, instansi)},
    )


@admin_instansi
@require_POST
def operator_cabut(request: HttpRequest, pk: int) -> HttpResponse:
    operator = get_object_or_404(selectors.operator_kelola(request.user), pk=pk)
    instansi = operator.unit.instansi
    services.cabut_operator(request.user, operator)
    messages.success(
        request,
        _("Peran operator %(nama)s untuk %(unit)s dicabut.")
        % {"nama": operator.pegawai.nama_lengkap, "unit": operator.unit.nama},
    )
    lanjut = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        lanjut, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(lanjut)
    return redirect(_url(request, "kelola_operator", instansi))
