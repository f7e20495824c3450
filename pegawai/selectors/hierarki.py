"""Who rates whom: atasan langsung, pejabat penilai and atasan pejabat penilai on a date.

domain.md §1, read as follows (the note in docs/keputusan/0001-atasan.md gives the why):

* The pegawai's jabatan is his **definitif** jabatan on the date.  Its parent jabatan is
  the atasan's jabatan.
* Who acts for a jabatan on a date: a **Plh** (temporary absence of the holder) first, then a
  **Plt** (vacancy), then the **definitif** holder.  Only pegawai who may still work (status
  aktif or cuti) count, and never the rated pegawai himself (a kepala seksi who is Plt of his
  own kepala bidang is rated by the one above).
* A jabatan with nobody acting is vacant, and the next jabatan up acts.
* When the chain runs out above the pegawai (a JPT at the top of the instansi, or every
  jabatan above vacant), the pejabat penilai is the **PPK / pimpinan** of the instansi.
* Pejabat penilai = atasan langsung.  Atasan pejabat penilai = the pejabat penilai's own
  atasan, found by the same walk from the jabatan in which the penilai acts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from inti.cache_versi import ambil
from pegawai.models import Instansi, Jabatan, Pegawai, Penugasan

URUTAN_PEMANGKU = (Penugasan.Jenis.PLH, Penugasan.Jenis.PLT, Penugasan.Jenis.DEFINITIF)


@dataclass(frozen=True)
class Pejabat:
    """Someone acting as atasan: a pegawai in a jabatan, or the instansi's PPK."""

    dasar: str  # Penugasan.Jenis value, or "ppk"
    pegawai: Pegawai | None = None
    jabatan: Jabatan | None = None
    instansi: Instansi | None = None

    @property
    def is_ppk(self) -> bool:
        return self.dasar == "ppk"

    @property
    def nama(self) -> str:
        return self.pegawai.nama_lengkap if self.pegawai else self.instansi.ppk_nama

    @property
    def nip(self) -> str:
        return self.pegawai.nip if self.pegawai else self.instansi.ppk_nip

    @property
    def nama_jabatan(self) -> str:
        if self.is_ppk:
            return self.instansi.ppk_jabatan
        prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(self.dasar, "")
        return f"{prefix}{self.jabatan.nama}"

    @property
    def keterangan_dasar(self) -> str:
        return {
            "definitif": _("pejabat definitif"),
            "plt": _("pelaksana tugas (Plt)"),
            "plh": _("pelaksana harian (Plh)"),
            "ppk": _("Pejabat Pembina Kepegawaian / pimpinan"),
        }[self.dasar]


@dataclass(frozen=True)
class RantaiPenilai:
    pegawai: Pegawai
    tanggal: dt.date
    jabatan: Jabatan | None
    atasan_langsung: Pejabat | None
    atasan_pejabat_penilai: Pejabat | None

    @property
    def pejabat_penilai(self) -> Pejabat | None:
        return self.atasan_langsung


def is_pimpinan_unit(jabatan: Jabatan | None) -> bool:
    """The top jabatan of a unit (its head): no parent, or a parent in another unit."""
    if jabatan is None:
        return False
    if jabatan.induk_id is None:
        return True
    return jabatan.induk.unit_id != jabatan.unit_id


def pimpinan_unit(unit_id: int, tanggal: dt.date) -> Pegawai | None:
    """Who leads a unit on a date: the holder (definitif, Plt or Plh) of its top jabatan."""
    puncak = [
        j
        for j in Jabatan.objects.filter(unit_id=unit_id).select_related("induk")
        if is_pimpinan_unit(j)
    ]
    pemangku = _penugasan_per_jabatan([j.pk for j in puncak], tanggal)
    for j in puncak:
        p = pemangku_jabatan(pemangku.get(j.pk, ()))
        if p is not None:
            return p.pegawai
    return None


def jabatan_definitif(pegawai: Pegawai, tanggal: dt.date) -> Penugasan | None:
    return (
        Penugasan.objects.aktif_pada(tanggal)
        .filter(pegawai=pegawai, jenis=Penugasan.Jenis.DEFINITIF)
        # The parent too: whether the jabatan heads its unit (is_pimpinan_unit) is asked
        # of the cached rating chain on the rating page.
        .select_related("jabatan__instansi", "jabatan__unit", "jabatan__induk")
        .order_by("-mulai")
        .first()
    )


def rantai_penilai(pegawai: Pegawai, tanggal: dt.date) -> RantaiPenilai:
    """The one answer to "who rates pegawai P on date D" (three queries at most; cached until
    the organisation changes, ``pegawai.sinyal``: every activity entered asks it)."""
    return ambil(
        "organisasi",
        f"rantai:{pegawai.pk}:{tanggal.isoformat()}",
        lambda: _rantai_penilai(pegawai, tanggal),
    )


def _rantai_penilai(pegawai: Pegawai, tanggal: dt.date) -> RantaiPenilai:
    penugasan = jabatan_definitif(pegawai, tanggal)
    if penugasan is None:
        return RantaiPenilai(pegawai, tanggal, None, None, None)
    jabatan = penugasan.jabatan
    leluhur = jabatan.id_leluhur
    pemangku = _penugasan_per_jabatan(leluhur, tanggal)
    atasan, posisi = _naik(leluhur, pemangku, kecuali={pegawai.pk}, instansi=jabatan.instansi)
    atasan_penilai = None
    if atasan is not None and not atasan.is_ppk:
        atasan_penilai, _ = _naik(
            leluhur[:posisi],
            pemangku,
            kecuali={pegawai.pk, atasan.pegawai.pk},
            instansi=jabatan.instansi,
        )
    return RantaiPenilai(pegawai, tanggal, jabatan, atasan, atasan_penilai)


def pemangku_jabatan(
    penugasan: Iterable[Penugasan], kecuali: set[int] = frozenset()
) -> Penugasan | None:
    """Who acts for one jabatan, among its penugasan active on the date (see module doc)."""
    calon = [
        p
        for p in penugasan
        if p.pegawai_id not in kecuali and p.pegawai.status in Pegawai.STATUS_BOLEH_MASUK
    ]
    for jenis in URUTAN_PEMANGKU:
        sejenis = [p for p in calon if p.jenis == jenis]
        if sejenis:
            return max(sejenis, key=lambda p: (p.mulai, p.pk))
    return None


def bawahan_langsung_ids(pegawai: Pegawai, tanggal: dt.date) -> set[int]:
    """Ids of the pegawai whose pejabat penilai on ``tanggal`` is ``pegawai`` (cached until the
    organisation changes, ``pegawai.sinyal``: the menu, the home page and every scoped list
    ask it)."""
    return ambil(
        "organisasi",
        f"bawahan:{pegawai.pk}:{tanggal.isoformat()}",
        lambda: _bawahan_langsung_ids(pegawai, tanggal),
    )


def _bawahan_langsung_ids(pegawai: Pegawai, tanggal: dt.date) -> set[int]:
    """Ids of the pegawai whose pejabat penilai on ``tanggal`` is ``pegawai``.

    The exact inverse of :func:`rantai_penilai`, walked downwards a level at a time (two
    queries a level; it goes deeper only below vacant jabatan).  Who acts for a jabatan
    depends on the rated pegawai only through "never himself", so each step carries the set
    of pegawai the walk still holds for (``None``: everyone).
    """
    milik = set(
        Penugasan.objects.aktif_pada(tanggal)
        .filter(pegawai=pegawai)
        .values_list("jabatan_id", flat=True)
    )
    if not milik:
        return set()
    pemangku = _penugasan_per_jabatan(milik, tanggal)
    frontier: dict[int, set[int] | None] = {}
    for jabatan_id in milik:
        daftar = pemangku.get(jabatan_id, [])
        pemenang = pemangku_jabatan(daftar)
        if pemenang is None:
            continue
        if pemenang.pegawai_id == pegawai.pk:
            frontier[jabatan_id] = None  # he acts here for everyone but himself
        else:
            # He acts here only for the winner himself, who cannot rate himself.
            pengganti = pemangku_jabatan(daftar, kecuali={pemenang.pegawai_id})
            if pengganti is not None and pengganti.pegawai_id == pegawai.pk:
                frontier[jabatan_id] = {pemenang.pegawai_id}
    hasil: set[int] = set()
    while frontier:
        anak = list(_anak_yang_relevan(frontier, tanggal).values_list("id", "induk_id"))
        if not anak:
            break
        pemangku_anak = _penugasan_per_jabatan([a for a, _ in anak], tanggal)
        berikut: dict[int, set[int] | None] = {}
        for jabatan_id, induk_id in anak:
            hanya = frontier[induk_id]
            daftar = pemangku_anak.get(jabatan_id, [])
            for p in daftar:
                if p.jenis == Penugasan.Jenis.DEFINITIF and (
                    hanya is None or p.pegawai_id in hanya
                ):
                    hasil.add(p.pegawai_id)
            # The walk passes through this jabatan for Q when nobody but Q could act here.
            bisa = {p.pegawai_id for p in daftar if p.pegawai.status in Pegawai.STATUS_BOLEH_MASUK}
            if not bisa:
                berikut[jabatan_id] = hanya
            elif len(bisa) == 1:
                lolos = bisa if hanya is None else bisa & hanya
                # Its own definitif holder cannot be reached below it (one definitif jabatan
                # at a time): only an acting pegawai (Plt/Plh) can, further down.
                pemegang = {p.pegawai_id for p in daftar if p.jenis == Penugasan.Jenis.DEFINITIF}
                lolos -= pemegang
                if lolos:
                    berikut[jabatan_id] = lolos
        frontier = berikut
    hasil.discard(pegawai.pk)
    return hasil


def _anak_yang_relevan(frontier: dict[int, set[int] | None], tanggal: dt.date):
    """Child jabatan worth looking at below the frontier.

    Below a jabatan the walk holds for everyone, all children.  Below one it holds only for
    some pegawai (a jabatan whose only actor is that pegawai himself — typically its own
    holder), a child matters only on the way to one of those pegawai's definitif jabatan
    (the jabatan itself or a vacant one above it): nobody else can be reached that way.
    Without this, every holder's whole subtree was read for nothing.
    """
    semua = [j for j, hanya in frontier.items() if hanya is None]
    terbatas = {j: hanya for j, hanya in frontier.items() if hanya is not None}
    kondisi = Q(induk_id__in=semua)
    if terbatas:
        izin = set().union(*terbatas.values())
        menuju = Penugasan.objects.aktif_pada(tanggal).filter(
            pegawai_id__in=izin,
            jenis=Penugasan.Jenis.DEFINITIF,
            jabatan__path__startswith=OuterRef("path"),
        )
        kondisi |= Q(induk_id__in=list(terbatas)) & Exists(menuju)
    return Jabatan.objects.filter(kondisi)


def _penugasan_per_jabatan(jabatan_ids: Iterable[int], tanggal: dt.date) -> dict:
    per_jabatan: dict[int, list[Penugasan]] = defaultdict(list)
    for p in (
        Penugasan.objects.aktif_pada(tanggal)
        .filter(jabatan_id__in=list(jabatan_ids))
        .select_related("pegawai", "jabatan")
    ):
        per_jabatan[p.jabatan_id].append(p)
    return per_jabatan


def _naik(
    leluhur: list[int], pemangku: dict, *, kecuali: set[int], instansi: Instansi
) -> tuple[Pejabat | None, int]:
    """Walk up ``leluhur`` (root first) from the nearest; return the actor and his position."""
    for posisi in range(len(leluhur) - 1, -1, -1):
        p = pemangku_jabatan(pemangku.get(leluhur[posisi], ()), kecuali=kecuali)
        if p is not None:
            return Pejabat(p.jenis, p.pegawai, p.jabatan, instansi), posisi
    return Pejabat("ppk", instansi=instansi), -1
