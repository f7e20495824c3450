"""The monthly realisation page (aktivitas/realisasi/?bulan=YYYY-MM[&pegawai=]) and the
pejabat penilai's approve / return actions on submitted rows.

The pegawai (or his operator) sees the month's indicators prefilled from his activities,
edits them and submits the month at once; those who may see the pegawai (his atasan, the
admin) read it; the pejabat penilai of the month also approves or returns it from here or
from the review queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aktivitas.forms.realisasi import PilihBulanForm, RealisasiForm, geser_bulan, parse_bulan
from aktivitas.forms.tinjau import KembalikanForm
from aktivitas.models import RealisasiBulanan
from aktivitas.selectors import gangguan as selectors_gangguan
from aktivitas.selectors import tinjau as selectors_tinjau
from aktivitas.selectors.kuasa import SEBAGAI_KUASA, get_pegawai_diisi
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services import harian as services
from aktivitas.services import realisasi as services_realisasi
from aktivitas.services.realisasi import BISA_DIUBAH, IsianRealisasi
from aktivitas.views.kuasa import konteks_kuasa
from pegawai.models import Pegawai
from skp.models import RencanaHasilKerja, Skp

T = "aktivitas/realisasi/"
R = RealisasiBulanan.Status


# --- parameters -----------------------------------------------------------------------------
def _param(request: HttpRequest, nama: str) -> str:
    return request.POST.get(nama) or request.GET.get(nama) or ""


def _pegawai(request: HttpRequest) -> Pegawai:
    """?pegawai= (someone the user may see or whose kuasa he holds today, else 404), or the
    user himself."""
    pk = _param(request, "pegawai")
    if not pk:
        return request.user
    if not pk.isdigit():
        raise Http404
    return get_pegawai_diisi(request.user, int(pk))


def bulan_bawaan(pegawai: Pegawai, hari_ini: dt.date) -> tuple[int, int]:
    """Last month while its realisation is still due, else this month."""
    lalu = geser_bulan(hari_ini.year, hari_ini.month, -1)
    if hari_ini <= services_realisasi.batas_realisasi(pegawai.instansi_id, *lalu):
        return lalu
    return hari_ini.year, hari_ini.month


def _url_bulanan(pegawai: Pegawai, user, tahun: int, bulan: int) -> str:
    url = f"{reverse('realisasi_bulanan')}?bulan={tahun:04d}-{bulan:02d}"
    return url if pegawai.pk == user.pk else f"{url}&pegawai={pegawai.pk}"


def _sebagai_isi(user, pegawai: Pegawai) -> str | None:
    """The capacity in which the user fills in the drafts (a delegate too), or None."""
    try:
        return services.sebagai_pengisi(user, pegawai, kuasa=True)
    except PermissionDenied:
        return None


def _boleh_tinjau(user, pegawai: Pegawai, tahun: int, bulan: int) -> bool:
    try:
        services.wajib_penilai(user, pegawai, services_realisasi.akhir_bulan(tahun, bulan))
    except PermissionDenied:
        return False
    return True


# --- the page -------------------------------------------------------------------------------
@dataclass
class BagianRhk:
    """One RHK of the month's page with its indicator rows (and their forms)."""

    rhk: RencanaHasilKerja
    skp: Skp
    baris: list[tuple[RealisasiBulanan, RealisasiForm | None]] = field(default_factory=list)
    ringkasan: selectors_tinjau.RingkasanRhk | None = None
    jumlah_umpan_balik: int = 0


def _bagian(rows, forms, pegawai, tahun, bulan, ringkasan=None) -> list[BagianRhk]:
    if ringkasan is None:
        ringkasan = selectors_tinjau.ringkasan_aktivitas_bulan(pegawai, tahun, bulan)
    per_rhk: dict[int, BagianRhk] = {}
    for r in rows:
        rhk = r.indikator.rhk
        bagian = per_rhk.setdefault(rhk.pk, BagianRhk(rhk, r.skp, ringkasan=ringkasan.get(rhk.pk)))
        bagian.baris.append((r, forms.get(r.pk)))
    umpan = selectors_tinjau.jumlah_umpan_balik(list(per_rhk), tahun, bulan)
    for pk, bagian in per_rhk.items():
        bagian.jumlah_umpan_balik = umpan.get(pk, 0)
    return list(per_rhk.values())


def _forms(rows, data=None, hanya: set[int] | None = None) -> dict[int, RealisasiForm]:
    return {
        r.pk: RealisasiForm(
            data, baris=r, kuantitatif=r.skp.pendekatan == Skp.Pendekatan.KUANTITATIF
        )
        for r in rows
        if r.status in BISA_DIUBAH and (hanya is None or r.pk in hanya)
    }


def _halaman(request, pegawai, tahun, bulan, *, rows=None, forms=None, pilih=None, status=200):
    user = request.user
    hari_ini = timezone.localdate()
    sebagai = _sebagai_isi(user, pegawai)
    boleh_isi = sebagai is not None
    sudah_mulai = dt.date(tahun, bulan, 1) <= hari_ini
    ringkasan = None
    if rows is None:
        if boleh_isi and sudah_mulai:
            # The prefill must exist as draft rows the pegawai edits; preparing is idempotent.
            # The month's activity summary feeds both the prefill and the page: read once.
            ringkasan = selectors_tinjau.ringkasan_aktivitas_bulan(pegawai, tahun, bulan)
            rows = services_realisasi.siapkan_realisasi(
                user, pegawai, tahun, bulan, ringkasan=ringkasan
            )
        else:
            rows = list(selectors_tinjau.realisasi_bulan(pegawai, tahun, bulan))
    if forms is None:
        forms = _forms(rows) if boleh_isi else {}
    ada_diajukan = any(r.status == R.DIAJUKAN for r in rows)
    info_batas = selectors_gangguan.batas_realisasi(pegawai.instansi_id, tahun, bulan)
    batas = info_batas.berlaku
    belum_diajukan = [r for r in rows if r.status in BISA_DIUBAH]
    boleh_tinjau = (
        ada_diajukan and pegawai.pk != user.pk and _boleh_tinjau(user, pegawai, tahun, bulan)
    )
    if boleh_tinjau:
        for r in rows:
            r.form_kembalikan = KembalikanForm(auto_id=f"kembali-r{r.pk}-%s")
    konteks = {
        "pegawai": pegawai,
        "sendiri": pegawai.pk == user.pk,
        "bulan_tanggal": dt.date(tahun, bulan, 1),
        "bulan_param": f"{tahun:04d}-{bulan:02d}",
        "sebelumnya": "{:04d}-{:02d}".format(*geser_bulan(tahun, bulan, -1)),
        "berikutnya": "{:04d}-{:02d}".format(*geser_bulan(tahun, bulan, 1)),
        "pilih": pilih or PilihBulanForm(initial={"bulan": (tahun, bulan)}),
        "bagian": _bagian(rows, forms, pegawai, tahun, bulan, ringkasan),
        "jumlah_baris": len(rows),
        "boleh_isi": boleh_isi and bool(forms),
        # A delegate fills in the drafts; submitting stays the pegawai's (or his operator's).
        "boleh_ajukan": boleh_isi and sebagai != SEBAGAI_KUASA and bool(belum_diajukan),
        **konteks_kuasa(user, pegawai, sebagai or ""),
        "boleh_tinjau": boleh_tinjau,
        "sudah_mulai": sudah_mulai,
        "batas": batas,
        "info_batas": info_batas,
        "lewat_batas": hari_ini > batas and bool(belum_diajukan),
        "terlambat": any(r.terlambat for r in rows),
        "url_ini": _url_bulanan(pegawai, user, tahun, bulan),
        "pengaturan_bukti": pengaturan_kinerja(pegawai.instansi_id),
    }
    return render(request, T + "bulanan.html", konteks, status=status)


def _bulan(request: HttpRequest, pegawai: Pegawai) -> tuple[tuple[int, int], PilihBulanForm]:
    pilih = PilihBulanForm(request.GET)
    if pilih.is_valid() and pilih.cleaned_data["bulan"]:
        return pilih.cleaned_data["bulan"], pilih
    bawaan = bulan_bawaan(pegawai, timezone.localdate())
    return bawaan, (pilih if pilih.errors else None)


def _simpan(request, pegawai, tahun, bulan) -> HttpResponse | None:
    """Save the rows posted with the request; on an input error, the page with the errors
    (nothing typed lost).  None when all went well."""
    rows = list(selectors_tinjau.realisasi_bulan(pegawai, tahun, bulan))
    dikirim = {r.pk for r in rows if any(k.startswith(f"r{r.pk}-") for k in request.POST)}
    forms = _forms(rows, request.POST, hanya=dikirim)
    if not forms:
        return None
    if all(f.is_valid() for f in forms.values()):
        isian = {
            pk: IsianRealisasi(
                f.cleaned_data["realisasi"], f.cleaned_data.get("nilai"), f.cleaned_data["catatan"]
            )
            for pk, f in forms.items()
        }
        try:
            services_realisasi.simpan_realisasi_bulan(request.user, pegawai, tahun, bulan, isian)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(_url_bulanan(pegawai, request.user, tahun, bulan))
        return None
    semua = {**_forms(rows), **forms}
    return _halaman(request, pegawai, tahun, bulan, rows=rows, forms=semua)


@login_required
@require_http_methods(["GET", "POST"])
def bulanan(request: HttpRequest) -> HttpResponse:
    pegawai = _pegawai(request)
    (tahun, bulan), pilih = _bulan(request, pegawai)
    if request.method == "POST":
        services.sebagai_pengisi(request.user, pegawai, kuasa=True)  # 403 for a reader
        gagal = _simpan(request, pegawai, tahun, bulan)
        if gagal is not None:
            return gagal
        messages.success(request, _("Realisasi disimpan."))
        return redirect(_url_bulanan(pegawai, request.user, tahun, bulan))
    return _halaman(request, pegawai, tahun, bulan, pilih=pilih)


@login_required
@require_POST
def ajukan(request: HttpRequest) -> HttpResponse:
    """Submit the month (saving first whatever rows came with the form)."""
    pegawai = _pegawai(request)
    hasil = parse_bulan(_param(request, "bulan"))
    if hasil is None:
        raise Http404
    tahun, bulan = hasil
    services.sebagai_pengisi(request.user, pegawai)
    gagal = _simpan(request, pegawai, tahun, bulan)
    if gagal is not None:
        return gagal
    try:
        daftar = services_realisasi.ajukan_realisasi(request.user, pegawai, tahun, bulan)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        penilai = daftar[0].penilai
        teks = _("Realisasi %(bulan)s diajukan.") % {"bulan": f"{bulan:02d}/{tahun}"}
        if penilai is not None:
            teks += " " + _("Menunggu persetujuan %(nama)s.") % {"nama": penilai.nama_lengkap}
        messages.success(request, teks)
        if any(r.terlambat for r in daftar):
            messages.warning(request, _("Realisasi ini diajukan melewati batas waktu."))
    return redirect(_url_bulanan(pegawai, request.user, tahun, bulan))


# --- review by the pejabat penilai ----------------------------------------------------------
def _url_kembali(request: HttpRequest) -> str:
    tujuan = request.POST.get("next", "")
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return reverse("aktivitas_tinjau") + "?tab=realisasi"


def _baris(request, pk: int, *, pesan: list[Message], form=None) -> HttpResponse:
    r = selectors_tinjau.get_realisasi_tinjau(request.user, pk)
    r.form_kembalikan = form or KembalikanForm(auto_id=f"kembali-r{r.pk}-%s")
    return render(
        request,
        "aktivitas/tinjau/antrean.html#baris_realisasi",
        {
            "r": r,
            "pesan": pesan,
            "buka_kembalikan": form is not None,
            "next": request.POST.get("next", ""),
        },
    )


def _selesai(request, pk: int, *, sukses: str = "", gagal: str = "") -> HttpResponse:
    if request.htmx:
        pesan = Message(constants.ERROR, gagal) if gagal else Message(constants.SUCCESS, sukses)
        return _baris(request, pk, pesan=[pesan])
    if gagal:
        messages.error(request, gagal)
    else:
        messages.success(request, sukses)
    return redirect(_url_kembali(request))


def _ditolak(request, pk: int, e: PermissionDenied) -> HttpResponse:
    """No right: 403; an htmx click gets the reason inside its row instead."""
    if not request.htmx:
        raise e
    return _baris(request, pk, pesan=[Message(constants.ERROR, str(e))])


def _ids(request, r: RealisasiBulanan) -> list[int]:
    """This row, or with ``bulan_penuh`` every submitted row of the same pegawai-month."""
    if request.POST.get("bulan_penuh"):
        return selectors_tinjau.realisasi_diajukan_sebulan(r) or [r.pk]
    return [r.pk]


def _tentang(r: RealisasiBulanan, n: int) -> dict:
    return {"nama": r.skp.pegawai.nama_lengkap, "bulan": f"{r.bulan:02d}/{r.tahun}", "n": n}


@login_required
@require_POST
def setujui(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors_tinjau.get_realisasi_tinjau(request.user, pk)
    ids = _ids(request, r)
    try:
        services_realisasi.setujui_realisasi(request.user, ids)
    except ValidationError as e:
        return _selesai(request, pk, gagal=" ".join(e.messages))
    except PermissionDenied as e:
        return _ditolak(request, pk, e)
    return _selesai(
        request,
        pk,
        sukses=_("Realisasi %(nama)s bulan %(bulan)s disetujui (%(n)d indikator).")
        % _tentang(r, len(ids)),
    )


@login_required
@require_POST
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors_tinjau.get_realisasi_tinjau(request.user, pk)
    form = KembalikanForm(request.POST, auto_id=f"kembali-r{r.pk}-%s")
    if form.is_valid():
        ids = _ids(request, r)
        try:
            services_realisasi.kembalikan_realisasi(request.user, ids, form.cleaned_data["catatan"])
        except PermissionDenied as e:
            return _ditolak(request, pk, e)
        except ValidationError as e:
            if not (hasattr(e, "error_dict") and set(e.message_dict) <= set(form.fields)):
                return _selesai(request, pk, gagal=" ".join(e.messages))
            for kolom, daftar in e.message_dict.items():
                form.add_error(kolom, daftar)
        else:
            return _selesai(
                request,
                pk,
                sukses=_("Realisasi %(nama)s bulan %(bulan)s dikembalikan (%(n)d indikator).")
                % _tentang(r, len(ids)),
            )
    else:
        try:  # no right: refused before any talk about the form
            services.wajib_penilai(
                request.user, r.skp.pegawai, services_realisasi.akhir_bulan(r.tahun, r.bulan)
            )
        except PermissionDenied as e:
            return _ditolak(request, pk, e)
    if request.htmx:
        return _baris(request, pk, pesan=[], form=form)
    return render(
        request,
        T + "kembalikan.html",
        {
            "r": r,
            "form": form,
            "next": request.POST.get("next", ""),
            "bulan_penuh": request.POST.get("bulan_penuh", ""),
        },
    )
