"""Notifications of SKP planning derived from the Riwayat outbox (issue 17 §7).

* ``skp.disetujui`` — the atasan's SKP is approved: each subordinate still drafting an SKP of
  the same period with an utama RHK that names no RHK atasan is reminded to complete the link
  (the SKP cannot be submitted or approved without it).
* ``skp.laporan_atasan_dijawab`` — the admin instansi answered "atasan saya salah": the answer
  goes to the pegawai who reported.

The reminder is an SKP deadline reminder (``SKP_MENJELANG``); the answer has its own kind
(``LAPORAN_ATASAN``, which the pegawai cannot switch off: a decision about his assignment).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from notifikasi.models import Jenis
from pegawai.models import Riwayat
from pegawai.selectors.hierarki import bawahan_langsung_ids
from skp.models import LaporanAtasan, Skp
from skp.selectors import skp_bawahan_tanpa_intervensi
from skp.services.penyusunan import hari_ini

AKSI = ("skp.disetujui", "skp.laporan_atasan_dijawab")


def dari_riwayat(r: Riwayat, rencana_cls) -> list:
    """The notifications one history row of SKP planning asks for (``rencana_cls``: the
    outbox's ``Rencana``, passed in so that this module needs nothing of it)."""
    kunci = f"riwayat:{r.id}"
    if r.aksi == "skp.disetujui":
        skp = Skp.objects.select_related("pegawai").filter(pk=r.object_id).first()
        if skp is None:
            return []
        bawahan = bawahan_langsung_ids(skp.pegawai, hari_ini())
        if not bawahan:
            return []
        return [
            rencana_cls(
                s.pegawai_id,
                Jenis.SKP_MENJELANG,
                kunci,
                _("SKP atasan Anda sudah disetujui: lengkapi RHK atasan yang diintervensi"),
                _(
                    "Pilih RHK atasan yang diintervensi pada setiap RHK utama SKP %(tahun)s Anda, "
                    "lalu ajukan SKP."
                )
                % {"tahun": s.periode.tahun},
                reverse("skp_detail", args=[s.pk]),
            )
            for s in skp_bawahan_tanpa_intervensi(skp, bawahan).select_related("periode")
        ]
    if r.aksi == "skp.laporan_atasan_dijawab" and r.subjek_id:
        laporan = LaporanAtasan.objects.filter(pk=r.object_id).only("status", "skp_id").first()
        if laporan is None:
            return []
        judul = (
            _("Laporan atasan salah Anda ditolak")
            if laporan.status == LaporanAtasan.Status.DITOLAK
            else _("Laporan atasan salah Anda sudah ditindaklanjuti")
        )
        tautan = reverse("skp_detail", args=[laporan.skp_id]) if laporan.skp_id else ""
        return [rencana_cls(r.subjek_id, Jenis.LAPORAN_ATASAN, kunci, judul, r.keterangan, tautan)]
    return []
