"""Bulk entry of activities: upload → (column mapping) → preview → confirm.

Between the steps the uploaded bytes wait in Django's default storage (local disk, or object
storage in production, so any web process can serve the next step) under a random name kept
in the user's session with the file's SHA-256, the pegawai it is for and the chosen column
mapping.  The confirm form carries the SHA-256 too: what is written is exactly the file that
was previewed, by the same user, for the same pegawai; the stored copy is deleted once
written.  Copies never confirmed go at the user's next upload, and any older than a day at
anyone's.

``?pegawai=<id>`` lets an operator import for an ASN of his unit (recorded as such); the
pegawai comes through the scoped selector (another instansi's id: 404) and the entry right
is checked before anything is read (403).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from aktivitas.forms.impor import ImporAktivitasForm, KonfirmasiForm, PemetaanForm
from aktivitas.services import harian as services
from aktivitas.services.impor import (
    KOLOM,
    KOLOM_WAJIB,
    MAKS_BARIS,
    HasilImpor,
    daftar_rhk,
    impor_aktivitas,
    templat_csv,
    templat_xlsx,
)
from pegawai.models import Pegawai
from pegawai.selectors.organisasi import get_pegawai

logger = logging.getLogger(__name__)

SESI = "impor_aktivitas"
FOLDER = "impor-aktivitas"
BATAS_TAMPIL = 300  # rows shown in the preview; a 2,000-row table is too heavy for a phone
TEMPLAT = {
    "csv": (templat_csv, "text/csv; charset=utf-8"),
    "xlsx": (templat_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _pegawai(request: HttpRequest) -> Pegawai:
    """The user, or ``?pegawai=`` in his scope whom he may fill in for."""
    pk = request.GET.get("pegawai", "")
    if not pk:
        pegawai = request.user
    elif pk.isdigit():
        pegawai = get_pegawai(request.user, int(pk))
    else:
        raise Http404
    services.sebagai_pengisi(request.user, pegawai)  # PermissionDenied → 403
    return pegawai


def _qs_pegawai(request: HttpRequest, pegawai: Pegawai) -> str:
    return "" if pegawai.pk == request.user.pk else f"?pegawai={pegawai.pk}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    pegawai = _pegawai(request)
    if request.method == "POST" and request.POST.get("langkah") == "pemetaan":
        return _pemetaan(request, pegawai)
    hasil = None
    form = ImporAktivitasForm()
    if request.method == "POST":
        form = ImporAktivitasForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            data = berkas.read()
            _buang_simpanan(request)
            hasil = impor_aktivitas(request.user, pegawai, data, berkas.name, terapkan=False)
            if hasil.perlu_pemetaan or (hasil.berhasil and hasil.baru):
                _simpan(request, pegawai, data, hasil, pemetaan=None)
            form = ImporAktivitasForm()
    return _halaman(request, pegawai, form, hasil)


def _pemetaan(request: HttpRequest, pegawai: Pegawai) -> HttpResponse:
    """The user said which of his columns is which: check the stored file with that."""
    simpanan = request.session.get(SESI) or {}
    data = _baca_simpanan(simpanan, request.POST.get("sha256", ""), pegawai)
    if data is None:
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkasnya lagi."))
        return redirect(reverse("aktivitas_impor") + _qs_pegawai(request, pegawai))
    form_pemetaan = PemetaanForm(
        simpanan["kepala"], request.POST, contoh=simpanan.get("contoh") or []
    )
    hasil = None
    if form_pemetaan.is_valid():
        pemetaan = form_pemetaan.pemetaan()
        hasil = impor_aktivitas(
            request.user, pegawai, data, simpanan["nama"], terapkan=False, pemetaan=pemetaan
        )
        request.session[SESI] = {**simpanan, "pemetaan": pemetaan}
    return _halaman(
        request,
        pegawai,
        ImporAktivitasForm(),
        hasil,
        form_pemetaan=form_pemetaan,
        nama_berkas=simpanan["nama"],
    )


@login_required
@require_POST
def impor_terapkan(request: HttpRequest) -> HttpResponse:
    simpanan = request.session.get(SESI) or {}
    konfirmasi = KonfirmasiForm(request.POST)
    sha = konfirmasi.cleaned_data["sha256"] if konfirmasi.is_valid() else ""
    data = _baca_simpanan(simpanan, sha)
    if data is None:
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkasnya lagi."))
        return redirect("aktivitas_impor")
    pegawai = get_pegawai(request.user, simpanan["pegawai"])
    hasil = impor_aktivitas(
        request.user,
        pegawai,
        data,
        simpanan["nama"],
        terapkan=True,
        pemetaan=simpanan.get("pemetaan"),
    )
    _buang_simpanan(request)
    if not hasil.diterapkan:
        # Something changed since the preview (an entry saved meanwhile): show what.
        return _halaman(request, pegawai, ImporAktivitasForm(), hasil)
    _pesan_selesai(request, hasil)
    return redirect(reverse("aktivitas_impor") + _qs_pegawai(request, pegawai))


def _pesan_selesai(request: HttpRequest, hasil: HasilImpor) -> None:
    if not hasil.dibuat:
        messages.info(
            request,
            _(
                "Semua %(n)d baris berkas %(berkas)s sudah pernah diimpor; tidak ada aktivitas "
                "baru yang disimpan."
            )
            % {"n": hasil.jumlah_baris, "berkas": hasil.nama_berkas},
        )
        return
    pesan = _("%(n)d aktivitas dari berkas %(berkas)s tersimpan.") % {
        "n": hasil.dibuat,
        "berkas": hasil.nama_berkas,
    }
    if hasil.terlambat:
        pesan += " " + _("%(n)d di antaranya tercatat terlambat diisi.") % {"n": hasil.terlambat}
    if hasil.sudah_ada:
        pesan += " " + _("%(n)d baris sudah pernah diimpor dan dilewati.") % {"n": hasil.sudah_ada}
    messages.success(request, pesan)


@login_required
@require_safe
def impor_templat(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in TEMPLAT:
        raise Http404(_("Format templat tidak dikenal."))
    pegawai = _pegawai(request)
    buat, jenis = TEMPLAT[fmt]
    respons = HttpResponse(buat(pegawai), content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="templat-impor-aktivitas.{fmt}"'
    return respons


def _halaman(
    request: HttpRequest,
    pegawai: Pegawai,
    form: ImporAktivitasForm,
    hasil: HasilImpor | None,
    *,
    form_pemetaan: PemetaanForm | None = None,
    nama_berkas: str = "",
) -> HttpResponse:
    if form_pemetaan is None and hasil is not None and hasil.perlu_pemetaan:
        form_pemetaan = PemetaanForm(
            hasil.kepala,
            initial={"sha256": hasil.sha256, "langkah": "pemetaan"},
            contoh=hasil.contoh,
        )
    konteks = {
        "pegawai": pegawai,
        "atas_nama": pegawai.pk != request.user.pk,
        "qs_pegawai": _qs_pegawai(request, pegawai),
        "form": form,
        "form_pemetaan": form_pemetaan,
        "hasil": hasil,
        "nama_berkas": hasil.nama_berkas if hasil else nama_berkas,
        "kolom": KOLOM,
        "kolom_wajib": KOLOM_WAJIB,
        "maks_baris": MAKS_BARIS,
        "daftar_rhk": daftar_rhk(pegawai),
    }
    if hasil is not None and not hasil.perlu_pemetaan:
        tampil = [b for b in hasil.baris if b.kesalahan] if hasil.kesalahan else hasil.baris
        konteks |= {
            "baris_tampil": tampil[:BATAS_TAMPIL],
            "baris_lain": max(0, len(tampil) - BATAS_TAMPIL),
            "konfirmasi": KonfirmasiForm(initial={"sha256": hasil.sha256}),
        }
    return render(request, "aktivitas/impor.html", konteks)


# --- the previewed file, kept between the requests ----------------------------------------
def _simpan(
    request: HttpRequest,
    pegawai: Pegawai,
    data: bytes,
    hasil: HasilImpor,
    pemetaan: dict[str, int] | None,
) -> None:
    _hapus_yang_lama()
    akhiran = PurePath(hasil.nama_berkas).suffix.lower()
    lokasi = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}{akhiran}", ContentFile(data))
    request.session[SESI] = {
        "berkas": lokasi,
        "nama": PurePath(hasil.nama_berkas).name[:200],
        "sha256": hasil.sha256,
        "pegawai": pegawai.pk,
        "kepala": hasil.kepala,
        "contoh": hasil.contoh,
        "pemetaan": pemetaan,
    }


def _baca_simpanan(simpanan: dict, sha: str, pegawai: Pegawai | None = None) -> bytes | None:
    """The stored bytes, if they are the file named by ``sha`` (and for ``pegawai``)."""
    if not sha or simpanan.get("sha256") != sha:
        return None
    if pegawai is not None and simpanan.get("pegawai") != pegawai.pk:
        return None
    try:
        with default_storage.open(simpanan["berkas"], "rb") as f:
            data = f.read()
    except (OSError, KeyError):
        return None
    return data if hashlib.sha256(data).hexdigest() == sha else None


def _buang_simpanan(request: HttpRequest) -> None:
    simpanan = request.session.pop(SESI, None)
    if simpanan:
        try:
            default_storage.delete(simpanan["berkas"])
        except OSError:
            logger.warning("Berkas impor aktivitas %s tidak dapat dihapus", simpanan["berkas"])


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
