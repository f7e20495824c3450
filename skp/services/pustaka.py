"""Writes of the RHK library (``PustakaRhk``) and its use in an SKP.

The library holds RHK suggestions per jabatan for first-time users.  It is kept by the
operators for the jabatan of their units (and sub-units) and by the admin instansi for the
whole instansi.  Using an entry adds it to an editable SKP as a new RHK utama through
:func:`skp.services.penyusunan.simpan_rhk` / :func:`skp.services.penyusunan.simpan_indikator`,
so the SKP's own rights, state and history rules apply unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Jabatan, Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi, peran
from pegawai.services.organisasi import catat_riwayat
from skp.models import IndikatorKinerja, PustakaRhk, RencanaHasilKerja, Skp
from skp.services import penyusunan as services

ASPEK = {a.value for a in IndikatorKinerja.Aspek}
KOLOM_INDIKATOR = ("teks", "aspek", "target", "satuan")
MAKS_INDIKATOR = 10


# --- rights -------------------------------------------------------------------------------
def sebagai_pengelola(aktor: Pegawai, jabatan: Jabatan) -> str:
    """The capacity in which ``aktor`` maintains the library of ``jabatan``, or 403."""
    if is_admin_instansi(aktor, jabatan.instansi_id):
        return Riwayat.Sebagai.ADMIN
    path = jabatan.unit.path
    if any(path.startswith(p) for _, p in peran(aktor).unit_operator):
        return Riwayat.Sebagai.OPERATOR
    raise PermissionDenied(
        _("Pustaka RHK jabatan ini hanya dapat diubah oleh operator unitnya atau admin instansi.")
    )


def boleh_kelola(aktor: Pegawai, jabatan: Jabatan) -> bool:
    try:
        sebagai_pengelola(aktor, jabatan)
    except PermissionDenied:
        return False
    return True


# --- content ------------------------------------------------------------------------------
def rapikan_indikator(indikator: list[dict]) -> list[dict]:
    """The indicator list as stored: known keys only, trimmed, blank rows dropped, checked."""
    hasil = []
    for baris in indikator:
        bersih = {k: str(baris.get(k) or "").strip() for k in KOLOM_INDIKATOR}
        if not any(bersih.values()):
            continue
        if not bersih["teks"]:
            raise ValidationError({"indikator": _("Setiap indikator wajib memiliki teks.")})
        if bersih["aspek"] not in ASPEK:
            raise ValidationError({"indikator": _("Aspek indikator tidak dikenal.")})
        if not bersih["target"]:
            raise ValidationError({"indikator": _("Setiap indikator wajib memiliki target.")})
        hasil.append(bersih)
    if not hasil:
        raise ValidationError({"indikator": _("Isi minimal satu indikator.")})
    if len(hasil) > MAKS_INDIKATOR:
        raise ValidationError(
            {"indikator": _("Paling banyak %(n)s indikator.") % {"n": MAKS_INDIKATOR}}
        )
    return hasil


@transaction.atomic
def simpan_pustaka(aktor: Pegawai, pustaka: PustakaRhk) -> PustakaRhk:
    """Add or change a library entry (the jabatan may change: both must be the actor's)."""
    baru = pustaka.pk is None
    if not baru:
        lama = (
            PustakaRhk.objects.select_for_update()
            .select_related("jabatan__unit")
            .get(pk=pustaka.pk)
        )
        sebagai_pengelola(aktor, lama.jabatan)
    jabatan = Jabatan.objects.select_related("unit").get(pk=pustaka.jabatan_id)
    sebagai = sebagai_pengelola(aktor, jabatan)
    pustaka.teks = (pustaka.teks or "").strip()
    if not pustaka.teks:
        raise ValidationError({"teks": _("Rencana hasil kerja wajib diisi.")})
    pustaka.indikator = rapikan_indikator(pustaka.indikator or [])
    if baru:
        pustaka.dibuat_oleh = aktor
    pustaka.save()
    catat_riwayat(
        pelaku=aktor,
        objek=pustaka,
        sebagai=sebagai,
        aksi="pustaka.dibuat" if baru else "pustaka.diubah",
        data={"jabatan": jabatan.pk, "teks": pustaka.teks[:200]},
    )
    return pustaka


@transaction.atomic
def hapus_pustaka(aktor: Pegawai, pustaka: PustakaRhk) -> None:
    pustaka = (
        PustakaRhk.objects.select_for_update().select_related("jabatan__unit").get(pk=pustaka.pk)
    )
    sebagai = sebagai_pengelola(aktor, pustaka.jabatan)
    catat_riwayat(
        pelaku=aktor,
        objek=pustaka,
        aksi="pustaka.dihapus",
        sebagai=sebagai,
        data={"jabatan": pustaka.jabatan_id, "teks": pustaka.teks[:200]},
    )
    pustaka.delete()


# --- using an entry -------------------------------------------------------------------------
_RENTANG = re.compile(r"^\s*([\d.,]+)\s*(?:[-–]\s*([\d.,]+))?\s*$")


def _angka(teks: str) -> Decimal | None:
    """ "1.250,5" or "1250.5" → Decimal; None when it is not a number."""
    teks = teks.strip()
    if "," in teks:  # Indonesian: dot for thousands, comma for decimals
        teks = teks.replace(".", "").replace(",", ".")
    try:
        return Decimal(teks)
    except InvalidOperation:
        return None


def target_angka(target: str) -> tuple[Decimal | None, Decimal | None]:
    """A library target read as a number or a min–max range (for a kuantitatif SKP)."""
    cocok = _RENTANG.match(target or "")
    if not cocok:
        return None, None
    minimal = _angka(cocok.group(1))
    maksimal = _angka(cocok.group(2)) if cocok.group(2) else None
    return minimal, maksimal


def _indikator_dari(rhk: RencanaHasilKerja, baris: dict, pendekatan: str) -> IndikatorKinerja:
    indikator = IndikatorKinerja(
        rhk=rhk,
        teks=baris.get("teks", ""),
        aspek=baris.get("aspek", ""),
        target_teks=baris.get("target", "")[:255],
        satuan=baris.get("satuan", "")[:50],
    )
    if pendekatan == Skp.Pendekatan.KUANTITATIF:
        indikator.target_min, indikator.target_maks = target_angka(indikator.target_teks)
    return indikator


@transaction.atomic
def pakai_pustaka(
    aktor: Pegawai, skp: Skp, pustaka: PustakaRhk, *, perspektif: str = ""
) -> RencanaHasilKerja:
    """Add a library entry to the SKP as a new RHK utama with its indicators.

    Rights, state and history are those of ``simpan_rhk``/``simpan_indikator`` (the pegawai
    himself or an operator for him, on a draft or returned SKP).  A JPT RHK needs its
    ``perspektif``; a non-JPT one chooses the RHK atasan it intervenes afterwards, as with
    any RHK (it is checked at submission).
    """
    if pustaka.jabatan_id != skp.jabatan_id:
        raise PermissionDenied(_("Pustaka RHK ini bukan untuk jabatan SKP tersebut."))
    rhk = services.simpan_rhk(
        aktor,
        RencanaHasilKerja(
            skp=skp,
            jenis=RencanaHasilKerja.Jenis.UTAMA,
            teks=pustaka.teks,
            perspektif=perspektif if skp.jabatan.is_jpt else "",
        ),
    )
    for baris in pustaka.indikator or []:
        try:
            services.simpan_indikator(aktor, _indikator_dari(rhk, baris, skp.pendekatan))
        except ValidationError as e:
            # Say which indicator of the entry does not fit this SKP (e.g. a text target in a
            # kuantitatif SKP); the whole use is rolled back.
            raise ValidationError(
                _('Indikator "%(teks)s" tidak dapat dipakai: %(alasan)s')
                % {"teks": baris.get("teks", "")[:60], "alasan": " ".join(e.messages)}
            ) from e
    catat_riwayat(
        pelaku=aktor,
        subjek=skp.pegawai,
        objek=skp,
        aksi="skp.pustaka_dipakai",
        sebagai=services.sebagai_pemilik(aktor, skp),
        data={"pustaka": pustaka.pk, "rhk": rhk.pk},
    )
    return rhk
