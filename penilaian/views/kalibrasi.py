"""The calibration view (issue 17 §4): per penilai, the predikat he gave against the curve of
his unit and the instansi, his halo share and the outliers, with the rules stated.  It only
reads: there is no form and nothing here changes a rating."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from penilaian import rules, rules_kalibrasi
from penilaian.selectors import kalibrasi as selectors

PER_HALAMAN = 25


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun"))
    except (TypeError, ValueError):
        return timezone.localdate().year


@login_required
@require_GET
def kalibrasi(request):
    """Admin instansi: every penilai of the instansi; an atasan: the penilai below him."""
    c = selectors.cakupan_kalibrasi(request.user)
    tahun = _tahun(request)
    pilihan = selectors.pilihan_jendela(c.instansi_id, tahun)
    kunci = request.GET.get("jendela") or pilihan[0][0]
    label = dict(pilihan).get(kunci)
    if label is None:
        kunci, label = pilihan[0]
    jenis, urutan = kunci.rsplit("-", 1)
    k = selectors.kalibrasi(c, tahun, jenis, int(urutan))
    return render(
        request,
        "penilaian/kalibrasi/daftar.html",
        {
            "k": k,
            "page_obj": Paginator(k.baris, PER_HALAMAN).get_page(request.GET.get("page")),
            "sel_instansi": [
                (label_p, k.instansi.jumlah.get(p, 0), k.instansi.persen[p])
                for p, label_p in rules.LABEL_PREDIKAT.items()
            ],
            "aturan": rules_kalibrasi.aturan_tertulis(),
            "pilihan": pilihan,
            "kunci": kunci,
            "label_jendela": label,
            "tahun": tahun,
            "LONGGAR": rules_kalibrasi.LONGGAR,
            "HALO": rules_kalibrasi.HALO,
        },
    )
