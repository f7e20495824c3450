"""Pages of the distribution curve: the predikat kinerja organisasi per unit (admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.models import UnitKerja
from pegawai.permissions import is_admin_instansi
from penilaian import rules
from penilaian.forms.kurva import PredikatOrganisasiForm
from penilaian.models import Penilaian, PredikatKinerjaOrganisasi
from penilaian.selectors import kurva as selectors_kurva
from penilaian.services import kurva as services_kurva
from penilaian.views.nilai import admin_instansi

PER_HALAMAN = 50


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun") or request.POST.get("tahun"))
    except (TypeError, ValueError):
        return timezone.localdate().year


@admin_instansi
@require_GET
def predikat_organisasi(request):
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    tahun = _tahun(request)
    halaman = Paginator(
        UnitKerja.objects.filter(instansi_id=request.user.instansi_id).order_by("path"),
        PER_HALAMAN,
    ).get_page(request.GET.get("page"))
    ada = {
        po.unit_id: po
        for po in PredikatKinerjaOrganisasi.objects.filter(
            tahun=tahun, unit__in=list(halaman.object_list)
        )
    }
    baris = [
        (
            u,
            ada.get(u.pk),
            PredikatOrganisasiForm(
                initial={"predikat": ada[u.pk].predikat, "catatan": ada[u.pk].catatan}
                if u.pk in ada
                else None,
                prefix=f"u{u.pk}",
            ),
        )
        for u in halaman.object_list
    ]
    return render(
        request,
        "penilaian/kurva/predikat.html",
        {"tahun": tahun, "halaman": halaman, "page_obj": halaman, "baris": baris},
    )


@admin_instansi
@require_POST
def predikat_organisasi_tetapkan(request, unit: int):
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    u = get_object_or_404(UnitKerja, pk=unit, instansi_id=request.user.instansi_id)
    tahun = _tahun(request)
    form = PredikatOrganisasiForm(request.POST, prefix=f"u{u.pk}")
    if not form.is_valid():
        for e in form.errors.values():
            messages.error(request, f"{u.nama}: {' '.join(e)}")
    else:
        try:
            services_kurva.tetapkan_predikat_organisasi(
                request.user, u, tahun, form.cleaned_data["predikat"], form.cleaned_data["catatan"]
            )
        except ValidationError as e:
            messages.error(request, f"{u.nama}: {' '.join(e.messages)}")
        else:
            messages.success(
                request, _("Predikat organisasi %(unit)s disimpan.") % {"unit": u.nama}
            )
    return redirect(f"{reverse('predikat_organisasi')}?tahun={tahun}")


# --- the curve of a unit --------------------------------------------------------------------
@login_required
@require_GET
def kurva_daftar(request):
    """The curves the user may open in a year (admin: all; operator: his units; atasan: the
    groups of his subordinates)."""
    tahun = _tahun(request)
    return render(
        request,
        "penilaian/kurva/daftar.html",
        {"tahun": tahun, "daftar": selectors_kurva.kurva_terlihat(request.user, tahun)},
    )


def _kelompok_terlihat(request, unit: int):
    u = get_object_or_404(UnitKerja.objects.select_related("instansi"), pk=unit)
    if not request.user.is_superuser and u.instansi_id != request.user.instansi_id:
        raise Http404
    kelompok = selectors_kurva.kelompok_kurva(u, _tahun(request))
    if not selectors_kurva.boleh_lihat_kurva(request.user, kelompok):
        raise PermissionDenied(_("Anda tidak berwenang melihat kurva distribusi unit ini."))
    return kelompok


@login_required
@require_GET
def kurva_unit(request, unit: int):
    """A unit's live distribution against its curve, the people behind it, and (for the
    admin) the finalisation of the unit's annual predikat."""
    kelompok = _kelompok_terlihat(request, unit)
    ringkasan = selectors_kurva.ringkasan_dari_kelompok(kelompok)
    nilai = {p.skp_id: p for p in kelompok.penilaian}
    baris = [(s, nilai.get(s.pk)) for s in kelompok.skp]
    halaman = Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page"))
    contoh = []
    if ringkasan.contoh:
        contoh = [(rules.LABEL_PREDIKAT[p], n) for p, n in ringkasan.contoh.items() if n]
    po = kelompok.predikat_organisasi
    return render(
        request,
        "penilaian/kurva/unit.html",
        {
            "kelompok": kelompok,
            "ringkasan": ringkasan,
            "page_obj": halaman,
            "contoh": contoh,
            "tahun": kelompok.tahun,
            "url_finalkan": reverse("kurva_finalkan", args=[kelompok.unit.pk])
            + f"?tahun={kelompok.tahun}",
            "boleh_finalkan": bool(
                po
                and not po.difinalkan_pada
                and is_admin_instansi(request.user, kelompok.unit.instansi_id)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kurva_finalkan(request, unit: int):
    """GET: the confirmation, in numbers; POST: finalise the group's annual ratings once."""
    kelompok = _kelompok_terlihat(request, unit)
    tujuan = f"{reverse('kurva_unit', args=[unit])}?tahun={kelompok.tahun}"
    po = kelompok.predikat_organisasi
    if po is None:
        messages.error(request, _("Predikat kinerja organisasi unit ini belum ditetapkan."))
        return redirect(tujuan)
    if not is_admin_instansi(request.user, kelompok.unit.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang boleh melakukan ini."))
    if po.difinalkan_pada:  # a repeated POST (or a stale button): the first one did it
        messages.info(request, _("Kurva distribusi unit ini sudah difinalkan; tidak diulang."))
        return redirect(tujuan)
    if request.method == "GET":
        return _konfirmasi_finalkan(request, kelompok, tujuan)
    try:
        jumlah = services_kurva.finalkan_kurva(request.user, po)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            _("Predikat tahunan %(n)s pegawai difinalkan; jangka keberatan mulai hari ini.")
            % {"n": jumlah},
        )
    return redirect(tujuan)


def _konfirmasi_finalkan(request, kelompok, tujuan: str):
    """Say how many annual ratings become final, and their distribution, before doing it."""
    hitung: dict[str, int] = {}
    for p in kelompok.penilaian:
        if p.status == Penilaian.Status.DINILAI and p.predikat:
            hitung[p.predikat] = hitung.get(p.predikat, 0) + 1
    belum = len(kelompok.skp) - sum(hitung.values())
    rincian = [
        _("%(predikat)s: %(n)s orang") % {"predikat": rules.LABEL_PREDIKAT[pr], "n": hitung[pr]}
        for pr in rules.Predikat
        if hitung.get(pr)
    ]
    if belum:
        rincian.append(_("Belum dinilai: %(n)s orang") % {"n": belum})
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Finalkan kurva distribusi"),
            pertanyaan=_("Finalkan predikat tahunan %(n)s pegawai %(unit)s tahun %(tahun)s?")
            % {"n": len(kelompok.skp), "unit": kelompok.unit.nama, "tahun": kelompok.tahun},
            akibat=_(
                "Setelah difinalkan, predikat tidak dapat diubah lagi kecuali melalui keberatan; "
                "pegawai menerima predikatnya dan jangka keberatan dimulai hari ini."
            ),
            tombol=_("Ya, finalkan"),
            aksi=reverse("kurva_finalkan", args=[kelompok.unit.pk]) + f"?tahun={kelompok.tahun}",
            kembali=tujuan,
            bahaya=True,
            rincian=rincian,
        ),
    )
