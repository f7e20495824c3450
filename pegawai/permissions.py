"""Who may do what with organisation and people data.

The roles (domain.md §1): every logged-in pegawai is an **ASN**; an **atasan** is derived
(someone has him as pejabat penilai today); an **operator** is given units (and so their
sub-units); an **admin instansi** manages his instansi; a **superuser** runs the platform.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from inti.cache_versi import ambil

from .models import Instansi, OperatorUnit, Pegawai, Riwayat


@dataclass
class Peran:
    """The roles of one logged-in user, computed once per request."""

    pegawai: Pegawai
    tanggal: dt.date = field(default_factory=dt.date.today)

    @property
    def is_superuser(self) -> bool:
        return self.pegawai.is_superuser

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or (
            self.pegawai.is_admin_instansi and self.pegawai.instansi_id is not None
        )

    @cached_property
    def _tersimpan(self) -> tuple[list[tuple[int, str]], set[int]]:
        # Every page asks for both (the menu): one cache read instead of four queries, kept
        # until the organisation changes (pegawai.sinyal).
        return ambil(
            "organisasi",
            f"peran:{self.pegawai.pk}:{self.tanggal.isoformat()}",
            self._hitung,
        )

    def _hitung(self) -> tuple[list[tuple[int, str]], set[int]]:
        from pegawai.selectors.hierarki import bawahan_langsung_ids

        unit = list(
            OperatorUnit.objects.filter(pegawai=self.pegawai, unit__aktif=True).values_list(
                "unit_id", "unit__path"
            )
        )
        return unit, bawahan_langsung_ids(self.pegawai, self.tanggal)

    @property
    def unit_operator(self) -> list[tuple[int, str]]:
        """(unit id, path) of the units this operator was given."""
        return self._tersimpan[0]

    @property
    def is_operator(self) -> bool:
        return bool(self.unit_operator)

    @property
    def bawahan_ids(self) -> set[int]:
        return self._tersimpan[1]

    @property
    def is_atasan(self) -> bool:
        return bool(self.bawahan_ids)

    def mengoperatori(self, pegawai: Pegawai) -> bool:
        path = pegawai.unit_kerja.path if pegawai.unit_kerja_id else None
        return bool(path) and any(path.startswith(p) for _, p in self.unit_operator)


def peran(user) -> Peran:
    """The cached :class:`Peran` of a user (per request: the user object is per request)."""
    cached = getattr(user, "_peran", None)
    if cached is None:
        cached = Peran(user)
        user._peran = cached
    return cached


def is_admin_instansi(user, instansi: Instansi | int | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    instansi_id = instansi.pk if isinstance(instansi, Instansi) else instansi
    return user.is_admin_instansi and instansi_id is not None and user.instansi_id == instansi_id


def peran_terhadap(pelaku: Pegawai | None, subjek: Pegawai | None) -> str:
    """In which capacity ``pelaku`` acts on something that concerns ``subjek``."""
    if pelaku is None:
        return Riwayat.Sebagai.SISTEM
    if subjek is None or subjek.pk == pelaku.pk:
        return Riwayat.Sebagai.SENDIRI
    p = peran(pelaku)
    if subjek.pk in p.bawahan_ids:
        return Riwayat.Sebagai.ATASAN
    if p.mengoperatori(subjek):
        return Riwayat.Sebagai.OPERATOR
    return Riwayat.Sebagai.ADMIN
