"""Reads of the distribution curve: curve groups and the live distribution of a unit.

Reading of domain.md §4 used here (decision records 0003 and 0004): the curve of unit U in
year T applies to the annual ratings of year T whose *curve place* has U as its *nearest*
ancestor-or-self holding a ``PredikatKinerjaOrganisasi`` for T.  A sub-unit with its own
predikat forms its own group; a sub-unit without one falls into its parent's group.

The curve place of an SKP is its unit, except for the head of a unit (the top jabatan of the
unit, ``is_pimpinan_unit``): the curve guides the pimpinan for the pegawai *under him*, and
his own hasil kerja is fixed by the unit's organisational result, so he is counted among the
pegawai under his own penilai, in the unit above (the head of the top unit stays in the top
unit's group: there is no unit above it).  The grouping uses the materialised
``UnitKerja.path`` so it is a fixed number of queries whatever the tree size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from pegawai.models import Riwayat, UnitKerja
from pegawai.permissions import is_admin_instansi, peran
from pegawai.selectors.hierarki import is_pimpinan_unit
from penilaian import rules
from penilaian.models import Penilaian, PeriodePenilaian, PredikatKinerjaOrganisasi
from penilaian.selectors.nilai import skp_wajib_dinilai


def _id_path(path: str) -> list[int]:
    return [int(x) for x in path.strip("/").split("/") if x]


def pemilik_kurva(path: str, unit_berpredikat: set[int]) -> int | None:
    """The nearest ancestor-or-self (by ``path``) that has a predikat organisasi, or None."""
    return _pemilik(_id_path(path), unit_berpredikat)


def _pemilik(ids: list[int], unit_berpredikat: set[int]) -> int | None:
    for uid in reversed(ids):
        if uid in unit_berpredikat:
            return uid
    return None


def tempat_kurva(unit_path: str, jabatan) -> list[int]:
    """The unit ids (root first) of the place an SKP is counted in a curve: its unit, or the
    unit above for the head of a unit (see the module docstring)."""
    ids = _id_path(unit_path)
    if len(ids) > 1 and is_pimpinan_unit(jabatan):
        return ids[:-1]
    return ids


def _unit_berpredikat(
    instansi_id: int, tahun: int, jenis: str = rules.JenisPeriode.TAHUNAN, urutan: int = 1
) -> set[int]:
    """The units with a predikat organisasi for the year (or for one periodic window)."""
    return set(
        PredikatKinerjaOrganisasi.objects.filter(
            instansi_id=instansi_id, tahun=tahun, jenis=jenis, urutan=urutan
        ).values_list("unit_id", flat=True)
    )


def _predikat_organisasi(
    instansi_id: int, tahun: int, jenis: str = rules.JenisPeriode.TAHUNAN, urutan: int = 1
) -> dict[int, PredikatKinerjaOrganisasi]:
    """The predikat organisasi of the year (or of one periodic window) by unit: which units
    own a curve, and the owner's own result, in one query (an instansi has a few dozen)."""
    return {
        po.unit_id: po
        for po in PredikatKinerjaOrganisasi.objects.filter(
            instansi_id=instansi_id, tahun=tahun, jenis=jenis, urutan=urutan
        ).select_related("difinalkan_oleh", "ditetapkan_oleh")
    }


def jendela_tahunan(instansi_id: int, tahun: int) -> PeriodePenilaian | None:
    return (
        PeriodePenilaian.objects.filter(
            periode__instansi_id=instansi_id,
            periode__tahun=tahun,
            jenis=rules.JenisPeriode.TAHUNAN,
        )
        .select_related("periode")
        .first()
    )


def anggota_kurva(
    unit: UnitKerja, jendela: PeriodePenilaian, berpredikat: set[int] | None = None
) -> list:
    """The SKPs counted in the curve of ``unit`` for ``jendela`` (two queries; one when the
    caller has read ``berpredikat``, the units with a predikat organisasi of the window).

    Everyone counted here works in the unit's subtree (the head of the unit, counted above
    it, drops out)."""
    if berpredikat is None:
        berpredikat = _unit_berpredikat(
            unit.instansi_id, jendela.periode.tahun, jendela.jenis, jendela.urutan
        )
    pemilik = pemilik_kurva(unit.path, berpredikat)
    kandidat = (
        skp_wajib_dinilai(jendela)
        .filter(unit__path__startswith=unit.path)
        .select_related("pegawai", "unit", "jabatan__induk")
        .order_by("pegawai__nama", "pk")
    )
    return [
        s
        for s in kandidat
        if _pemilik(tempat_kurva(s.unit.path, s.jabatan), berpredikat) == pemilik
    ]


@dataclass
class KelompokKurva:
    """The members of one curve group: the SKPs that must be rated and their ratings."""

    unit: UnitKerja
    tahun: int
    predikat_organisasi: PredikatKinerjaOrganisasi | None
    jendela: PeriodePenilaian | None
    skp: list = field(default_factory=list)
    penilaian: list[Penilaian] = field(default_factory=list)


def kelompok_kurva(
    unit: UnitKerja,
    tahun: int,
    jendela: PeriodePenilaian | None = None,
    predikat: dict[int, PredikatKinerjaOrganisasi] | None = None,
) -> KelompokKurva:
    """The group of ``unit`` in ``tahun`` (the annual window, or the periodic ``jendela``
    with its own predikat organisasi) in a fixed number of queries; ``predikat``: the
    window's predikat organisasi by unit when the caller has read them
    (:func:`_predikat_organisasi`)."""
    if jendela is None:
        jendela = jendela_tahunan(unit.instansi_id, tahun)
    jenis, urutan = (jendela.jenis, jendela.urutan) if jendela else (rules.JenisPeriode.TAHUNAN, 1)
    if predikat is not None:
        po = predikat.get(unit.pk)
    else:
        po = (
            PredikatKinerjaOrganisasi.objects.filter(
                unit=unit, tahun=tahun, jenis=jenis, urutan=urutan
            )
            .select_related("difinalkan_oleh", "ditetapkan_oleh")
            .first()
        )
    kelompok = KelompokKurva(unit, tahun, po, jendela)
    if jendela is None:
        return kelompok
    kelompok.skp = anggota_kurva(unit, jendela, None if predikat is None else set(predikat))
    anggota = {s.pk for s in kelompok.skp}
    kelompok.penilaian = [
        p
        for p in Penilaian.objects.filter(
            periode_penilaian=jendela, skp__unit__path__startswith=unit.path
        ).select_related("pegawai", "penilai", "unit")
        if p.skp_id in anggota
    ]
    return kelompok


@dataclass
class RingkasanKurva:
    unit: UnitKerja
    tahun: int
    jendela: PeriodePenilaian | None
    predikat_organisasi: PredikatKinerjaOrganisasi | None
    n: int
    jumlah: dict[str, int]  # predikat → count of ratings with a predikat (draft included)
    jumlah_draft: dict[str, int]  # of which still draft
    belum_dinilai: int  # no predikat yet
    belum_selesai: int  # not yet DINILAI/FINAL (what blocks finalisation)
    pemeriksaan: object | None
    contoh: object | None
    penjelasan: str
    is_final: bool

    @property
    def baris(self) -> list[tuple[str, int, int, float]]:
        """(label, count, of which draft, % of n) per predikat, best first."""
        return [
            (
                label,
                self.jumlah.get(pr, 0),
                self.jumlah_draft.get(pr, 0),
                round(100 * self.jumlah.get(pr, 0) / self.n, 1) if self.n else 0.0,
            )
            for pr, label in rules.LABEL_PREDIKAT.items()
        ]


def _ringkas(kelompok: KelompokKurva) -> RingkasanKurva:
    nilai_per_skp = {p.skp_id: p for p in kelompok.penilaian}
    jumlah: Counter = Counter()
    draft: Counter = Counter()
    belum_dinilai = belum_selesai = 0
    for skp in kelompok.skp:
        p = nilai_per_skp.get(skp.pk)
        if p is None or not p.predikat:
            belum_dinilai += 1
        else:
            jumlah[p.predikat] += 1
            if p.status == Penilaian.Status.DRAFT:
                draft[p.predikat] += 1
        if p is None or p.status == Penilaian.Status.DRAFT:
            belum_selesai += 1
    po = kelompok.predikat_organisasi
    n = len(kelompok.skp)
    pemeriksaan = contoh = None
    penjelasan = ""
    if po is not None:
        distribusi = {pr: jumlah.get(pr, 0) for pr in rules.Predikat}
        pemeriksaan = rules.periksa_kurva(po.predikat, distribusi)
        contoh = rules.contoh_distribusi(po.predikat, n)
        penjelasan = rules.penjelasan_pembulatan(po.predikat, n)
    return RingkasanKurva(
        unit=kelompok.unit,
        tahun=kelompok.tahun,
        jendela=kelompok.jendela,
        predikat_organisasi=po,
        n=n,
        jumlah=dict(jumlah),
        jumlah_draft=dict(draft),
        belum_dinilai=belum_dinilai,
        belum_selesai=belum_selesai,
        pemeriksaan=pemeriksaan,
        contoh=contoh,
        penjelasan=penjelasan,
        is_final=bool(po and po.difinalkan_pada),
    )


def ringkasan_dari_kelompok(kelompok: KelompokKurva) -> RingkasanKurva:
    return _ringkas(kelompok)


def ringkasan_kurva_untuk_unit(
    unit_id: int, tahun: int, jendela: PeriodePenilaian | None = None
) -> RingkasanKurva:
    unit = UnitKerja.objects.get(pk=unit_id)
    return _ringkas(kelompok_kurva(unit, tahun, jendela))


def ringkasan_kurva_untuk_penilaian(penilaian: Penilaian) -> RingkasanKurva:
    """The live distribution of the group the rated pegawai belongs to (for the rating page)."""
    pp = penilaian.periode_penilaian
    return ringkasan_kurva_skp(penilaian.skp, pp.periode.tahun, None if pp.is_tahunan else pp)


def ringkasan_kurva_skp(skp, tahun: int, jendela: PeriodePenilaian | None = None) -> RingkasanKurva:
    """The live distribution of the curve group that ``skp`` is counted in, for the year or
    for a periodic ``jendela`` against that window's predikat organisasi (without any: the
    unit of its curve place)."""
    tempat = tempat_kurva(skp.unit.path, skp.jabatan)
    kunci = (jendela.jenis, jendela.urutan) if jendela else (rules.JenisPeriode.TAHUNAN, 1)
    predikat = _predikat_organisasi(skp.unit.instansi_id, tahun, *kunci)
    unit_id = _pemilik(tempat, set(predikat)) or tempat[-1]
    unit = skp.unit if unit_id == skp.unit.pk else UnitKerja.objects.get(pk=unit_id)
    return _ringkas(kelompok_kurva(unit, tahun, jendela, predikat))


# --- who may see which curve ----------------------------------------------------------------
def boleh_lihat_kurva(user, kelompok: KelompokKurva) -> bool:
    """The admin of the instansi, the operator of the unit (or of a unit above it), and an
    atasan who rates someone of the group (read-only)."""
    p = peran(user)
    unit = kelompok.unit
    if p.is_superuser or is_admin_instansi(user, unit.instansi_id):
        return True
    # The operator of the unit (or of a unit above it), or of a unit inside the group.
    if any(unit.path.startswith(path) or path.startswith(unit.path) for _, path in p.unit_operator):
        return True
    anggota = {s.pegawai_id for s in kelompok.skp}
    return bool(anggota & p.bawahan_ids) or any(n.penilai_id == user.pk for n in kelompok.penilaian)


def kurva_terlihat(user, tahun: int) -> list[PredikatKinerjaOrganisasi]:
    """The curves (units with a predikat organisasi in ``tahun``) the user may open."""
    qs = PredikatKinerjaOrganisasi.objects.filter(
        tahun=tahun, jenis=rules.JenisPeriode.TAHUNAN
    ).select_related("unit")
    p = peran(user)
    if p.is_superuser:
        return list(qs.order_by("unit__path"))
    qs = qs.filter(instansi_id=user.instansi_id).order_by("unit__path")
    if is_admin_instansi(user, user.instansi_id):
        return list(qs)
    semua = list(qs)
    berpredikat = {po.unit_id for po in semua}
    pemilik: set[int] = set()
    for _, path in p.unit_operator:
        pemilik |= {po.unit_id for po in semua if po.unit.path.startswith(path)}
        atas = pemilik_kurva(path, berpredikat)
        if atas:
            pemilik.add(atas)
    if p.bawahan_ids:
        for path in UnitKerja.objects.filter(pegawai__pk__in=p.bawahan_ids).values_list(
            "path", flat=True
        ):
            atas = pemilik_kurva(path, berpredikat)
            if atas:
                pemilik.add(atas)
    return [po for po in semua if po.unit_id in pemilik]


def riwayat_predikat_organisasi(instansi_id: int, tahun: int, jenis: str, urutan: int, batas=25):
    """The latest changes of the instansi's predikat organisasi for one window (newest
    first): who set which predikat for which unit, from what, with which document."""
    unit = dict(
        PredikatKinerjaOrganisasi.objects.filter(
            instansi_id=instansi_id, tahun=tahun, jenis=jenis, urutan=urutan
        ).values_list("pk", "unit__nama")
    )
    baris = list(
        Riwayat.objects.filter(
            content_type=ContentType.objects.get_for_model(PredikatKinerjaOrganisasi),
            object_id__in=list(unit),
            aksi="predikat_organisasi.ditetapkan",
        )
        .select_related("pelaku")
        .order_by("-pk")[:batas]
    )
    for r in baris:
        r.nama_unit = unit.get(r.object_id, "—")
        r.label_dari = rules.LABEL_PREDIKAT_ORGANISASI.get(r.dari_status, r.dari_status)
        r.label_ke = rules.LABEL_PREDIKAT_ORGANISASI.get(r.ke_status, r.ke_status)
    return baris
