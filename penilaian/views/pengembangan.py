"""The development follow-up page for BKPSDM (issue 17, point 3), under
``/penilaian/tpp/pengembangan/``: the final ratings' structured development
recommendations of a unit (and its sub-units) in a window, with a count per kind and an
XLSX/CSV export (``inti.ekspor``).  Operators (their units) and the admin instansi."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from inti.ekspor import respons_tabel
from inti.replika import boleh_replika
from penilaian.selectors import nilai as sel_nilai
from penilaian.selectors import pengembangan as sel
from penilaian.selectors import tpp as sel_tpp
from skp.services.penyusunan import hari_ini

PER_HALAMAN = 25


def _pilih(daftar: list, nilai: str | None):
    """The object of ``daftar`` whose pk is ``nilai`` (a foreign or bad id: 404)."""
    if not nilai:
        return None
    if not nilai.isdigit():
        raise Http404
    pilihan = next((x for x in daftar if x.pk == int(nilai)), None)
    if pilihan is None:
        raise Http404
    return pilihan


def _filter(request: HttpRequest):
    unit_daftar = list(sel_tpp.unit_rekap(request.user))  # 403 for roles without the right
    jendela = list(
        sel_nilai.jendela_terlihat(request.user)
        .filter(periode__instansi_id__in={u.instansi_id for u in unit_daftar})
        .order_by("-selesai", "jenis")
    )
    unit = _pilih(unit_daftar, request.GET.get("unit")) or (unit_daftar[0] if unit_daftar else None)
    pp = _pilih(jendela, request.GET.get("jendela")) or sel_nilai.jendela_bawaan(
        jendela, hari_ini()
    )
    return unit_daftar, jendela, unit, pp


@login_required
@require_safe
@boleh_replika
def pengembangan_rekap(request: HttpRequest) -> HttpResponse:
    unit_daftar, jendela, unit, pp = _filter(request)
    qs = sel.rekap(unit, pp) if unit and pp else None
    return render(
        request,
        "penilaian/tpp/pengembangan.html",
        {
            "unit_daftar": unit_daftar,
            "jendela": jendela,
            "unit": unit,
            "pp": pp,
            "per_jenis": sel.per_jenis(qs) if qs is not None else [],
            "halaman": Paginator(qs if qs is not None else [], PER_HALAMAN).get_page(
                request.GET.get("page")
            ),
        },
    )


@login_required
@require_safe
@boleh_replika
def pengembangan_ekspor(request: HttpRequest, fmt: str) -> HttpResponse:
    _unit_daftar, _jendela, unit, pp = _filter(request)
    kolom = (
        _("NIP"),
        _("Nama"),
        _("Unit kerja"),
        _("Jabatan"),
        _("Jendela penilaian"),
        _("Predikat"),
        _("Jenis pengembangan"),
        _("Uraian"),
    )
    baris = [
        [
            r.penilaian.pegawai.nip,
            r.penilaian.pegawai.nama,
            r.penilaian.unit.nama,
            r.penilaian.skp.jabatan.nama if r.penilaian.skp.jabatan_id else "",
            str(pp),
            r.penilaian.get_predikat_display(),
            r.get_jenis_display(),
            r.uraian,
        ]
        for r in (sel.rekap(unit, pp) if unit and pp else [])
    ]
    nama = f"pengembangan-{unit.kode if unit else ''}-{pp.periode.tahun if pp else ''}"
    if pp:
        nama += f"-{pp.jenis}-{pp.urutan}"
    return respons_tabel(nama, fmt, [str(k) for k in kolom], baris, judul=_("Pengembangan"))
