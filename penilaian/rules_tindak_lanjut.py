"""Follow-up computations of the appraisal (domain.md §5): angka kredit for JF and the TPP
formula.  Pure functions on dataclasses — no ORM — so every step can be shown and tested.

Readings chosen (stated for the closing note):

* Angka kredit: annual predikat → percentage of the jabatan's yearly coefficient
  (domain.md §5, following PermenPANRB 1/2023 on the konversi predikat kinerja ke angka
  kredit: Sangat Baik 150%, Baik 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%).
  For a partial year (e.g. appointed in the middle of the year) the result is pro-rated
  by ``bulan / 12``; rounded half-up to 3 decimals at the end.
* Default yearly coefficients per jenjang, as listed for PermenPANRB 1/2023 (koefisien
  angka kredit tahunan): Pemula 3.75, Terampil 5, Mahir 12.5, Penyelia 25, Ahli Pertama
  12.5, Ahli Muda 25, Ahli Madya 37.5, Ahli Utama 50.  They were not re-checked against the
  regulation's text here and are only the initial value of the form: the admin sets the
  coefficient per jabatan (some JF have their own).
* TPP: computed on Decimal; intermediate values are kept exact and only the total is
  rounded half-up to whole rupiah.  The shown kinerja share is that share rounded, and
  the disiplin share is total − kinerja, so the parts always add up to the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from .rules import LABEL_PREDIKAT, Predikat

SERATUS = Decimal("100")
NOL = Decimal("0")

PERSEN_ANGKA_KREDIT: dict[str, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal("150"),
    Predikat.BAIK: Decimal("100"),
    Predikat.BUTUH_PERBAIKAN: Decimal("75"),
    Predikat.KURANG: Decimal("50"),
    Predikat.SANGAT_KURANG: Decimal("25"),
}

KOEFISIEN_JENJANG: dict[str, Decimal] = {
    "pemula": Decimal("3.75"),
    "terampil": Decimal("5"),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal("25"),
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal("25"),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal("50"),
}

LABEL_JENJANG: dict[str, str] = {
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
}


@dataclass(frozen=True)
class Langkah:
    """One explainable step: what it is, how it was computed, and the value."""

    label: str
    rumus: str
    nilai: Decimal


@dataclass(frozen=True)
class Rincian:
    """The angka kredit of a year with its steps."""

    nilai: Decimal
    persen: Decimal
    langkah: tuple[Langkah, ...]
    dinilai: bool = True


def bulatkan(nilai: Decimal, tempat: str = "1") -> Decimal:
    return nilai.quantize(Decimal(tempat), rounding=ROUND_HALF_UP)


def _teks(nilai: Decimal) -> str:
    teks = format(nilai.normalize(), "f") if nilai == nilai.to_integral() else format(nilai, "f")
    if "." in teks:
        teks = teks.rstrip("0").rstrip(".")
    return teks


def angka_kredit(koefisien: Decimal, predikat: str | None, bulan: int = 12) -> Rincian:
    """Annual predikat → angka kredit: ``koefisien × persen × bulan/12`` (3 decimals)."""
    if not 1 <= bulan <= 12:
        raise ValueError("bulan must be 1..12")
    koefisien = Decimal(koefisien)
    langkah = [Langkah(_("Koefisien tahunan jabatan"), _teks(koefisien), koefisien)]
    if not predikat or predikat not in PERSEN_ANGKA_KREDIT:
        langkah.append(
            Langkah(
                _("Predikat tahunan"), _("belum dinilai — angka kredit belum dapat dihitung"), NOL
            )
        )
        return Rincian(NOL, NOL, tuple(langkah), dinilai=False)
    persen = PERSEN_ANGKA_KREDIT[predikat]
    langkah.append(
        Langkah(
            _("Persentase predikat %(predikat)s") % {"predikat": LABEL_PREDIKAT[predikat]},
            f"{_teks(persen)}%",
            persen,
        )
    )
    setahun = koefisien * persen / SERATUS
    langkah.append(
        Langkah(_("Angka kredit setahun"), f"{_teks(koefisien)} × {_teks(persen)}%", setahun)
    )
    nilai = setahun * Decimal(bulan) / Decimal(12)
    if bulan != 12:
        langkah.append(
            Langkah(
                _("Masa penilaian %(bulan)s bulan") % {"bulan": bulan},
                f"{_teks(setahun)} × {bulan}/12",
                nilai,
            )
        )
    nilai = bulatkan(nilai, "0.001")
    langkah.append(Langkah(_("Angka kredit (dibulatkan 3 desimal)"), "", nilai))
    return Rincian(nilai, persen, tuple(langkah))


# --- TPP -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormulaTpp:
    """The instansi's formula (built from ``PengaturanTpp``); percentages 0–100."""

    porsi_kinerja: Decimal = Decimal("60")
    porsi_disiplin: Decimal = Decimal("40")
    dasar_kinerja: str = "predikat"  # or "realisasi"
    persen_predikat: dict[str, Decimal] = field(
        default_factory=lambda: {
            Predikat.SANGAT_BAIK: Decimal("100"),
            Predikat.BAIK: Decimal("100"),
            Predikat.BUTUH_PERBAIKAN: Decimal("75"),
            Predikat.KURANG: Decimal("50"),
            Predikat.SANGAT_KURANG: Decimal("25"),
        }
    )
    potong_tanpa_realisasi: bool = True
    potongan_terlambat: Decimal = Decimal("1")
    potongan_pulang_cepat: Decimal = Decimal("1")
    potongan_tanpa_keterangan: Decimal = Decimal("3")

    @classmethod
    def dari_pengaturan(cls, p) -> FormulaTpp:
        """Build from a ``PengaturanTpp`` (any object with the same attributes)."""
        return cls(
            porsi_kinerja=Decimal(p.porsi_kinerja),
            porsi_disiplin=Decimal(p.porsi_disiplin),
            dasar_kinerja=p.dasar_kinerja,
            persen_predikat={
                Predikat.SANGAT_BAIK: Decimal(p.persen_sangat_baik),
                Predikat.BAIK: Decimal(p.persen_baik),
                Predikat.BUTUH_PERBAIKAN: Decimal(p.persen_butuh_perbaikan),
                Predikat.KURANG: Decimal(p.persen_kurang),
                Predikat.SANGAT_KURANG: Decimal(p.persen_sangat_kurang),
            },
            potong_tanpa_realisasi=p.potong_tanpa_realisasi,
            potongan_terlambat=Decimal(p.potongan_terlambat),
            potongan_pulang_cepat=Decimal(p.potongan_pulang_cepat),
            potongan_tanpa_keterangan=Decimal(p.potongan_tanpa_keterangan),
        )


@dataclass(frozen=True)
class MasukanTpp:
    """One pegawai's month: base TPP, the predikat used (``None`` = not rated), whether the
    month's realisation was submitted on time, its realisation percentage (for dasar
    "realisasi"), and the attendance faults (``None`` = no attendance data → no cut)."""

    dasar: Decimal
    predikat: str | None = None
    realisasi_tepat_waktu: bool = True
    persen_realisasi: Decimal | None = None
    terlambat: int = 0
    pulang_cepat: int = 0
    tanpa_keterangan: int = 0


@dataclass(frozen=True)
class RincianTpp:
    langkah: tuple[Langkah, ...]
    kinerja: Decimal
    disiplin: Decimal
    total: Decimal
    dinilai: bool
    persen_kinerja: Decimal
    persen_potongan: Decimal


def hitung_tpp(formula: FormulaTpp, m: MasukanTpp) -> RincianTpp:
    """The month's TPP of one pegawai, every step explained (see the module docstring)."""
    dasar = Decimal(m.dasar)
    langkah: list[Langkah] = [Langkah(_("TPP dasar (kelas jabatan)"), "", dasar)]

    # kinerja share
    basis_kinerja = dasar * formula.porsi_kinerja / SERATUS
    langkah.append(
        Langkah(
            _("Porsi kinerja"),
            f"{_teks(dasar)} × {_teks(formula.porsi_kinerja)}%",
            basis_kinerja,
        )
    )
    dinilai = True
    if formula.dasar_kinerja == "realisasi":
        persen_kinerja = min(SERATUS, max(NOL, Decimal(m.persen_realisasi or 0)))
        langkah.append(
            Langkah(
                _("Persentase realisasi bulan ini"), f"{_teks(persen_kinerja)}%", persen_kinerja
            )
        )
    elif m.predikat and m.predikat in formula.persen_predikat:
        persen_kinerja = formula.persen_predikat[m.predikat]
        langkah.append(
            Langkah(
                _("Persentase predikat %(predikat)s") % {"predikat": LABEL_PREDIKAT[m.predikat]},
                f"{_teks(persen_kinerja)}%",
                persen_kinerja,
            )
        )
    else:
        dinilai = False
        persen_kinerja = NOL
        langkah.append(
            Langkah(_("Predikat"), _("belum dinilai — porsi kinerja tidak dibayarkan"), NOL)
        )
    kinerja = basis_kinerja * persen_kinerja / SERATUS
    if formula.potong_tanpa_realisasi and not m.realisasi_tepat_waktu:
        kinerja = NOL
        persen_kinerja = NOL
        langkah.append(
            Langkah(
                _("Realisasi bulanan tidak dikirim sampai batas waktu"),
                _("porsi kinerja dipotong seluruhnya"),
                NOL,
            )
        )
    langkah.append(
        Langkah(
            _("Bagian kinerja dibayar"),
            f"{_teks(basis_kinerja)} × {_teks(persen_kinerja)}%",
            kinerja,
        )
    )

    # disiplin share
    basis_disiplin = dasar * formula.porsi_disiplin / SERATUS
    langkah.append(
        Langkah(
            _("Porsi disiplin"),
            f"{_teks(dasar)} × {_teks(formula.porsi_disiplin)}%",
            basis_disiplin,
        )
    )
    potongan = (
        Decimal(m.terlambat) * formula.potongan_terlambat
        + Decimal(m.pulang_cepat) * formula.potongan_pulang_cepat
        + Decimal(m.tanpa_keterangan) * formula.potongan_tanpa_keterangan
    )
    langkah.append(
        Langkah(
            _("Potongan disiplin"),
            f"{m.terlambat} × {_teks(formula.potongan_terlambat)}% + "
            f"{m.pulang_cepat} × {_teks(formula.potongan_pulang_cepat)}% + "
            f"{m.tanpa_keterangan} × {_teks(formula.potongan_tanpa_keterangan)}%",
            potongan,
        )
    )
    if potongan > SERATUS:
        potongan = SERATUS
        langkah.append(Langkah(_("Potongan dibatasi paling banyak"), "100%", SERATUS))
    disiplin = basis_disiplin * (SERATUS - potongan) / SERATUS
    langkah.append(
        Langkah(
            _("Bagian disiplin dibayar"),
            f"{_teks(basis_disiplin)} × (100% − {_teks(potongan)}%)",
            disiplin,
        )
    )
    # Rounded once, at the end; the shown shares are split so that they add up exactly.
    total = bulatkan(kinerja + disiplin)
    kinerja = bulatkan(kinerja)
    disiplin = total - kinerja
    langkah.append(
        Langkah(
            _("TPP diterima (dibulatkan ke rupiah)"),
            _("kinerja %(k)s + disiplin %(d)s") % {"k": _teks(kinerja), "d": _teks(disiplin)},
            total,
        )
    )
    return RincianTpp(
        langkah=tuple(langkah),
        kinerja=kinerja,
        disiplin=disiplin,
        total=total,
        dinilai=dinilai,
        persen_kinerja=persen_kinerja,
        persen_potongan=potongan,
    )


# --- development follow-up (issue 17) --------------------------------------------------------
# The kinds of competence development a final rating may recommend, for BKPSDM's planning.
# The list follows the classical / non-classical routes of competence development of
# Peraturan LAN 10/2018 in broad groups (not re-checked against its text here); "lainnya"
# with the free text covers the rest.
JENIS_PENGEMBANGAN: dict[str, str] = {
    "pelatihan_teknis": _l("Pelatihan teknis"),
    "pelatihan_fungsional": _l("Pelatihan fungsional"),
    "pelatihan_manajerial": _l("Pelatihan kepemimpinan/manajerial"),
    "pelatihan_sosial_kultural": _l("Pelatihan sosial kultural"),
    "seminar_bimtek": _l("Seminar, kursus atau bimbingan teknis"),
    "coaching": _l("Coaching"),
    "mentoring": _l("Mentoring"),
    "e_learning": _l("E-learning/belajar mandiri"),
    "magang_detasering": _l("Magang, detasering atau penugasan khusus"),
    "pendidikan_formal": _l("Pendidikan formal"),
    "lainnya": _l("Lainnya"),
}
MAKS_REKOMENDASI = 3  # structured recommendations per rating
MAKS_URAIAN_REKOMENDASI = 300


def bersihkan_rekomendasi(baris: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """The penilai's structured development recommendations (kind, text) → (clean rows,
    messages).  Empty rows are dropped; a text needs a kind; "lainnya" needs a text; an
    unknown kind, too long a text or more than ``MAKS_REKOMENDASI`` rows is refused."""
    bersih: list[tuple[str, str]] = []
    galat: list[str] = []
    for jenis, uraian in baris:
        jenis, uraian = (jenis or "").strip(), (uraian or "").strip()
        if not jenis and not uraian:
            continue
        if not jenis:
            galat.append(_('Pilih jenis pengembangan untuk uraian "%(u)s".') % {"u": uraian[:40]})
        elif jenis not in JENIS_PENGEMBANGAN:
            galat.append(_("Jenis pengembangan tidak dikenal: %(j)s.") % {"j": jenis})
        elif jenis == "lainnya" and not uraian:
            galat.append(_('Jenis pengembangan "Lainnya" perlu uraian.'))
        elif len(uraian) > MAKS_URAIAN_REKOMENDASI:
            galat.append(
                _("Uraian pengembangan paling banyak %(n)s karakter.")
                % {"n": MAKS_URAIAN_REKOMENDASI}
            )
        else:
            bersih.append((jenis, uraian))
    if len(bersih) > MAKS_REKOMENDASI:
        galat.append(_("Paling banyak %(n)s rekomendasi pengembangan.") % {"n": MAKS_REKOMENDASI})
    return bersih, galat
