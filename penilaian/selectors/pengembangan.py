"""Reads of the structured development follow-up (issue 17, point 3): the final ratings'
development recommendations collected for BKPSDM per unit and window, and a pegawai's own
list for his profile.  Scoped through ``selectors.tpp.unit_rekap`` (admin: his instansi,
operator: his units and their sub-units) and ``selectors.nilai.jendela_terlihat``."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from pegawai.models import UnitKerja
from penilaian import rules_tindak_lanjut
from penilaian.models import Penilaian, PeriodePenilaian, RekomendasiPengembangan


def rekap(unit: UnitKerja, pp: PeriodePenilaian) -> QuerySet[RekomendasiPengembangan]:
    """The recommendations of the final ratings of ``pp`` in ``unit`` and its sub-units."""
    return (
        RekomendasiPengembangan.objects.filter(
            penilaian__status=Penilaian.Status.FINAL,
            penilaian__periode_penilaian=pp,
            penilaian__unit__path__startswith=unit.path,
        )
        .select_related("penilaian__pegawai", "penilaian__unit", "penilaian__skp__jabatan")
        .order_by("penilaian__unit__path", "penilaian__pegawai__nama", "penilaian_id", "urutan")
    )


def per_jenis(qs: QuerySet[RekomendasiPengembangan]) -> list[tuple[str, int]]:
    """(label, count) per kind, in the order of the kinds (one query)."""
    jumlah = dict(qs.order_by().values("jenis").annotate(n=Count("pk")).values_list("jenis", "n"))
    return [
        (str(label), jumlah[kode])
        for kode, label in rules_tindak_lanjut.JENIS_PENGEMBANGAN.items()
        if jumlah.get(kode)
    ]


def milik_pegawai(pegawai, batas: int = 10) -> list[RekomendasiPengembangan]:
    """The pegawai's own recommendations from his final ratings, newest window first."""
    return list(
        RekomendasiPengembangan.objects.filter(
            penilaian__pegawai=pegawai, penilaian__status=Penilaian.Status.FINAL
        )
        .select_related("penilaian__periode_penilaian__periode")
        .order_by("-penilaian__periode_penilaian__selesai", "penilaian_id", "urutan")[:batas]
    )
