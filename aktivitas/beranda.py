"""The home page's card of a declared service outage (issue 16): what it excuses and the
realisation deadline it moved.  From the cached calendar: no query once cached."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from aktivitas.selectors.gangguan import batas_realisasi
from kalender.selectors import gangguan
from pegawai.beranda import Kartu, daftarkan

HARI_DITAMPILKAN = 31  # an outage is told on the home page for a month after it began


@daftarkan
def kartu_gangguan(request, peran) -> list[Kartu]:
    user = request.user
    hari_ini = peran.tanggal
    daftar = gangguan(user.instansi_id, hari_ini - dt.timedelta(days=HARI_DITAMPILKAN), hari_ini)
    if not daftar:
        return []
    butir = [
        _("%(mulai)s sampai %(selesai)s: %(alasan)s")
        % {
            "mulai": g.mulai.strftime("%d-%m-%Y"),
            "selesai": g.selesai.strftime("%d-%m-%Y"),
            "alasan": g.alasan,
        }
        for g in daftar
    ]
    lalu = hari_ini.replace(day=1) - dt.timedelta(days=1)
    for t in (lalu, hari_ini):
        batas = batas_realisasi(user.instansi_id, t.year, t.month)
        if batas.bergeser:
            butir.append(
                _("Batas realisasi %(bulan)s bergeser dari %(asli)s ke %(baru)s.")
                % {
                    "bulan": t.strftime("%m-%Y"),
                    "asli": batas.asli.strftime("%d-%m-%Y"),
                    "baru": batas.berlaku.strftime("%d-%m-%Y"),
                }
            )
    return [
        Kartu(
            judul=_("Gangguan layanan"),
            teks=_("Aktivitas pada hari gangguan tidak dihitung terlambat."),
            tautan=reverse("realisasi_bulanan"),
            label_tautan=_("Buka realisasi bulanan"),
            butir=butir,
        )
    ]
