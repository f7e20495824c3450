"""Home-page cards of the appraisal (registered with ``pegawai.beranda``): the atasan's
pegawai still to rate in the current window, and the pegawai's newly final rating."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.cache_versi import ambil
from pegawai.beranda import Kartu, daftarkan
from penilaian.selectors import nilai as selectors
from skp.services import penyusunan as skp_services

from .models import Penilaian
from .sinyal import VERSI_FINAL

HARI_BARU = 30  # a final rating is "new" on the home page for this many days


@daftarkan
def kartu_penilaian(request, peran) -> list[Kartu]:
    user = request.user
    kartu = []
    hari_ini = skp_services.hari_ini()
    if user.instansi_id and (peran.is_atasan or peran.is_admin):
        jendela = list(
            selectors.jendela_terlihat(user).filter(periode__instansi_id=user.instansi_id)
        )
        pp = selectors.jendela_bawaan(jendela, hari_ini)
        if pp is not None and pp.dibuka <= hari_ini:
            baris = selectors.skp_untuk_penilai(user, pp, hari_ini)
            belum = sum(b.penilaian is None or b.status == Penilaian.Status.DRAFT for b in baris)
            if belum:
                kartu.append(
                    Kartu(
                        judul=_("Penilaian kinerja"),
                        teks=_("%(n)s pegawai belum dinilai pada %(jendela)s. Batas: %(batas)s.")
                        % {"n": belum, "jendela": pp, "batas": pp.batas.strftime("%d-%m-%Y")},
                        tautan=reverse("nilai_daftar") + f"?jendela={pp.pk}",
                        label_tautan=_("Nilai sekarang"),
                        penting=True,
                        tenggat=pp.batas,
                    )
                )
    batas_baru = timezone.now() - dt.timedelta(days=HARI_BARU)
    # The newest final rating, cached until a rating changes (``penilaian.sinyal``); whether
    # it is still new is decided here, now.
    baru = ambil(VERSI_FINAL, f"terbaru:{user.pk}", lambda: _final_terbaru(user.pk))
    if baru is not None and baru.difinalkan_pada < batas_baru:
        baru = None
    if baru is not None:
        kartu.append(
            Kartu(
                judul=_("Penilaian kinerja baru"),
                teks=_("Predikat kinerja Anda pada %(jendela)s: %(predikat)s.")
                % {"jendela": baru.periode_penilaian, "predikat": baru.get_predikat_display()},
                tautan=reverse("penilaian_detail", args=[baru.pk]),
                label_tautan=_("Lihat penilaian"),
            )
        )
    return kartu


def _final_terbaru(pegawai_id: int) -> Penilaian | None:
    return (
        Penilaian.objects.filter(
            pegawai_id=pegawai_id,
            status=Penilaian.Status.FINAL,
            difinalkan_pada__gte=timezone.now() - dt.timedelta(days=HARI_BARU),
        )
        .select_related("periode_penilaian__periode")
        .order_by("-difinalkan_pada")
        .first()
    )
