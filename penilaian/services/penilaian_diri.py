"""Writes of the self-assessment (issue 17, point 1): the pegawai's own account of an
evaluation window, kept with the rating of the same window and SKP.

Only the pegawai himself writes it (no kuasa pengisian: it is his own voice), while the
instansi uses it, from the window's first day until its deadline, and only until the penilai
is done (``rules.alasan_tutup_penilaian_diri``).  The rating row, when it exists, is locked
while saving, so a rating being set and a self-assessment being saved never cross."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, Riwayat
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules
from penilaian.models import Penilaian, PenilaianDiri, PeriodePenilaian
from penilaian.selectors.nilai import skp_wajib_dinilai
from penilaian.selectors.penilaian_diri import bahan_diri
from penilaian.services.nilai import pengaturan_instansi
from skp.models import Skp
from skp.rules import BERAKHLAK_PER_KODE
from skp.services import penyusunan as skp_services

RATING = {r.value for r in rules.Rating}


def _bersihkan(data: dict, bahan: dict) -> dict:
    """Check the form's data against the SKP's RHK and the window's evidence."""
    galat: dict[str, str] = {}
    bukti_rhk = {b.rhk.pk: {x.pk for x in b.bukti} for b in bahan["rhk"]}
    hasil: dict[str, dict] = {}
    for rhk_id, isian in (data.get("hasil_kerja") or {}).items():
        rhk_id = int(rhk_id)
        if rhk_id not in bukti_rhk:
            galat["hasil_kerja"] = _("RHK tidak termasuk SKP ini.")
            continue
        uraian = (isian.get("uraian") or "").strip()
        usulan = isian.get("usulan") or ""
        bukti = sorted({int(b) for b in isian.get("bukti") or []})
        if len(uraian) > rules.MAKS_URAIAN_DIRI:
            galat[f"uraian_{rhk_id}"] = _("Uraian paling banyak %(n)s karakter.") % {
                "n": rules.MAKS_URAIAN_DIRI
            }
        if usulan and usulan not in RATING:
            galat[f"usulan_{rhk_id}"] = _("Pilih salah satu rating yang tersedia.")
        if set(bukti) - bukti_rhk[rhk_id]:
            galat[f"bukti_{rhk_id}"] = _(
                "Hanya bukti dukung RHK ini pada jendela penilaian ini yang dapat dirujuk."
            )
        if uraian or usulan or bukti:
            hasil[str(rhk_id)] = {"uraian": uraian, "usulan": usulan, "bukti": bukti}
    perilaku: dict[str, str] = {}
    for kode, usulan in (data.get("perilaku") or {}).items():
        if kode not in BERAKHLAK_PER_KODE:
            galat["perilaku"] = _("Nilai dasar tidak dikenal: %(kode)s.") % {"kode": kode}
        elif usulan and usulan not in RATING:
            galat[f"perilaku_{kode}"] = _("Pilih salah satu rating yang tersedia.")
        elif usulan:
            perilaku[kode] = usulan
    bersih = {"hasil_kerja": hasil, "perilaku": perilaku}
    for kolom in ("usulan_rating_hasil_kerja", "usulan_rating_perilaku"):
        nilai = data.get(kolom) or ""
        if nilai and nilai not in RATING:
            galat[kolom] = _("Pilih salah satu rating yang tersedia.")
        bersih[kolom] = nilai
    if galat:
        raise ValidationError(galat)
    return bersih


def alasan_tutup(pp: PeriodePenilaian, skp: Skp, status_penilaian: str | None) -> str | None:
    """Why the pegawai cannot change his self-assessment now (``None``: he can)."""
    aktif = pengaturan_instansi(skp.periode.instansi_id).penilaian_diri_aktif
    return rules.alasan_tutup_penilaian_diri(
        skp_services.hari_ini(), pp.mulai, pp.batas, status_penilaian, aktif
    )


def simpan_penilaian_diri(
    aktor: Pegawai, pp: PeriodePenilaian, skp: Skp, data: dict
) -> PenilaianDiri:
    """Save the pegawai's self-assessment of ``skp`` in ``pp`` (created on first save).

    ``data``: ``{"hasil_kerja": {rhk_id: {"uraian", "usulan", "bukti": [ids]}},
    "perilaku": {kode: rating}, "usulan_rating_hasil_kerja", "usulan_rating_perilaku"}``."""
    if aktor.pk != skp.pegawai_id:
        raise PermissionDenied(_("Penilaian diri hanya dapat diisi oleh pegawai itu sendiri."))
    if pp.periode_id != skp.periode_id or not skp_wajib_dinilai(pp).filter(pk=skp.pk).exists():
        raise ValidationError(_("SKP ini tidak dinilai pada %(jendela)s.") % {"jendela": pp})
    bersih = _bersihkan(data, bahan_diri(pp, skp))
    with transaction.atomic():
        nilai = (
            Penilaian.objects.select_for_update()
            .filter(periode_penilaian=pp, skp=skp)
            .only("status")
            .first()
        )
        alasan = alasan_tutup(pp, skp, nilai.status if nilai else None)
        if alasan:
            raise ValidationError(alasan)
        diri, dibuat = PenilaianDiri.objects.select_for_update().get_or_create(
            periode_penilaian=pp, skp=skp, defaults={"pegawai_id": skp.pegawai_id, **bersih}
        )
        if not dibuat:
            for kolom, nilai_baru in bersih.items():
                setattr(diri, kolom, nilai_baru)
            diri.save()
        catat_riwayat(
            pelaku=aktor,
            objek=diri,
            aksi="penilaian_diri.disimpan",
            subjek=aktor,
            sebagai=Riwayat.Sebagai.SENDIRI,
            data={"jendela": pp.pk, "skp": skp.pk, "rhk": len(bersih["hasil_kerja"])},
        )
    return diri
