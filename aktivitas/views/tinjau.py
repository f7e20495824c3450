"""The atasan's review queue (aktivitas/tinjau/) and the feedback thread per RHK per month.

The queue lists what waits for the user as pejabat penilai: activities (approve or return
one by one, in place with htmx or as a plain POST; approve many at once in one transaction)
and submitted monthly realisations.  An id the user may not see answers 404; one he sees but
may not review answers 403 (the service decides, on the activity's own date).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from aktivitas.forms.realisasi import geser_bulan, parse_bulan
from aktivitas.forms.tinjau import (
    FilterAntreanForm,
    KembalikanForm,
    PilihAktivitasForm,
    UmpanBalikForm,
)
from aktivitas.models import Aktivitas
from aktivitas.selectors import tinjau as selectors_tinjau
from aktivitas.services import harian as services
from aktivitas.services import umpan_balik as services_umpan_balik
from aktivitas.views.potret import potret_baris_antrean
from ekinerja.context_processors import bagian_menu
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi

T = "aktivitas/tinjau/"
# A page of the queue stays under 30 KB of HTML (issue 12) even when every row is another
# pegawai's, carries evidence and the "entered by" badges (measured: ≈ 1.3 KB a row).
PER_HALAMAN = 15


def wajib_peninjau(user) -> None:
    if not selectors_tinjau.boleh_meninjau(user):
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat penilai kinerja."))


def url_antrean(request: HttpRequest) -> str:
    """The queue with the filters the action was taken from (a query string only: the
    redirect never leaves the queue)."""
    q = QueryDict(request.POST.get("kembali", "").lstrip("?")).urlencode()
    return reverse("aktivitas_tinjau") + (f"?{q}" if q else "")


def form_kembalikan(a: Aktivitas, data=None) -> KembalikanForm:
    # One form per row with its own ids, so each label points at its own field.
    return KembalikanForm(data, auto_id=f"kembali-{a.pk}-%s")


# --- the queue ------------------------------------------------------------------------------
@login_required
@require_GET
def antrean(request: HttpRequest) -> HttpResponse:
    user = request.user
    wajib_peninjau(user)
    tab = "realisasi" if request.GET.get("tab") == "realisasi" else "aktivitas"
    konteks = {
        "tab": tab,
        # The menu's badge counted the same two (one query with the page's other counts).
        "jumlah": bagian_menu(request, "aktivitas_tinjau") or selectors_tinjau.jumlah_antrean(user),
        "kembali": request.GET.urlencode(),
    }
    if tab == "aktivitas":
        menunggu = selectors_tinjau.pegawai_menunggu(user)
        form = FilterAntreanForm(
            request.GET or None,
            pegawai_pilihan=selectors_tinjau.pegawai_antrean(user),
            termuat=menunggu,
        )
        saring = {}
        if form.is_bound and form.is_valid():
            pegawai = form.cleaned_data.get("pegawai")
            saring = {
                "pegawai_id": pegawai.pk if pegawai else None,
                "cari": form.cleaned_data.get("cari", ""),
                "dari": form.cleaned_data["dari"],
                "sampai": form.cleaned_data["sampai"],
            }
        antrean = selectors_tinjau.antrean_bertahap(user, menunggu, **saring)
        page_obj = Paginator(antrean, PER_HALAMAN).get_page(request.GET.get("page"))
        baris = list(page_obj.object_list)
        selectors_tinjau.sumber_isian_antrean(user, baris)
        for a in baris:
            a.potret = potret_baris_antrean(a)
        konteks.update(form=form, page_obj=page_obj)
    else:
        qs = selectors_tinjau.antrean_realisasi(user)
        page_obj = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
        for r in page_obj:
            r.form_kembalikan = KembalikanForm(auto_id=f"kembali-r{r.pk}-%s")
        konteks.update(page_obj=page_obj, next=request.get_full_path())
    return render(request, T + "antrean.html", konteks)


def _baris(request: HttpRequest, pk: int, *, pesan: list[Message], form=None) -> HttpResponse:
    """The row again, read afresh after the action (htmx swaps it in place); with ``form``
    the row carries the return form, opened (it is loaded only when asked for)."""
    a = selectors_tinjau.get_aktivitas_tinjau(request.user, pk)
    a.form_kembalikan = form
    return render(
        request,
        T + "antrean.html#baris",
        {
            "a": a,
            "pesan": pesan,
            "kembali": request.POST.get("kembali") or request.GET.get("kembali", ""),
            "buka_kembalikan": form is not None,
        },
    )


def _selesai(request: HttpRequest, pk: int, *, sukses: str = "", gagal: str = "") -> HttpResponse:
    if request.htmx:
        pesan = Message(constants.ERROR, gagal) if gagal else Message(constants.SUCCESS, sukses)
        return _baris(request, pk, pesan=[pesan])
    if gagal:
        messages.error(request, gagal)
    else:
        messages.success(request, sukses)
    return redirect(url_antrean(request))


def _ditolak(request: HttpRequest, pk: int, e: PermissionDenied) -> HttpResponse:
    """No right: 403 — but an htmx click gets the reason inside its row (htmx swaps no 4xx
    answer, so the atasan would otherwise see nothing happen)."""
    if not request.htmx:
        raise e
    return _baris(request, pk, pesan=[Message(constants.ERROR, str(e))])


def _tentang(a: Aktivitas) -> dict:
    return {"nama": a.pegawai.nama_lengkap, "tanggal": a.tanggal.strftime("%d-%m-%Y")}


@login_required
@require_POST
def setujui(request: HttpRequest, pk: int) -> HttpResponse:
    a = selectors_tinjau.get_aktivitas_tinjau(request.user, pk)
    try:
        services.setujui_aktivitas(request.user, [a.pk])
    except ValidationError as e:
        return _selesai(request, pk, gagal=" ".join(e.messages))
    except PermissionDenied as e:
        return _ditolak(request, pk, e)
    return _selesai(
        request, pk, sukses=_("Aktivitas %(nama)s tanggal %(tanggal)s disetujui.") % _tentang(a)
    )


@login_required
@require_http_methods(["GET", "POST"])
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the return form, loaded on demand (into the row with htmx, else as a page), so
    the queue does not carry one form per row; POST: return with the note."""
    a = selectors_tinjau.get_aktivitas_tinjau(request.user, pk)
    if request.method == "GET":
        try:
            services.wajib_penilai(request.user, a.pegawai, a.tanggal)
        except PermissionDenied as e:
            return _ditolak(request, pk, e)
        if request.htmx:
            return _baris(request, pk, pesan=[], form=form_kembalikan(a))
        return render(
            request,
            T + "kembalikan.html",
            {"a": a, "form": form_kembalikan(a), "kembali": request.GET.get("kembali", "")},
        )
    form = form_kembalikan(a, request.POST)
    if form.is_valid():
        try:
            services.kembalikan_aktivitas(request.user, [a.pk], form.cleaned_data["catatan"])
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
                sukses=_("Aktivitas %(nama)s tanggal %(tanggal)s dikembalikan.") % _tentang(a),
            )
    else:
        try:  # no right: refused before any talk about the form
            services.wajib_penilai(request.user, a.pegawai, a.tanggal)
        except PermissionDenied as e:
            return _ditolak(request, pk, e)
    if request.htmx:
        return _baris(request, pk, pesan=[], form=form)
    return render(
        request,
        T + "kembalikan.html",
        {"a": a, "form": form, "kembali": request.POST.get("kembali", "")},
    )


def _ke_antrean(request: HttpRequest) -> HttpResponse:
    """Back to the queue (with its messages): a whole-page visit even from an htmx post, whose
    answer would otherwise land in the confirmation dialog."""
    if request.htmx:
        return HttpResponseClientRedirect(url_antrean(request))
    return redirect(url_antrean(request))


def _konfirmasi_setujui_massal(request: HttpRequest, ids: list[int]) -> HttpResponse:
    """Before approving many: "Setujui 37 aktivitas?" with the count per pegawai.  Asked only
    when every one of them may be approved by this user now (else the refusal, as the POST)."""
    daftar = list(
        selectors_tinjau.aktivitas_untuk_tinjau(request.user)
        .filter(pk__in=ids)
        .select_related("pegawai")
    )
    try:
        for a in daftar:
            if a.status != Aktivitas.Status.MENUNGGU:
                raise ValidationError(
                    _("Aktivitas %(tanggal)s sudah %(status)s.")
                    % {
                        "tanggal": a.tanggal.strftime("%d-%m-%Y"),
                        "status": a.get_status_display().lower(),
                    }
                )
            services.wajib_penilai(request.user, a.pegawai, a.tanggal)
    except (ValidationError, PermissionDenied) as e:
        alasan = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
        messages.error(request, _("Tidak ada yang disetujui. %(alasan)s") % {"alasan": alasan})
        return _ke_antrean(request)
    per_pegawai = Counter(a.pegawai.nama_lengkap for a in daftar)
    kembali = request.POST.get("kembali", "")
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Setujui aktivitas"),
            pertanyaan=ngettext("Setujui %(n)s aktivitas?", "Setujui %(n)s aktivitas?", len(daftar))
            % {"n": len(daftar)},
            rincian=[
                ngettext("%(nama)s: %(n)s aktivitas", "%(nama)s: %(n)s aktivitas", n)
                % {"nama": nama, "n": n}
                for nama, n in sorted(per_pegawai.items())
            ],
            akibat=_(
                "Aktivitas yang disetujui tidak dapat diubah lagi oleh pegawai, dan Anda tidak "
                "dapat mengembalikannya."
            ),
            tombol=_("Ya, setujui"),
            aksi=reverse("aktivitas_setujui_massal"),
            kembali=url_antrean(request),
            data=[("yakin", "1"), ("kembali", kembali)] + [("ids", str(a.pk)) for a in daftar],
        ),
    )


@login_required
@require_POST
def setujui_massal(request: HttpRequest) -> HttpResponse:
    """Approve the checked activities in one transaction: all of them, or none."""
    user = request.user
    wajib_peninjau(user)
    form = PilihAktivitasForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("ids", [])))
        return _ke_antrean(request)
    ids = form.cleaned_data["ids"]
    if selectors_tinjau.aktivitas_untuk_tinjau(user).filter(pk__in=ids).count() != len(ids):
        raise Http404
    if request.POST.get("yakin") != "1":
        return _konfirmasi_setujui_massal(request, ids)
    try:
        disetujui = services.setujui_aktivitas(user, ids)
    except (ValidationError, PermissionDenied) as e:
        if not Aktivitas.objects.filter(pk__in=ids).exclude(status=Aktivitas.Status.DISETUJUI):
            # A repeated POST of the same confirmation: the first one approved them all.
            messages.info(request, _("Aktivitas ini sudah disetujui; tidak disetujui dua kali."))
            return _ke_antrean(request)
        alasan = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
        messages.error(request, _("Tidak ada yang disetujui. %(alasan)s") % {"alasan": alasan})
    else:
        n = len(disetujui)
        messages.success(
            request,
            ngettext("%(n)d aktivitas disetujui.", "%(n)d aktivitas disetujui.", n) % {"n": n},
        )
    return _ke_antrean(request)


# --- feedback -------------------------------------------------------------------------------
def _bulan_umpan_balik(request: HttpRequest, rhk) -> tuple[int, int]:
    """?bulan=YYYY-MM, else this month held inside the SKP's validity."""
    if "bulan" in request.GET:
        hasil = parse_bulan(request.GET["bulan"])
        if hasil is None:
            raise Http404
        return hasil
    hari = min(max(timezone.localdate(), rhk.skp.mulai), rhk.skp.selesai)
    return hari.year, hari.month


@login_required
@require_http_methods(["GET", "POST"])
def umpan_balik(request: HttpRequest, rhk_id: int) -> HttpResponse:
    user = request.user
    rhk = selectors_tinjau.get_rhk(rhk_id)
    if rhk is None:
        raise Http404
    tahun, bulan = _bulan_umpan_balik(request, rhk)
    try:
        sebagai = services_umpan_balik.peserta_umpan_balik(user, rhk, tahun, bulan)
    except PermissionDenied:
        raise Http404 from None  # the thread is private: others do not learn it exists
    if not services_umpan_balik.bulan_dalam_skp(rhk, tahun, bulan):
        raise Http404
    url = f"{reverse('umpan_balik', args=[rhk.pk])}?bulan={tahun:04d}-{bulan:02d}"
    form = UmpanBalikForm(request.POST or None)
    pesan: list[Message] = []
    if request.method == "POST" and form.is_valid():
        try:
            services_umpan_balik.tulis_umpan_balik(
                user, rhk, tahun, bulan, form.cleaned_data["teks"]
            )
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.message_dict) <= set(form.fields):
                for kolom, daftar in e.message_dict.items():
                    form.add_error(kolom, daftar)
            else:
                form.add_error(None, e)
        else:
            if not request.htmx:
                messages.success(request, _("Umpan balik terkirim."))
                return redirect(url)
            form, pesan = UmpanBalikForm(), [Message(constants.SUCCESS, _("Umpan balik terkirim."))]
    konteks = _konteks_umpan_balik(rhk, tahun, bulan, sebagai, form, pesan, url)
    if request.htmx:
        return render(request, T + "umpan_balik.html#utas", konteks)
    return render(request, T + "umpan_balik.html", konteks)


def _konteks_umpan_balik(rhk, tahun, bulan, sebagai, form, pesan, url) -> dict:
    pegawai = rhk.skp.pegawai
    navigasi = {}
    for arah, n in (("sebelumnya", -1), ("berikutnya", 1)):
        t, b = geser_bulan(tahun, bulan, n)
        if services_umpan_balik.bulan_dalam_skp(rhk, t, b):
            navigasi[arah] = f"{t:04d}-{b:02d}"
    return {
        "rhk": rhk,
        "skp": rhk.skp,
        "pegawai": pegawai,
        "bulan_tanggal": dt.date(tahun, bulan, 1),
        "bulan_param": f"{tahun:04d}-{bulan:02d}",
        "utas": list(selectors_tinjau.utas_umpan_balik(rhk, tahun, bulan)),
        "ringkasan": selectors_tinjau.ringkasan_aktivitas_bulan(pegawai, tahun, bulan).get(rhk.pk),
        "sebagai": sebagai,
        "form": form,
        "pesan": pesan,
        "url": url,
        "navigasi": navigasi,
    }
