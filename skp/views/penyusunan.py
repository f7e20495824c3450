"""The SKP drafting pages of the ASN, and of the operator acting for him.

Thin views: parse a form, call a service of :mod:`skp.services.penyusunan`, render.  Every object is
read through the scoped selectors (a foreign id answers 404); who may change what and in which
state is decided by the services (``PermissionDenied`` → 403, ``ValidationError`` → shown
next to the field it names).

The detail page holds every editing form.  An htmx request gets back only the section it
changed (``skp/_partials.html``); the same URL without htmx re-renders the whole page with
the form open and its errors, so the page also works as plain HTML forms on a poor network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.formulir import terapkan_galat
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.models import Pegawai, Riwayat
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.selectors.organisasi import get_pegawai
from skp import rules, selectors
from skp.diff import bandingkan, isi_dari_skp
from skp.forms.penyusunan import BuatSkpForm, IndikatorForm, LampiranForm, RhkForm, SalinSkpForm
from skp.models import IndikatorKinerja, LampiranSkp, Periode, RencanaHasilKerja, Skp
from skp.services import penyusunan as services

PER_HALAMAN = 25  # long lists: at most 25 rows a page (issue 12)
RIWAYAT_MAKS = 50


# --- plumbing -------------------------------------------------------------------------------
@dataclass
class Aktif:
    """The one editing form open on the detail page (after a GET to open it or a failed POST).

    ``jenis``: rhk_tambah, rhk_ubah, indikator_tambah, indikator_ubah or lampiran_tambah;
    ``id``: the RHK (rhk_ubah, indikator_tambah) or indikator (indikator_ubah) it belongs to.
    """

    jenis: str
    form: forms.BaseForm
    id: int | None = None


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _sebagai(user, pegawai: Pegawai) -> str | None:
    """In which capacity ``user`` may draft ``pegawai``'s SKP; None when he may only read."""
    try:
        return services.sebagai_pemilik(user, Skp(pegawai=pegawai))
    except PermissionDenied:
        return None


def _pegawai(request: HttpRequest) -> Pegawai:
    """The pegawai a list/creation page is about: the user, or ``?pegawai=`` in his scope."""
    pk = request.GET.get("pegawai", "")
    if not pk:
        return request.user
    if not pk.isdigit():
        raise Http404
    return get_pegawai(request.user, int(pk))


def _qs_pegawai(request: HttpRequest, pegawai: Pegawai) -> str:
    return "" if pegawai.pk == request.user.pk else f"?pegawai={pegawai.pk}"


def _skp_ringan(request: HttpRequest, pk: int) -> Skp:
    """An SKP through the scoped queryset, without the page's prefetches."""
    qs = selectors.skp_terlihat(request.user).select_related("pegawai__unit_kerja")
    return get_object_or_404(qs, pk=pk)


def _rhk(request: HttpRequest, pk: int) -> RencanaHasilKerja:
    qs = RencanaHasilKerja.objects.filter(
        skp__in=selectors.skp_terlihat(request.user)
    ).select_related("skp__pegawai__unit_kerja", "skp__jabatan", "skp__periode")
    return get_object_or_404(qs, pk=pk)


def _indikator(request: HttpRequest, pk: int) -> IndikatorKinerja:
    qs = IndikatorKinerja.objects.filter(
        rhk__skp__in=selectors.skp_terlihat(request.user)
    ).select_related("rhk__skp__pegawai__unit_kerja", "rhk__skp__jabatan")
    return get_object_or_404(qs, pk=pk)


def _lampiran(request: HttpRequest, pk: int) -> LampiranSkp:
    qs = LampiranSkp.objects.filter(skp__in=selectors.skp_terlihat(request.user)).select_related(
        "skp__pegawai__unit_kerja"
    )
    return get_object_or_404(qs, pk=pk)


def _wajib_pemilik(user, skp: Skp) -> str:
    """Refuse (403) before parsing anything when the user may not change this SKP at all."""
    return services.sebagai_pemilik(user, skp)


def _url_detail(skp_pk: int, jangkar: str = "") -> str:
    return reverse("skp_detail", args=[skp_pk]) + (f"#{jangkar}" if jangkar else "")


# --- the detail page's context --------------------------------------------------------------
def _sumber_salin(request: HttpRequest, skp: Skp):
    return (
        selectors.skp_terlihat(request.user)
        .filter(pegawai_id=skp.pegawai_id)
        .exclude(pk=skp.pk)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .order_by("-periode__mulai", "-mulai", "-versi")
    )


def _konteks_isi(request: HttpRequest, skp: Skp, aktif: Aktif | None = None) -> dict:
    """What the editable sections (RHK, lampiran, readiness) need; also used by htmx."""
    sebagai = _sebagai(request.user, skp.pegawai)
    boleh_ubah = sebagai is not None and skp.bisa_diubah
    rhk = list(skp.rhk.all())
    lampiran = {k: [] for k in LampiranSkp.Jenis.values}
    for item in skp.lampiran.all():
        lampiran[item.jenis].append(item)
    konteks = {
        "skp": skp,
        "sebagai": sebagai,
        "atas_nama": sebagai == Riwayat.Sebagai.OPERATOR,
        "boleh_ubah": boleh_ubah,
        "rhk_utama": [r for r in rhk if r.jenis == RencanaHasilKerja.Jenis.UTAMA],
        "rhk_tambahan": [r for r in rhk if r.jenis == RencanaHasilKerja.Jenis.TAMBAHAN],
        "ada_rhk": bool(rhk),
        "lampiran": [(label, lampiran[k]) for k, label in LampiranSkp.Jenis.choices],
        "ada_lampiran": any(lampiran.values()),
        "aktif": aktif,
        "galat": [],
    }
    if not boleh_ubah:
        # A stale page posted to an SKP that can no longer change: only the service's reason
        # matters (the page says the SKP is locked); field errors would only confuse.
        if aktif is not None:
            konteks["galat"] = aktif.form.non_field_errors()
        return konteks
    rhk_atasan = services.rhk_atasan_yang_boleh(skp)
    konteks["form_rhk"] = (
        aktif.form
        if aktif and aktif.jenis == "rhk_tambah"
        else RhkForm(skp=skp, rhk_atasan_qs=rhk_atasan)
    )
    konteks["form_lampiran"] = (
        aktif.form if aktif and aktif.jenis == "lampiran_tambah" else LampiranForm(skp=skp)
    )
    konteks["kekurangan"] = services.kekurangan_pengajuan(skp)
    konteks["pustaka"] = list(selectors.pustaka_untuk_skp(skp))
    konteks["pilihan_perspektif"] = RencanaHasilKerja.Perspektif.choices
    if not rhk:
        sumber = _sumber_salin(request, skp)
        if sumber.exists():
            konteks["form_salin"] = SalinSkpForm(sumber_qs=sumber)
    return konteks


def _konteks_halaman(request: HttpRequest, skp: Skp) -> dict:
    """What only the full page shows: header, perilaku kerja, history, version links."""
    ekspektasi = {p.kode: p for p in skp.perilaku.all()}
    riwayat = list(selectors.riwayat_skp(skp)[: RIWAYAT_MAKS + 1])
    rantai = rantai_penilai(skp.pegawai, services.hari_ini())
    konteks = {
        "rantai": rantai,
        **_konteks_kaskade(request, skp, rantai),
        "perilaku": [(n, ekspektasi.get(n.kode)) for n in rules.BERAKHLAK],
        "riwayat": riwayat[:RIWAYAT_MAKS],
        "riwayat_terpotong": len(riwayat) > RIWAYAT_MAKS,
        "milik_sendiri": skp.pegawai_id == request.user.pk,
        "qs_pegawai": _qs_pegawai(request, skp.pegawai),
        "versi_berikutnya": None,
    }
    if skp.status in (Skp.Status.DITETAPKAN, Skp.Status.DIGANTIKAN):
        konteks["versi_berikutnya"] = (
            selectors.skp_terlihat(request.user).filter(versi_sebelumnya=skp).first()
        )
    return konteks


def _konteks_kaskade(request: HttpRequest, skp: Skp, rantai) -> dict:
    """Issue 17 §7: a draft may wait for the atasan's SKP (the page says where it stands and
    which RHK still lack their link) and "atasan saya salah" for who may change the SKP."""
    boleh = skp.status != Skp.Status.DIGANTIKAN and _sebagai(request.user, skp.pegawai)
    konteks = {
        "boleh_lapor_atasan": bool(boleh),
        "laporan_atasan_terbuka": (
            selectors.laporan_atasan_saya(skp.pegawai).filter(status="terbuka").first()
            if boleh
            else None
        ),
    }
    if skp.bisa_diubah:
        konteks.update(
            kaskade=True,
            skp_atasan=selectors.skp_atasan(skp, rantai),
            tanpa_intervensi=services.rhk_tanpa_intervensi(skp, list(skp.rhk.all())),
        )
    return konteks


def _tanggapi(
    request: HttpRequest, skp_pk: int, aktif: Aktif | None = None, *, bagian: str = "rhk"
) -> HttpResponse:
    """Render the changed section (htmx) or the whole page (plain form), read afresh."""
    skp = selectors.get_skp(request.user, skp_pk)
    konteks = _konteks_isi(request, skp, aktif)
    if _htmx(request):
        return render(request, f"skp/_partials.html#respon_{bagian}", konteks)
    konteks.update(_konteks_halaman(request, skp))
    return render(request, "skp/detail.html", konteks)


def _proses(
    request: HttpRequest,
    skp: Skp,
    aktif: Aktif,
    simpan: Callable[[], object],
    *,
    pesan: str,
    bagian: str = "rhk",
    jangkar: str = "",
) -> HttpResponse:
    """GET: open the form.  POST: validate, call the service, answer (see module doc)."""
    if request.method == "POST" and aktif.form.is_valid():
        try:
            simpan()
        except ValidationError as e:
            terapkan_galat(aktif.form, e)
        else:
            if _htmx(request):
                return _tanggapi(request, skp.pk, bagian=bagian)
            messages.success(request, pesan)
            return redirect(_url_detail(skp.pk, jangkar))
    return _tanggapi(request, skp.pk, aktif, bagian=bagian)


def _hapus(
    request: HttpRequest, skp_pk: int, hapus: Callable[[], None], *, pesan: str, bagian: str
) -> HttpResponse:
    try:
        hapus()
    except ValidationError as e:
        if _htmx(request):
            skp = selectors.get_skp(request.user, skp_pk)
            konteks = {**_konteks_isi(request, skp), "galat": e.messages}
            return render(request, f"skp/_partials.html#respon_{bagian}", konteks)
        for m in e.messages:
            messages.error(request, m)
        return redirect(_url_detail(skp_pk, f"{bagian}-daftar"))
    if _htmx(request):
        return _tanggapi(request, skp_pk, bagian=bagian)
    messages.success(request, pesan)
    return redirect(_url_detail(skp_pk, f"{bagian}-daftar"))


# --- list and creation ----------------------------------------------------------------------
@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    user = request.user
    pegawai = _pegawai(request)
    sebagai = _sebagai(user, pegawai)
    qs = (
        selectors.skp_terlihat(user)
        .filter(pegawai=pegawai)
        .order_by("-periode__mulai", "periode_id", "-mulai", "-versi")
    )
    periode_kosong = []
    if sebagai is not None:
        periode_kosong = list(
            selectors.periode_terlihat(user)
            .filter(instansi_id=pegawai.instansi_id, status=Periode.Status.DIBUKA)
            .exclude(skp__pegawai=pegawai)
            .order_by("-tahun")
        )
    konteks = {
        "pegawai": pegawai,
        "milik_sendiri": pegawai.pk == user.pk,
        "sebagai": sebagai,
        "page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page")),
        "periode_kosong": periode_kosong,
        "qs_pegawai": _qs_pegawai(request, pegawai),
    }
    return render(request, "skp/daftar.html", konteks)


@login_required
def buat(request: HttpRequest) -> HttpResponse:
    user = request.user
    pegawai = _pegawai(request)
    if _sebagai(user, pegawai) is None:
        raise PermissionDenied(
            _("Hanya pegawai sendiri atau operator unitnya yang dapat membuat SKP.")
        )
    periode_qs = (
        selectors.periode_terlihat(user)
        .filter(instansi_id=pegawai.instansi_id, status=Periode.Status.DIBUKA)
        .order_by("-tahun")
    )
    sumber_qs = (
        selectors.skp_terlihat(user)
        .filter(pegawai=pegawai)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .order_by("-periode__mulai", "-mulai", "-versi")
    )
    awal = {"periode": request.GET.get("periode")} if request.GET.get("periode") else None
    form = BuatSkpForm(
        request.POST if request.method == "POST" else None,
        initial=awal,
        periode_qs=periode_qs,
        sumber_qs=sumber_qs,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # Create and copy as one unit: a failed copy leaves no half-made SKP behind.
            with transaction.atomic():
                skp = services.buat_skp(
                    user,
                    pegawai,
                    data["periode"],
                    tanggal=data["tanggal"],
                    pendekatan=data["pendekatan"],
                )
                if data.get("salin_dari"):
                    services.salin_skp(user, skp, data["salin_dari"])
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(
                request,
                _("SKP %(tahun)s dibuat. Sekarang isi rencana hasil kerja (RHK) dan indikatornya.")
                % {"tahun": skp.periode.tahun},
            )
            return redirect("skp_detail", skp.pk)
    konteks = {
        "form": form,
        "pegawai": pegawai,
        "milik_sendiri": pegawai.pk == user.pk,
        "qs_pegawai": _qs_pegawai(request, pegawai),
        "ada_periode": periode_qs.exists(),
    }
    return render(request, "skp/buat.html", konteks)


# --- one SKP ----------------------------------------------------------------------------------
@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    konteks = _konteks_isi(request, skp)
    konteks.update(_konteks_halaman(request, skp))
    return render(request, "skp/detail.html", konteks)


@login_required
@require_POST
def salin(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_ringan(request, pk)
    _wajib_pemilik(request.user, skp)
    form = SalinSkpForm(request.POST, sumber_qs=_sumber_salin(request, skp))
    if not form.is_valid():
        messages.error(request, _("Pilih SKP yang akan disalin."))
        return redirect(_url_detail(skp.pk, "rhk-daftar"))
    try:
        services.salin_skp(request.user, skp, form.cleaned_data["sumber"])
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Isi SKP disalin. Periksa dan sesuaikan setiap RHK."))
    return redirect(_url_detail(skp.pk, "rhk-daftar"))


def _konfirmasi_ajukan(request: HttpRequest, skp: Skp) -> HttpResponse:
    """GET: say what submitting will do, in numbers, before it is done (nothing changes)."""
    services.sebagai_pemilik(request.user, skp)  # the same right as the POST (403 else)
    if skp.status != Skp.Status.DRAFT and skp.status != Skp.Status.DIKEMBALIKAN:
        messages.info(
            request, _("SKP ini sudah %(status)s.") % {"status": skp.get_status_display().lower()}
        )
        return redirect("skp_detail", skp.pk)
    if services.kekurangan_pengajuan(skp):
        return redirect(_url_detail(skp.pk, "kesiapan"))
    rhk = RencanaHasilKerja.objects.filter(skp=skp).count()
    indikator = IndikatorKinerja.objects.filter(rhk__skp=skp).count()
    penilai = rantai_penilai(skp.pegawai, services.hari_ini()).pejabat_penilai
    nama = penilai.pegawai.nama_lengkap if penilai and penilai.pegawai else _("pejabat penilai")
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Ajukan SKP"),
            pertanyaan=_(
                "Ajukan %(skp)s dengan %(rhk)s RHK dan %(indikator)s indikator kepada %(nama)s?"
            )
            % {"skp": skp, "rhk": rhk, "indikator": indikator, "nama": nama},
            akibat=_(
                "Setelah diajukan, isi SKP tidak dapat diubah kecuali dikembalikan oleh pejabat "
                "penilai."
            ),
            tombol=_("Ya, ajukan"),
            aksi=reverse("skp_ajukan", args=[skp.pk]),
            kembali=reverse("skp_detail", args=[skp.pk]),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_ringan(request, pk)
    if request.method == "GET":
        return _konfirmasi_ajukan(request, skp)
    try:
        services.ajukan_skp(request.user, skp)
    except ValidationError as e:
        skp.refresh_from_db(fields=["status"])
        if skp.status == Skp.Status.DIAJUKAN:  # a repeated POST: the first one did it
            messages.info(request, _("SKP ini sudah diajukan; tidak diajukan dua kali."))
            return redirect("skp_detail", skp.pk)
        messages.error(request, _("SKP belum dapat diajukan:"))
        for m in e.messages:
            messages.error(request, m)
        return redirect(_url_detail(skp.pk, "kesiapan"))
    messages.success(request, _("SKP diajukan kepada pejabat penilai untuk disetujui."))
    return redirect("skp_detail", skp.pk)


@login_required
@require_POST
def revisi(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_ringan(request, pk)
    try:
        baru = services.revisi_skp(request.user, skp)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return redirect("skp_detail", skp.pk)
    messages.success(
        request,
        _(
            "Revisi (versi %(versi)s) dibuat dari SKP yang ditetapkan. Ubah isinya lalu ajukan "
            "kembali; versi lama tetap berlaku sampai revisi ditetapkan."
        )
        % {"versi": baru.versi},
    )
    return redirect("skp_detail", baru.pk)


@login_required
@require_GET
def versi(request: HttpRequest, pk: int) -> HttpResponse:
    skp = selectors.get_skp(request.user, pk)
    sebelum = None
    perbedaan = None
    if skp.versi_sebelumnya_id:
        sebelum = selectors.get_skp(request.user, skp.versi_sebelumnya_id)
        perbedaan = bandingkan(isi_dari_skp(sebelum), isi_dari_skp(skp))
    konteks = {"skp": skp, "sebelum": sebelum, "perbedaan": perbedaan}
    return render(request, "skp/versi.html", konteks)


# --- RHK --------------------------------------------------------------------------------------
@login_required
@require_POST
def rhk_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_ringan(request, pk)
    _wajib_pemilik(request.user, skp)
    rhk = RencanaHasilKerja(skp=skp)
    form = RhkForm(
        request.POST, instance=rhk, skp=skp, rhk_atasan_qs=services.rhk_atasan_yang_boleh(skp)
    )
    return _proses(
        request,
        skp,
        Aktif("rhk_tambah", form),
        lambda: services.simpan_rhk(request.user, form.instance),
        pesan=_("RHK ditambahkan. Lanjutkan dengan menambah indikatornya."),
        jangkar="rhk-daftar",
    )


@login_required
def rhk_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = _rhk(request, pk)
    skp = rhk.skp
    _wajib_pemilik(request.user, skp)
    data = request.POST if request.method == "POST" else None
    form = RhkForm(data, instance=rhk, skp=skp, rhk_atasan_qs=services.rhk_atasan_yang_boleh(skp))
    return _proses(
        request,
        skp,
        Aktif("rhk_ubah", form, rhk.pk),
        lambda: services.simpan_rhk(request.user, form.instance),
        pesan=_("RHK disimpan."),
        jangkar=f"rhk-{rhk.pk}",
    )


@login_required
@require_POST
def rhk_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = _rhk(request, pk)
    return _hapus(
        request,
        rhk.skp_id,
        lambda: services.hapus_rhk(request.user, rhk),
        pesan=_("RHK dihapus."),
        bagian="rhk",
    )


# --- indikator --------------------------------------------------------------------------------
@login_required
def indikator_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = _rhk(request, pk)
    skp = rhk.skp
    _wajib_pemilik(request.user, skp)
    data = request.POST if request.method == "POST" else None
    form = IndikatorForm(data, instance=IndikatorKinerja(rhk=rhk), skp=skp)
    return _proses(
        request,
        skp,
        Aktif("indikator_tambah", form, rhk.pk),
        lambda: services.simpan_indikator(request.user, form.instance),
        pesan=_("Indikator ditambahkan."),
        jangkar=f"rhk-{rhk.pk}",
    )


@login_required
def indikator_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = _indikator(request, pk)
    skp = indikator.rhk.skp
    _wajib_pemilik(request.user, skp)
    data = request.POST if request.method == "POST" else None
    form = IndikatorForm(data, instance=indikator, skp=skp)
    return _proses(
        request,
        skp,
        Aktif("indikator_ubah", form, indikator.pk),
        lambda: services.simpan_indikator(request.user, form.instance),
        pesan=_("Indikator disimpan."),
        jangkar=f"rhk-{indikator.rhk_id}",
    )


@login_required
@require_POST
def indikator_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = _indikator(request, pk)
    return _hapus(
        request,
        indikator.rhk.skp_id,
        lambda: services.hapus_indikator(request.user, indikator),
        pesan=_("Indikator dihapus."),
        bagian="rhk",
    )


# --- lampiran ---------------------------------------------------------------------------------
@login_required
@require_POST
def lampiran_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_ringan(request, pk)
    _wajib_pemilik(request.user, skp)
    form = LampiranForm(request.POST, instance=LampiranSkp(skp=skp), skp=skp)
    return _proses(
        request,
        skp,
        Aktif("lampiran_tambah", form),
        lambda: services.simpan_lampiran(request.user, form.instance),
        pesan=_("Lampiran ditambahkan."),
        bagian="lampiran",
        jangkar="lampiran-daftar",
    )


@login_required
@require_POST
def lampiran_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    lampiran = _lampiran(request, pk)
    return _hapus(
        request,
        lampiran.skp_id,
        lambda: services.hapus_lampiran(request.user, lampiran),
        pesan=_("Lampiran dihapus."),
        bagian="lampiran",
    )
