"""Objections (keberatan) to an annual predikat (domain.md §4).

The rated pegawai (or the operator of his unit on his behalf) objects at the latest 14 days
after receiving the final predikat (PP 30/2019 Pasal 59: the law's limit, the same for every
instansi, ``rules.HARI_KEBERATAN``; decision record 0004); the atasan
pejabat penilai on the rating's date decides (the admin instansi "atas nama PPK" when that is
the PPK).  The final predikat follows the decision; the old values stay on the Keberatan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi, peran
from pegawai.selectors.hierarki import Pejabat, rantai_penilai
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules
from penilaian.models import Keberatan, Penilaian
from penilaian.selectors.nilai import tanggal_penilaian
from penilaian.tasks import jadwalkan_dokumen_evaluasi
from skp.services import penyusunan as skp_services


@dataclass(frozen=True)
class Pemutus:
    """Who decides an objection: a pejabat, or the PPK (decided by the admin instansi)."""

    pejabat: Pejabat | None

    @property
    def atas_nama_ppk(self) -> bool:
        return self.pejabat is None or self.pejabat.is_ppk

    @property
    def pegawai(self) -> Pegawai | None:
        return None if self.atas_nama_ppk else self.pejabat.pegawai


def pemutus_keberatan(penilaian: Penilaian) -> Pemutus:
    """The atasan pejabat penilai on the rating's date (the PPK when there is none below)."""
    rantai = rantai_penilai(
        penilaian.pegawai, tanggal_penilaian(penilaian.periode_penilaian, penilaian.skp)
    )
    return Pemutus(rantai.atasan_pejabat_penilai)


def tanggal_diterima(penilaian: Penilaian) -> dt.date | None:
    """The day the pegawai received his final predikat (local date)."""
    if penilaian.difinalkan_pada is None:
        return None
    return timezone.localdate(penilaian.difinalkan_pada)


def batas_keberatan(penilaian: Penilaian) -> dt.date | None:
    diterima = tanggal_diterima(penilaian)
    if diterima is None:
        return None
    return rules.batas_keberatan(diterima)


def _tanggal(d: dt.date) -> str:
    return formats.date_format(d, "j F Y")


def periksa_boleh_ajukan(aktor: Pegawai, penilaian: Penilaian, hari_ini: dt.date) -> str:
    """The capacity in which ``aktor`` may object, or PermissionDenied/ValidationError."""
    if aktor.pk == penilaian.pegawai_id:
        sebagai = Riwayat.Sebagai.SENDIRI
    elif peran(aktor).mengoperatori(penilaian.pegawai):
        sebagai = Riwayat.Sebagai.OPERATOR
    else:
        raise PermissionDenied(
            _("Hanya pegawai yang dinilai (atau operator unitnya) yang dapat mengajukan keberatan.")
        )
    if not penilaian.periode_penilaian.is_tahunan:
        raise ValidationError(_("Keberatan hanya dapat diajukan atas predikat kinerja tahunan."))
    if not penilaian.is_final:
        raise ValidationError(_("Keberatan hanya dapat diajukan atas penilaian yang sudah final."))
    diterima = tanggal_diterima(penilaian)
    if diterima is None or not rules.boleh_keberatan(diterima, hari_ini):
        batas = rules.batas_keberatan(diterima) if diterima else None
        if batas is not None and hari_ini > batas:
            raise ValidationError(
                _("Batas waktu keberatan sudah lewat: paling lambat %(batas)s.")
                % {"batas": _tanggal(batas)}
            )
        raise ValidationError(_("Keberatan belum dapat diajukan."))
    return sebagai


def ajukan_keberatan(
    aktor: Pegawai, penilaian: Penilaian, alasan: str, hari_ini: dt.date | None = None
) -> Keberatan:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan keberatan wajib diisi.")})
    hari_ini = hari_ini or skp_services.hari_ini()
    with transaction.atomic():
        penilaian = (
            Penilaian.objects.select_for_update()
            .select_related("periode_penilaian__periode", "skp", "pegawai")
            .get(pk=penilaian.pk)
        )
        sebagai = periksa_boleh_ajukan(aktor, penilaian, hari_ini)
        if Keberatan.objects.filter(penilaian=penilaian).exists():
            raise ValidationError(_("Keberatan atas penilaian ini sudah pernah diajukan."))
        pemutus = pemutus_keberatan(penilaian)
        try:
            with transaction.atomic():
                keberatan = Keberatan.objects.create(
                    penilaian=penilaian,
                    pegawai=penilaian.pegawai,
                    alasan=alasan,
                    diajukan_oleh=aktor,
                    pemutus=pemutus.pegawai,
                    predikat_semula=penilaian.predikat,
                    rating_hasil_kerja_semula=penilaian.rating_hasil_kerja,
                    rating_perilaku_semula=penilaian.rating_perilaku,
                )
        except IntegrityError as e:
            raise ValidationError(_("Keberatan atas penilaian ini sudah pernah diajukan.")) from e
        catat_riwayat(
            pelaku=aktor,
            objek=keberatan,
            aksi="keberatan.diajukan",
            subjek=penilaian.pegawai,
            sebagai=sebagai,
            ke_status=Keberatan.Status.DIAJUKAN,
            keterangan=alasan,
            data={"penilaian": penilaian.pk, "predikat": penilaian.predikat},
        )
    return keberatan


def sebagai_pemutus(aktor: Pegawai, keberatan: Keberatan) -> str:
    """The capacity in which ``aktor`` decides, or PermissionDenied."""
    penilaian = keberatan.penilaian
    if aktor.pk == penilaian.pegawai_id:
        raise PermissionDenied(_("Pegawai tidak dapat memutus keberatannya sendiri."))
    pemutus = pemutus_keberatan(penilaian)
    if pemutus.atas_nama_ppk:
        if is_admin_instansi(aktor, penilaian.periode_penilaian.periode.instansi_id):
            return Riwayat.Sebagai.ADMIN
    elif pemutus.pegawai.pk == aktor.pk:
        return Riwayat.Sebagai.ATASAN
    raise PermissionDenied(
        _("Hanya atasan pejabat penilai kinerja yang dapat memutus keberatan ini.")
    )


def putuskan_keberatan(
    aktor: Pegawai,
    keberatan: Keberatan,
    keputusan: str,
    alasan_keputusan: str,
    rating_hasil_kerja: str | None = None,
    rating_perilaku: str | None = None,
) -> Keberatan:
    alasan_keputusan = (alasan_keputusan or "").strip()
    pilihan = {Keberatan.Status.DIPERTAHANKAN, Keberatan.Status.DIUBAH}
    if keputusan not in pilihan:
        raise ValidationError({"keputusan": _("Pilih keputusan: dipertahankan atau diubah.")})
    if not alasan_keputusan:
        raise ValidationError({"alasan_keputusan": _("Alasan keputusan wajib diisi.")})
    sah = {r.value for r in rules.Rating}
    for nama, nilai in (
        ("rating_hasil_kerja", rating_hasil_kerja),
        ("rating_perilaku", rating_perilaku),
    ):
        if nilai and nilai not in sah:
            raise ValidationError({nama: _("Pilihan rating tidak dikenal.")})
    with transaction.atomic():
        keberatan = (
            Keberatan.objects.select_for_update()
            .select_related("penilaian__periode_penilaian__periode", "penilaian__skp")
            .get(pk=keberatan.pk)
        )
        penilaian = Penilaian.objects.select_for_update().get(pk=keberatan.penilaian_id)
        keberatan.penilaian = penilaian
        sebagai = sebagai_pemutus(aktor, keberatan)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            raise ValidationError(_("Keberatan ini sudah diputus dan tidak dapat diubah lagi."))
        semula = penilaian.predikat
        if keputusan == Keberatan.Status.DIUBAH:
            hasil = rating_hasil_kerja or penilaian.rating_hasil_kerja
            perilaku = rating_perilaku or penilaian.rating_perilaku
            if hasil == penilaian.rating_hasil_kerja and perilaku == penilaian.rating_perilaku:
                raise ValidationError(
                    {
                        "rating_hasil_kerja": _(
                            "Bila keberatan diterima, sekurang-kurangnya satu rating harus "
                            "berbeda dari rating semula."
                        )
                    }
                )
            penilaian.rating_hasil_kerja = hasil
            penilaian.rating_perilaku = perilaku
            penilaian.predikat = str(rules.predikat(rules.Rating(hasil), rules.Rating(perilaku)))
            penilaian.save(
                update_fields=["rating_hasil_kerja", "rating_perilaku", "predikat", "diubah_pada"]
            )
            jadwalkan_dokumen_evaluasi(penilaian.pk)
        keberatan.status = keputusan
        keberatan.alasan_keputusan = alasan_keputusan
        keberatan.predikat_akhir = penilaian.predikat
        keberatan.diputus_pada = timezone.now()
        keberatan.diputus_oleh = aktor
        keberatan.save(
            update_fields=[
                "status",
                "alasan_keputusan",
                "predikat_akhir",
                "diputus_pada",
                "diputus_oleh",
            ]
        )
        catat_riwayat(
            pelaku=aktor,
            objek=keberatan,
            aksi="keberatan.diputus",
            subjek=penilaian.pegawai,
            sebagai=sebagai,
            dari_status=Keberatan.Status.DIAJUKAN,
            ke_status=keputusan,
            keterangan=alasan_keputusan,
            data={
                "penilaian": penilaian.pk,
                "predikat_dari": semula,
                "predikat_ke": penilaian.predikat,
                "rating_hasil_kerja_dari": keberatan.rating_hasil_kerja_semula,
                "rating_perilaku_dari": keberatan.rating_perilaku_semula,
                "rating_hasil_kerja_ke": penilaian.rating_hasil_kerja,
                "rating_perilaku_ke": penilaian.rating_perilaku,
            },
        )
    return keberatan
