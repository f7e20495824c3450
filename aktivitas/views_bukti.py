"""Evidence (bukti dukung) of an activity: upload, link, delete, download and preview.

Thin views.  Every activity and every evidence is read through
:func:`aktivitas.selectors.aktivitas_terlihat`, so anyone who may not see the activity (another
pegawai, another instansi) gets 404; who may *change* the evidence, and when, is decided by
:mod:`aktivitas.services_bukti` (``PermissionDenied`` → 403).

The actions answer an htmx request with the activity's evidence partial
(``aktivitas/bukti/_daftar.html``); a plain form post is redirected back to ``next`` (or the
day page) on success, and on a refusal gets a small page with the evidence and the forms, the
message next to the field.

Files are only ever served by :func:`bukti_unduh`, after the same scope check, as a download
(or shown inline, sandboxed, for images and PDF with ``?lihat=1``).
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from . import bukti as aturan
from . import services_bukti
from .forms_bukti import TautanBuktiForm, UnggahBuktiForm
from .models import Aktivitas, BuktiDukung
from .selectors import aktivitas_terlihat, get_aktivitas

logger = logging.getLogger(__name__)

DAFTAR = "aktivitas/bukti/_daftar.html"
HALAMAN = "aktivitas/bukti/halaman.html"
PRATINJAU = "aktivitas/bukti/pratinjau.html"


# --- plumbing -------------------------------------------------------------------------------
class BatasUnggahan(FileUploadHandler):
    """Stop reading an uploaded file past the instansi's limit, before it fills a disk.

    Placed first among the upload handlers, it passes the bytes on to Django's own handlers and
    only counts them; past ``batas`` the upload stops (the rest of the body is read and thrown
    away) and the form says the file is too big.
    """

    def __init__(self, request: HttpRequest, batas: int):
        super().__init__(request)
        self.batas = batas
        self.terlalu_besar = False
        self._ukuran = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._ukuran = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._ukuran += len(raw_data)
        if self._ukuran > self.batas:
            self.terlalu_besar = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _bukti(request: HttpRequest, pk: int) -> BuktiDukung:
    qs = BuktiDukung.objects.filter(aktivitas__in=aktivitas_terlihat(request.user)).select_related(
        "aktivitas__pegawai__unit_kerja"
    )
    return get_object_or_404(qs, pk=pk)


def _url_hari(user, aktivitas: Aktivitas) -> str:
    """The activity's day page (with ``?pegawai=`` when the user works for someone else)."""
    params = {"tanggal": aktivitas.tanggal.isoformat()}
    if aktivitas.pegawai_id != user.pk:
        params["pegawai"] = aktivitas.pegawai_id
    return f"{reverse('aktivitas_harian')}?{urlencode(params)}"


def _kembali(request: HttpRequest, aktivitas: Aktivitas) -> str:
    """Where a plain form post goes back to: ``next`` if it is a page of this site."""
    nilai = request.POST.get("next") or request.GET.get("next") or ""
    if nilai and url_has_allowed_host_and_scheme(
        nilai, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nilai
    return _url_hari(request.user, aktivitas)


def _terapkan_galat(form: forms.BaseForm, galat: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat.messages)
        return
    for kunci, daftar in galat.message_dict.items():
        form.add_error(kunci if kunci in form.fields else None, daftar)


def _konteks(request: HttpRequest, aktivitas: Aktivitas, **lain) -> dict:
    aktivitas = get_aktivitas(request.user, aktivitas.pk)  # fresh: the evidence just changed
    return {
        "aktivitas": aktivitas,
        "boleh_ubah": services_bukti.boleh_ubah_bukti(request.user, aktivitas),
        "pengaturan": services_bukti.pengaturan_bukti(aktivitas.pegawai.instansi_id),
        "kembali": _kembali(request, aktivitas),
        **lain,
    }


def _berhasil(request: HttpRequest, aktivitas: Aktivitas, pesan: str) -> HttpResponse:
    if _htmx(request):
        berhasil = [Message(constants.SUCCESS, pesan)]
        return render(request, DAFTAR, _konteks(request, aktivitas, pesan=berhasil))
    messages.success(request, pesan)
    return redirect(_kembali(request, aktivitas))


def _gagal(request: HttpRequest, aktivitas: Aktivitas, **lain) -> HttpResponse:
    """A refusal: the partial with the message (htmx), else a page with the same partial."""
    konteks = _konteks(request, aktivitas, **lain)
    return render(request, DAFTAR if _htmx(request) else HALAMAN, konteks)


# --- upload ---------------------------------------------------------------------------------
@csrf_exempt  # the size limit must be set before anything reads the body; CSRF: _unggah
@login_required
@require_POST
def bukti_unggah(request: HttpRequest, aktivitas_id: int) -> HttpResponse:
    aktivitas = get_aktivitas(request.user, aktivitas_id)
    # Refuse (403) before receiving the file when the user may not change this activity.
    services_bukti.wajib_pengisi(request.user, aktivitas)
    batas = BatasUnggahan(request, services_bukti.batas_ukuran(aktivitas))
    request.upload_handlers.insert(0, batas)
    return _unggah(request, aktivitas, batas)


@csrf_protect
def _unggah(request: HttpRequest, aktivitas: Aktivitas, batas: BatasUnggahan) -> HttpResponse:
    form = UnggahBuktiForm(
        request.POST,
        request.FILES,
        terlalu_besar_bytes=batas.batas if batas.terlalu_besar else None,
    )
    if form.is_valid():
        try:
            services_bukti.tambah_bukti_berkas(request.user, aktivitas, form.cleaned_data["berkas"])
        except ValidationError as galat:
            _terapkan_galat(form, galat)
        else:
            return _berhasil(request, aktivitas, _("Bukti dukung diunggah."))
    return _gagal(request, aktivitas, form_unggah=form)


@login_required
@require_POST
def bukti_tautan(request: HttpRequest, aktivitas_id: int) -> HttpResponse:
    aktivitas = get_aktivitas(request.user, aktivitas_id)
    services_bukti.wajib_pengisi(request.user, aktivitas)
    form = TautanBuktiForm(request.POST)
    if form.is_valid():
        try:
            services_bukti.tambah_bukti_tautan(request.user, aktivitas, form.cleaned_data["tautan"])
        except ValidationError as galat:
            _terapkan_galat(form, galat)
        else:
            return _berhasil(request, aktivitas, _("Tautan bukti dukung ditambahkan."))
    return _gagal(request, aktivitas, form_tautan=form)


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = _bukti(request, pk)
    aktivitas = bukti.aktivitas
    services_bukti.wajib_pengisi(request.user, aktivitas)
    try:
        services_bukti.hapus_bukti(request.user, bukti)
    except ValidationError as galat:
        if _htmx(request):
            return render(request, DAFTAR, _konteks(request, aktivitas, galat=galat.messages))
        for pesan in galat.messages:
            messages.error(request, pesan)
        return redirect(_kembali(request, aktivitas))
    return _berhasil(request, aktivitas, _("Bukti dukung dihapus."))


# --- download and preview -------------------------------------------------------------------
@login_required
@require_GET
def bukti_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """The file, to whoever may see the activity.  ``?lihat=1`` shows images and PDF inline."""
    bukti = _bukti(request, pk)
    if not bukti.berkas:
        raise Http404  # a link evidence: nothing here to serve, and never fetched by us
    try:
        isi = bukti.berkas.open("rb")
    except FileNotFoundError:
        logger.error("Berkas bukti %s (%s) tidak ada di storage.", bukti.pk, bukti.berkas.name)
        raise Http404(_("Berkas bukti dukung tidak ditemukan; hubungi admin.")) from None
    jenis = aturan.mime_aman(bukti.jenis_konten)
    lihat = request.GET.get("lihat") == "1" and aturan.bisa_dilihat(jenis)
    respons = FileResponse(
        isi,
        as_attachment=not lihat,
        filename=bukti.nama_asli or f"bukti-{bukti.pk}",
        content_type=jenis,
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, max-age=0"
    if lihat:
        respons["Content-Security-Policy"] = aturan.csp_lihat(jenis)
    return respons


@login_required
@require_GET
def bukti_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """A small preview for the reviewer: the image, a link to the PDF, or the link's target."""
    bukti = _bukti(request, pk)
    jenis = aturan.JENIS_PER_MIME.get(bukti.jenis_konten) if bukti.berkas else None
    konteks = {
        "bukti": bukti,
        "aktivitas": bukti.aktivitas,
        "gambar": bool(jenis and jenis.mime.startswith("image/")),
        "pdf": bool(jenis and jenis.kode == "pdf"),
        "jenis": jenis,
        "host": urlsplit(bukti.tautan).hostname if bukti.tautan else "",
        "kembali": _kembali(request, bukti.aktivitas),
    }
    return render(request, PRATINJAU + ("#pratinjau" if _htmx(request) else ""), konteks)
