"""Work outside the SKP (issue 17 §5): "usulkan RHK tambahan" from an activity linked to no RHK.

One click proposes an RHK tambahan, its text taken from the activity's description, in the
SKP that can still change: the SKP in force itself while it is a draft (or returned), else a
revision of the ditetapkan one (``revisi_skp``: the SKP's own change flow).  The proposal then
goes the usual way — the pegawai completes the indicator and submits, the atasan approves — so
nothing here bypasses the atasan.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aktivitas import rules
from aktivitas.models import Aktivitas
from aktivitas.services.harian import sebagai_pengisi, skp_berlaku
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat
from skp.models import RencanaHasilKerja, Skp
from skp.services.penyusunan import revisi_skp, simpan_rhk


def skp_untuk_usulan(aktor: Pegawai, skp: Skp) -> Skp:
    """The SKP version the proposal goes into: ``skp`` while it can change, else its draft
    revision (made now when there is none); a version waiting for the atasan refuses."""
    if skp.bisa_diubah:
        return skp
    if skp.status == Skp.Status.DITETAPKAN:
        revisi = Skp.objects.filter(versi_sebelumnya=skp).first()
        if revisi is None:
            return revisi_skp(aktor, skp)
        if revisi.bisa_diubah:
            return revisi
    raise ValidationError(
        _(
            "SKP Anda sedang menunggu persetujuan atasan, sehingga RHK tambahan belum dapat "
            "diusulkan. Usulkan setelah atasan menyetujui atau mengembalikannya."
        )
    )


@transaction.atomic
def usulkan_rhk_tambahan(aktor: Pegawai, aktivitas: Aktivitas) -> RencanaHasilKerja:
    """Propose an RHK tambahan from an activity outside the SKP; returns the new RHK (in a
    draft SKP or revision, for the pegawai to complete and submit)."""
    aktivitas = Aktivitas.objects.select_related("pegawai").get(pk=aktivitas.pk)
    pegawai = aktivitas.pegawai
    sebagai = sebagai_pengisi(aktor, pegawai)  # never under a kuasa: it changes the SKP
    if aktivitas.rhk_id is not None:
        raise ValidationError(_("Aktivitas ini sudah terhubung ke RHK."))
    skp = skp_berlaku(pegawai, aktivitas.tanggal)
    if skp is None:
        raise ValidationError(_("Belum ada SKP yang berlaku pada tanggal aktivitas ini."))
    tujuan = skp_untuk_usulan(aktor, Skp.objects.get(pk=skp.pk))
    teks = rules.teks_usulan_rhk(aktivitas.uraian)
    if tujuan.rhk.filter(jenis=RencanaHasilKerja.Jenis.TAMBAHAN, teks=teks).exists():
        raise ValidationError(_("RHK tambahan dengan teks ini sudah ada di SKP Anda."))
    rhk = simpan_rhk(
        aktor,
        RencanaHasilKerja(skp=tujuan, jenis=RencanaHasilKerja.Jenis.TAMBAHAN, teks=teks),
    )
    catat_riwayat(
        pelaku=aktor,
        subjek=pegawai,
        objek=aktivitas,
        aksi="aktivitas.rhk_diusulkan",
        sebagai=sebagai,
        data={"skp": tujuan.pk, "rhk": rhk.pk, "tanggal": aktivitas.tanggal.isoformat()},
    )
    return rhk
