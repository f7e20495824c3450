"""Evidence (bukti dukung) of an activity or a monthly realisation row: upload (several files
at once), link, delete, download and preview.

Thin views.  Every owner and every evidence is read through
:func:`aktivitas.selectors.harian.aktivitas_terlihat` /
:func:`~aktivitas.selectors.harian.realisasi_terlihat`, so anyone who may not see it (another
pegawai, another instansi) gets 404; who may *change* the evidence, and when, is decided by
:mod:`aktivitas.services.bukti` (``PermissionDenied`` → 403).

The actions answer an htmx request with the activity's evidence partial
(``aktivitas/bukti/_daftar.html``); a plain form post is redirected back to ``next`` (or the
day page) on success, and on a refusal gets a small page with the evidence and the forms, the
message next to the field.

Files are only ever served by :func:`bukti_unduh`, after the same scope check, as a download
(or shown inline, sandboxed, for images and PDF with ``?lihat=1``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from aktivitas import bukti as aturan
from aktivitas.forms.bukti import TautanBuktiForm, UnggahBuktiForm
from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.selectors.harian import (
    aktivitas_terlihat,
    get_aktivitas,
    get_realisasi,
    realisasi_terlihat,
)
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services import bukti as services_bukti
from aktivitas.services.bukti import Pemilik
from inti.formulir import terapkan_galat

logger = logging.getLogger(__name__)

DAFTAR = "aktivitas/bukti/_daftar.html"
HALAMAN = "aktivitas/bukti/halaman.html"
PRATINJAU = "aktivitas/bukti/pratinjau.html"


# --- receiving files under the size limit ----------------------------------------------------
class BatasUnggahan(FileUploadHandler):
    """Skip an uploaded file past the instansi's limit, before it fills a disk.

    Placed first among the upload handlers, it passes the bytes on to Django's own handlers and
    only counts them; past ``batas`` that one file is skipped (its remaining bytes are read and
    thrown away) and its name is kept in ``ditolak``, while the other files of the same request
    are received as usual.
    """

    def __init__(self, request: HttpRequest, batas: int):
        super().__init__(request)
        self.batas = batas
        self.ditolak: list[str] = []
        self._ukuran = 0
        self._nama = ""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self._ukuran = 0
        self._nama = file_name or ""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._ukuran += len(raw_data)
        if self._ukuran > self.batas:
            self.ditolak.append(self._nama)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file

    @property
    def terlalu_besar(self) -> bool:
        return bool(self.ditolak)

    def ditolak_dengan_pesan(self) -> list[tuple[str, str]]:
        """(name, why) of each file skipped for its size."""
        pesan = aturan.pesan_terlalu_besar(self.batas)
        return [(_nama_aman(n), pesan) for n in self.ditolak]


def _nama_aman(nama: str) -> str:
    try:
        return aturan.nama_tampil(nama)
    except ValidationError:
        return _("berkas")


def terima_unggahan(batas_untuk: Callable[..., int]):
    """Receive the view's multipart POST with the size limit ``batas_untuk(request, *args)``.

    The limit must be in place before anything reads the body, and Django's CSRF check reads
    it: so the view is exempted from the middleware's check and protected here, after the
    handler is set.  The handler is ``request.batas_unggahan`` (None for other requests).
    Put it under ``login_required``: ``batas_untuk`` may raise 404/403 for a foreign id.
    """

    def dekorator(view):
        terlindung = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def dibungkus(request: HttpRequest, *args, **kwargs):
            request.batas_unggahan = None
            if request.method == "POST" and request.content_type == "multipart/form-data":
                batas = BatasUnggahan(request, batas_untuk(request, *args, **kwargs))
                request.upload_handlers.insert(0, batas)
                request.batas_unggahan = batas
            return terlindung(request, *args, **kwargs)

        return dibungkus

    return dekorator


def ditolak_saat_diterima(request: HttpRequest) -> list[tuple[str, str]]:
    """(name, why) of the files skipped while receiving this request (too big)."""
    request.FILES  # noqa: B018 — the body is parsed (and the files counted) on first access
    batas = getattr(request, "batas_unggahan", None)
    return batas.ditolak_dengan_pesan() if batas else []


# --- plumbing -------------------------------------------------------------------------------
def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _bukti(request: HttpRequest, pk: int) -> BuktiDukung:
    user = request.user
    qs = BuktiDukung.objects.filter(
        Q(aktivitas__in=aktivitas_terlihat(user)) | Q(realisasi__in=realisasi_terlihat(user))
    ).select_related("aktivitas__pegawai__unit_kerja", "realisasi__skp__pegawai__unit_kerja")
    return get_object_or_404(qs, pk=pk)


def _url_pemilik(user, pemilik: Pemilik) -> str:
    """The owner's page: the activity's day, or the realisation's month (with ``?pegawai=``
    when the user works for someone else)."""
    pegawai = services_bukti.pegawai_pemilik(pemilik)
    if isinstance(pemilik, Aktivitas):
        params = {"tanggal": pemilik.tanggal.isoformat()}
        nama = "aktivitas_harian"
    else:
        params = {"bulan": f"{pemilik.tahun:04d}-{pemilik.bulan:02d}"}
        nama = "realisasi_bulanan"
    if pegawai.pk != user.pk:
        params["pegawai"] = pegawai.pk
    return f"{reverse(nama)}?{urlencode(params)}"


def _kembali(request: HttpRequest, pemilik: Pemilik) -> str:
    """Where a plain form post goes back to: ``next`` if it is a page of this site."""
    nilai = request.POST.get("next") or request.GET.get("next") or ""
    if nilai and url_has_allowed_host_and_scheme(
        nilai, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nilai
    return _url_pemilik(request.user, pemilik)


def _segar(request: HttpRequest, pemilik: Pemilik) -> Pemilik:
    """The owner read again with its evidence (it just changed), through the scoped reads."""
    if isinstance(pemilik, Aktivitas):
        return get_aktivitas(request.user, pemilik.pk)
    return get_realisasi(request.user, pemilik.pk)


def konteks_bukti(user, pemilik: Pemilik, **lain) -> dict:
    """What ``aktivitas/bukti/_daftar.html`` needs for one owner (see its comment)."""
    pegawai = services_bukti.pegawai_pemilik(pemilik)
    return {
        "pemilik": pemilik,
        "awalan": "" if isinstance(pemilik, Aktivitas) else "r",
        "boleh_ubah": services_bukti.boleh_ubah_bukti(user, pemilik),
        "pengaturan": pengaturan_kinerja(pegawai.instansi_id),
        **lain,
    }


def _konteks(request: HttpRequest, pemilik: Pemilik, **lain) -> dict:
    pemilik = _segar(request, pemilik)
    return konteks_bukti(
        request.user, pemilik, aktivitas=pemilik, kembali=_kembali(request, pemilik), **lain
    )


def _berhasil(request: HttpRequest, pemilik: Pemilik, pesan: str) -> HttpResponse:
    if _htmx(request):
        berhasil = [Message(constants.SUCCESS, pesan)]
        return render(request, DAFTAR, _konteks(request, pemilik, pesan=berhasil))
    messages.success(request, pesan)
    return redirect(_kembali(request, pemilik))


def _gagal(request: HttpRequest, pemilik: Pemilik, **lain) -> HttpResponse:
    """A refusal: the partial with the message (htmx), else a page with the same partial."""
    konteks = _konteks(request, pemilik, **lain)
    return render(request, DAFTAR if _htmx(request) else HALAMAN, konteks)


# --- upload ---------------------------------------------------------------------------------
def _pesan_tersimpan(n: int) -> str:
    if n == 1:
        return _("Bukti dukung diunggah.")
    return _("%(n)s bukti dukung diunggah.") % {"n": n}


def _unggah(request: HttpRequest, pemilik: Pemilik) -> HttpResponse:
    """Receive one or several files for an owner: store the accepted ones, name the others."""
    services_bukti.wajib_pengisi(request.user, pemilik)
    ditolak_besar = ditolak_saat_diterima(request)
    form = UnggahBuktiForm(request.POST, request.FILES, ada_yang_ditolak=bool(ditolak_besar))
    if not form.is_valid():
        return _gagal(request, pemilik, form_unggah=form)
    daftar = form.cleaned_data["berkas"]
    try:
        hasil = services_bukti.tambah_bukti_berkas_banyak(
            request.user, pemilik, daftar, ditolak_sebelumnya=ditolak_besar
        )
    except ValidationError as galat:
        terapkan_galat(form, galat)
        return _gagal(request, pemilik, form_unggah=form)
    if not hasil.ditolak:
        return _berhasil(request, pemilik, _pesan_tersimpan(len(hasil.tersimpan)))
    dikirim = len(daftar) + len(ditolak_besar)
    for pesan in hasil.pesan_ditolak(dengan_nama=dikirim > 1):
        form.add_error("berkas", pesan)
    pesan = [Message(constants.SUCCESS, _pesan_tersimpan(len(hasil.tersimpan)))]
    return _gagal(request, pemilik, form_unggah=form, pesan=pesan if hasil.tersimpan else None)


def _tautan(request: HttpRequest, pemilik: Pemilik) -> HttpResponse:
    services_bukti.wajib_pengisi(request.user, pemilik)
    form = TautanBuktiForm(request.POST)
    if form.is_valid():
        try:
            services_bukti.tambah_bukti_tautan(request.user, pemilik, form.cleaned_data["tautan"])
        except ValidationError as galat:
            terapkan_galat(form, galat)
        else:
            return _berhasil(request, pemilik, _("Tautan bukti dukung ditambahkan."))
    return _gagal(request, pemilik, form_tautan=form)


def _batas_aktivitas(request: HttpRequest, aktivitas_id: int) -> int:
    aktivitas = get_aktivitas(request.user, aktivitas_id)
    # Refuse (403) before receiving the file when the user may not change this activity.
    services_bukti.wajib_pengisi(request.user, aktivitas)
    return services_bukti.batas_ukuran(aktivitas)


def _batas_realisasi(request: HttpRequest, realisasi_id: int) -> int:
    realisasi = get_realisasi(request.user, realisasi_id)
    services_bukti.wajib_pengisi(request.user, realisasi)
    return services_bukti.batas_ukuran(realisasi)


@login_required
@require_POST
@terima_unggahan(_batas_aktivitas)
def bukti_unggah(request: HttpRequest, aktivitas_id: int) -> HttpResponse:
    return _unggah(request, get_aktivitas(request.user, aktivitas_id))


@login_required
@require_GET
def bukti_formulir(request: HttpRequest, aktivitas_id: int) -> HttpResponse:
    """An activity's evidence with its forms (upload, link), asked for from the day's list,
    whose rows carry only the list and a button (each row's forms were ±2.5 KB of a page)."""
    aktivitas = get_aktivitas(request.user, aktivitas_id)  # a foreign id answers 404
    services_bukti.wajib_pengisi(request.user, aktivitas)  # 403 for who may not change it
    konteks = _konteks(request, aktivitas)
    return render(request, DAFTAR if _htmx(request) else HALAMAN, konteks)


@login_required
@require_POST
def bukti_tautan(request: HttpRequest, aktivitas_id: int) -> HttpResponse:
    return _tautan(request, get_aktivitas(request.user, aktivitas_id))


@login_required
@require_POST
@terima_unggahan(_batas_realisasi)
def bukti_realisasi_unggah(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    return _unggah(request, get_realisasi(request.user, realisasi_id))


@login_required
@require_POST
def bukti_realisasi_tautan(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    return _tautan(request, get_realisasi(request.user, realisasi_id))


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = _bukti(request, pk)
    pemilik = bukti.pemilik
    services_bukti.wajib_pengisi(request.user, pemilik)
    try:
        services_bukti.hapus_bukti(request.user, bukti)
    except ValidationError as galat:
        if _htmx(request):
            return render(request, DAFTAR, _konteks(request, pemilik, galat=galat.messages))
        for pesan in galat.messages:
            messages.error(request, pesan)
        return redirect(_kembali(request, pemilik))
    return _berhasil(request, pemilik, _("Bukti dukung dihapus."))


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
        "pemilik": bukti.pemilik,
        "gambar": bool(jenis and jenis.mime.startswith("image/")),
        "pdf": bool(jenis and jenis.kode == "pdf"),
        "jenis": jenis,
        "host": urlsplit(bukti.tautan).hostname if bukti.tautan else "",
        "kembali": _kembali(request, bukti.pemilik),
    }
    return render(request, PRATINJAU + ("#pratinjau" if _htmx(request) else ""), konteks)
