"""The admin's home-page box: questions to the operators unanswered for more than N
workdays (``pegawai.beranda``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ekinerja.context_processors import jumlah_menu
from pegawai.beranda import Kartu, daftarkan

from .rules import HARI_KERJA_TERTUNDA


@daftarkan
def kartu_pertanyaan_tertunda(request, peran) -> list[Kartu]:
    if not peran.is_admin:
        return []
    # The menu's badge of "Pertanyaan pegawai" counts the same questions for an admin.
    n = jumlah_menu(request, "bantuan_kotak")
    if not n:
        return []
    return [
        Kartu(
            judul=_("Pertanyaan pegawai belum dijawab"),
            teks=_("%(n)d pertanyaan kepada operator belum dijawab lebih dari %(hari)d hari kerja.")
            % {"n": n, "hari": HARI_KERJA_TERTUNDA},
            tautan=reverse("bantuan_kotak") + "?status=baru",
            label_tautan=_("Buka pertanyaan pegawai"),
            penting=True,
        )
    ]
