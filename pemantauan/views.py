"""Dashboards: completion per unit, drill-down lists with reminders, workload balance.

Thin: parse the filter, read through :mod:`pemantauan.selectors.dasbor` (scoped; a foreign unit is
404, a role without monitoring rights 403), render a page or an export.  Sending reminders is
``notifikasi.services.kirim.kirim_pengingat_manual``.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import reswap, retarget

from inti.cache_versi import ambil, versi
from inti.ekspor import respons_tabel
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from inti.replika import boleh_replika
from notifikasi import rules as notifikasi_rules
from notifikasi.services.kirim import kirim_pengingat_manual
from pegawai.permissions import peran
from pemantauan import grafik
from pemantauan.selectors import dasbor as selectors
from pemantauan.selectors import ketepatan as ketepatan_sel
from pemantauan.selectors import rincian
from penilaian.models import PeriodePenilaian
from skp.services import penyusunan as skp_services

from .forms import SaringanForm

PER_HALAMAN = 25


def _saringan(request: HttpRequest):
    c = selectors.cakupan(request.user)
    tahun_ini = skp_services.hari_ini().year
    data = {"tahun": tahun_ini, **request.GET.dict()}
    form = SaringanForm(data)
    bersih = form.cleaned_data if form.is_valid() else {}
    s = selectors.Saringan(
        bersih.get("tahun") or tahun_ini, bersih.get("bulan"), bersih.get("triwulan")
    )
    unit = selectors.get_unit(c, bersih.get("unit"))
    if request.GET.get("unit") and not c.per_unit:
        raise Http404
    return c, s, unit, form


def _query(s, unit, **lain) -> str:
    d = s.query()
    if unit is not None:
        d["unit"] = unit.pk
    d.update({k: v for k, v in lain.items() if v is not None})
    return urlencode(d)


def _persen(p) -> object:
    return "" if p is None else p


@login_required
@require_safe
@boleh_replika
def dasbor(request: HttpRequest) -> HttpResponse:
    c, s, unit, form = _saringan(request)
    fmt = request.GET.get("format")
    if not fmt:
        isi = _isi_dasbor(request, c, s, unit, form)
        return render(request, "pemantauan/dasbor.html", {"isi": isi, "q": _query(s, unit)})
    d = selectors.dasbor(c, s, unit)
    kolom = [
        _("Unit"),
        _("Pegawai"),
        _("SKP ditetapkan"),
        _("% SKP"),
        _("Hari kerja"),
        _("Hari berisi aktivitas"),
        _("% hari berisi"),
        _("Aktivitas menunggu"),
        _("Aktivitas terlambat"),
        _("Aktivitas di luar SKP"),
        _("Realisasi tepat"),
        _("Realisasi terlambat"),
        _("Realisasi belum"),
        _("Penilaian wajib"),
        _("Penilaian selesai"),
        _("Keberatan terbuka"),
    ]
    baris = [
        [
            (b.nama + (" " + _("(langsung)") if b.langsung else "")),
            b.angka.pegawai,
            b.angka.skp_ditetapkan,
            _persen(b.angka.persen_skp),
            b.angka.hari_kerja,
            b.angka.hari_berisi,
            _persen(b.angka.persen_hari),
            b.angka.menunggu,
            b.angka.aktivitas_terlambat,
            b.angka.di_luar_skp,
            b.angka.realisasi_tepat,
            b.angka.realisasi_terlambat,
            b.angka.realisasi_belum,
            b.angka.penilaian_wajib,
            b.angka.penilaian_selesai,
            b.angka.keberatan,
        ]
        for b in d.baris
    ]
    return respons_tabel(f"pemantauan-unit-{s.tahun}", fmt, kolom, baris, _("Unit"))


# The query parameters the dashboard's body depends on (the pagination links repeat the whole
# query string): a request with others is rendered but not kept.
_PARAMETER_ISI = frozenset({"tahun", "bulan", "triwulan", "unit", "page"})


def _isi_dasbor(request, c, s, unit, form) -> str:
    """The dashboard's body.  For a unit scope (admin, operator) it is the same for every visit
    of that scope and filter until what it reads changes: it is rendered once in each process
    (HTML is not shared: a new release may draw it differently) and kept under the versions
    of the organisation, the periods, the per-pegawai counts and the unit rollups
    (``pemantauan.sinyal``; the rollup task bumps its version when it writes), for at most
    ``UMUR_ORANG`` — the age the counts may have anyway.  An atasan's few subordinates are
    counted on each visit."""

    def gambar() -> str:
        d = selectors.dasbor(c, s, unit)
        org = d.predikat_organisasi
        batas = grafik.batas_kurva(org.predikat if org else None)
        return render_to_string(
            "pemantauan/_dasbor_isi.html",
            {
                "d": d,
                # 25 unit rows a page (the totals are the scope's; the download has every row).
                "baris_halaman": Paginator(d.baris, PER_HALAMAN).get_page(request.GET.get("page")),
                "form": form,
                "q": _query(s, unit),
                "q_tanpa_unit": _query(s, None),
                "jendela_dipilih": selectors._jendela_dipilih([j.jendela for j in d.jendela], s),
                "grafik_tren": grafik.garis_tren(d.tren),
                "grafik_predikat": grafik.batang_predikat(d.predikat, batas),
                "ada_predikat": any(x["jumlah"] for x in d.predikat),
                "leluhur": _leluhur(c, unit),
            },
            request=request,
        )

    if not c.per_unit or not set(request.GET) <= _PARAMETER_ISI:
        return gambar()
    kunci = ":".join(
        [
            selectors.kunci_cakupan(c),
            versi(selectors.VERSI_ORANG),
            get_language() or "",
            str(skp_services.hari_ini()),
            request.GET.urlencode(),
        ]
    )
    return ambil(
        selectors.VERSI_RINGKASAN, f"isi:{kunci}", gambar, umur=selectors.UMUR_ORANG, lokal=True
    )


def _leluhur(c, unit):
    """Breadcrumb: the ancestors of ``unit`` inside the user's scope."""
    if unit is None:
        return []
    ids = unit.id_leluhur
    terlihat = {u.pk: u for u in selectors.unit_terlihat(c).filter(pk__in=ids)}
    return [terlihat[i] for i in ids if i in terlihat]


def _jendela(request, d_periode, s) -> PeriodePenilaian | None:
    jendela = selectors.jendela_penilaian(d_periode)
    pk = request.GET.get("jendela")
    if pk:
        pilih = next((j for j in jendela if str(j.pk) == pk), None)
        if pilih is None:
            raise Http404
        return pilih
    return selectors._jendela_dipilih(jendela, s)


def _rincian(request, jenis):
    if jenis not in rincian.JENIS:
        raise Http404
    c, s, unit, form = _saringan(request)
    periode = selectors.periode_untuk(c, s.tahun)
    jendela = _jendela(request, periode, s)
    baris = rincian.daftar(c, s, unit, jenis, periode, jendela)
    return c, s, unit, form, periode, jendela, baris


@login_required
@require_safe
@boleh_replika
def rincian_daftar(request: HttpRequest, jenis: str) -> HttpResponse:
    c, s, unit, form, periode, jendela, baris = _rincian(request, jenis)
    fmt = request.GET.get("format")
    if fmt:
        rincian.isi_rincian(baris, s, jenis, jendela)
        kolom = [_("NIP"), _("Nama"), _("Unit"), str(rincian.SATUAN[jenis]), _("Rincian")]
        return respons_tabel(
            f"pemantauan-{jenis}-{s.tahun}",
            fmt,
            kolom,
            [[b.nip, b.nama, b.unit, b.jumlah, b.rincian] for b in baris],
            str(rincian.JENIS[jenis])[:31],
        )
    halaman = Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page"))
    rincian.isi_rincian(list(halaman.object_list), s, jenis, jendela)
    return render(
        request,
        "pemantauan/rincian.html",
        {
            "judul": rincian.JENIS[jenis],
            "satuan": rincian.SATUAN[jenis],
            "jenis": jenis,
            "page_obj": halaman,
            "total": sum(b.jumlah for b in baris),
            "saringan": s,
            "unit": unit,
            "jendela": jendela,
            "q": _query(s, unit, jendela=jendela.pk if jendela else None),
            "q_dasbor": _query(s, unit),
        },
    )


PENGINGAT = {
    "skp_belum": (
        gettext_lazy("Pengingat: SKP Anda belum ditetapkan"),
        gettext_lazy("Lengkapi dan ajukan SKP Anda agar dapat ditetapkan."),
        "skp_daftar",
    ),
    "hari_kosong": (
        gettext_lazy("Pengingat: aktivitas harian belum lengkap"),
        gettext_lazy(
            "Ada hari kerja tanpa aktivitas pada %(periode)s. Lengkapi aktivitas harian Anda."
        ),
        "aktivitas_harian",
    ),
    "menunggu": (
        gettext_lazy("Pengingat: aktivitas menunggu persetujuan"),
        gettext_lazy("Ada aktivitas pada %(periode)s yang belum ditinjau atasan."),
        "aktivitas_harian",
    ),
    "aktivitas_terlambat": (
        gettext_lazy("Pengingat: isi aktivitas tepat waktu"),
        gettext_lazy(
            "Sebagian aktivitas %(periode)s diisi terlambat. "
            "Isi aktivitas paling lambat sesuai batas."
        ),
        "aktivitas_harian",
    ),
    "realisasi_tepat": (
        gettext_lazy("Terima kasih: realisasi tepat waktu"),
        gettext_lazy("Realisasi bulanan %(periode)s Anda dikirim tepat waktu."),
        "realisasi_bulanan",
    ),
    "realisasi_terlambat": (
        gettext_lazy("Pengingat: realisasi bulanan terlambat"),
        gettext_lazy(
            "Realisasi bulanan %(periode)s dikirim lewat batas. Kirim tepat waktu bulan berikutnya."
        ),
        "realisasi_bulanan",
    ),
    "realisasi_belum": (
        gettext_lazy("Pengingat: realisasi bulanan belum dikirim"),
        gettext_lazy("Realisasi bulanan %(periode)s belum dikirim padahal sudah lewat batas."),
        "realisasi_bulanan",
    ),
    "penilaian_belum": (
        gettext_lazy("Pengingat: SKP belum dinilai"),
        gettext_lazy("SKP Anda untuk %(periode)s belum dinilai. Hubungi pejabat penilai Anda."),
        "skp_daftar",
    ),
    "penilaian_selesai": (
        gettext_lazy("Informasi: SKP sudah dinilai"),
        gettext_lazy("SKP Anda untuk %(periode)s sudah dinilai."),
        "skp_daftar",
    ),
    "keberatan": (
        gettext_lazy("Informasi: keberatan sedang diproses"),
        gettext_lazy("Keberatan Anda atas predikat %(periode)s masih menunggu keputusan."),
        "skp_daftar",
    ),
}


def _token_sah(token: str) -> bool:
    try:
        return uuid.UUID(token).hex == token
    except ValueError:
        return False


def _konfirmasi_pengingat(request, jenis: str, ids: list[int], judul: str, kembali: str):
    """Before sending: "Kirim pengingat ke N pegawai?", with a one-time token so that the same
    confirmation posted twice sends once."""
    data = [("token", uuid.uuid4().hex)] + [("pegawai", str(i)) for i in ids]
    respons = tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Kirim pengingat"),
            pertanyaan=ngettext(
                "Kirim pengingat ke %(n)s pegawai?", "Kirim pengingat ke %(n)s pegawai?", len(ids)
            )
            % {"n": len(ids)},
            rincian=[_("Judul pengingat: %(judul)s") % {"judul": judul}],
            akibat=_(
                "Setiap pegawai itu menerima notifikasi (dan e-mail bila diaktifkan); pengingat "
                "yang sudah terkirim tidak dapat ditarik kembali."
            ),
            tombol=_("Ya, kirim"),
            aksi=request.get_full_path(),
            kembali=kembali,
            data=data,
        ),
    )
    if request.htmx:  # the list's form targets its message box: open the dialog instead
        respons = retarget(respons, "#dialog-konfirmasi")
        respons = reswap(respons, "innerHTML")
    return respons


@login_required
@require_POST
def kirim_pengingat(request: HttpRequest, jenis: str) -> HttpResponse:
    c, s, unit, form, periode, jendela, baris = _rincian(request, jenis)
    boleh = {b.pegawai_id for b in baris}
    if request.POST.get("semua"):
        ids = sorted(boleh)
    else:
        dipilih = {int(x) for x in request.POST.getlist("pegawai") if x.isdigit()}
        ids = sorted(dipilih & boleh)
    kembali = (
        reverse("pemantauan_rincian", args=[jenis])
        + "?"
        + _query(s, unit, jendela=jendela.pk if jendela else None)
    )
    if not ids:
        messages.error(request, _("Pilih paling sedikit satu pegawai dari daftar."))
        return redirect(kembali)
    judul, pesan, url = PENGINGAT[jenis]
    label = str(jendela) if jenis.startswith("penilaian") and jendela else s.label
    token = request.POST.get("token", "")
    if not _token_sah(token):
        return _konfirmasi_pengingat(request, jenis, ids, str(judul), kembali)
    n = kirim_pengingat_manual(
        request.user,
        ids,
        str(judul),
        str(pesan) % {"periode": label},
        reverse(url),
        kunci=f"konfirmasi:{token}",
    )
    if n:
        messages.success(request, _("Pengingat dikirim ke %(n)s pegawai.") % {"n": n})
    else:  # the same confirmation posted again: its reminders exist already
        messages.info(request, _("Pengingat ini sudah dikirim; tidak dikirim dua kali."))
    if request.htmx:
        return render(request, "components/messages.html")
    return redirect(kembali)


@login_required
@require_safe
@boleh_replika
def beban(request: HttpRequest) -> HttpResponse:
    c, s, unit, form = _saringan(request)
    baris, batas, urut = selectors.beban_kerja(c, s, unit, request.GET.get("urut", "-jam"))
    fmt = request.GET.get("format")
    if fmt:
        kolom = [
            _("NIP"),
            _("Nama"),
            _("Unit"),
            _("Aktivitas"),
            _("Jam"),
            _("Hari berisi"),
            _("Hari kerja"),
            _("Pencilan"),
            _("Di luar SKP"),
            _("Diisi sendiri"),
            _("Diisi operator"),
            _("Diisi atas kuasa"),
        ]
        label = {"tinggi": _("beban tinggi"), "rendah": _("beban rendah"), "": ""}
        return respons_tabel(
            f"pemantauan-beban-{s.tahun}",
            fmt,
            kolom,
            [
                [
                    b.nip,
                    b.nama,
                    b.unit,
                    b.jumlah_aktivitas,
                    b.jam,
                    b.hari_berisi,
                    b.hari_kerja,
                    label[b.pencilan],
                    b.di_luar_skp,
                    b.sumber.sendiri,
                    b.sumber.operator,
                    b.sumber.kuasa,
                ]
                for b in baris
            ],
            _("Beban kerja"),
        )
    halaman = Paginator(baris, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "pemantauan/beban.html",
        {
            "page_obj": halaman,
            "jumlah_pencilan": sum(1 for b in baris if b.pencilan),
            "batas": batas,
            "urut": urut,
            "form": form,
            "saringan": s,
            "unit": unit,
            "q": _query(s, unit),
            "q_urut": {
                k: _query(s, unit, urut=(k if urut == "-" + k else "-" + k))
                for k in selectors.URUTAN_BEBAN
            },
            "histogram": grafik.histogram_beban(
                [b.menit / 60 for b in baris],
                batas.bawah if batas else None,
                batas.atas if batas else None,
            ),
        },
    )


# --- timeliness of the penilai and escalation (issue 17 §3) ------------------------------------
@login_required
@require_safe
@boleh_replika
def ketepatan(request: HttpRequest) -> HttpResponse:
    """Each penilai of the monitored units: median workdays to review, share overdue, items
    waiting and escalated; a row opens his waiting items."""
    c, s, unit, _form = _saringan(request)
    t = ketepatan_sel.tenggat(c.instansi_id, skp_services.hari_ini())
    if request.GET.get("kotak"):
        # The dashboard's box, loaded after the dashboard (its own request keeps the
        # dashboard within its query budget): overdue and escalated counts, one query.
        tertunda = ketepatan_sel.kotak_tertunda(ketepatan_sel.q_penilai(c, unit), t, c.instansi_id)
        return render(
            request,
            "pemantauan/_kotak_tertunda.html",
            {"tertunda": tertunda, "q": _query(s, unit)},
        )
    baris = ketepatan_sel.ketepatan(ketepatan_sel.q_penilai(c, unit), t, c.instansi_id)
    return render(
        request,
        "pemantauan/ketepatan.html",
        {
            "page_obj": Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page")),
            "t": t,
            "hari_ketepatan": notifikasi_rules.HARI_KETEPATAN,
            "unit": unit,
            "cakupan": c,
            "q": _query(s, unit),
        },
    )


@login_required
@require_safe
@boleh_replika
def eskalasi(request: HttpRequest) -> HttpResponse:
    """ "Bawahan Anda belum meninjau": the atasan's subordinates who, as penilai, let items
    wait beyond the second limit."""
    if not peran(request.user).is_atasan:
        raise PermissionDenied(_("Halaman ini untuk atasan dari pejabat penilai."))
    t = ketepatan_sel.tenggat(request.user.instansi_id, skp_services.hari_ini())
    baris = ketepatan_sel.eskalasi(request.user, t)
    return render(
        request,
        "pemantauan/eskalasi.html",
        {
            "page_obj": Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page")),
            "t": t,
            "hari_ketepatan": notifikasi_rules.HARI_KETEPATAN,
        },
    )


@login_required
@require_safe
@boleh_replika
def ketepatan_rincian(request: HttpRequest, pk: int) -> HttpResponse:
    """One penilai's waiting items (a penilai the user monitors or is the atasan of)."""
    try:
        c = selectors.cakupan(request.user)
    except PermissionDenied:
        c = None
    penilai = ketepatan_sel.penilai_terlihat(request.user, c, pk)
    t = ketepatan_sel.tenggat(penilai.instansi_id, skp_services.hari_ini())
    halaman = Paginator(ketepatan_sel.aktivitas_penilai(penilai), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "pemantauan/ketepatan_rincian.html",
        {
            "penilai": penilai,
            "page_obj": halaman,
            "aktivitas": ketepatan_sel.item_aktivitas(halaman.object_list, t),
            "lain": ketepatan_sel.item_lain(penilai, t),
            "t": t,
            "batas_rincian": ketepatan_sel.BATAS_RINCIAN,
        },
    )
