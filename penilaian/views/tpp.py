"""Follow-up pages under ``/penilaian/tpp/``: the TPP recap and its export, the TPP settings
(formula, base per kelas), the attendance import, the angka kredit recap and coefficients,
and the SIASN export."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inti.ekspor import respons_tabel
from inti.replika import boleh_replika
from pegawai.models import Instansi, Jabatan
from pegawai.permissions import peran
from penilaian.forms.tpp import (
    BesaranTppForm,
    BulanForm,
    ImporKehadiranForm,
    KoefisienForm,
    KonfirmasiForm,
    PengaturanTppForm,
)
from penilaian.models import BesaranTpp, KoefisienAngkaKredit, PengaturanTpp
from penilaian.rules import LABEL_PREDIKAT
from penilaian.rules_tindak_lanjut import KOEFISIEN_JENJANG, LABEL_JENJANG
from penilaian.selectors import tpp as sel
from penilaian.services import tpp as svc
from penilaian.services.kehadiran import KOLOM, impor_kehadiran, templat
from skp.services.penyusunan import hari_ini

PER_HALAMAN = 25  # long lists: at most 25 rows a page (issue 12)
SESI = "impor_kehadiran"
FOLDER = "impor-kehadiran"


def _instansi_admin(request: HttpRequest) -> Instansi:
    if not peran(request.user).is_admin or request.user.instansi_id is None:
        raise PermissionDenied
    return request.user.instansi


def _label_predikat(kode: str) -> str:
    return str(LABEL_PREDIKAT.get(kode, _("belum dinilai"))) if kode else _("belum dinilai")


# --- TPP recap ----------------------------------------------------------------------------
def _filter_bulan(request: HttpRequest):
    units = list(sel.unit_rekap(request.user))  # 403 for roles without the right
    hari = hari_ini()
    awal = {"tahun": hari.year, "bulan": hari.month}
    unit_id = request.GET.get("unit")
    if unit_id:
        if not unit_id.isdigit():
            raise Http404
        # Only among the units the user may see: another instansi's unit is a 404.
        unit = next((u for u in units if u.pk == int(unit_id)), None)
        if unit is None:
            raise Http404
    else:
        unit = units[0] if units else None
    data = {**awal, **{k: v for k, v in request.GET.items() if k in ("tahun", "bulan")}}
    if unit is not None:
        data["unit"] = unit.pk
    form = BulanForm(data, unit_daftar=units)
    if form.is_valid():
        return form, unit, form.cleaned_data["tahun"], form.cleaned_data["bulan"]
    return form, unit, awal["tahun"], awal["bulan"]


@login_required
@require_safe
@boleh_replika
def rekap_tpp(request: HttpRequest) -> HttpResponse:
    form, unit, tahun, bulan = _filter_bulan(request)
    rekap = sel.rekap_tpp(unit, tahun, bulan) if unit else None
    halaman = Paginator(rekap.baris if rekap else [], PER_HALAMAN).get_page(request.GET.get("page"))
    return render(
        request,
        "penilaian/tpp/rekap.html",
        {
            "form": form,
            "unit": unit,
            "rekap": rekap,
            "halaman": halaman,
            "label_predikat": LABEL_PREDIKAT,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_safe
@boleh_replika
def rekap_tpp_rincian(request: HttpRequest, pegawai: int) -> HttpResponse:
    """The calculation steps of one pegawai's TPP in the recap, loaded when his row is opened
    (so the recap page does not carry every row's steps); a page without JavaScript."""
    _form, unit, tahun, bulan = _filter_bulan(request)
    if unit is None:
        raise Http404
    rekap = sel.rekap_tpp(unit, tahun, bulan, pegawai_id=pegawai)
    if not rekap.baris:  # not in this recap (another unit, not active that month): 404
        raise Http404
    konteks = {"b": rekap.baris[0], "rekap": rekap, "query": request.GET.urlencode()}
    if getattr(request, "htmx", False):
        return render(request, "penilaian/tpp/rekap.html#langkah", konteks)
    return render(request, "penilaian/tpp/rincian.html", konteks)


KOLOM_REKAP = (
    _l("NIP"),
    _l("Nama"),
    _l("Unit"),
    _l("Kelas jabatan"),
    _l("TPP dasar"),
    _l("Predikat"),
    _l("Realisasi tepat waktu"),
    _l("Terlambat"),
    _l("Pulang cepat"),
    _l("Tanpa keterangan"),
    _l("Bagian kinerja"),
    _l("Bagian disiplin"),
    _l("TPP diterima"),
    _l("Langkah perhitungan"),
)


@login_required
@require_safe
@boleh_replika
def rekap_tpp_ekspor(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, unit, tahun, bulan = _filter_bulan(request)
    baris = []
    for b in sel.rekap_tpp(unit, tahun, bulan).baris if unit else []:
        k = b.kehadiran
        baris.append(
            [
                b.pegawai.nip,
                b.pegawai.nama,
                b.pegawai.unit_kerja.nama if b.pegawai.unit_kerja else "",
                b.kelas_jabatan or "",
                b.dasar if b.dasar is not None else "",
                _label_predikat(b.predikat),
                _("ya") if b.realisasi_tepat_waktu else _("tidak"),
                k.terlambat if k else 0,
                k.pulang_cepat if k else 0,
                k.tanpa_keterangan if k else 0,
                b.rincian.kinerja,
                b.rincian.disiplin,
                b.rincian.total,
                " | ".join(
                    f"{lk.label}: {lk.rumus} = {lk.nilai}"
                    if lk.rumus
                    else f"{lk.label}: {lk.nilai}"
                    for lk in b.rincian.langkah
                ),
            ]
        )
    return respons_tabel(
        f"rekap-tpp-{unit.kode if unit else ''}-{tahun}-{bulan:02d}",
        fmt,
        [str(k) for k in KOLOM_REKAP],
        baris,
        judul=_("Rekap TPP"),
    )


# --- settings -----------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    instansi = _instansi_admin(request)
    obj = PengaturanTpp.objects.filter(instansi=instansi).first() or PengaturanTpp(
        instansi=instansi
    )
    form = PengaturanTppForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        svc.simpan_pengaturan(request.user, instansi, form.cleaned_data)
        messages.success(request, _("Pengaturan TPP disimpan."))
        return redirect("tpp_pengaturan")
    return render(
        request,
        "penilaian/tpp/pengaturan.html",
        {
            "form": form,
            "contoh": obj.pk is None,
            "besaran": BesaranTpp.objects.filter(instansi=instansi),
            "form_besaran": BesaranTppForm(instansi=instansi),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def besaran(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instansi = _instansi_admin(request)
    obj = get_object_or_404(BesaranTpp, pk=pk, instansi=instansi) if pk else None
    form = BesaranTppForm(request.POST or None, instance=obj, instansi=instansi)
    if request.method == "POST" and form.is_valid():
        svc.simpan_besaran(
            request.user,
            instansi,
            form.cleaned_data["kelas_jabatan"],
            form.cleaned_data["jumlah"],
            besaran=obj,
        )
        messages.success(request, _("Besaran TPP disimpan."))
        return redirect("tpp_pengaturan")
    return render(request, "penilaian/tpp/besaran.html", {"form": form, "obj": obj})


@login_required
@require_POST
def besaran_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    instansi = _instansi_admin(request)
    obj = get_object_or_404(BesaranTpp, pk=pk, instansi=instansi)
    svc.hapus_besaran(request.user, obj)
    messages.success(request, _("Besaran TPP kelas %(k)d dihapus.") % {"k": obj.kelas_jabatan})
    return redirect("tpp_pengaturan")


# --- attendance import --------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    if not sel.boleh_rekap(request.user):
        raise PermissionDenied
    hasil, form = None, ImporKehadiranForm()
    if request.method == "POST":
        form = ImporKehadiranForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            data = berkas.read()
            hasil = impor_kehadiran(request.user, data, berkas.name, terapkan=False)
            if hasil.berhasil:
                _simpan(request, data, hasil.nama_berkas, hasil.sha256)
            form = ImporKehadiranForm()
    return render(
        request,
        "penilaian/tpp/impor.html",
        {
            "form": form,
            "hasil": hasil,
            "kolom": KOLOM,
            "konfirmasi": KonfirmasiForm(initial={"sha256": hasil.sha256}) if hasil else None,
            "baris_salah": [b for b in hasil.baris if b.kesalahan] if hasil else [],
        },
    )


def _simpan(request: HttpRequest, data: bytes, nama: str, sha: str) -> None:
    lama = request.session.pop(SESI, None)
    if lama:
        default_storage.delete(lama["berkas"])
    akhiran = PurePath(nama).suffix.lower()
    lokasi = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}{akhiran}", ContentFile(data))
    request.session[SESI] = {"berkas": lokasi, "nama": PurePath(nama).name[:200], "sha256": sha}


@login_required
@require_POST
def impor_terapkan(request: HttpRequest) -> HttpResponse:
    if not sel.boleh_rekap(request.user):
        raise PermissionDenied
    simpanan = request.session.get(SESI) or {}
    form = KonfirmasiForm(request.POST)
    sha = form.cleaned_data["sha256"] if form.is_valid() else ""
    data = None
    if sha and simpanan.get("sha256") == sha:
        try:
            with default_storage.open(simpanan["berkas"], "rb") as f:
                data = f.read()
        except OSError:
            data = None
    if data is None or hashlib.sha256(data).hexdigest() != sha:
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkasnya lagi."))
        return redirect("tpp_kehadiran_impor")
    hasil = impor_kehadiran(request.user, data, simpanan["nama"], terapkan=True)
    request.session.pop(SESI, None)
    default_storage.delete(simpanan["berkas"])
    if not hasil.diterapkan:
        return render(
            request,
            "penilaian/tpp/impor.html",
            {
                "form": ImporKehadiranForm(),
                "hasil": hasil,
                "kolom": KOLOM,
                "baris_salah": [b for b in hasil.baris if b.kesalahan],
            },
        )
    messages.success(
        request,
        _("%(n)d baris kehadiran dari %(berkas)s diterapkan (%(b)d berubah).")
        % {"n": len(hasil.baris), "berkas": hasil.nama_berkas, "b": hasil.jumlah_berubah},
    )
    return redirect("tpp_kehadiran_impor")


@login_required
@require_safe
def impor_templat(request: HttpRequest, fmt: str) -> HttpResponse:
    if not sel.boleh_rekap(request.user):
        raise PermissionDenied
    kolom, baris = templat(fmt)
    return respons_tabel("templat-kehadiran", fmt, kolom, baris, judul=_("Kehadiran"))


# --- angka kredit -------------------------------------------------------------------------
def _tahun(request: HttpRequest) -> int:
    teks = request.GET.get("tahun", "")
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else hari_ini().year


@login_required
@require_safe
def angka_kredit(request: HttpRequest) -> HttpResponse:
    if not sel.boleh_rekap(request.user):
        raise PermissionDenied
    tahun = _tahun(request)
    halaman = Paginator(sel.rekap_angka_kredit(request.user, tahun), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "penilaian/tpp/angka_kredit.html",
        {
            "tahun": tahun,
            "halaman": halaman,
            "label_predikat": LABEL_PREDIKAT,
            "is_admin": peran(request.user).is_admin,
        },
    )


@login_required
@require_safe
@boleh_replika
def angka_kredit_ekspor(request: HttpRequest, fmt: str) -> HttpResponse:
    if not sel.boleh_rekap(request.user):
        raise PermissionDenied
    tahun = _tahun(request)
    kolom = (
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Koefisien"),
        _("Bulan"),
        _("Predikat"),
        _("Persen"),
        _("Angka kredit"),
        _("Langkah perhitungan"),
    )
    baris = [
        [
            b.pegawai.nip,
            b.pegawai.nama,
            b.jabatan.nama,
            b.koefisien if b.koefisien is not None else "",
            b.bulan,
            _label_predikat(b.predikat),
            b.rincian.persen if b.rincian else "",
            b.rincian.nilai if b.rincian else "",
            " | ".join(f"{lk.label}: {lk.rumus} = {lk.nilai}" for lk in b.rincian.langkah)
            if b.rincian
            else _("koefisien belum diatur"),
        ]
        for b in sel.rekap_angka_kredit(request.user, tahun)
    ]
    return respons_tabel(f"angka-kredit-{tahun}", fmt, kolom, baris, judul=_("Angka kredit"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def koefisien(request: HttpRequest) -> HttpResponse:
    instansi = _instansi_admin(request)
    jabatan = list(
        Jabatan.objects.filter(instansi=instansi, jenis=Jabatan.Jenis.FUNGSIONAL)
        .select_related("unit", "koefisien_angka_kredit")
        .order_by("nama", "pk")
    )
    form, dipilih = None, None
    if request.method == "POST":
        dipilih = get_object_or_404(
            Jabatan,
            pk=request.POST.get("jabatan") or 0,
            instansi=instansi,
            jenis=Jabatan.Jenis.FUNGSIONAL,
        )
        obj = KoefisienAngkaKredit.objects.filter(jabatan=dipilih).first()
        form = KoefisienForm(request.POST, instance=obj, prefix=f"j{dipilih.pk}")
        if form.is_valid():
            svc.simpan_koefisien(
                request.user, dipilih, form.cleaned_data["jenjang"], form.cleaned_data["koefisien"]
            )
            messages.success(request, _("Koefisien %(j)s disimpan.") % {"j": dipilih.nama})
            return redirect("angka_kredit_koefisien")
    baris = []
    for j in jabatan:
        if dipilih is not None and j.pk == dipilih.pk:
            baris.append((j, form))
            continue
        obj = getattr(j, "koefisien_angka_kredit", None)
        awal = (
            {}
            if obj
            else {"jenjang": "ahli_pertama", "koefisien": KOEFISIEN_JENJANG["ahli_pertama"]}
        )
        baris.append((j, KoefisienForm(instance=obj, initial=awal, prefix=f"j{j.pk}")))
    halaman = Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(
        request,
        "penilaian/tpp/koefisien.html",
        {
            "halaman": halaman,
            "bawaan": [(LABEL_JENJANG[k], v) for k, v in KOEFISIEN_JENJANG.items()],
        },
    )


# --- SIASN --------------------------------------------------------------------------------
def _siasn(request: HttpRequest):
    tahun = _tahun(request)
    periodik = request.GET.get("periodik") == "1"
    qs = sel.penilaian_siasn(request.user, tahun, periodik=periodik)
    return tahun, periodik, qs


@login_required
@require_safe
def siasn(request: HttpRequest) -> HttpResponse:
    tahun, periodik, qs = _siasn(request)
    final = qs.filter(status="final").count()
    return render(
        request,
        "penilaian/tpp/siasn.html",
        {"tahun": tahun, "periodik": periodik, "final": final, "belum_final": qs.count() - final},
    )


@login_required
@require_safe
@boleh_replika
def siasn_ekspor(request: HttpRequest, fmt: str) -> HttpResponse:
    tahun, periodik, qs = _siasn(request)
    baris = sel.baris_siasn(qs, tahun)
    return respons_tabel(
        f"siasn-predikat-{tahun}", fmt, sel.KOLOM_SIASN, baris, judul=_("Predikat kinerja")
    )
