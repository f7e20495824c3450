""" "Atasan saya salah" (issue 17 §7): the pegawai reports a wrong atasan from his SKP page; the
admin instansi answers — corrects the assignment through pegawai's own assignment service, or
rejects with a reason.  Each step is one transaction with its history row; the answer reaches
the pegawai as a notification derived from that row (``notifikasi``'s Riwayat outbox).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.models import Jabatan, Pegawai, Penugasan, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.selectors.hierarki import jabatan_definitif, rantai_penilai
from pegawai.services.organisasi import akhiri_penugasan, catat_riwayat, tugaskan
from skp import rules
from skp.models import LaporanAtasan, Skp
from skp.services.penyusunan import hari_ini, sebagai_pemilik

L = LaporanAtasan.Status
PERBAIKI, TOLAK = rules.KEPUTUSAN_PERBAIKI, rules.KEPUTUSAN_TOLAK


@transaction.atomic
def laporkan_atasan_salah(
    aktor: Pegawai, skp: Skp, *, catatan: str, nip_diusulkan: str = ""
) -> LaporanAtasan:
    """The pegawai (or his unit's operator for him) reports that the pejabat penilai found
    for him is wrong; the day's assignment data is kept with the report."""
    skp = Skp.objects.select_related("pegawai").get(pk=skp.pk)
    pegawai = Pegawai.objects.select_for_update().get(pk=skp.pegawai_id)
    sebagai = sebagai_pemilik(aktor, skp)
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError(
            {"catatan": _("Jelaskan mengapa atasan yang tercatat salah, dan siapa seharusnya.")}
        )
    if LaporanAtasan.objects.filter(pelapor=pegawai, status=L.TERBUKA).exists():
        raise ValidationError(
            _("Laporan sebelumnya masih menunggu jawaban admin; tunggu jawabannya lebih dulu.")
        )
    diusulkan = None
    nip_diusulkan = (nip_diusulkan or "").strip()
    if nip_diusulkan:
        diusulkan = Pegawai.objects.filter(
            nip=nip_diusulkan, instansi_id=pegawai.instansi_id
        ).first()
        if diusulkan is None or diusulkan.pk == pegawai.pk:
            raise ValidationError(
                {"nip_diusulkan": _("NIP ini tidak ditemukan di antara pegawai instansi Anda.")}
            )
    tanggal = hari_ini()
    penugasan = jabatan_definitif(pegawai, tanggal)
    penilai = rantai_penilai(pegawai, tanggal).pejabat_penilai
    laporan = LaporanAtasan.objects.create(
        pelapor=pegawai,
        instansi_id=pegawai.instansi_id,
        skp=skp,
        jabatan=penugasan.jabatan if penugasan else None,
        unit=penugasan.jabatan.unit if penugasan else None,
        atasan_tercatat=penilai.pegawai if penilai else None,
        atasan_tercatat_teks=(f"{penilai.nama} — {penilai.nama_jabatan}" if penilai else "")[:255],
        atasan_diusulkan=diusulkan,
        catatan=catatan,
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=laporan,
        aksi="skp.laporan_atasan_dibuat",
        sebagai=sebagai,
        ke_status=laporan.status,
        keterangan=catatan[:500],
    )
    return laporan


def _wajib_admin(aktor: Pegawai, laporan: LaporanAtasan) -> None:
    if not is_admin_instansi(aktor, laporan.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi pegawai ini yang dapat menjawab laporan."))


@transaction.atomic
def jawab_laporan_atasan(
    aktor: Pegawai,
    laporan: LaporanAtasan,
    *,
    keputusan: str,
    jawaban: str = "",
    jabatan: Jabatan | None = None,
    mulai: dt.date | None = None,
) -> LaporanAtasan:
    """The admin instansi answers: ``perbaiki`` (with ``jabatan``: the pegawai's definitif
    assignment moves to it from ``mulai`` through pegawai's assignment service; without it,
    the note says what was corrected elsewhere, e.g. the jabatan tree) or ``tolak`` with a
    reason."""
    laporan = LaporanAtasan.objects.select_for_update().get(pk=laporan.pk)
    _wajib_admin(aktor, laporan)
    if laporan.status != L.TERBUKA:
        raise ValidationError(_("Laporan ini sudah dijawab."))
    jawaban = (jawaban or "").strip()
    if keputusan == TOLAK:
        if not jawaban:
            raise ValidationError({"jawaban": _("Alasan penolakan wajib diisi.")})
        laporan.status = L.DITOLAK
    elif keputusan == PERBAIKI:
        if jabatan is not None:
            _pindahkan(aktor, laporan, jabatan, mulai or hari_ini())
        elif not jawaban:
            raise ValidationError(
                {
                    "jawaban": _(
                        "Pilih jabatan yang benar, atau jelaskan perbaikan yang sudah dilakukan."
                    )
                }
            )
        laporan.status = L.DIPERBAIKI
    else:
        raise ValidationError({"keputusan": _("Pilih perbaiki atau tolak.")})
    laporan.jawaban = jawaban
    laporan.dijawab_oleh = aktor
    laporan.dijawab_pada = timezone.now()
    laporan.save(update_fields=["status", "jawaban", "dijawab_oleh", "dijawab_pada"])
    catat_riwayat(
        pelaku=aktor,
        subjek=laporan.pelapor,
        objek=laporan,
        aksi="skp.laporan_atasan_dijawab",
        sebagai=Riwayat.Sebagai.ADMIN,
        dari_status=L.TERBUKA,
        ke_status=laporan.status,
        keterangan=jawaban[:500],
        data={"jabatan": jabatan.pk if jabatan else None},
    )
    return laporan


def _pindahkan(aktor: Pegawai, laporan: LaporanAtasan, jabatan: Jabatan, mulai: dt.date) -> None:
    """The correction itself: the definitif assignment of the day ends the day before
    ``mulai`` and a new one on ``jabatan`` starts then (pegawai's services check the rest)."""
    if jabatan.instansi_id != laporan.instansi_id:
        raise ValidationError({"jabatan": _("Jabatan harus dari instansi yang sama.")})
    lama = jabatan_definitif(laporan.pelapor, mulai)
    if lama is not None:
        if lama.jabatan_id == jabatan.pk:
            raise ValidationError({"jabatan": _("Pegawai ini sudah menduduki jabatan tersebut.")})
        akhiri_penugasan(aktor, lama, mulai - dt.timedelta(days=1))
    tugaskan(
        aktor,
        Penugasan(
            pegawai=laporan.pelapor, jabatan=jabatan, jenis=Penugasan.Jenis.DEFINITIF, mulai=mulai
        ),
    )
