"""The role-aware navigation, grouped: Kinerja saya · Tim saya · Unit · Administrasi.

The lower apps' entries are listed here in the order shown; the apps above them (penilaian,
notifikasi, pemantauan) add theirs with ``daftarkan`` from their ``AppConfig.ready`` (or a
module it imports), placed after a named entry, so that no lower module has to import them.
An app may also register a count of waiting work for one of its entries with
``daftarkan_hitungan``; it is computed once per request, only for users who see the entry,
and all of a page's counts (with the header's, ``daftarkan_hitungan_kepala``) in one query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pegawai.permissions import Peran

# The groups, in the order shown.
GRUP_KINERJA = _("Kinerja saya")
GRUP_TIM = _("Tim saya")
GRUP_UNIT = _("Unit")
GRUP_ADMIN = _("Administrasi")
URUTAN_GRUP = (GRUP_KINERJA, GRUP_TIM, GRUP_UNIT, GRUP_ADMIN)


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    boleh: Callable[[Peran], bool]
    grup: str = GRUP_KINERJA


def _semua(p: Peran) -> bool:
    return True


def admin_instansi_sendiri(p: Peran) -> bool:
    """An admin of his own instansi: pages that act for one instansi (its settings, the PPK's
    reviews) are not the platform superuser's, who belongs to none."""
    return p.is_admin and p.pegawai.instansi_id is not None


MENU: list[Menu] = [
    Menu(_("Beranda"), "beranda", _semua),
    Menu(_("Aktivitas harian"), "aktivitas_harian", _semua),
    Menu(_("Realisasi bulanan"), "realisasi_bulanan", _semua),
    Menu(_("SKP saya"), "skp_daftar", _semua),
    Menu(_("Persetujuan SKP"), "skp_antrean", lambda p: p.is_atasan or p.is_admin, GRUP_TIM),
    Menu(
        _("Tinjau aktivitas"),
        "aktivitas_tinjau",
        lambda p: p.is_atasan or admin_instansi_sendiri(p),
        GRUP_TIM,
    ),
    Menu(_("Matriks peran hasil"), "skp_matriks", lambda p: p.is_atasan, GRUP_TIM),
    Menu(_("Bawahan"), "bawahan", lambda p: p.is_atasan, GRUP_TIM),
    Menu(_("Pegawai unit"), "pegawai_daftar", lambda p: p.is_operator or p.is_admin, GRUP_UNIT),
    Menu(_("Pustaka RHK"), "pustaka_daftar", lambda p: p.is_operator or p.is_admin, GRUP_UNIT),
    Menu(_("Periode"), "periode_daftar", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Unit kerja"), "kelola_unit", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Jabatan"), "kelola_jabatan", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Pegawai"), "kelola_pegawai", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Operator"), "kelola_operator", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Impor data"), "kelola_impor", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Hari libur"), "libur_daftar", lambda p: p.is_admin, GRUP_ADMIN),
    Menu(_("Status layanan"), "status_layanan", lambda p: p.is_admin, GRUP_ADMIN),
]

# url_name -> function(user, peran) -> [QuerySet, ...] or {name: QuerySet}: the work waiting
# behind an entry (a badge: the sum of the querysets' counts; named parts can be read by the
# page itself, ekinerja.context_processors.bagian_menu).
HITUNGAN: dict[str, Callable] = {}
# context name -> function(user) -> QuerySet: a count every page shows (the header's unread
# notifications).  All counts of a page are taken in one query (inti.kueri.hitung_sekaligus).
HITUNGAN_KEPALA: dict[str, Callable] = {}


def daftarkan(menu: Menu, setelah: str | None = None) -> None:
    """Add ``menu`` after the entry whose url_name is ``setelah`` (at the end if absent).

    Idempotent: ``ready()`` may run more than once in tests."""
    if any(m.url_name == menu.url_name for m in MENU):
        return
    posisi = next((i + 1 for i, m in enumerate(MENU) if m.url_name == setelah), len(MENU))
    MENU.insert(posisi, menu)


def daftarkan_hitungan(url_name: str, fungsi: Callable) -> None:
    """Show the number of waiting items beside the entry ``url_name`` (0 shows nothing):
    ``fungsi(user, peran)`` returns the querysets to count (cheap, indexed; ``[]`` for none),
    as a list or as ``{name: queryset}`` (the entry's page then reads the parts too).
    They are counted together with every other badge of the page, in one query."""
    HITUNGAN[url_name] = fungsi


def daftarkan_hitungan_kepala(nama: str, fungsi: Callable) -> None:
    """Put the count of ``fungsi(user)`` (a queryset) in every page's context as ``nama``."""
    HITUNGAN_KEPALA[nama] = fungsi
