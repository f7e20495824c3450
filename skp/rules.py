"""Pure rules of SKP planning (domain.md §2): BerAKHLAK values, workflow, default deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NilaiDasar:
    kode: str
    nama: str
    panduan: tuple[str, str, str]


# The seven BerAKHLAK core values and their behaviour guides (SE MenPANRB 20/2021), fixed by
# the regulation: they are data shipped with the app, not editable.
BERAKHLAK: tuple[NilaiDasar, ...] = (
    NilaiDasar(
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    NilaiDasar(
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas"
            " tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif dan"
            " efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    NilaiDasar(
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    NilaiDasar(
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    NilaiDasar(
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang"
            " sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    NilaiDasar(
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    NilaiDasar(
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
)
BERAKHLAK_PER_KODE = {n.kode: n for n in BERAKHLAK}
PILIHAN_NILAI = [(n.kode, n.nama) for n in BERAKHLAK]


class Status:
    DRAFT = "draft"
    DIAJUKAN = "diajukan"
    DIKEMBALIKAN = "dikembalikan"
    DISETUJUI = "disetujui"
    DITETAPKAN = "ditetapkan"
    DIGANTIKAN = "digantikan"


# The workflow of domain.md §2 as data: transition → (states it may start from, state it ends in).
TRANSISI: dict[str, tuple[frozenset[str], str]] = {
    "ajukan": (frozenset({Status.DRAFT, Status.DIKEMBALIKAN}), Status.DIAJUKAN),
    "setujui": (frozenset({Status.DIAJUKAN}), Status.DISETUJUI),
    "kembalikan": (frozenset({Status.DIAJUKAN}), Status.DIKEMBALIKAN),
    "tetapkan": (frozenset({Status.DISETUJUI}), Status.DITETAPKAN),
    "gantikan": (frozenset({Status.DITETAPKAN}), Status.DIGANTIKAN),
}

# States in which the pegawai (or an operator for him) may still change the content.
STATUS_BISA_DIUBAH = frozenset({Status.DRAFT, Status.DIKEMBALIKAN})


def status_setelah(transisi: str, status_sekarang: str) -> str | None:
    """The state after ``transisi`` from ``status_sekarang``, or None when not allowed."""
    asal, tujuan = TRANSISI[transisi]
    return tujuan if status_sekarang in asal else None


def batas_penetapan_default(tahun: int) -> dt.date:
    """Default deadline: SKP ditetapkan by the end of January of the period (configurable)."""
    return dt.date(tahun, 1, 31)


def nama_transisi(transisi: str) -> str:
    return {
        "ajukan": _("diajukan"),
        "setujui": _("disetujui"),
        "kembalikan": _("dikembalikan"),
        "tetapkan": _("ditetapkan"),
        "gantikan": _("digantikan"),
    }[transisi]


# --- cascading completed later (issue 17 §7) ------------------------------------------------
def rhk_tanpa_intervensi(rhk, *, wajib_intervensi: bool) -> list:
    """The utama RHK that still lack the RHK atasan they intervene, in the order given.

    A draft may wait for the atasan's SKP (the link is completed once it is approved); the SKP
    cannot be submitted or approved while this list is not empty.  ``wajib_intervensi`` is
    False for a JPT and for a pegawai whose penilai is the PPK (nothing above to cascade from).
    Each item needs ``jenis`` and ``rhk_atasan_id`` only."""
    if not wajib_intervensi:
        return []
    return [r for r in rhk if r.jenis == "utama" and r.rhk_atasan_id is None]


def pesan_rhk_tanpa_intervensi(teks_rhk: list[str]) -> list[str]:
    """One message per RHK missing its link, naming it (shortened to 60 characters)."""
    return [
        str(_('RHK utama "%(rhk)s" belum memilih RHK atasan yang diintervensi.'))
        % {"rhk": teks[:60]}
        for teks in teks_rhk
    ]


# The admin's answers to "atasan saya salah" (issue 17 §7).
KEPUTUSAN_PERBAIKI = "perbaiki"
KEPUTUSAN_TOLAK = "tolak"
