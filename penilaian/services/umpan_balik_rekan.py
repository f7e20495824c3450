"""Writes of the colleagues' feedback on behaviour (issue 17, point 2, umpan balik
berkelanjutan): the penilai asks up to N named colleagues or subordinates of the pegawai
(same instansi) about the seven BerAKHLAK values in a window, and each answers once (he may
correct his answer until the window's deadline).

Who asks: the penilai of the rating (``services.nilai.sebagai_penilai``: the admin for a
PPK-rated pegawai).  The limit N is the instansi's ``maks_umpan_balik_rekan``; the SKP row is
locked while asking, so two requests at once cannot pass N together.  Each request is
recorded in ``Riwayat`` with the asked person as subject, which is what the notification
outbox turns into his notification (``notifikasi.services.kirim``); the rated pegawai is
never told who was asked or what was answered."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, Riwayat
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules
from penilaian.models import Penilaian, PeriodePenilaian, PermintaanUmpanBalik
from penilaian.services.nilai import pengaturan_instansi, sebagai_penilai
from skp.models import Skp
from skp.rules import BERAKHLAK
from skp.services import penyusunan as skp_services

KODE = [n.kode for n in BERAKHLAK]


def pisah_nip(teks: str) -> list[str]:
    """NIPs typed one per line or separated by commas/spaces (spaces inside a NIP, as it is
    often printed, are not separators when the groups add up to 18 digits)."""
    hasil = []
    for baris in re.split(r"[\n,;]+", teks or ""):
        baris = baris.strip()
        if not baris:
            continue
        rapat = re.sub(r"\s+", "", baris)
        hasil += [rapat] if len(rapat) == 18 and rapat.isdigit() else baris.split()
    return hasil


def minta_umpan_balik(
    aktor: Pegawai, pp: PeriodePenilaian, skp: Skp, nip: list[str]
) -> list[PermintaanUmpanBalik]:
    """Ask the people with these NIPs for feedback on ``skp``'s pegawai in ``pp``.

    Refused as a whole, with every reason (``ValidationError``), when a NIP is unknown,
    someone is asked twice, the pegawai himself or the penilai is in the list, someone is
    of another instansi, or the total would pass the instansi's limit."""
    hak = sebagai_penilai(aktor, pp, skp)
    maks = pengaturan_instansi(skp.periode.instansi_id).maks_umpan_balik_rekan
    if maks == 0:
        raise ValidationError(_("Instansi Anda tidak menggunakan umpan balik rekan kerja."))
    if skp_services.hari_ini() > pp.batas:
        raise ValidationError(_("Batas penilaian jendela ini sudah lewat."))
    with transaction.atomic():
        Skp.objects.select_for_update().filter(pk=skp.pk).first()
        if Penilaian.objects.filter(
            periode_penilaian=pp, skp=skp, status=Penilaian.Status.FINAL
        ).exists():
            raise ValidationError(_("Penilaian sudah final; umpan balik tidak dapat diminta lagi."))
        orang = {
            p.nip: p
            for p in Pegawai.objects.filter(nip__in=set(nip), is_active=True).only(
                "id", "nip", "nama", "instansi_id"
            )
        }
        galat = []
        tidak_ada = [n for n in dict.fromkeys(nip) if n not in orang]
        if tidak_ada:
            galat.append(
                _("NIP tidak ditemukan atau tidak aktif: %(nip)s.") % {"nip": ", ".join(tidak_ada)}
            )
        sudah = set(
            PermintaanUmpanBalik.objects.filter(periode_penilaian=pp, skp=skp).values_list(
                "responden_id", flat=True
            )
        )
        calon = [orang[n].pk for n in nip if n in orang]
        galat += rules.periksa_permintaan_umpan_balik(
            calon,
            pegawai_id=skp.pegawai_id,
            penilai_id=aktor.pk,
            sudah_ids=sudah,
            maks=maks,
            instansi_calon={p.pk: p.instansi_id for p in orang.values()},
            instansi_id=skp.periode.instansi_id,
        )
        if galat:
            raise ValidationError(galat)
        dibuat = []
        for responden_id in dict.fromkeys(calon):
            permintaan = PermintaanUmpanBalik.objects.create(
                periode_penilaian=pp,
                skp=skp,
                pegawai_id=skp.pegawai_id,
                responden_id=responden_id,
                diminta_oleh=aktor,
            )
            # The subject is the person asked: the row is his, and the rated pegawai's own
            # history never lists who was asked about him.
            catat_riwayat(
                pelaku=aktor,
                objek=permintaan,
                aksi="umpan_balik_rekan.diminta",
                subjek=permintaan.responden,
                sebagai=hak.sebagai,
                data={"jendela": pp.pk},
            )
            dibuat.append(permintaan)
    return dibuat


def alasan_tutup_jawaban(permintaan: PermintaanUmpanBalik, status_penilaian: str | None):
    if skp_services.hari_ini() > permintaan.periode_penilaian.batas:
        return _("Batas penilaian jendela ini sudah lewat; umpan balik tidak dapat diisi lagi.")
    if status_penilaian == Penilaian.Status.FINAL:
        return _("Penilaian pegawai ini sudah final; umpan balik tidak dapat diisi lagi.")
    return None


def jawab_umpan_balik(
    aktor: Pegawai, permintaan: PermintaanUmpanBalik, jawaban: dict
) -> PermintaanUmpanBalik:
    """The asked person's answer (``{kode: {"skala", "teks"}}``), replacing an earlier one."""
    if aktor.pk != permintaan.responden_id:
        raise PermissionDenied(_("Permintaan umpan balik ini bukan untuk Anda."))
    bersih, galat = rules.bersihkan_jawaban_umpan_balik(jawaban, KODE)
    if galat:
        raise ValidationError(galat)
    with transaction.atomic():
        permintaan = (
            PermintaanUmpanBalik.objects.select_for_update()
            .select_related("periode_penilaian")
            .get(pk=permintaan.pk)
        )
        status = (
            Penilaian.objects.filter(
                periode_penilaian_id=permintaan.periode_penilaian_id, skp_id=permintaan.skp_id
            )
            .values_list("status", flat=True)
            .first()
        )
        alasan = alasan_tutup_jawaban(permintaan, status)
        if alasan:
            raise ValidationError(alasan)
        pertama = permintaan.dijawab_pada is None
        permintaan.jawaban = bersih
        permintaan.dijawab_pada = timezone.now()
        permintaan.save(update_fields=["jawaban", "dijawab_pada"])
        catat_riwayat(
            pelaku=aktor,
            objek=permintaan,
            aksi="umpan_balik_rekan.dijawab" if pertama else "umpan_balik_rekan.diubah",
            subjek=aktor,
            sebagai=Riwayat.Sebagai.SENDIRI,
            data={"jendela": permintaan.periode_penilaian_id, "nilai": sorted(bersih)},
        )
    return permintaan
