"""What changed between two versions of an SKP (the "Bandingkan" page).

:func:`bandingkan` is a pure function over plain data (:class:`IsiSkp`), so it is tested
without a database; :func:`isi_dari_skp` turns an SKP whose relations are already
prefetched (``selectors.get_skp``) into that data.

A revision copies every row, so RHK and indicators of two versions share no ids.  They are
paired as a reader would: first by identical text, then what is left by position (same jenis
and number: a reworded RHK), and whatever still has no partner was added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

DITAMBAH = "ditambah"
DIHAPUS = "dihapus"
DIUBAH = "diubah"


@dataclass(frozen=True)
class Indikator:
    teks: str
    aspek: str = ""
    target: str = ""
    urutan: int = 0


@dataclass(frozen=True)
class Rhk:
    teks: str
    jenis: str = "utama"
    urutan: int = 0
    rhk_atasan: str = ""
    perspektif: str = ""
    indikator: tuple[Indikator, ...] = ()


@dataclass(frozen=True)
class IsiSkp:
    rhk: tuple[Rhk, ...] = ()
    # (jenis label, teks) pairs
    lampiran: tuple[tuple[str, str], ...] = ()
    # BerAKHLAK value name → ekspektasi khusus pimpinan
    ekspektasi: dict[str, str] = field(default_factory=dict)
    pendekatan: str = ""


@dataclass(frozen=True)
class PerubahanIndikator:
    status: str
    lama: Indikator | None
    baru: Indikator | None
    kolom: tuple[str, ...] = ()  # which of teks/aspek/target changed


@dataclass(frozen=True)
class PerubahanRhk:
    status: str
    lama: Rhk | None
    baru: Rhk | None
    kolom: tuple[str, ...] = ()  # which of teks/rhk_atasan/perspektif changed
    indikator: tuple[PerubahanIndikator, ...] = ()

    @property
    def jenis(self) -> str:
        return (self.baru or self.lama).jenis


@dataclass(frozen=True)
class PerubahanTeks:
    """A lampiran item or an ekspektasi: ``lama`` → ``baru`` ("" when absent)."""

    kelompok: str
    lama: str
    baru: str

    @property
    def status(self) -> str:
        if not self.lama:
            return DITAMBAH
        if not self.baru:
            return DIHAPUS
        return DIUBAH


@dataclass(frozen=True)
class Perbedaan:
    rhk: tuple[PerubahanRhk, ...]
    rhk_sama: int
    lampiran: tuple[PerubahanTeks, ...]
    ekspektasi: tuple[PerubahanTeks, ...]
    pendekatan: tuple[str, str] | None = None

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.rhk or self.lampiran or self.ekspektasi or self.pendekatan)


T = TypeVar("T")


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _pasangkan(
    lama: Sequence[T], baru: Sequence[T], kunci_posisi: Callable[[T], object]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair items by identical text, then by position; return (pairs, removed, added)."""
    sisa_lama = list(lama)
    pasangan: list[tuple[T, T]] = []
    sisa_baru: list[T] = []
    for b in baru:
        cocok = next((a for a in sisa_lama if _normal(a.teks) == _normal(b.teks)), None)
        if cocok is None:
            sisa_baru.append(b)
        else:
            sisa_lama.remove(cocok)
            pasangan.append((cocok, b))
    ditambah = []
    for b in sisa_baru:
        cocok = next((a for a in sisa_lama if kunci_posisi(a) == kunci_posisi(b)), None)
        if cocok is None:
            ditambah.append(b)
        else:
            sisa_lama.remove(cocok)
            pasangan.append((cocok, b))
    return pasangan, sisa_lama, ditambah


def _kolom_berubah(a, b, nama: Sequence[str]) -> tuple[str, ...]:
    return tuple(n for n in nama if getattr(a, n) != getattr(b, n))


def _banding_indikator(lama: Sequence[Indikator], baru: Sequence[Indikator]):
    pasangan, dihapus, ditambah = _pasangkan(lama, baru, lambda i: i.urutan)
    hasil = []
    for a, b in pasangan:
        kolom = _kolom_berubah(a, b, ("teks", "aspek", "target"))
        if kolom:
            hasil.append(PerubahanIndikator(DIUBAH, a, b, kolom))
    hasil += [PerubahanIndikator(DIHAPUS, a, None) for a in dihapus]
    hasil += [PerubahanIndikator(DITAMBAH, None, b) for b in ditambah]
    return tuple(sorted(hasil, key=lambda p: (p.baru or p.lama).urutan))


def _banding_rhk(lama: Sequence[Rhk], baru: Sequence[Rhk]) -> tuple[list[PerubahanRhk], int]:
    pasangan, dihapus, ditambah = _pasangkan(lama, baru, lambda r: (r.jenis, r.urutan))
    hasil, sama = [], 0
    for a, b in pasangan:
        kolom = _kolom_berubah(a, b, ("teks", "rhk_atasan", "perspektif"))
        indikator = _banding_indikator(a.indikator, b.indikator)
        if kolom or indikator:
            hasil.append(PerubahanRhk(DIUBAH, a, b, kolom, indikator))
        else:
            sama += 1
    hasil += [
        PerubahanRhk(
            DIHAPUS,
            a,
            None,
            indikator=tuple(PerubahanIndikator(DIHAPUS, i, None) for i in a.indikator),
        )
        for a in dihapus
    ]
    hasil += [
        PerubahanRhk(
            DITAMBAH,
            None,
            b,
            indikator=tuple(PerubahanIndikator(DITAMBAH, None, i) for i in b.indikator),
        )
        for b in ditambah
    ]
    urut = {"utama": 0, "tambahan": 1}
    hasil.sort(key=lambda p: (urut.get(p.jenis, 2), (p.baru or p.lama).urutan))
    return hasil, sama


def _banding_lampiran(lama, baru) -> list[PerubahanTeks]:
    """Lampiran are short list items: an item is kept, added or removed (no "reworded")."""
    sisa = [(j, _normal(t)) for j, t in lama]
    ditambah = []
    for jenis, teks in baru:
        if (jenis, _normal(teks)) in sisa:
            sisa.remove((jenis, _normal(teks)))
        else:
            ditambah.append(PerubahanTeks(jenis, "", teks))
    asli = {(j, _normal(t)): t for j, t in lama}
    dihapus = [PerubahanTeks(j, asli[(j, t)], "") for j, t in sisa]
    return dihapus + ditambah


def _banding_ekspektasi(lama: dict[str, str], baru: dict[str, str]) -> list[PerubahanTeks]:
    hasil = []
    for nama in dict.fromkeys([*lama, *baru]):
        a, b = lama.get(nama, "").strip(), baru.get(nama, "").strip()
        if a != b:
            hasil.append(PerubahanTeks(nama, a, b))
    return hasil


def bandingkan(lama: IsiSkp, baru: IsiSkp) -> Perbedaan:
    """Everything that changed from ``lama`` to ``baru``."""
    rhk, sama = _banding_rhk(lama.rhk, baru.rhk)
    pendekatan = None
    if lama.pendekatan != baru.pendekatan:
        pendekatan = (lama.pendekatan, baru.pendekatan)
    return Perbedaan(
        rhk=tuple(rhk),
        rhk_sama=sama,
        lampiran=tuple(_banding_lampiran(lama.lampiran, baru.lampiran)),
        ekspektasi=tuple(_banding_ekspektasi(lama.ekspektasi, baru.ekspektasi)),
        pendekatan=pendekatan,
    )


def isi_dari_skp(skp) -> IsiSkp:
    """The comparable content of an SKP whose rhk/indikator/perilaku/lampiran are prefetched."""
    rhk = tuple(
        Rhk(
            teks=r.teks,
            jenis=r.jenis,
            urutan=r.urutan,
            rhk_atasan=r.rhk_atasan.teks if r.rhk_atasan_id else "",
            perspektif=r.get_perspektif_display() if r.perspektif else "",
            indikator=tuple(
                Indikator(
                    teks=i.teks,
                    aspek=i.get_aspek_display(),
                    target=i.target_tampil,
                    urutan=i.urutan,
                )
                for i in r.indikator.all()
            ),
        )
        for r in skp.rhk.all()
    )
    return IsiSkp(
        rhk=rhk,
        lampiran=tuple((lamp.get_jenis_display(), lamp.teks) for lamp in skp.lampiran.all()),
        ekspektasi={
            p.nilai.nama: p.ekspektasi for p in sorted(skp.perilaku.all(), key=lambda p: p.urutan)
        },
        pendekatan=skp.get_pendekatan_display(),
    )
