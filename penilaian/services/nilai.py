"""Writes of the appraisal: the instansi settings, the evaluation windows and the rating
workflow (draft → dinilai → final).

Every write checks the actor's right here (``PermissionDenied``), runs in one transaction,
locks the row it moves (``select_for_update``) and records a ``Riwayat``.

Who rates: the pejabat penilai of the SKP's pegawai on :func:`selectors.tanggal_penilaian`
(``pegawai.selectors.hierarki.rantai_penilai``: Plh > Plt > definitif, vacancy → next up); when that
is the PPK the admin instansi records the rating on his behalf (``penilai`` stays empty),
exactly like ``skp.services.penyusunan.sebagai_penilai`` for SKP approval.  Never the pegawai
himself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pegawai.models import Jabatan, Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.selectors.hierarki import Pejabat, is_pimpinan_unit, rantai_penilai
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules, rules_tindak_lanjut
from penilaian.models import (
    PengaturanPenilaian,
    Penilaian,
    PeriodePenilaian,
    PredikatKinerjaOrganisasi,
    RekomendasiPengembangan,
)
from penilaian.selectors.nilai import skp_wajib_dinilai, tanggal_penilaian
from penilaian.tasks import jadwalkan_dokumen_evaluasi
from skp import rules as skp_rules
from skp.models import Periode, Skp
from skp.services import penyusunan as skp_services

KOLOM_ISIAN = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "catatan_hasil_kerja",
    "catatan_perilaku",
    "rekomendasi_pengembangan",
)


def _tgl(tanggal: dt.date) -> str:
    return formats.date_format(tanggal, "j F Y")


def _wajib_admin(aktor: Pegawai, instansi_id: int) -> None:
    if not is_admin_instansi(aktor, instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengatur penilaian."))


# --- settings and windows -------------------------------------------------------------------
def pengaturan_instansi(instansi_id: int) -> PengaturanPenilaian:
    """The instansi's settings (the defaults of domain.md when it never changed them)."""
    pengaturan, _dibuat = PengaturanPenilaian.objects.get_or_create(instansi_id=instansi_id)
    return pengaturan


def ubah_pengaturan(aktor: Pegawai, pengaturan: PengaturanPenilaian) -> PengaturanPenilaian:
    """Save the (validated) settings of the admin's own instansi."""
    _wajib_admin(aktor, pengaturan.instansi_id)
    pengaturan.full_clean()
    with transaction.atomic():
        pengaturan.save()
        catat_riwayat(
            pelaku=aktor,
            objek=pengaturan,
            aksi="pengaturan_penilaian.diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={
                "jenis_periodik": pengaturan.jenis_periodik,
                "hari_batas_periodik": pengaturan.hari_batas_periodik,
                "hari_batas_tahunan": pengaturan.hari_batas_tahunan,
                "penilaian_diri_aktif": pengaturan.penilaian_diri_aktif,
                "maks_umpan_balik_rekan": pengaturan.maks_umpan_balik_rekan,
            },
        )
    return pengaturan


def buat_periode_penilaian(aktor: Pegawai, periode: Periode) -> list[PeriodePenilaian]:
    """Make the evaluation windows of ``periode`` from the instansi settings.

    Idempotent: windows that exist are kept as they are (their dates may have been edited),
    missing ones are added.  Returns every window of the period, in order."""
    _wajib_admin(aktor, periode.instansi_id)
    pengaturan = pengaturan_instansi(periode.instansi_id)
    with transaction.atomic():
        # One maker at a time per period: the second sees the first's windows.
        Periode.objects.select_for_update().get(pk=periode.pk)
        ada = {
            (pp.jenis, pp.urutan)
            for pp in PeriodePenilaian.objects.filter(periode=periode).only("jenis", "urutan")
        }
        for j in rules.jendela_penilaian(
            periode.mulai,
            periode.selesai,
            pengaturan.jenis_periodik,
            pengaturan.hari_batas_periodik,
            pengaturan.hari_batas_tahunan,
        ):
            if (str(j.jenis), j.urutan) in ada:
                continue
            pp = PeriodePenilaian.objects.create(
                periode=periode,
                jenis=str(j.jenis),
                urutan=j.urutan,
                mulai=j.mulai,
                selesai=j.selesai,
                dibuka=j.dibuka,
                batas=j.batas,
                dibuat_oleh=aktor,
            )
            catat_riwayat(
                pelaku=aktor,
                objek=pp,
                aksi="periode_penilaian.dibuat",
                sebagai=Riwayat.Sebagai.ADMIN,
                data={"dibuka": pp.dibuka.isoformat(), "batas": pp.batas.isoformat()},
            )
    return list(PeriodePenilaian.objects.filter(periode=periode).order_by("selesai", "jenis"))


def ubah_periode_penilaian(
    aktor: Pegawai, pp: PeriodePenilaian, dibuka: dt.date, batas: dt.date
) -> PeriodePenilaian:
    """Move a window's opening day and deadline (``batas`` ≥ ``dibuka``)."""
    _wajib_admin(aktor, pp.periode.instansi_id)
    if dibuka is None or batas is None:
        raise ValidationError(_("Tanggal dibuka dan batas penilaian wajib diisi."))
    if batas < dibuka:
        raise ValidationError(
            {"batas": _("Batas penilaian tidak boleh sebelum tanggal penilaian dibuka.")}
        )
    with transaction.atomic():
        pp = PeriodePenilaian.objects.select_for_update().select_related("periode").get(pk=pp.pk)
        lama = {"dibuka": pp.dibuka.isoformat(), "batas": pp.batas.isoformat()}
        pp.dibuka, pp.batas = dibuka, batas
        pp.save(update_fields=["dibuka", "batas"])
        catat_riwayat(
            pelaku=aktor,
            objek=pp,
            aksi="periode_penilaian.diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={"lama": lama, "baru": {"dibuka": dibuka.isoformat(), "batas": batas.isoformat()}},
        )
    return pp


# --- who rates ------------------------------------------------------------------------------
@dataclass(frozen=True)
class HakPenilai:
    sebagai: str  # Riwayat.Sebagai: atasan, or admin for the PPK
    pejabat: Pejabat
    jabatan: Jabatan | None  # the rated pegawai's definitif jabatan on the date

    @property
    def penilai_id(self) -> int | None:
        return None if self.pejabat.is_ppk else self.pejabat.pegawai.pk


def pejabat_penilai(pp: PeriodePenilaian, skp: Skp):
    """The ``RantaiPenilai`` of the SKP's pegawai on the date that decides this window."""
    return rantai_penilai(skp.pegawai, tanggal_penilaian(pp, skp))


def sebagai_penilai(aktor: Pegawai, pp: PeriodePenilaian, skp: Skp) -> HakPenilai:
    """The capacity in which ``aktor`` rates ``skp`` in ``pp``, or ``PermissionDenied``."""
    if aktor.pk == skp.pegawai_id:
        raise PermissionDenied(_("Pegawai tidak dapat menilai kinerjanya sendiri."))
    rantai = pejabat_penilai(pp, skp)
    penilai = rantai.pejabat_penilai
    if penilai is None:
        raise PermissionDenied(_("Pegawai ini tidak memiliki jabatan definitif pada tanggal itu."))
    if penilai.is_ppk:
        if is_admin_instansi(aktor, skp.periode.instansi_id):
            return HakPenilai(Riwayat.Sebagai.ADMIN, penilai, rantai.jabatan)
    elif penilai.pegawai.pk == aktor.pk:
        return HakPenilai(Riwayat.Sebagai.ATASAN, penilai, rantai.jabatan)
    raise PermissionDenied(_("Hanya pejabat penilai kinerja pegawai ini yang dapat menilainya."))


@dataclass(frozen=True)
class HasilKerjaOrganisasi:
    """Whether the rating hasil kerja follows the unit's organisational predikat."""

    berlaku: bool  # a rating (periodic or annual) of a unit leader
    predikat_organisasi: PredikatKinerjaOrganisasi | None = None

    @property
    def rating(self) -> str:
        if self.predikat_organisasi is None:
            return ""
        return str(rules.rating_hasil_kerja_pimpinan(self.predikat_organisasi.predikat))


def hasil_kerja_organisasi(pp: PeriodePenilaian, jabatan: Jabatan | None) -> HasilKerjaOrganisasi:
    """For a rating of a unit leader: his unit's predikat kinerja organisasi of the same
    window — the periodic result for a periodic rating, the annual one for the year
    (domain.md §4, SE MenPANRB 3/2023 stage 1: "periodik dan tahunan"; decision record 0004)."""
    if not is_pimpinan_unit(jabatan):
        return HasilKerjaOrganisasi(False)
    return HasilKerjaOrganisasi(
        True,
        PredikatKinerjaOrganisasi.objects.filter(
            unit_id=jabatan.unit_id, tahun=pp.periode.tahun, jenis=pp.jenis, urutan=pp.urutan
        ).first(),
    )


# --- the rating workflow --------------------------------------------------------------------
def _wajib_dibuka(pp: PeriodePenilaian, tanggal: dt.date) -> None:
    if tanggal < pp.dibuka:
        raise ValidationError(
            _("Penilaian %(jendela)s baru dapat diisi mulai %(tanggal)s.")
            % {"jendela": pp, "tanggal": _tgl(pp.dibuka)}
        )


def _wajib_belum_final(penilaian: Penilaian) -> None:
    if penilaian.is_final:
        raise ValidationError(_("Penilaian sudah final dan tidak dapat diubah lagi."))


def _kunci(penilaian: Penilaian) -> Penilaian:
    return (
        Penilaian.objects.select_for_update()
        .select_related("periode_penilaian__periode", "skp__periode", "skp__pegawai")
        .get(pk=penilaian.pk)
    )


def _hitung_predikat(penilaian: Penilaian) -> None:
    if penilaian.rating_hasil_kerja and penilaian.rating_perilaku:
        penilaian.predikat = str(
            rules.predikat(
                rules.Rating(penilaian.rating_hasil_kerja),
                rules.Rating(penilaian.rating_perilaku),
            )
        )
    else:
        penilaian.predikat = ""


def _terapkan_organisasi(penilaian: Penilaian, organisasi: HasilKerjaOrganisasi) -> None:
    penilaian.hasil_kerja_dari_organisasi = organisasi.berlaku
    if organisasi.berlaku:
        penilaian.rating_hasil_kerja = organisasi.rating


def mulai_penilaian(aktor: Pegawai, pp: PeriodePenilaian, skp: Skp) -> Penilaian:
    """The rating of ``skp`` in ``pp`` by its pejabat penilai: the existing one, or a new
    draft.  A double click or two requests at once give one row (unique per window+SKP)."""
    if not skp_wajib_dinilai(pp).filter(pk=skp.pk).exists():
        raise ValidationError(_("SKP ini tidak dinilai pada %(jendela)s.") % {"jendela": pp})
    hak = sebagai_penilai(aktor, pp, skp)
    ada = Penilaian.objects.filter(periode_penilaian=pp, skp=skp).first()
    if ada is not None:
        return ada
    _wajib_dibuka(pp, skp_services.hari_ini())
    organisasi = hasil_kerja_organisasi(pp, hak.jabatan)
    penilaian = Penilaian(
        periode_penilaian=pp,
        skp=skp,
        pegawai_id=skp.pegawai_id,
        unit_id=hak.jabatan.unit_id if hak.jabatan else skp.unit_id,
        penilai_id=hak.penilai_id,
        diisi_oleh=aktor,
    )
    _terapkan_organisasi(penilaian, organisasi)
    try:
        with transaction.atomic():
            penilaian.save()
            catat_riwayat(
                pelaku=aktor,
                objek=penilaian,
                aksi="penilaian.dimulai",
                subjek=skp.pegawai,
                sebagai=hak.sebagai,
                ke_status=penilaian.status,
            )
    except IntegrityError:
        return Penilaian.objects.get(periode_penilaian=pp, skp=skp)
    return penilaian


def _bersihkan_isian(data: dict) -> dict:
    """Check the fields a penilai may write; a clear message per field otherwise."""
    galat: dict[str, str] = {}
    bersih: dict = {}
    for kolom in ("rating_hasil_kerja", "rating_perilaku"):
        if kolom in data:
            nilai = data[kolom] or ""
            if nilai and nilai not in {r.value for r in rules.Rating}:
                galat[kolom] = _("Pilih salah satu rating yang tersedia.")
            bersih[kolom] = nilai
    for kolom in ("catatan_hasil_kerja", "rekomendasi_pengembangan"):
        if kolom in data:
            bersih[kolom] = (data[kolom] or "").strip()
    if "catatan_perilaku" in data:
        catatan = data["catatan_perilaku"] or {}
        asing = set(catatan) - set(skp_rules.BERAKHLAK_PER_KODE)
        if asing:
            galat["catatan_perilaku"] = _("Nilai dasar tidak dikenal: %(kode)s.") % {
                "kode": ", ".join(sorted(asing))
            }
        bersih["catatan_perilaku"] = {
            k: (v or "").strip() for k, v in catatan.items() if (v or "").strip()
        }
    if "pengembangan" in data:
        # Structured development recommendations (issue 17): [(jenis, uraian), ...].
        bersih["pengembangan"], salah = rules_tindak_lanjut.bersihkan_rekomendasi(
            list(data["pengembangan"] or [])
        )
        if salah:
            galat["pengembangan"] = salah
    if galat:
        raise ValidationError(galat)
    return bersih


def _simpan_rekomendasi(penilaian: Penilaian, baris: list[tuple[str, str]]) -> None:
    """Replace the rating's structured recommendations (inside the caller's transaction)."""
    RekomendasiPengembangan.objects.filter(penilaian=penilaian).delete()
    RekomendasiPengembangan.objects.bulk_create(
        RekomendasiPengembangan(penilaian=penilaian, urutan=i, jenis=jenis, uraian=uraian)
        for i, (jenis, uraian) in enumerate(baris, start=1)
    )


def simpan_penilaian(aktor: Pegawai, penilaian: Penilaian, data: dict) -> Penilaian:
    """Save what the penilai wrote (partial ratings are fine in a draft); the predikat follows
    ``rules.predikat`` when both ratings are there.  A leader's annual hasil kerja comes
    from his unit's predikat, whatever was sent."""
    bersih = _bersihkan_isian(data)
    with transaction.atomic():
        penilaian = _kunci(penilaian)
        _wajib_belum_final(penilaian)
        pp = penilaian.periode_penilaian
        hak = sebagai_penilai(aktor, pp, penilaian.skp)
        _wajib_dibuka(pp, skp_services.hari_ini())
        organisasi = hasil_kerja_organisasi(pp, hak.jabatan)
        if organisasi.berlaku:
            bersih.pop("rating_hasil_kerja", None)
        pengembangan = bersih.pop("pengembangan", None)
        for kolom, nilai in bersih.items():
            setattr(penilaian, kolom, nilai)
        _terapkan_organisasi(penilaian, organisasi)
        if penilaian.status == Penilaian.Status.DINILAI and not (
            penilaian.rating_hasil_kerja and penilaian.rating_perilaku
        ):
            raise ValidationError(
                _("Penilaian yang sudah dinilai harus tetap memiliki kedua rating.")
            )
        _hitung_predikat(penilaian)
        penilaian.penilai_id = hak.penilai_id
        penilaian.diisi_oleh = aktor
        penilaian.save()
        if pengembangan is not None:
            _simpan_rekomendasi(penilaian, pengembangan)
        catat_riwayat(
            pelaku=aktor,
            objek=penilaian,
            aksi="penilaian.disimpan",
            subjek=penilaian.skp.pegawai,
            sebagai=hak.sebagai,
            data={
                "predikat": penilaian.predikat,
                **({"pengembangan": [j for j, _u in pengembangan]} if pengembangan else {}),
            },
        )
    return penilaian


def kekurangan_penetapan(penilaian: Penilaian, organisasi: HasilKerjaOrganisasi) -> list[str]:
    """Why the rating cannot be completed yet (empty: it can)."""
    kurang = []
    if organisasi.berlaku and organisasi.predikat_organisasi is None:
        pp = penilaian.periode_penilaian
        kurang.append(
            _(
                "Menunggu predikat kinerja organisasi unit ini untuk %(jendela)s: rating hasil "
                "kerja pimpinan unit mengikutinya; admin instansi harus menetapkannya terlebih "
                "dahulu (menu Predikat organisasi)."
            )
            % {"jendela": pp if not pp.is_tahunan else pp.periode.tahun}
        )
    elif not penilaian.rating_hasil_kerja:
        kurang.append(_("Rating hasil kerja belum diisi."))
    if not penilaian.rating_perilaku:
        kurang.append(_("Rating perilaku kerja belum diisi."))
    return kurang


def tetapkan_penilaian(aktor: Pegawai, penilaian: Penilaian) -> Penilaian:
    """The penilai is done.  A periodic rating becomes final (frozen, its document queued);
    an annual one becomes ``dinilai`` and is finalised with its unit against the curve."""
    with transaction.atomic():
        penilaian = _kunci(penilaian)
        _wajib_belum_final(penilaian)
        pp = penilaian.periode_penilaian
        if pp.is_tahunan and penilaian.status == Penilaian.Status.DINILAI:
            raise ValidationError(
                _("Penilaian ini sudah dinilai; menunggu finalisasi predikat tahunan unit.")
            )
        hak = sebagai_penilai(aktor, pp, penilaian.skp)
        _wajib_dibuka(pp, skp_services.hari_ini())
        organisasi = hasil_kerja_organisasi(pp, hak.jabatan)
        _terapkan_organisasi(penilaian, organisasi)
        kurang = kekurangan_penetapan(penilaian, organisasi)
        if kurang:
            raise ValidationError(kurang)
        _hitung_predikat(penilaian)
        lama = penilaian.status
        sekarang = timezone.now()
        penilaian.dinilai_pada = sekarang
        penilaian.penilai_id = hak.penilai_id
        penilaian.diisi_oleh = aktor
        if pp.is_tahunan:
            penilaian.status = Penilaian.Status.DINILAI
            aksi = "penilaian.dinilai"
        else:
            penilaian.status = Penilaian.Status.FINAL
            penilaian.difinalkan_pada = sekarang
            penilaian.difinalkan_oleh = aktor
            aksi = "penilaian.difinalkan"
        penilaian.save()
        catat_riwayat(
            pelaku=aktor,
            objek=penilaian,
            aksi=aksi,
            subjek=penilaian.skp.pegawai,
            sebagai=hak.sebagai,
            dari_status=lama,
            ke_status=penilaian.status,
            data={"predikat": penilaian.predikat},
        )
        if penilaian.is_final:
            jadwalkan_dokumen_evaluasi(penilaian.pk)
    return penilaian
