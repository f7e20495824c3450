"""The SKP cards of the home page: the pegawai's own SKP, and the atasan's approvals."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ekinerja.context_processors import jumlah_menu
from inti.cache_versi import ambil
from pegawai.beranda import Kartu, daftarkan

from .models import Periode, Skp
from .sinyal import VERSI_PERIODE, versi_skp_pegawai


def periode_dibuka(instansi_id: int) -> Periode | None:
    """The instansi's open period (the newest): every home page asks; cached until a period
    is saved (``skp.sinyal``)."""
    return ambil(
        VERSI_PERIODE,
        f"dibuka:{instansi_id}",
        lambda: (
            Periode.objects.filter(instansi_id=instansi_id, status=Periode.Status.DIBUKA)
            .order_by("-mulai")
            .first()
        ),
    )


def skp_periode(pegawai_id: int, periode_id: int) -> Skp | None:
    """The pegawai's newest SKP of the period that has not been replaced: cached until one
    of his SKP is saved (``skp.sinyal``)."""
    return ambil(
        versi_skp_pegawai(pegawai_id),
        f"beranda:{periode_id}",
        lambda: (
            Skp.objects.filter(pegawai_id=pegawai_id, periode_id=periode_id)
            .exclude(status=Skp.Status.DIGANTIKAN)
            .order_by("-mulai", "-versi")
            .first()
        ),
    )


@daftarkan
def kartu_skp(request, peran) -> list[Kartu]:
    user = request.user
    kartu = []
    periode = periode_dibuka(user.instansi_id) if user.instansi_id else None
    if periode is not None:
        skp = skp_periode(user.pk, periode.pk)
        batas = periode.batas_penetapan_skp
        lewat = batas < peran.tanggal
        if skp is None:
            teks = (
                _("Batas penetapan SKP periode ini (%(batas)s) sudah lewat dan SKP belum dibuat.")
                if lewat
                else _("Anda belum membuat SKP periode ini. Batas penetapan: %(batas)s.")
            )
            kartu.append(
                Kartu(
                    judul=_("SKP %(tahun)s") % {"tahun": periode.tahun},
                    teks=teks % {"batas": batas.strftime("%d-%m-%Y")},
                    tautan=reverse("skp_buat"),
                    label_tautan=_("Buat SKP"),
                    penting=True,
                    tenggat=batas,
                )
            )
        else:
            perlu_tindakan = skp.status in (Skp.Status.DRAFT, Skp.Status.DIKEMBALIKAN)
            ajakan = _("Lengkapi lalu ajukan kepada pejabat penilai.") if perlu_tindakan else ""
            if lewat and skp.status != Skp.Status.DITETAPKAN:
                ajakan = _("Batas penetapan %(batas)s sudah lewat.") % {
                    "batas": batas.strftime("%d-%m-%Y")
                } + (" " + ajakan if ajakan else "")
            kartu.append(
                Kartu(
                    judul=_("SKP %(tahun)s") % {"tahun": periode.tahun},
                    teks=_("Status: %(status)s.") % {"status": skp.get_status_display()}
                    + (" " + ajakan if ajakan else ""),
                    tautan=reverse("skp_detail", args=[skp.pk]),
                    label_tautan=_("Lengkapi dan ajukan SKP") if perlu_tindakan else _("Buka SKP"),
                    penting=perlu_tindakan,
                    tenggat=batas if skp.status != Skp.Status.DITETAPKAN else None,
                )
            )
    if peran.is_atasan:
        # The menu's badge counts the same SKP; the count is taken once, with the others.
        jumlah = jumlah_menu(request, "skp_antrean")
        if jumlah:
            kartu.append(
                Kartu(
                    judul=_("Persetujuan SKP"),
                    teks=_("%(n)d SKP bawahan menunggu tindakan Anda.") % {"n": jumlah},
                    tautan=reverse("skp_antrean"),
                    label_tautan=_("Tinjau SKP"),
                    penting=True,
                )
            )
    return kartu
