"""Pure rules of announcements: when one is shown, and to whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

PEMELIHARAAN = "pemeliharaan"


@dataclass(frozen=True)
class Spanduk:
    """What a banner needs, computed once and cached (no model instance, no query)."""

    pk: int
    jenis: str
    isi: str
    mulai: dt.datetime
    selesai: dt.datetime
    tampil_sejak: dt.datetime
    tampil_sampai: dt.datetime
    unit_ids: frozenset[int]  # empty: every unit
    peran: tuple[str, ...]  # empty: every role

    @property
    def is_pemeliharaan(self) -> bool:
        return self.jenis == PEMELIHARAAN

    @property
    def untuk_semua(self) -> bool:
        return not self.unit_ids and not self.peran


def tampil_sejak(jenis: str, mulai: dt.datetime, hari_sebelum: int) -> dt.datetime:
    """An announcement is shown from its start; a maintenance notice ``hari_sebelum`` days
    ahead of the maintenance."""
    if jenis == PEMELIHARAAN:
        return mulai - dt.timedelta(days=hari_sebelum)
    return mulai


def tampil_sampai(selesai: dt.datetime, diakhiri_pada: dt.datetime | None) -> dt.datetime:
    """Until its end, or until the admin ended it early."""
    return min(selesai, diakhiri_pada) if diakhiri_pada else selesai


def sedang_tampil(s: Spanduk, sekarang: dt.datetime) -> bool:
    return s.tampil_sejak <= sekarang < s.tampil_sampai


def untuk_pembaca(s: Spanduk, unit_id: int | None, peran: Collection[str]) -> bool:
    """The reader is in the audience: his unit among the chosen (sub-)units, and/or one of
    his roles among the chosen roles; both conditions when both are given."""
    if s.unit_ids and unit_id not in s.unit_ids:
        return False
    return not s.peran or bool(set(s.peran) & set(peran))


def status(sekarang: dt.datetime, sejak: dt.datetime, sampai: dt.datetime, diakhiri: bool) -> str:
    """``akan_datang``, ``tampil`` or ``selesai`` (the admin's list)."""
    if diakhiri or sekarang >= sampai:
        return "selesai"
    return "tampil" if sekarang >= sejak else "akan_datang"
