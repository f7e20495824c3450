"""Writes of the distribution curve: the predikat kinerja organisasi and the finalisation of
a unit's annual ratings (domain.md §4).

Reading (decision records 0003, 0004): only the admin instansi sets the predikat organisasi.
A curve group is finalised by the admin instansi or by the pimpinan of the unit whose curve
it is.  The curve is the pimpinan's *pertimbangan* (guide): outside it, finalisation needs his
written justification, unless the instansi chose the strict mode, which refuses."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.cache_versi import berubah
from pegawai.models import Pegawai, Riwayat, UnitKerja
from pegawai.permissions import is_admin_instansi
from pegawai.selectors.hierarki import pimpinan_unit
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules
from penilaian.models import PengaturanPenilaian, Penilaian, PredikatKinerjaOrganisasi
from penilaian.selectors.kurva import kelompok_kurva
from penilaian.sinyal import VERSI_FINAL
from penilaian.tasks import jadwalkan_dokumen_evaluasi
from skp.services import penyusunan as skp_services


def _wajib_admin(aktor: Pegawai, instansi_id: int) -> None:
    if not is_admin_instansi(aktor, instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang boleh melakukan ini."))


def _wajib_jendela(jenis: str, urutan: int) -> None:
    """``jenis``/``urutan`` name the year (tahunan 1) or a window of a periodic rhythm."""
    if jenis not in rules.JUMLAH_JENDELA or not 1 <= urutan <= rules.JUMLAH_JENDELA[jenis]:
        raise ValidationError({"jendela": _("Periode penilaian tidak dikenal.")})


def tetapkan_predikat_organisasi(
    aktor: Pegawai,
    unit: UnitKerja,
    tahun: int,
    predikat: str,
    catatan: str = "",
    *,
    jenis: str = rules.JenisPeriode.TAHUNAN,
    urutan: int = 1,
    nomor_penetapan: str = "",
    tanggal_penetapan: dt.date | None = None,
) -> PredikatKinerjaOrganisasi:
    """Set (or change) a unit's predikat kinerja organisasi for the year or for one periodic
    window, with the reference of the document that set it; every change is in the history.

    Frozen once used: the annual one after its curve is finalised, a periodic one after a
    final periodic rating of the unit's head took his hasil kerja from it."""
    _wajib_admin(aktor, unit.instansi_id)
    _wajib_jendela(jenis, urutan)
    if predikat not in {p.value for p in rules.PredikatOrganisasi}:
        raise ValidationError({"predikat": _("Pilih predikat kinerja organisasi yang tersedia.")})
    with transaction.atomic():
        po = (
            PredikatKinerjaOrganisasi.objects.select_for_update()
            .filter(unit=unit, tahun=tahun, jenis=jenis, urutan=urutan)
            .first()
        )
        semula = ""
        if po is None:
            po = PredikatKinerjaOrganisasi(
                instansi_id=unit.instansi_id, unit=unit, tahun=tahun, jenis=jenis, urutan=urutan
            )
        else:
            if po.difinalkan_pada:
                raise ValidationError(
                    _(
                        "Kurva distribusi unit ini untuk tahun %(tahun)s sudah difinalkan; "
                        "predikat kinerja organisasinya tidak dapat diubah lagi."
                    )
                    % {"tahun": tahun}
                )
            if not po.is_tahunan and _dipakai_penilaian_final(po):
                raise ValidationError(
                    _(
                        "Predikat kinerja organisasi %(unit)s untuk %(jendela)s sudah dipakai "
                        "penilaian final pimpinan unitnya; tidak dapat diubah lagi."
                    )
                    % {"unit": unit.nama, "jendela": po.nama_jendela}
                )
            semula = po.predikat
        po.predikat = predikat
        po.catatan = catatan.strip()
        po.nomor_penetapan = nomor_penetapan.strip()[:100]
        po.tanggal_penetapan = tanggal_penetapan
        po.ditetapkan_oleh = aktor
        po.save()
        catat_riwayat(
            pelaku=aktor,
            objek=po,
            aksi="predikat_organisasi.ditetapkan",
            dari_status=semula,
            ke_status=predikat,
            keterangan=po.catatan,
            data={
                "unit": unit.pk,
                "tahun": tahun,
                "jenis": jenis,
                "urutan": urutan,
                "nomor_penetapan": po.nomor_penetapan,
                "tanggal_penetapan": tanggal_penetapan.isoformat() if tanggal_penetapan else "",
            },
        )
    return po


def _dipakai_penilaian_final(po: PredikatKinerjaOrganisasi) -> bool:
    return Penilaian.objects.filter(
        periode_penilaian__periode__instansi_id=po.instansi_id,
        periode_penilaian__periode__tahun=po.tahun,
        periode_penilaian__jenis=po.jenis,
        periode_penilaian__urutan=po.urutan,
        unit_id=po.unit_id,
        hasil_kerja_dari_organisasi=True,
        status=Penilaian.Status.FINAL,
    ).exists()


def boleh_finalkan(aktor: Pegawai, po: PredikatKinerjaOrganisasi) -> str | None:
    """In what capacity ``aktor`` may finalise the group (``Riwayat.Sebagai``), or None."""
    if is_admin_instansi(aktor, po.instansi_id):
        return Riwayat.Sebagai.ADMIN
    pimpinan = pimpinan_unit(po.unit_id, skp_services.hari_ini())
    if pimpinan is not None and pimpinan.pk == aktor.pk:
        return Riwayat.Sebagai.ATASAN
    return None


def is_kurva_ketat(instansi_id: int) -> bool:
    return bool(
        PengaturanPenilaian.objects.filter(instansi_id=instansi_id)
        .values_list("kurva_ketat", flat=True)
        .first()
    )


def finalkan_kurva(
    aktor: Pegawai, predikat_organisasi: PredikatKinerjaOrganisasi, justifikasi: str = ""
) -> int:
    """Finalise every annual rating of the group at once; returns how many were finalised.

    Outside the curve: refused in the strict mode; otherwise the pimpinan's justification
    (at least ``rules.MIN_JUSTIFIKASI`` characters) is required, stored with the limits it
    was outside of, and written in the audit trail."""
    sebagai = boleh_finalkan(aktor, predikat_organisasi)
    if sebagai is None:
        raise PermissionDenied(
            _("Hanya admin instansi atau pimpinan unit ini yang boleh memfinalkan kurvanya.")
        )
    justifikasi = (justifikasi or "").strip()
    if not predikat_organisasi.is_tahunan:
        raise ValidationError(
            _(
                "Hanya predikat tahunan yang difinalkan per kurva; penilaian periodik final "
                "satu per satu."
            )
        )
    with transaction.atomic():
        po = (
            PredikatKinerjaOrganisasi.objects.select_for_update()
            .select_related("unit")
            .get(pk=predikat_organisasi.pk)
        )
        if po.difinalkan_pada:
            raise ValidationError(_("Kurva distribusi unit ini sudah difinalkan."))
        kelompok = kelompok_kurva(po.unit, po.tahun)
        if kelompok.jendela is None:
            raise ValidationError(_("Belum ada jendela penilaian tahunan untuk tahun ini."))
        ids = [p.pk for p in kelompok.penilaian]
        terkunci = {
            p.skp_id: p
            for p in Penilaian.objects.select_for_update()
            .filter(pk__in=ids)
            .select_related("pegawai")
            .order_by("pk")
        }
        belum = [
            skp.pegawai
            for skp in kelompok.skp
            if skp.pk not in terkunci or terkunci[skp.pk].status != Penilaian.Status.DINILAI
        ]
        if belum:
            raise ValidationError(
                _("Belum semua pegawai selesai dinilai (%(jumlah)s orang): %(nama)s.")
                % {"jumlah": len(belum), "nama": ", ".join(str(p) for p in belum)}
            )
        dinilai = [terkunci[skp.pk] for skp in kelompok.skp]
        distribusi = {pr.value: 0 for pr in rules.Predikat}
        for p in dinilai:
            distribusi[p.predikat] += 1
        pemeriksaan = rules.periksa_kurva(po.predikat, distribusi)
        pelanggaran: list[str] = []
        if not pemeriksaan.ok:
            pelanggaran = [h.pesan for h in pemeriksaan.hasil if not h.terpenuhi] or [
                str(pemeriksaan.pelanggaran)
            ]
            if is_kurva_ketat(po.instansi_id):
                raise ValidationError(pelanggaran)
            if len(justifikasi) < rules.MIN_JUSTIFIKASI:
                raise ValidationError(
                    {
                        "justifikasi": _(
                            "Distribusi di luar kurva: tulis justifikasi pimpinan paling sedikit "
                            "%(min)s karakter (saat ini %(n)s)."
                        )
                        % {"min": rules.MIN_JUSTIFIKASI, "n": len(justifikasi)}
                    }
                )
        else:
            justifikasi = ""  # inside the curve nothing needs justifying
        sekarang = timezone.now()
        Penilaian.objects.filter(pk__in=[p.pk for p in dinilai]).update(
            status=Penilaian.Status.FINAL, difinalkan_pada=sekarang, difinalkan_oleh=aktor
        )
        berubah(VERSI_FINAL)  # one UPDATE, no signal: the home pages' final-rating cards
        po.difinalkan_pada = sekarang
        po.difinalkan_oleh = aktor
        po.distribusi_final = distribusi
        po.justifikasi = justifikasi
        po.pelanggaran_kurva = pelanggaran
        po.save(
            update_fields=[
                "difinalkan_pada",
                "difinalkan_oleh",
                "distribusi_final",
                "justifikasi",
                "pelanggaran_kurva",
            ]
        )
        catat_riwayat(
            pelaku=aktor,
            objek=po,
            aksi="kurva.difinalkan",
            sebagai=sebagai,
            dari_status="",
            ke_status="final",
            keterangan=justifikasi,
            data={
                "distribusi": distribusi,
                "n": len(dinilai),
                "di_luar_kurva": bool(pelanggaran),
                "pelanggaran": pelanggaran,
            },
        )
        jenis = ContentType.objects.get_for_model(Penilaian)
        Riwayat.objects.bulk_create(
            [
                Riwayat(
                    pelaku=aktor,
                    subjek=p.pegawai,
                    sebagai=sebagai,
                    aksi="penilaian.difinalkan",
                    content_type=jenis,
                    object_id=p.pk,
                    dari_status=Penilaian.Status.DINILAI,
                    ke_status=Penilaian.Status.FINAL,
                    data={"predikat_organisasi": po.pk},
                )
                for p in dinilai
            ]
        )
        for p in dinilai:
            jadwalkan_dokumen_evaluasi(p.pk)
    return len(dinilai)
