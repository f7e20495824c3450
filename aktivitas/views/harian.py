"""The daily activity pages: the day (quick entry + list), the week, the month, rencana aksi.

Thin views: parse → call a service of :mod:`aktivitas.services.harian` (or
:mod:`aktivitas.services.rencana_aksi`) or a selector → render.  The pegawai a page is about is
the user, or ``?pegawai=<id>`` for an operator of his unit: read through the scoped selector
(a foreign id answers 404), then the service's right to fill in (``PermissionDenied`` → 403).

Every form works as a plain POST (redirect after success, the page re-rendered with what was
typed and the errors next to the fields otherwise).  With htmx the same URL answers the
changed section only (``aktivitas/_partials.html``).  The entry form carries an idempotency
key made when it is rendered and kept through validation errors, so a double click or a
retried post stores one row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from aktivitas import rules
from aktivitas.forms.harian import AktivitasForm, RencanaAksiForm, awal_dari_aktivitas, sama_isinya
from aktivitas.models import Aktivitas
from aktivitas.selectors import harian as selectors
from aktivitas.selectors.gangguan import gangguan_tanggal
from aktivitas.selectors.kuasa import SEBAGAI_KUASA, get_pegawai_diisi, pengisi_lain
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as services
from aktivitas.services import rencana_aksi as svc_rencana
from aktivitas.views.bukti import ditolak_saat_diterima, konteks_bukti, terima_unggahan
from aktivitas.views.kuasa import konteks_kuasa
from aktivitas.views.luring import dari_antrean, jawab_ditolak, jawab_tersimpan
from inti.formulir import terapkan_galat
from pegawai.models import Pegawai

T = "aktivitas/"
#: Rows of one day's list per page (the last page is shown first: where new rows go); a row's
#: evidence forms come on demand (bukti_formulir), so ten rows are about 12 KB of the page.
PER_HALAMAN_HARI = 10
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


# --- plumbing -------------------------------------------------------------------------------
def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _hari_ini() -> dt.date:
    return timezone.localdate()


def _tanggal(teks: str | None, bawaan: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((teks or "").strip())
    except ValueError:
        return bawaan


def _bulan(teks: str | None, bawaan: dt.date) -> tuple[int, int]:
    """``YYYY-MM`` → (tahun, bulan); anything else → the month of ``bawaan``."""
    try:
        tahun, bulan = (int(x) for x in (teks or "").strip().split("-"))
        dt.date(tahun, bulan, 1)
    except ValueError:
        return bawaan.year, bawaan.month
    return tahun, bulan


def _kode_bulan(tahun: int, bulan: int) -> str:
    return f"{tahun:04d}-{bulan:02d}"


def _geser_bulan(tahun: int, bulan: int, n: int) -> tuple[int, int]:
    indeks = tahun * 12 + bulan - 1 + n
    return indeks // 12, indeks % 12 + 1


def _pegawai_diisi(request: HttpRequest, *, kuasa: bool = True) -> tuple[Pegawai, str]:
    """The pegawai the page is about and the capacity the user fills in for him (a colleague
    holding his kuasa pengisian too, unless ``kuasa`` is False: 403)."""
    pk = request.GET.get("pegawai", "")
    if not pk:
        pegawai = request.user
    elif not pk.isdigit():
        raise Http404
    else:
        pegawai = get_pegawai_diisi(request.user, int(pk))
    return pegawai, services.sebagai_pengisi(request.user, pegawai, kuasa=kuasa)


def _url(nama: str, user, pegawai: Pegawai, **params) -> str:
    """A page URL, keeping ``?pegawai=`` when the user works for someone else."""
    if pegawai.pk != user.pk:
        params["pegawai"] = pegawai.pk
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return reverse(nama) + (f"?{urlencode(params)}" if params else "")


def _url_hari(user, pegawai: Pegawai, tanggal: dt.date) -> str:
    return _url("aktivitas_harian", user, pegawai, tanggal=tanggal.isoformat())


def _tampil_tanggal(tanggal: dt.date) -> str:
    return formats.date_format(tanggal, "l, j F Y")


def _judul_bulan(tahun: int, bulan: int) -> str:
    return formats.date_format(dt.date(tahun, bulan, 1), "F Y")


# --- the entry form -------------------------------------------------------------------------
def _form_aktivitas(
    pegawai: Pegawai,
    tanggal: dt.date,
    *,
    data=None,
    files=None,
    initial=None,
    baru: bool = True,
    pilihan: tuple | None = None,
) -> tuple[AktivitasForm, list]:
    """The entry form with the RHK of the SKP in force on ``tanggal`` and the action plans
    of that month; also returns those RHK.  ``pilihan``: another form's ``pilihan`` of the
    same pegawai and date (the fresh form after an entry reads them once more otherwise)."""
    if pilihan is None:
        skp = services.skp_berlaku(pegawai, tanggal)
        rhk = selectors.rhk_skp(skp)
        # The plans offered come from the cache; the queryset validates a value outside them.
        rencana_qs = selectors.rencana_aksi_periode(
            [r.pk for r in rhk], tanggal.year, tanggal.month
        )
        rencana = selectors.rencana_aksi_bulan(skp, rhk, tanggal.year, tanggal.month)
        pilihan = (tanggal, rhk, rencana_qs, rencana)
    _tanggal_pilihan, rhk, rencana_qs, rencana = pilihan
    form = AktivitasForm(
        data,
        files,
        initial=initial,
        rhk_pilihan=rhk,
        rhk_qs=selectors.rhk_pegawai(pegawai),
        rencana_aksi_pilihan=rencana,
        rencana_aksi_qs=rencana_qs,
        hari_ini=_hari_ini(),
        baru=baru,
    )
    form.ada_rhk = bool(rhk)
    atur = pengaturan_kinerja(pegawai.instansi_id)
    form.atur_bukti(atur.daftar_jenis_bukti, atur.ukuran_bukti_maks_mb)
    form.pengaturan = atur  # the page reads the same settings (one query)
    form.pilihan = pilihan
    return form, rhk


def _form_kosong(
    pegawai: Pegawai, tanggal: dt.date, jam_mulai: dt.time, *, pilihan: tuple | None = None
) -> AktivitasForm:
    """A fresh entry form: a new key, the start where the day's last activity ended
    (``jam_mulai``), the RHK and unit of output used last."""
    kebiasaan = selectors.kebiasaan_isian(pegawai, tanggal)
    initial = {
        "tanggal": tanggal,
        "jam_mulai": jam_mulai,
        "satuan_output": kebiasaan.satuan_terakhir,
        "jumlah_output": 1,
        "kunci": uuid.uuid4(),
    }
    form, rhk = _form_aktivitas(pegawai, tanggal, initial=initial, pilihan=pilihan)
    ids = [r.pk for r in rhk]
    if kebiasaan.ada and (kebiasaan.rhk_id is None or kebiasaan.rhk_id in ids):
        form.initial["rhk"] = kebiasaan.rhk_id
    else:
        form.initial["rhk"] = ids[0] if ids else None
    form.satuan_terakhir = kebiasaan.satuan
    return form


# --- the day page ---------------------------------------------------------------------------
def _konteks_hari(
    request: HttpRequest,
    pegawai: Pegawai,
    sebagai: str,
    tanggal: dt.date,
    form: AktivitasForm | None = None,
) -> dict:
    # The day's totals from its times (a light query), the rows a page at a time: the last
    # page by default — where a new entry goes (a day imported from a spreadsheet can hold
    # dozens; issue 12's page weight).
    jam = selectors.jam_hari(pegawai, tanggal)
    halaman = Paginator(jam, PER_HALAMAN_HARI)
    page_obj = halaman.get_page(request.GET.get("page") or halaman.num_pages)
    ids = [pk for pk, *_j in page_obj.object_list]
    daftar = list(selectors.aktivitas_hari(pegawai, tanggal).filter(pk__in=ids)) if ids else []
    konteks = _konteks_catat(request, pegawai, sebagai, tanggal, [j[1:] for j in jam], form)
    user = request.user
    return {
        **konteks,
        **konteks_kuasa(user, pegawai, sebagai),
        "daftar": daftar,
        "page_obj": page_obj,
        "url_minggu": _url("aktivitas_minggu", user, pegawai, tanggal=tanggal.isoformat()),
        "url_bulan": _url("aktivitas_bulan", user, pegawai, bulan=f"{tanggal:%Y-%m}"),
        "url_rencana_aksi": _url("aktivitas_rencana_aksi", user, pegawai, bulan=f"{tanggal:%Y-%m}"),
        "url_salin": _url("aktivitas_salin_kemarin", user, pegawai),
        "url_impor": _url("aktivitas_impor", user, pegawai),
    }


def _konteks_catat(
    request: HttpRequest,
    pegawai: Pegawai,
    sebagai: str,
    tanggal: dt.date,
    jam: list[tuple[dt.time, dt.time, bool]],
    form: AktivitasForm | None = None,
    *,
    pilihan: tuple | None = None,
) -> dict:
    """What the entry form (with the date navigation) and the day's totals show; ``jam``:
    (start, end, outside any RHK) of each of the day's activities, in time order;
    ``pilihan``: see :func:`_form_aktivitas`."""
    hari_ini = _hari_ini()
    user = request.user
    sebelum, sesudah = tanggal - dt.timedelta(days=1), tanggal + dt.timedelta(days=1)
    if form is None:
        mulai = selectors.jam_mulai_berikut(s for _m, s, _luar in jam)
        form = _form_kosong(pegawai, tanggal, mulai, pilihan=pilihan)
    elif not hasattr(form, "satuan_terakhir"):
        form.satuan_terakhir = selectors.kebiasaan_isian(pegawai, tanggal).satuan
    menit = sum((s.hour * 60 + s.minute) - (m.hour * 60 + m.minute) for m, s, _luar in jam)
    atur = getattr(form, "pengaturan", None) or pengaturan_kinerja(pegawai.instansi_id)
    n = atur.batas_hari_kerja_terlambat
    return {
        "pegawai": pegawai,
        "tanggal": tanggal,
        "hari_ini": hari_ini,
        "is_hari_ini": tanggal == hari_ini,
        "masa_depan": tanggal > hari_ini,
        "di_luar_skp": rules.porsi_di_luar_skp(len(jam), sum(1 for *_j, luar in jam if luar)),
        # Proposing an RHK changes the SKP: the pegawai or his operator, never under a kuasa.
        "boleh_usulkan_rhk": sebagai != SEBAGAI_KUASA,
        "form": form,
        "pengaturan_bukti": atur,
        "jumlah_aktivitas": len(jam),
        "total_jam": menit // 60,
        "total_menit": menit % 60,
        "batas_hari": n,
        "batas_tepat_waktu": (
            selectors.batas_tepat_waktu(pegawai.instansi_id, tanggal, n)
            if tanggal <= hari_ini
            else None
        ),
        "gangguan_hari": gangguan_tanggal(pegawai.instansi_id, tanggal),
        "url_form": _url("aktivitas_harian", user, pegawai, tanggal=tanggal.isoformat()),
        "url_sebelum": _url_hari(user, pegawai, sebelum),
        "url_sesudah": _url_hari(user, pegawai, sesudah) if sesudah <= hari_ini else "",
        "url_hari_ini": _url("aktivitas_harian", user, pegawai),
    }


def _halaman_dibuka(request: HttpRequest) -> bool:
    """Whether the page the entry was sent from shows an earlier page of the day's list."""
    return "page=" in urlsplit(request.headers.get("HX-Current-URL", "")).query


def _jawab_entri_baru(
    request: HttpRequest,
    pegawai: Pegawai,
    sebagai: str,
    tanggal: dt.date,
    aktivitas: Aktivitas,
    form: AktivitasForm,
) -> HttpResponse:
    """After an htmx entry on the day shown: the new row added at the end of the day's table,
    the day's totals and a fresh form — not the whole day again (a day of dozens of activities
    was re-rendered on every entry at month end).  When the row does not simply go last (an
    earlier time, the day's first activity, another day) the whole day comes back."""
    jam = selectors.jam_hari(pegawai, tanggal)
    if (
        aktivitas.tanggal != tanggal
        or len(jam) < 2
        or jam[-1][0] != aktivitas.pk
        or len(jam) % PER_HALAMAN_HARI == 1  # the row opens a new page of the day's list
        or _halaman_dibuka(request)  # the user is on an earlier page of it
    ):
        return _render_hari(request, pegawai, sebagai, aktivitas.tanggal)
    pilihan = form.pilihan if form.pilihan[0] == tanggal else None
    konteks = _konteks_catat(
        request, pegawai, sebagai, tanggal, [j[1:] for j in jam], pilihan=pilihan
    )
    konteks.update(
        a=selectors.aktivitas_hari(pegawai, tanggal).get(pk=aktivitas.pk),
        pesan_di_catat=True,
    )
    resp = render(request, T + "_partials.html#entri_baru", konteks)
    return retarget(reswap(resp, "outerHTML"), "#catat-aktivitas")


def _render_hari(
    request: HttpRequest,
    pegawai: Pegawai,
    sebagai: str,
    tanggal: dt.date,
    form: AktivitasForm | None = None,
) -> HttpResponse:
    konteks = _konteks_hari(request, pegawai, sebagai, tanggal, form)
    if _htmx(request):
        resp = render(request, T + "_partials.html#hari", konteks)
        # The list may now be another day's (the date was changed in the form).
        resp["HX-Push-Url"] = _url_hari(request.user, pegawai, tanggal)
        return resp
    return render(request, T + "harian.html", konteks)


def _batas_unggahan_hari(request: HttpRequest) -> int:
    pegawai, _sebagai = _pegawai_diisi(request)  # 404/403 before the body is received
    return services_bukti.batas_ukuran_pegawai(pegawai)


@never_cache  # a page restored from the browser's cache would resend an old key
@login_required
@terima_unggahan(_batas_unggahan_hari)
def harian(request: HttpRequest) -> HttpResponse:
    """The day: quick entry at the top (with its evidence), the day's activities below."""
    pegawai, sebagai = _pegawai_diisi(request)
    tanggal = _tanggal(request.GET.get("tanggal"), None) or _hari_ini()
    if request.method != "POST":
        return _render_hari(request, pegawai, sebagai, tanggal)
    tanggal_isian = _tanggal(request.POST.get("tanggal"), None) or tanggal
    form, _rhk = _form_aktivitas(pegawai, tanggal_isian, data=request.POST, files=request.FILES)
    if form.is_valid():
        data = form.data_aktivitas()
        try:
            aktivitas, dibuat = services_bukti.catat_aktivitas_dengan_bukti(
                request.user,
                pegawai,
                data,
                form.cleaned_data["kunci"] or uuid.uuid4(),
                berkas=form.cleaned_data.get("berkas") or [],
                tautan=form.cleaned_data.get("tautan") or "",
                ditolak_sebelumnya=ditolak_saat_diterima(request),
            )
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            if dibuat or sama_isinya(aktivitas, data):
                if dari_antrean(request):  # the offline queue (docs/luring.md)
                    return jawab_tersimpan(aktivitas, dibuat)
                if dibuat:
                    messages.success(request, _("Aktivitas tersimpan."))
                else:
                    messages.info(
                        request,
                        _("Aktivitas ini sudah tersimpan sebelumnya; tidak disimpan dua kali."),
                    )
                if _htmx(request):
                    if dibuat:
                        return _jawab_entri_baru(
                            request, pegawai, sebagai, tanggal, aktivitas, form
                        )
                    return _render_hari(request, pegawai, sebagai, aktivitas.tanggal)
                return redirect(_url_hari(request.user, pegawai, aktivitas.tanggal))
            # The key belongs to another entry (a form the browser restored after it was
            # sent): never drop what was typed — ask to send it again with a new key.
            form.kunci_baru()
            form.add_error(
                None,
                _(
                    "Formulir ini sudah pernah terkirim untuk aktivitas lain. Periksa isiannya, "
                    "lalu simpan sekali lagi."
                ),
            )
    if dari_antrean(request):
        return jawab_ditolak(form)
    # htmx swaps only 2xx answers: the form with its errors comes back as 200.
    return _render_hari(request, pegawai, sebagai, tanggal, form)


# --- change and delete ----------------------------------------------------------------------
def _aktivitas_diisi(request: HttpRequest, pk: int) -> tuple[Aktivitas, str]:
    aktivitas = selectors.get_aktivitas(request.user, pk)
    return aktivitas, services.sebagai_pengisi(request.user, aktivitas.pegawai, kuasa=True)


@never_cache
@login_required
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    aktivitas, sebagai = _aktivitas_diisi(request, pk)
    pegawai = aktivitas.pegawai
    url_kembali = _url_hari(request.user, pegawai, aktivitas.tanggal)
    if not aktivitas.bisa_diubah:
        messages.error(request, _("Aktivitas yang sudah disetujui tidak dapat diubah."))
        return redirect(url_kembali)
    if request.method == "POST":
        tanggal_isian = _tanggal(request.POST.get("tanggal"), None) or aktivitas.tanggal
        form, _rhk = _form_aktivitas(pegawai, tanggal_isian, data=request.POST, baru=False)
        if form.is_valid():
            try:
                aktivitas = services.ubah_aktivitas(request.user, aktivitas, form.data_aktivitas())
            except ValidationError as e:
                terapkan_galat(form, e)
            else:
                messages.success(request, _("Perubahan aktivitas disimpan."))
                return redirect(_url_hari(request.user, pegawai, aktivitas.tanggal))
    else:
        form, _rhk = _form_aktivitas(
            pegawai, aktivitas.tanggal, initial=awal_dari_aktivitas(aktivitas), baru=False
        )
    form.satuan_terakhir = selectors.kebiasaan_isian(pegawai, aktivitas.tanggal).satuan
    aktivitas = selectors.get_aktivitas(request.user, aktivitas.pk)  # with its evidence
    konteks = {
        **konteks_bukti(request.user, aktivitas, kembali=request.get_full_path()),
        "aktivitas": aktivitas,
        "pegawai": pegawai,
        "pegawai_id": pegawai.pk,
        **konteks_kuasa(request.user, pegawai, sebagai),
        "form": form,
        "url_kembali": url_kembali,
    }
    return render(request, T + "form.html", konteks)


@login_required
@require_POST
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    aktivitas, sebagai = _aktivitas_diisi(request, pk)
    pegawai, tanggal = aktivitas.pegawai, aktivitas.tanggal
    try:
        services.hapus_aktivitas(request.user, aktivitas)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Aktivitas dihapus."))
    if _htmx(request):
        return _render_hari(request, pegawai, sebagai, tanggal)
    return redirect(_url_hari(request.user, pegawai, tanggal))


@login_required
@require_POST
def salin_kemarin(request: HttpRequest) -> HttpResponse:
    """Copy the previous workday's activities to the posted day (overlaps are skipped)."""
    pegawai, sebagai = _pegawai_diisi(request)
    tanggal = _tanggal(request.POST.get("tanggal"), None)
    if tanggal is None:
        messages.error(request, _("Tanggal tidak dikenali."))
        return redirect(_url("aktivitas_harian", request.user, pegawai))
    try:
        hasil = svc_rencana.salin_hari_kerja_sebelumnya(request.user, pegawai, tanggal)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        _pesan_salin(request, hasil)
    if _htmx(request):
        return _render_hari(request, pegawai, sebagai, tanggal)
    return redirect(_url_hari(request.user, pegawai, tanggal))


def _pesan_salin(request: HttpRequest, hasil: svc_rencana.HasilSalin) -> None:
    if hasil.sumber is None:
        messages.info(request, _("Tidak ada hari kerja sebelumnya dalam sebulan terakhir."))
        return
    sumber = _tampil_tanggal(hasil.sumber)
    if not hasil.disalin and not hasil.dilewati:
        pesan = _("Tidak ada aktivitas pada %(hari)s untuk disalin.")
        messages.info(request, pesan % {"hari": sumber})
        return
    if hasil.disalin:
        messages.success(
            request,
            _("%(n)s aktivitas disalin dari %(hari)s. Periksa dan sesuaikan uraiannya.")
            % {"n": len(hasil.disalin), "hari": sumber},
        )
    for a, alasan in hasil.dilewati:
        messages.warning(
            request,
            _("Tidak disalin: %(mulai)s–%(selesai)s %(uraian)s — %(alasan)s")
            % {
                "mulai": a.jam_mulai.strftime("%H:%M"),
                "selesai": a.jam_selesai.strftime("%H:%M"),
                "uraian": a.uraian[:60],
                "alasan": alasan,
            },
        )


# --- week and month -------------------------------------------------------------------------
def _tandai_pengisi_lain(pegawai: Pegawai, ringkasan: selectors.Ringkasan) -> None:
    """Each day of the summary with who else entered its activities (operator, kuasa): their
    names are read only when the summary counted some (most weeks have none: one query less)."""
    lain = {}
    if any(h.diisi_lain for h in ringkasan.hari):
        lain = pengisi_lain(pegawai, ringkasan.mulai, ringkasan.selesai)
    for h in ringkasan.hari:
        h.pengisi_lain = lain.get(h.tanggal, [])


@login_required
@require_GET
def minggu(request: HttpRequest) -> HttpResponse:
    pegawai, sebagai = _pegawai_diisi(request)
    user = request.user
    tanggal = _tanggal(request.GET.get("tanggal"), None) or _hari_ini()
    ringkasan = selectors.ringkasan_minggu(pegawai, tanggal)
    _tandai_pengisi_lain(pegawai, ringkasan)
    senin = ringkasan.mulai
    lalu, depan = senin - dt.timedelta(days=7), senin + dt.timedelta(days=7)
    return render(
        request,
        T + "minggu.html",
        {
            "pegawai": pegawai,
            **konteks_kuasa(user, pegawai, sebagai),
            "ringkasan": ringkasan,
            "baris": [(h, _url_hari(user, pegawai, h.tanggal)) for h in ringkasan.hari],
            "url_sebelum": _url("aktivitas_minggu", user, pegawai, tanggal=lalu.isoformat()),
            "url_sesudah": _url("aktivitas_minggu", user, pegawai, tanggal=depan.isoformat()),
            "url_hari": _url_hari(user, pegawai, min(tanggal, _hari_ini())),
            "url_bulan": _url("aktivitas_bulan", user, pegawai, bulan=f"{tanggal:%Y-%m}"),
        },
    )


@login_required
@require_GET
def bulan(request: HttpRequest) -> HttpResponse:
    pegawai, sebagai = _pegawai_diisi(request)
    user = request.user
    hari_ini = _hari_ini()
    tahun, bln = _bulan(request.GET.get("bulan"), hari_ini)
    ringkasan = selectors.ringkasan_bulan(pegawai, tahun, bln)
    _tandai_pengisi_lain(pegawai, ringkasan)
    sebelum, sesudah = _geser_bulan(tahun, bln, -1), _geser_bulan(tahun, bln, 1)
    return render(
        request,
        T + "bulan.html",
        {
            "pegawai": pegawai,
            **konteks_kuasa(user, pegawai, sebagai),
            "ringkasan": ringkasan,
            "judul_bulan": _judul_bulan(tahun, bln),
            "baris": [(h, _url_hari(user, pegawai, h.tanggal)) for h in ringkasan.hari],
            "hari_ini": hari_ini,
            "url_sebelum": _url("aktivitas_bulan", user, pegawai, bulan=_kode_bulan(*sebelum)),
            "url_sesudah": _url("aktivitas_bulan", user, pegawai, bulan=_kode_bulan(*sesudah)),
            "url_hari": _url("aktivitas_harian", user, pegawai),
            "url_rencana_aksi": _url(
                "aktivitas_rencana_aksi", user, pegawai, bulan=f"{tahun:04d}-{bln:02d}"
            ),
        },
    )


# --- rencana aksi ---------------------------------------------------------------------------
def _tanggal_acuan(tahun: int, bulan: int) -> dt.date:
    """The day whose SKP a month's action plans belong to: today in the current month, the
    first day of a coming month, the last day of a past one."""
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    return min(max(_hari_ini(), awal), akhir)


def _konteks_rencana(
    request: HttpRequest,
    pegawai: Pegawai,
    tahun: int,
    bulan: int,
    *,
    aktif_rhk: int | None = None,
    form_aktif: RencanaAksiForm | None = None,
) -> dict:
    user = request.user
    skp = services.skp_berlaku(pegawai, _tanggal_acuan(tahun, bulan))
    label = _label_cakupan(tahun, bulan)
    kartu = []
    for rhk, rencana in selectors.rhk_dengan_rencana_aksi(skp, tahun, bulan):
        form = form_aktif if rhk.pk == aktif_rhk else RencanaAksiForm(rhk_pk=rhk.pk, **label)
        kartu.append({"rhk": rhk, "rencana": rencana, "form": form})
    sebelum, sesudah = _geser_bulan(tahun, bulan, -1), _geser_bulan(tahun, bulan, 1)
    return {
        "pegawai": pegawai,
        "atas_nama": pegawai.pk != user.pk,
        "skp": skp,
        "kartu": kartu,
        "kode_bulan": f"{tahun:04d}-{bulan:02d}",
        "judul_bulan": _judul_bulan(tahun, bulan),
        "triwulan": ROMAWI[selectors.triwulan(bulan)],
        "url_tambah": _url("aktivitas_rencana_aksi_tambah", user, pegawai),
        "url_sebelum": _url("aktivitas_rencana_aksi", user, pegawai, bulan=_kode_bulan(*sebelum)),
        "url_sesudah": _url("aktivitas_rencana_aksi", user, pegawai, bulan=_kode_bulan(*sesudah)),
        "url_hari": _url("aktivitas_harian", user, pegawai),
        "url_skp": _url("skp_daftar", user, pegawai),
    }


def _label_cakupan(tahun: int, bulan: int) -> dict:
    return {
        "label_bulan": _("bulan %(bulan)s") % {"bulan": _judul_bulan(tahun, bulan)},
        "label_triwulan": _("triwulan %(tw)s %(tahun)s")
        % {"tw": ROMAWI[selectors.triwulan(bulan)], "tahun": tahun},
    }


def _render_rencana(request: HttpRequest, pegawai: Pegawai, tahun: int, bulan: int, **kw):
    konteks = _konteks_rencana(request, pegawai, tahun, bulan, **kw)
    if _htmx(request):
        return render(request, T + "_partials.html#rencana_aksi", konteks)
    return render(request, T + "rencana_aksi.html", konteks)


def _url_rencana(request: HttpRequest, pegawai: Pegawai, tahun: int, bulan: int) -> str:
    return _url("aktivitas_rencana_aksi", request.user, pegawai, bulan=f"{tahun:04d}-{bulan:02d}")


@login_required
@require_GET
def rencana_aksi(request: HttpRequest) -> HttpResponse:
    pegawai, _sebagai = _pegawai_diisi(request, kuasa=False)  # planning is not a draft entry
    tahun, bulan = _bulan(request.GET.get("bulan"), _hari_ini())
    return _render_rencana(request, pegawai, tahun, bulan)


def _pk_post(request: HttpRequest, nama: str) -> int:
    nilai = request.POST.get(nama, "")
    if not nilai.isdigit():
        raise Http404
    return int(nilai)


@login_required
@require_POST
def rencana_aksi_tambah(request: HttpRequest) -> HttpResponse:
    rhk = get_object_or_404(selectors.rhk_terlihat(request.user), pk=_pk_post(request, "rhk"))
    pegawai = rhk.skp.pegawai
    services.sebagai_pengisi(request.user, pegawai)  # 403 before anything is parsed
    tahun, bulan = _bulan(request.POST.get("bulan"), _hari_ini())
    form = RencanaAksiForm(request.POST, rhk_pk=rhk.pk, **_label_cakupan(tahun, bulan))
    if form.is_valid():
        d = form.cleaned_data
        per_bulan = d["cakupan"] == "bulan"
        try:
            svc_rencana.tambah_rencana_aksi(
                request.user,
                rhk,
                tahun=tahun,
                bulan=bulan if per_bulan else None,
                triwulan=None if per_bulan else selectors.triwulan(bulan),
                teks=d["teks"],
                target=d["target"],
            )
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(request, _("Rencana aksi ditambahkan."))
            if _htmx(request):
                return _render_rencana(request, pegawai, tahun, bulan)
            return redirect(_url_rencana(request, pegawai, tahun, bulan))
    return _render_rencana(request, pegawai, tahun, bulan, aktif_rhk=rhk.pk, form_aktif=form)


@login_required
@require_POST
def rencana_aksi_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = get_object_or_404(selectors.rencana_aksi_terlihat(request.user), pk=pk)
    pegawai = rencana.rhk.skp.pegawai
    bawaan = dt.date(rencana.tahun, rencana.bulan or (rencana.triwulan - 1) * 3 + 1, 1)
    tahun, bulan = _bulan(request.POST.get("bulan"), bawaan)
    try:
        svc_rencana.hapus_rencana_aksi(request.user, rencana)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Rencana aksi dihapus."))
    if _htmx(request):
        return _render_rencana(request, pegawai, tahun, bulan)
    return redirect(_url_rencana(request, pegawai, tahun, bulan))
