"""The role-aware navigation.  Each app adds its entries here, in the order shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pegawai.permissions import Peran


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    boleh: Callable[[Peran], bool]
    grup: str = ""


def _semua(p: Peran) -> bool:
    return True


MENU: list[Menu] = [
    Menu(_("Beranda"), "beranda", _semua),
    Menu(_("Aktivitas harian"), "aktivitas_harian", _semua),
    Menu(_("Realisasi bulanan"), "realisasi_bulanan", _semua),
    Menu(_("SKP saya"), "skp_daftar", _semua),
    Menu(_("Persetujuan SKP"), "skp_antrean", lambda p: p.is_atasan or p.is_admin),
    Menu(_("Tinjau aktivitas"), "aktivitas_tinjau", lambda p: p.is_atasan or p.is_admin),
    Menu(_("Matriks peran hasil"), "skp_matriks", lambda p: p.is_atasan),
    Menu(_("Bawahan"), "bawahan", lambda p: p.is_atasan),
    Menu(_("Pegawai unit"), "pegawai_daftar", lambda p: p.is_operator or p.is_admin),
    Menu(_("Pustaka RHK"), "pustaka_daftar", lambda p: p.is_operator or p.is_admin),
    Menu(_("Periode"), "periode_daftar", lambda p: p.is_admin, _("Kelola")),
    Menu(_("Unit kerja"), "kelola_unit", lambda p: p.is_admin, _("Kelola")),
    Menu(_("Jabatan"), "kelola_jabatan", lambda p: p.is_admin, _("Kelola")),
    Menu(_("Pegawai"), "kelola_pegawai", lambda p: p.is_admin, _("Kelola")),
    Menu(_("Operator"), "kelola_operator", lambda p: p.is_admin, _("Kelola")),
    Menu(_("Impor data"), "kelola_impor", lambda p: p.is_admin, _("Kelola")),
]
