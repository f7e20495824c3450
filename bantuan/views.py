"""The help pages: the guides, "Tanya operator", the operator's inbox, the first-use steps.
Thin: parse → selector or service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pegawai.permissions import peran

from . import panduan as md
from . import selectors, services
from .forms import JawabanForm, PertanyaanForm, SaringKotakForm
from .models import Pertanyaan
from .rules import HARI_KERJA_TERTUNDA, ISTILAH, JUDUL_PANDUAN, PANDUAN, bagian_untuk


def _pesan_ke_form(form, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for kunci, daftar in e.message_dict.items():
            form.add_error(kunci if kunci in form.fields else None, daftar)
    else:
        form.add_error(None, e.messages)


@login_required
def panel(request: HttpRequest) -> HttpResponse:
    """The body of a page's help panel (``?u=<url_name>``), fetched when it is opened: its
    guide section and the words of the regulation; no query beyond the session's and no
    context processor (rendered without the request)."""
    nama, anchor = bagian_untuk(request.GET.get("u", ""))
    return HttpResponse(
        render_to_string(
            "bantuan/_panel_isi.html",
            {
                "bagian": md.bagian(nama, anchor),
                "nama_panduan": nama,
                "judul_panduan": JUDUL_PANDUAN[nama],
                "anchor": anchor,
                "istilah": ISTILAH,
            },
        )
    )


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    daftar = [(nama, JUDUL_PANDUAN[nama]) for nama in PANDUAN]
    return render(request, "bantuan/indeks.html", {"daftar": daftar})


@login_required
def panduan(request: HttpRequest, nama: str) -> HttpResponse:
    doc = md.dokumen(nama)
    if doc is None:
        raise Http404
    return render(
        request,
        "bantuan/panduan.html",
        {"doc": doc, "nama": nama, "isi": [b for b in doc.isi if b.tingkat == 2]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tanya(request: HttpRequest) -> HttpResponse:
    form = PertanyaanForm(request.POST or None, initial={"halaman": request.GET.get("halaman", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.kirim_pertanyaan(
                request.user, form.cleaned_data["teks"], form.cleaned_data["halaman"]
            )
        except ValidationError as e:
            _pesan_ke_form(form, e)
        else:
            messages.success(
                request, _("Pertanyaan terkirim. Jawaban akan datang lewat notifikasi.")
            )
            return redirect("bantuan_pertanyaan_saya")
    halaman = services.halaman_aman(form["halaman"].value() or "")
    return render(
        request,
        "bantuan/tanya.html",
        {"form": form, "halaman": halaman, "pic": selectors.pic(request.user)},
    )


@login_required
def pertanyaan_saya(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.pertanyaan_saya(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "bantuan/saya.html", {"page_obj": page})


@login_required
def kotak(request: HttpRequest) -> HttpResponse:
    p = peran(request.user)
    if not (p.is_operator or p.is_admin):
        raise PermissionDenied(_("Halaman ini untuk operator unit dan admin instansi."))
    saring = SaringKotakForm(request.GET or None)
    qs = selectors.pertanyaan_masuk(request.user)
    status = saring.cleaned_data["status"] if saring.is_valid() else ""
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "bantuan/kotak.html", {"page_obj": page, "saring": saring})


@login_required
def kotak_dasbor(request: HttpRequest) -> HttpResponse:
    """The admin's monitoring dashboard card: questions to the operators unanswered for more
    than N workdays (loaded by htmx after the dashboard; one query)."""
    p = peran(request.user)
    if not p.is_admin:
        raise PermissionDenied(_("Kotak ini untuk admin instansi."))
    n = selectors.tertunda(request.user, p.tanggal).count()
    return render(
        request,
        "bantuan/_kotak_dasbor.html",
        {"n": n, "hari": HARI_KERJA_TERTUNDA},
    )


@login_required
def pertanyaan(request: HttpRequest, pk: int) -> HttpResponse:
    p = selectors.get_pertanyaan(request.user, pk)
    return _detail(request, p, JawabanForm(initial={"jawaban": p.jawaban}))


def _detail(request, p: Pertanyaan, form) -> HttpResponse:
    boleh_jawab = p.status != Pertanyaan.Status.SELESAI and selectors.boleh_menjawab(
        request.user, p
    )
    return render(
        request,
        "bantuan/pertanyaan.html",
        {
            "p": p,
            "form": form if boleh_jawab else None,
            "boleh_selesai": p.status != Pertanyaan.Status.SELESAI
            and (p.penanya_id == request.user.pk or boleh_jawab),
        },
    )


@login_required
@require_POST
def jawab(request: HttpRequest, pk: int) -> HttpResponse:
    p = selectors.get_pertanyaan(request.user, pk)
    if not selectors.boleh_menjawab(request.user, p):
        raise PermissionDenied(_("Pertanyaan ini dijawab oleh operator unit penanya."))
    form = JawabanForm(request.POST)
    if form.is_valid():
        try:
            services.jawab_pertanyaan(request.user, p, form.cleaned_data["jawaban"])
        except ValidationError as e:
            _pesan_ke_form(form, e)
        else:
            messages.success(request, _("Jawaban terkirim kepada penanya."))
            return redirect("bantuan_pertanyaan", pk=p.pk)
    return _detail(request, p, form)


@login_required
@require_POST
def selesai(request: HttpRequest, pk: int) -> HttpResponse:
    p = selectors.get_pertanyaan(request.user, pk)
    services.selesaikan_pertanyaan(request.user, p)
    messages.success(request, _("Pertanyaan ditandai selesai."))
    return redirect("bantuan_pertanyaan", pk=p.pk)


@login_required
@require_POST
def langkah_awal(request: HttpRequest) -> HttpResponse:
    services.atur_langkah_awal(request.user, ditutup=request.POST.get("ditutup") == "1")
    return redirect("beranda")


def galat_server(request: HttpRequest) -> HttpResponse:
    """The 500 page without the database: the PIC only when the user and his PIC are already
    at hand (the user loaded before the error, the PIC in the cache)."""
    pic = None
    try:
        user = getattr(request, "_cached_user", None)  # set only once the user was loaded
        if user is not None and user.is_authenticated:
            pic = selectors.pic_tersimpan(user.pk)
    except Exception:  # noqa: BLE001 - the error page must render whatever failed
        pic = None
    return HttpResponse(render_to_string("500.html", {"pic": pic}), status=500)
