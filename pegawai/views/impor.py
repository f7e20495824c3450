"""The import page: upload → preview (a dry run) → confirm (the real run).

Between preview and confirmation the uploaded bytes wait in Django's default storage (the
local disk, or object storage in production, so it works with several web processes) under
a random name recorded in the user's session, together with the file's SHA-256.  The confirm
form carries that SHA-256 too: what is applied is exactly the file that was previewed, by
the same user, and the stored copy is deleted once applied.  Copies of previews never
confirmed are deleted at the next upload of that user, and any older than a day at anyone's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from pathlib import PurePath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from pegawai.forms.impor import ImporForm, KonfirmasiImporForm
from pegawai.models import Instansi
from pegawai.selectors import organisasi as selectors
from pegawai.services.impor import (
    KOLOM,
    KOLOM_WAJIB,
    HasilImpor,
    impor_pegawai,
    templat_csv,
    templat_xlsx,
)
from pegawai.views.kelola import admin_instansi

logger = logging.getLogger(__name__)

SESI = "impor_pegawai"
FOLDER = "impor"
BATAS_KESALAHAN = 200  # shown on the page; the command prints them all
BATAS_PERUBAHAN = 100
TEMPLAT = {
    "csv": (templat_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        templat_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _instansi(request: HttpRequest) -> Instansi | None:
    """The admin's own instansi; a superuser chooses one with ``?instansi=<id>``."""
    user = request.user
    pilihan = request.GET.get("instansi", "")
    if user.is_superuser and pilihan.isdigit():
        return get_object_or_404(selectors.instansi_kelola(user), pk=pilihan)
    return user.instansi


def _qs_instansi(request: HttpRequest, instansi: Instansi) -> str:
    return f"?instansi={instansi.pk}" if request.user.is_superuser else ""


@admin_instansi
def impor(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    if instansi is None:
        daftar = selectors.instansi_kelola(request.user).order_by("nama")
        return render(request, "pegawai/kelola/pilih_instansi.html", {"daftar": daftar})
    hasil = None
    if request.method == "POST":
        form = ImporForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            data = berkas.read()
            hasil = impor_pegawai(request.user, instansi, data, berkas.name, terapkan=False)
            _buang_simpanan(request)
            if hasil.berhasil:
                _simpan(request, instansi, data, berkas.name, hasil.sha256)
            form = ImporForm()
    else:
        form = ImporForm()
    return _halaman(request, instansi, form, hasil)


@admin_instansi
@require_POST
def impor_terapkan(request: HttpRequest) -> HttpResponse:
    simpanan = request.session.get(SESI) or {}
    konfirmasi = KonfirmasiImporForm(request.POST)
    sah = konfirmasi.is_valid() and konfirmasi.cleaned_data["sha256"] == simpanan.get("sha256")
    data = _baca_simpanan(simpanan) if sah else None
    if data is None or hashlib.sha256(data).hexdigest() != simpanan["sha256"]:
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkasnya lagi."))
        return redirect("kelola_impor")
    instansi = get_object_or_404(selectors.instansi_kelola(request.user), pk=simpanan["instansi"])
    hasil = impor_pegawai(request.user, instansi, data, simpanan["nama"], terapkan=True)
    _buang_simpanan(request)
    if not hasil.berhasil:
        # The data changed since the preview; show why, and let him upload again.
        return _halaman(request, instansi, ImporForm(), hasil)
    messages.success(
        request,
        _(
            "Impor %(berkas)s selesai: %(baru)d pegawai baru, %(berubah)d berubah, "
            "%(tetap)d tetap; %(unit)d unit dan %(jabatan)d jabatan baru."
        )
        % {
            "berkas": hasil.nama_berkas,
            "baru": hasil.pegawai_baru,
            "berubah": hasil.pegawai_berubah,
            "tetap": hasil.pegawai_tetap,
            "unit": hasil.unit_baru,
            "jabatan": hasil.jabatan_baru,
        },
    )
    return redirect(reverse("kelola_impor") + _qs_instansi(request, instansi))


@admin_instansi
@require_safe
def impor_templat(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in TEMPLAT:
        raise Http404(_("Format templat tidak dikenal."))
    buat, jenis = TEMPLAT[fmt]
    respons = HttpResponse(buat(), content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="templat-impor-pegawai.{fmt}"'
    return respons


def _halaman(
    request: HttpRequest, instansi: Instansi, form: ImporForm, hasil: HasilImpor | None
) -> HttpResponse:
    konteks = {
        "instansi": instansi,
        "qs_instansi": _qs_instansi(request, instansi),
        "form": form,
        "hasil": hasil,
        "kolom": KOLOM,
        "kolom_wajib": KOLOM_WAJIB,
    }
    if hasil is not None:
        konteks |= {
            "kesalahan": hasil.kesalahan[:BATAS_KESALAHAN],
            "kesalahan_lain": max(0, len(hasil.kesalahan) - BATAS_KESALAHAN),
            "perubahan": hasil.perubahan[:BATAS_PERUBAHAN],
            "perubahan_lain": max(0, len(hasil.perubahan) - BATAS_PERUBAHAN),
            "konfirmasi": KonfirmasiImporForm(initial={"sha256": hasil.sha256}),
        }
    return render(request, "pegawai/kelola/impor.html", konteks)


# --- the previewed file, kept between the two requests ------------------------------------
def _simpan(request: HttpRequest, instansi: Instansi, data: bytes, nama: str, sha: str) -> None:
    _hapus_yang_lama()
    akhiran = PurePath(nama).suffix.lower()
    lokasi = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}{akhiran}", ContentFile(data))
    request.session[SESI] = {
        "berkas": lokasi,
        "nama": PurePath(nama).name[:200],
        "sha256": sha,
        "instansi": instansi.pk,
    }


def _baca_simpanan(simpanan: dict) -> bytes | None:
    try:
        with default_storage.open(simpanan["berkas"], "rb") as f:
            return f.read()
    except (OSError, KeyError):
        return None


def _buang_simpanan(request: HttpRequest) -> None:
    simpanan = request.session.pop(SESI, None)
    if simpanan:
        try:
            default_storage.delete(simpanan["berkas"])
        except OSError:
            logger.warning("Berkas impor %s tidak dapat dihapus", simpanan["berkas"])


def _hapus_yang_lama() -> None:
    """Previews nobody confirmed: gone after a day."""
    batas = timezone.now() - dt.timedelta(days=1)
    try:
        _folder, berkas = default_storage.listdir(FOLDER)
        for nama in berkas:
            lokasi = f"{FOLDER}/{nama}"
            if default_storage.get_modified_time(lokasi) < batas:
                default_storage.delete(lokasi)
    except (OSError, NotImplementedError):
        return  # nothing stored yet, or a storage that cannot list: harmless
