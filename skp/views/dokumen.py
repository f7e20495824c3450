"""The signed SKP PDF (download) and the public verification page of issued documents."""

from __future__ import annotations

import hashlib
import io
import logging

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from inti.unduhan import kirim_berkas_dokumen
from skp.selectors import skp_terlihat
from skp.services import dokumen as dok_service

logger = logging.getLogger(__name__)

BATAS_UNGGAH = 20 * 1024 * 1024  # a signed SKP is ~50–200 KB; 20 MB leaves room for scans


# --- download -------------------------------------------------------------------------------------
@login_required
@require_GET
def skp_dokumen(request: HttpRequest, skp_id: int) -> FileResponse:
    """The signed PDF of an SKP the user may see; made now if the background task has not."""
    qs = skp_terlihat(request.user).filter(status__in=dok_service.STATUS_BERDOKUMEN)
    skp = get_object_or_404(qs, pk=skp_id)
    dokumen = dok_service.dokumen_skp(skp.pk) or dok_service.terbitkan_dokumen_skp(skp.pk)
    return kirim_berkas_dokumen(dokumen, dok_service.nama_berkas_skp(skp))


# --- public verification --------------------------------------------------------------------------
class HashUnggahan(FileUploadHandler):
    """Hash an uploaded file as it arrives and keep nothing of it: not in memory, not on disk.

    Stops reading (and discards the rest of the body) past ``batas`` bytes.
    """

    def __init__(self, request=None, batas: int = BATAS_UNGGAH):
        super().__init__(request)
        self.batas = batas
        self.terlalu_besar = False
        self._hash = hashlib.sha256()
        self._ukuran = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._hash, self._ukuran = hashlib.sha256(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self._ukuran += len(raw_data)
        if self._ukuran > self.batas:
            self.terlalu_besar = True
            raise StopUpload(connection_reset=False)
        self._hash.update(raw_data)
        return None  # no later handler sees the bytes: nothing is stored

    def file_complete(self, file_size: int) -> UploadedFile:
        hasil = UploadedFile(
            io.BytesIO(), name=self.file_name, content_type=self.content_type, size=file_size
        )
        hasil.sha256 = self._hash.hexdigest()
        return hasil


class CekBerkasForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas PDF yang akan diperiksa"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=gettext_lazy(
            "Maksimal 20 MB. Berkas hanya dihitung sidik jarinya (SHA-256), tidak disimpan."
        ),
    )

    def __init__(self, *args, terlalu_besar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.terlalu_besar = terlalu_besar
        if terlalu_besar:
            self.fields["berkas"].required = False  # say "too big", not "required"

    def clean_berkas(self):
        if self.terlalu_besar:
            raise ValidationError(_("Berkas lebih besar dari 20 MB."))
        return self.cleaned_data["berkas"]


@csrf_exempt  # the upload handler must be installed before the CSRF check reads the body
@never_cache
@require_http_methods(["GET", "POST"])
def verifikasi_dokumen(request: HttpRequest, kode: str) -> HttpResponse:
    """Public: is this document genuine, and still in force?  No login, nothing stored."""
    penghitung = None
    if request.method == "POST":
        penghitung = HashUnggahan(request, batas=BATAS_UNGGAH)
        request.upload_handlers = [penghitung]
    return _verifikasi(request, kode, penghitung)


@csrf_protect
def _verifikasi(request: HttpRequest, kode: str, penghitung: HashUnggahan | None) -> HttpResponse:
    info = dok_service.info_verifikasi(kode)
    if info is None:
        respons = render(request, "skp/verifikasi.html", {"info": None, "kode": kode}, status=404)
        return _tanpa_indeks(respons)
    hasil = None
    if request.method == "POST":
        form = CekBerkasForm(
            request.POST, request.FILES, terlalu_besar=bool(penghitung and penghitung.terlalu_besar)
        )
        if form.is_valid():
            hasil = dok_service.sha256_cocok(info.dokumen, form.cleaned_data["berkas"].sha256)
    else:
        form = CekBerkasForm()
    konteks = {"info": info, "form": form, "hasil": hasil, "kode": kode}
    return _tanpa_indeks(render(request, "skp/verifikasi.html", konteks))


def _tanpa_indeks(respons: HttpResponse) -> HttpResponse:
    # The page shows a name: keep it out of search engines (the <meta> says so too).
    respons["X-Robots-Tag"] = "noindex, nofollow"
    return respons
