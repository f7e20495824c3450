"""Every write of SKP planning: one function per use case, one transaction each.

Who may do what (domain.md §2):
* the pegawai drafts and submits his SKP; an operator of his unit may do it on his behalf
  (recorded as such);
* the pejabat penilai *on the day of the action* writes the ekspektasi khusus, approves,
  returns (with a reason) and sets (menetapkan) it.  For a JPT whose penilai is the PPK (not a
  user of the system) the admin instansi records the PPK's decision, recorded as such.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.models import Instansi, Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi, peran
from pegawai.selectors.hierarki import RantaiPenilai, jabatan_definitif, rantai_penilai
from pegawai.services.organisasi import catat_riwayat
from skp import rules
from skp.models import (
    EkspektasiPerilaku,
    IndikatorKinerja,
    LampiranSkp,
    Periode,
    RencanaHasilKerja,
    Skp,
)

S = Skp.Status


def hari_ini() -> dt.date:
    return timezone.localdate()


# --- rights -------------------------------------------------------------------------------
def sebagai_pemilik(aktor: Pegawai, skp: Skp) -> str:
    """The capacity in which ``aktor`` may edit/submit ``skp``, or PermissionDenied."""
    if aktor.pk == skp.pegawai_id:
        return Riwayat.Sebagai.SENDIRI
    if peran(aktor).mengoperatori(skp.pegawai):
        return Riwayat.Sebagai.OPERATOR
    raise PermissionDenied(
        _("Hanya pegawai pemilik SKP atau operator unitnya yang dapat mengubahnya.")
    )


def sebagai_penilai(aktor: Pegawai, skp: Skp) -> tuple[str, RantaiPenilai]:
    """The capacity in which ``aktor`` acts as pejabat penilai of ``skp`` today."""
    rantai = rantai_penilai(skp.pegawai, hari_ini())
    penilai = rantai.pejabat_penilai
    if penilai is None:
        raise PermissionDenied(_("Pegawai ini tidak memiliki jabatan definitif hari ini."))
    if penilai.is_ppk:
        if is_admin_instansi(aktor, skp.periode.instansi_id) and aktor.pk != skp.pegawai_id:
            return Riwayat.Sebagai.ADMIN, rantai
    elif penilai.pegawai.pk == aktor.pk:
        return Riwayat.Sebagai.ATASAN, rantai
    raise PermissionDenied(_("Hanya pejabat penilai kinerja pegawai ini yang dapat melakukannya."))


def _kunci(skp: Skp) -> Skp:
    return (
        Skp.objects.select_for_update()
        .select_related("pegawai", "periode__instansi", "jabatan", "unit")
        .get(pk=skp.pk)
    )


def _wajib_transisi(skp: Skp, transisi: str) -> str:
    """The state ``transisi`` leads to from the SKP's state, or a clear ValidationError."""
    baru = rules.status_setelah(transisi, skp.status)
    if baru is None:
        raise ValidationError(
            _("SKP berstatus %(status)s tidak dapat %(aksi)s.")
            % {"status": skp.get_status_display(), "aksi": rules.nama_transisi(transisi)}
        )
    return baru


def _pindah(skp: Skp, transisi: str) -> str:
    """Move the SKP along ``transisi``; return the state it came from."""
    lama, skp.status = skp.status, _wajib_transisi(skp, transisi)
    return lama


def _wajib_bisa_diubah(skp: Skp) -> None:
    if not skp.bisa_diubah:
        raise ValidationError(
            _("SKP berstatus %(status)s tidak dapat diubah lagi.")
            % {"status": skp.get_status_display()}
        )


def _buka_untuk_diubah(aktor: Pegawai, skp: Skp) -> tuple[Skp, str]:
    """Lock the SKP, check the actor may edit it and that its state allows it."""
    skp = _kunci(skp)
    sebagai = sebagai_pemilik(aktor, skp)
    _wajib_bisa_diubah(skp)
    return skp, sebagai


# --- periods ------------------------------------------------------------------------------
@transaction.atomic
def buka_periode(
    aktor: Pegawai,
    instansi: Instansi,
    tahun: int,
    *,
    mulai: dt.date | None = None,
    selesai: dt.date | None = None,
    batas_penetapan_skp: dt.date | None = None,
    nama: str = "",
) -> Periode:
    if not is_admin_instansi(aktor, instansi):
        raise PermissionDenied(_("Hanya admin instansi yang dapat membuka periode."))
    if Periode.objects.filter(instansi=instansi, tahun=tahun).exists():
        raise ValidationError({"tahun": _("Periode tahun %(tahun)s sudah ada.") % {"tahun": tahun}})
    mulai = mulai or dt.date(tahun, 1, 1)
    selesai = selesai or dt.date(tahun, 12, 31)
    if selesai <= mulai:
        raise ValidationError({"selesai": _("Tanggal selesai harus sesudah tanggal mulai.")})
    periode = Periode.objects.create(
        instansi=instansi,
        tahun=tahun,
        nama=nama or _("Periode Kinerja %(tahun)s") % {"tahun": tahun},
        mulai=mulai,
        selesai=selesai,
        batas_penetapan_skp=batas_penetapan_skp or rules.batas_penetapan_default(tahun),
        dibuat_oleh=aktor,
    )
    catat_riwayat(
        pelaku=aktor,
        objek=periode,
        aksi="periode.dibuka",
        sebagai=Riwayat.Sebagai.ADMIN,
        ke_status=periode.status,
    )
    return periode


@transaction.atomic
def ubah_status_periode(aktor: Pegawai, periode: Periode, status: str) -> Periode:
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    if not is_admin_instansi(aktor, periode.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengubah periode."))
    if status not in Periode.Status.values:
        raise ValidationError({"status": _("Status periode tidak dikenal.")})
    lama = periode.status
    if status == lama:
        raise ValidationError(
            {
                "status": _("Periode %(nama)s sudah berstatus %(status)s.")
                % {"nama": periode.nama, "status": periode.get_status_display()}
            }
        )
    periode.status = status
    periode.save(update_fields=["status"])
    catat_riwayat(
        pelaku=aktor,
        objek=periode,
        aksi="periode.status",
        sebagai=Riwayat.Sebagai.ADMIN,
        dari_status=lama,
        ke_status=status,
    )
    return periode


# --- creating an SKP ----------------------------------------------------------------------
@transaction.atomic
def buat_skp(
    aktor: Pegawai,
    pegawai: Pegawai,
    periode: Periode,
    *,
    tanggal: dt.date | None = None,
    pendekatan: str = Skp.Pendekatan.KUALITATIF,
) -> Skp:
    """Start a draft SKP for the pegawai's definitif jabatan on ``tanggal``.

    When the pegawai already has an SKP in the period for another jabatan (a mid-year move),
    that one ends the day before and the new one starts on ``tanggal``.
    """
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    sebagai = sebagai_pemilik(aktor, Skp(pegawai=pegawai))
    if periode.instansi_id != pegawai.instansi_id:
        raise PermissionDenied(_("Periode ini bukan milik instansi pegawai."))
    if periode.status != Periode.Status.DIBUKA:
        raise ValidationError(_("Periode %(nama)s sudah ditutup.") % {"nama": periode.nama})
    if tanggal is None:
        # Default: from when he has held today's jabatan within the period (normally the
        # period's first day), not from the day he happens to open the form.
        acuan = min(max(hari_ini(), periode.mulai), periode.selesai)
        penugasan = jabatan_definitif(pegawai, acuan)
        tanggal = max(penugasan.mulai, periode.mulai) if penugasan else acuan
    if not periode.mulai <= tanggal <= periode.selesai:
        raise ValidationError({"tanggal": _("Tanggal mulai harus di dalam periode.")})
    penugasan = jabatan_definitif(pegawai, tanggal)
    if penugasan is None:
        raise ValidationError(
            _("Pegawai ini tidak memiliki jabatan definitif pada %(tanggal)s; hubungi admin.")
            % {"tanggal": tanggal.strftime("%d-%m-%Y")}
        )
    aktif = (
        Skp.objects.select_for_update()
        .filter(pegawai=pegawai, periode=periode)
        .exclude(status=S.DIGANTIKAN)
    )
    if aktif.filter(jabatan=penugasan.jabatan, selesai__gte=tanggal).exists():
        raise ValidationError(_("SKP untuk jabatan ini pada periode ini sudah ada."))
    for lama in aktif.filter(selesai__gte=tanggal):
        if lama.mulai >= tanggal:
            raise ValidationError(
                _("Sudah ada SKP untuk jabatan lain yang mulai pada %(tanggal)s.")
                % {"tanggal": lama.mulai.strftime("%d-%m-%Y")}
            )
        lama.selesai = tanggal - dt.timedelta(days=1)
        lama.save(update_fields=["selesai", "diubah_pada"])
        catat_riwayat(
            pelaku=aktor,
            subjek=pegawai,
            objek=lama,
            aksi="skp.dipotong",
            sebagai=sebagai,
            data={"selesai": lama.selesai.isoformat()},
        )
    skp = Skp.objects.create(
        pegawai=pegawai,
        periode=periode,
        jabatan=penugasan.jabatan,
        unit=penugasan.jabatan.unit,
        mulai=tanggal,
        selesai=periode.selesai,
        pendekatan=pendekatan,
    )
    EkspektasiPerilaku.objects.bulk_create(
        EkspektasiPerilaku(skp=skp, kode=n.kode) for n in rules.BERAKHLAK
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=skp,
        aksi="skp.dibuat",
        sebagai=sebagai,
        ke_status=skp.status,
    )
    return skp


def _salin_isi(sumber: Skp, tujuan: Skp, *, dengan_intervensi: bool) -> None:
    """Copy RHK, indicators, ekspektasi and lampiran from one SKP into another (bulk)."""
    for rhk in sumber.rhk.prefetch_related("indikator").order_by("jenis", "urutan", "id"):
        baru = RencanaHasilKerja.objects.create(
            skp=tujuan,
            jenis=rhk.jenis,
            teks=rhk.teks,
            perspektif=rhk.perspektif,
            urutan=rhk.urutan,
            rhk_atasan=rhk.rhk_atasan if dengan_intervensi else None,
        )
        IndikatorKinerja.objects.bulk_create(
            IndikatorKinerja(
                rhk=baru,
                teks=i.teks,
                aspek=i.aspek,
                target_teks=i.target_teks,
                target_min=i.target_min,
                target_maks=i.target_maks,
                satuan=i.satuan,
                urutan=i.urutan,
            )
            for i in rhk.indikator.all()
        )
    LampiranSkp.objects.bulk_create(
        LampiranSkp(skp=tujuan, jenis=lamp.jenis, teks=lamp.teks, urutan=lamp.urutan)
        for lamp in sumber.lampiran.all()
    )


@transaction.atomic
def salin_skp(aktor: Pegawai, skp: Skp, sumber: Skp) -> Skp:
    """Help a first-time user: copy last period's SKP (RHK, indicators, lampiran) into a draft.

    Links to the atasan's RHK are not copied: they belong to last period's cascade.
    """
    skp, sebagai = _buka_untuk_diubah(aktor, skp)
    if sumber.pegawai_id != skp.pegawai_id or sumber.pk == skp.pk:
        raise PermissionDenied(_("Hanya SKP milik pegawai yang sama yang dapat disalin."))
    if skp.rhk.exists():
        raise ValidationError(
            _("SKP ini sudah berisi RHK; salin hanya untuk SKP yang masih kosong.")
        )
    _salin_isi(sumber, skp, dengan_intervensi=False)
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.disalin",
        sebagai=sebagai,
        data={"dari_skp": sumber.pk},
    )
    return skp


# --- content ------------------------------------------------------------------------------
def rhk_atasan_yang_boleh(skp: Skp, rantai: RantaiPenilai | None = None):
    """RHK the pegawai may intervene: those of his atasan's SKP(s) of the same period."""
    rantai = rantai or rantai_penilai(skp.pegawai, max(skp.mulai, min(hari_ini(), skp.selesai)))
    penilai = rantai.pejabat_penilai
    if penilai is None or penilai.is_ppk:
        return RencanaHasilKerja.objects.none()
    return (
        RencanaHasilKerja.objects.filter(
            skp__pegawai=penilai.pegawai,
            skp__periode_id=skp.periode_id,
            jenis=RencanaHasilKerja.Jenis.UTAMA,
        )
        .exclude(skp__status=S.DIGANTIKAN)
        .select_related("skp")
        # the atasan's newest SKP of the period first (he may have a draft beside the one in
        # force); the model's ordering keeps SKPs apart by id only
        .order_by("-skp__mulai", "-skp__versi", "jenis", "urutan", "id")
    )


def periksa_rhk(rhk: RencanaHasilKerja) -> None:
    """Cascading and perspektif rules of one RHK (domain.md §2)."""
    skp = rhk.skp
    if not rhk.teks.strip():
        raise ValidationError({"teks": _("Rencana hasil kerja wajib diisi.")})
    if rhk.jenis == RencanaHasilKerja.Jenis.TAMBAHAN:
        if rhk.rhk_atasan_id:
            raise ValidationError(
                {"rhk_atasan": _("RHK tambahan tidak mengintervensi RHK atasan.")}
            )
        return
    if skp.is_jpt:
        if not rhk.perspektif:
            raise ValidationError({"perspektif": _("RHK JPT wajib memilih perspektif.")})
        if rhk.rhk_atasan_id:
            boleh = rhk_atasan_yang_boleh(skp)
            if not boleh.filter(pk=rhk.rhk_atasan_id).exists():
                raise ValidationError(
                    {
                        "rhk_atasan": _(
                            "RHK atasan yang dipilih tidak ada di SKP atasan Anda pada periode ini."
                        )
                    }
                )
        return
    if rhk.perspektif:
        raise ValidationError({"perspektif": _("Perspektif hanya untuk RHK JPT.")})
    if rhk.rhk_atasan_id is None:
        return  # checked again, strictly, at submission
    if not rhk_atasan_yang_boleh(skp).filter(pk=rhk.rhk_atasan_id).exists():
        raise ValidationError(
            {
                "rhk_atasan": _(
                    "RHK atasan yang dipilih tidak ada di SKP atasan Anda pada periode ini."
                )
            }
        )


@transaction.atomic
def simpan_rhk(aktor: Pegawai, rhk: RencanaHasilKerja) -> RencanaHasilKerja:
    skp, sebagai = _buka_untuk_diubah(aktor, rhk.skp)
    rhk.skp = skp
    periksa_rhk(rhk)
    baru = rhk.pk is None
    if baru and not rhk.urutan:
        rhk.urutan = skp.rhk.filter(jenis=rhk.jenis).count() + 1
    rhk.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.rhk_ditambah" if baru else "skp.rhk_diubah",
        sebagai=sebagai,
        data={"rhk": rhk.pk, "teks": rhk.teks[:200]},
    )
    return rhk


@transaction.atomic
def hapus_rhk(aktor: Pegawai, rhk: RencanaHasilKerja) -> None:
    skp, sebagai = _buka_untuk_diubah(aktor, rhk.skp)
    if rhk.rhk_intervensi.exists():
        raise ValidationError(
            _("RHK ini sudah diintervensi oleh RHK bawahan; tidak dapat dihapus.")
        )
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.rhk_dihapus",
        sebagai=sebagai,
        data={"teks": rhk.teks[:200]},
    )
    _hapus_jika_tidak_dipakai(rhk, _("RHK"))


def periksa_indikator(indikator: IndikatorKinerja, pendekatan: str) -> None:
    if not indikator.teks.strip():
        raise ValidationError({"teks": _("Indikator wajib diisi.")})
    if pendekatan == Skp.Pendekatan.KUANTITATIF:
        if indikator.target_min is None:
            raise ValidationError({"target_min": _("SKP kuantitatif: target wajib berupa angka.")})
        if not indikator.satuan.strip():
            raise ValidationError({"satuan": _("SKP kuantitatif: satuan target wajib diisi.")})
        if indikator.target_maks is not None and indikator.target_maks < indikator.target_min:
            raise ValidationError(
                {"target_maks": _("Target maksimal tidak boleh di bawah minimal.")}
            )
    elif not indikator.target_teks.strip():
        raise ValidationError({"target_teks": _("Target wajib diisi.")})


@transaction.atomic
def simpan_indikator(aktor: Pegawai, indikator: IndikatorKinerja) -> IndikatorKinerja:
    skp, sebagai = _buka_untuk_diubah(aktor, indikator.rhk.skp)
    periksa_indikator(indikator, skp.pendekatan)
    baru = indikator.pk is None
    if baru and not indikator.urutan:
        indikator.urutan = indikator.rhk.indikator.count() + 1
    indikator.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.indikator_ditambah" if baru else "skp.indikator_diubah",
        sebagai=sebagai,
        data={"indikator": indikator.pk, "teks": indikator.teks[:200]},
    )
    return indikator


@transaction.atomic
def hapus_indikator(aktor: Pegawai, indikator: IndikatorKinerja) -> None:
    skp, sebagai = _buka_untuk_diubah(aktor, indikator.rhk.skp)
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.indikator_dihapus",
        sebagai=sebagai,
        data={"teks": indikator.teks[:200]},
    )
    _hapus_jika_tidak_dipakai(indikator, _("Indikator"))


def _hapus_jika_tidak_dipakai(objek, nama: str) -> None:
    """Delete, unless the execution records point at it (activities, realisations): those
    are history and keep it (the foreign keys protect it)."""
    try:
        with transaction.atomic():
            objek.delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "%(nama)s ini sudah dipakai oleh aktivitas atau realisasi, sehingga tidak dapat "
                "dihapus. Ubah teksnya, atau buat revisi SKP."
            )
            % {"nama": nama}
        ) from None


@transaction.atomic
def simpan_lampiran(aktor: Pegawai, lampiran: LampiranSkp) -> LampiranSkp:
    skp, sebagai = _buka_untuk_diubah(aktor, lampiran.skp)
    if not lampiran.teks.strip():
        raise ValidationError({"teks": _("Isi lampiran wajib diisi.")})
    baru = lampiran.pk is None
    lampiran.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.lampiran_ditambah" if baru else "skp.lampiran_diubah",
        sebagai=sebagai,
        data={"jenis": lampiran.jenis},
    )
    return lampiran


@transaction.atomic
def hapus_lampiran(aktor: Pegawai, lampiran: LampiranSkp) -> None:
    skp, sebagai = _buka_untuk_diubah(aktor, lampiran.skp)
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.lampiran_dihapus",
        sebagai=sebagai,
        data={"jenis": lampiran.jenis},
    )
    lampiran.delete()


@transaction.atomic
def isi_ekspektasi(aktor: Pegawai, skp: Skp, ekspektasi: dict[str, str]) -> Skp:
    """The pejabat penilai writes his ekspektasi khusus for the BerAKHLAK values."""
    skp = _kunci(skp)
    sebagai, _rantai = sebagai_penilai(aktor, skp)
    if skp.status in (S.DITETAPKAN, S.DIGANTIKAN):
        raise ValidationError(_("SKP yang sudah ditetapkan tidak dapat diubah."))
    tidak_dikenal = set(ekspektasi) - set(rules.BERAKHLAK_PER_KODE)
    if tidak_dikenal:
        raise ValidationError(
            _("Nilai dasar tidak dikenal: %(k)s") % {"k": ", ".join(tidak_dikenal)}
        )
    baris = {p.kode: p for p in skp.perilaku.all()}
    ubah = []
    for kode, teks in ekspektasi.items():
        p = baris.get(kode) or EkspektasiPerilaku(skp=skp, kode=kode)
        if p.pk and p.ekspektasi == teks.strip():
            continue
        p.ekspektasi, p.diisi_oleh = teks.strip(), aktor
        p.save()
        ubah.append(kode)
    if ubah:
        catat_riwayat(
            pelaku=aktor,
            subjek=skp.pegawai,
            objek=skp,
            aksi="skp.ekspektasi_diisi",
            sebagai=sebagai,
            data={"nilai": ubah},
        )
    return skp


# --- workflow -----------------------------------------------------------------------------
def kekurangan_pengajuan(skp: Skp) -> list[str]:
    """What still keeps this SKP from being submitted (empty: ready)."""
    masalah = []
    rhk = list(skp.rhk.prefetch_related("indikator"))
    if not any(r.jenis == RencanaHasilKerja.Jenis.UTAMA for r in rhk):
        masalah.append(_("Isi minimal satu RHK utama."))
    for r in rhk:
        if not r.indikator.all():
            masalah.append(_('RHK "%(rhk)s" belum memiliki indikator.') % {"rhk": r.teks[:60]})
    rantai = rantai_penilai(skp.pegawai, max(skp.mulai, min(hari_ini(), skp.selesai)))
    if rantai.pejabat_penilai is None:
        masalah.append(_("Pegawai belum memiliki pejabat penilai (jabatan definitif)."))
    else:
        masalah += rules.pesan_rhk_tanpa_intervensi(
            [r.teks for r in rhk_tanpa_intervensi(skp, rhk, rantai)]
        )
    return masalah


def rhk_tanpa_intervensi(
    skp: Skp, rhk: list[RencanaHasilKerja] | None = None, rantai: RantaiPenilai | None = None
) -> list[RencanaHasilKerja]:
    """The SKP's utama RHK still missing the RHK atasan they intervene (issue 17 §7: a
    draft may wait for the atasan's SKP; submitting and approving may not)."""
    if rantai is None:
        rantai = rantai_penilai(skp.pegawai, max(skp.mulai, min(hari_ini(), skp.selesai)))
    penilai = rantai.pejabat_penilai
    wajib = penilai is not None and not skp.is_jpt and not penilai.is_ppk
    if rhk is None:
        rhk = list(skp.rhk.order_by("jenis", "urutan", "id")) if wajib else []
    return rules.rhk_tanpa_intervensi(rhk, wajib_intervensi=wajib)


@transaction.atomic
def ajukan_skp(aktor: Pegawai, skp: Skp) -> Skp:
    skp = _kunci(skp)
    sebagai = sebagai_pemilik(aktor, skp)
    _wajib_transisi(skp, "ajukan")  # the state first: a submitted SKP says so, not "incomplete"
    masalah = kekurangan_pengajuan(skp)
    if masalah:
        raise ValidationError(masalah)
    lama = _pindah(skp, "ajukan")
    rantai = rantai_penilai(skp.pegawai, hari_ini())
    skp.penilai = rantai.pejabat_penilai.pegawai if rantai.pejabat_penilai else None
    skp.diajukan_pada = timezone.now()
    skp.alasan_pengembalian = ""
    skp.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.diajukan",
        sebagai=sebagai,
        dari_status=lama,
        ke_status=skp.status,
    )
    return skp


@transaction.atomic
def setujui_skp(aktor: Pegawai, skp: Skp) -> Skp:
    skp = _kunci(skp)
    sebagai, rantai = sebagai_penilai(aktor, skp)
    _wajib_transisi(skp, "setujui")
    # Submitted before the rule, or its link removed since: never approved without it.
    masalah = rules.pesan_rhk_tanpa_intervensi([r.teks for r in rhk_tanpa_intervensi(skp)])
    if masalah:
        raise ValidationError(masalah)
    lama = _pindah(skp, "setujui")
    skp.penilai = aktor if sebagai == Riwayat.Sebagai.ATASAN else None
    skp.disetujui_pada = timezone.now()
    skp.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.disetujui",
        sebagai=sebagai,
        dari_status=lama,
        ke_status=skp.status,
        keterangan=_("atas nama PPK") if rantai.pejabat_penilai.is_ppk else "",
    )
    return skp


@transaction.atomic
def kembalikan_skp(aktor: Pegawai, skp: Skp, alasan: str) -> Skp:
    skp = _kunci(skp)
    sebagai, rantai = sebagai_penilai(aktor, skp)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan pengembalian wajib diisi.")})
    lama = _pindah(skp, "kembalikan")
    skp.alasan_pengembalian = alasan
    skp.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.dikembalikan",
        sebagai=sebagai,
        dari_status=lama,
        ke_status=skp.status,
        keterangan=alasan,
    )
    return skp


def _snapshot(skp: Skp, rantai: RantaiPenilai) -> dict:
    """What the regulation freezes at penetapan: identities, jabatan, unit, penilai."""

    def pejabat(p):
        if p is None:
            return None
        return {
            "pegawai_id": p.pegawai.pk if p.pegawai else None,
            "nama": p.nama,
            "nip": p.nip,
            "jabatan": p.nama_jabatan,
            "dasar": p.dasar,
            "pangkat": p.pegawai.pangkat_golongan if p.pegawai else "",
            "unit": p.jabatan.unit.nama if p.jabatan else skp.periode.instansi.nama,
        }

    pegawai = skp.pegawai
    return {
        "pegawai": {
            "nama": pegawai.nama_lengkap,
            "nip": pegawai.nip,
            "pangkat": pegawai.pangkat_golongan,
            "jabatan": skp.jabatan.nama,
            "jenis_jabatan": skp.jabatan.get_jenis_display(),
            "unit": skp.unit.nama,
            "status_kepegawaian": pegawai.status_kepegawaian,
        },
        "pejabat_penilai": pejabat(rantai.pejabat_penilai),
        "atasan_pejabat_penilai": pejabat(rantai.atasan_pejabat_penilai),
        "instansi": skp.periode.instansi.nama,
        "tempat": skp.periode.instansi.kota,
    }


@transaction.atomic
def tetapkan_skp(aktor: Pegawai, skp: Skp) -> Skp:
    """Set (menetapkan) the SKP: freeze the snapshot, retire the previous version, make the PDF."""
    skp = _kunci(skp)
    sebagai, rantai = sebagai_penilai(aktor, skp)
    lama = _pindah(skp, "tetapkan")
    skp.ditetapkan_pada = timezone.now()
    skp.snapshot = _snapshot(skp, rantai)
    skp.save()
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.ditetapkan",
        sebagai=sebagai,
        dari_status=lama,
        ke_status=skp.status,
        keterangan=_("atas nama PPK") if rantai.pejabat_penilai.is_ppk else "",
    )
    if skp.versi_sebelumnya_id:
        sebelum = Skp.objects.select_for_update().get(pk=skp.versi_sebelumnya_id)
        dari = _pindah(sebelum, "gantikan")
        sebelum.save(update_fields=["status", "diubah_pada"])
        catat_riwayat(
            pelaku=aktor,
            subjek=skp.pegawai,
            objek=sebelum,
            aksi="skp.digantikan",
            sebagai=sebagai,
            dari_status=dari,
            ke_status=sebelum.status,
            data={"oleh_versi": skp.versi, "skp_baru": skp.pk},
        )
    from skp.tasks import jadwalkan_dokumen_skp

    jadwalkan_dokumen_skp(skp)
    return skp


@transaction.atomic
def revisi_skp(aktor: Pegawai, skp: Skp) -> Skp:
    """A change during the year: a new version (draft) copied from the ditetapkan one."""
    skp = _kunci(skp)
    sebagai = sebagai_pemilik(aktor, skp)
    if skp.status != S.DITETAPKAN:
        raise ValidationError(_("Hanya SKP yang sudah ditetapkan yang dapat direvisi."))
    if Skp.objects.filter(versi_sebelumnya=skp).exists():
        raise ValidationError(_("Revisi SKP ini sudah dibuat; lanjutkan revisi tersebut."))
    baru = Skp.objects.create(
        pegawai=skp.pegawai,
        periode=skp.periode,
        jabatan=skp.jabatan,
        unit=skp.unit,
        mulai=skp.mulai,
        selesai=skp.selesai,
        pendekatan=skp.pendekatan,
        versi=skp.versi + 1,
        versi_sebelumnya=skp,
    )
    EkspektasiPerilaku.objects.bulk_create(
        EkspektasiPerilaku(skp=baru, kode=p.kode, ekspektasi=p.ekspektasi, diisi_oleh=p.diisi_oleh)
        for p in skp.perilaku.all()
    )
    _salin_isi(skp, baru, dengan_intervensi=True)
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=baru,
        aksi="skp.revisi_dibuat",
        sebagai=sebagai,
        ke_status=baru.status,
        data={"dari_versi": skp.versi},
    )
    return baru
