"""Pure rules of the appraisal (domain.md §4–5): the predikat matrix, the distribution curve,
evaluation windows, angka kredit and the TPP computation.

No database and no request here: every function takes plain values and returns plain values,
so it can be tested on every cell of every table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Rating(StrEnum):
    """Rating hasil kerja and rating perilaku kerja (domain.md §4)."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


LABEL_RATING = {
    Rating.DI_ATAS: _("Di Atas Ekspektasi"),
    Rating.SESUAI: _("Sesuai Ekspektasi"),
    Rating.DI_BAWAH: _("Di Bawah Ekspektasi"),
}


class Predikat(StrEnum):
    """Predikat kinerja pegawai."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang"


LABEL_PREDIKAT = {
    Predikat.SANGAT_BAIK: _("Sangat Baik"),
    Predikat.BAIK: _("Baik"),
    Predikat.BUTUH_PERBAIKAN: _("Butuh Perbaikan"),
    Predikat.KURANG: _("Kurang/Misconduct"),
    Predikat.SANGAT_KURANG: _("Sangat Kurang"),
}


class PredikatOrganisasi(StrEnum):
    """Predikat kinerja organisasi, set per unit per year by the leadership above."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


LABEL_PREDIKAT_ORGANISASI = {
    PredikatOrganisasi.ISTIMEWA: _("Istimewa"),
    PredikatOrganisasi.BAIK: _("Baik"),
    PredikatOrganisasi.BUTUH_PERBAIKAN: _("Butuh Perbaikan"),
    PredikatOrganisasi.KURANG: _("Kurang"),
    PredikatOrganisasi.SANGAT_KURANG: _("Sangat Kurang"),
}


class JenisPeriode(StrEnum):
    """Evaluation windows: periodic (one of the first three, an instansi option) and annual."""

    BULANAN = "bulanan"
    TRIWULAN = "triwulan"
    SEMESTER = "semester"
    TAHUNAN = "tahunan"


LABEL_JENIS_PERIODE = {
    JenisPeriode.BULANAN: _("Bulanan"),
    JenisPeriode.TRIWULAN: _("Triwulan"),
    JenisPeriode.SEMESTER: _("Semester"),
    JenisPeriode.TAHUNAN: _("Tahunan"),
}

# Defaults of the per-instansi settings (domain.md: *configurable*).
MIN_JUSTIFIKASI = 50  # characters of the pimpinan's justification for a unit outside the curve
HARI_KEBERATAN = 14  # PP 30/2019 Pasal 59: at the latest 14 days after receiving the predikat
HARI_BATAS_PERIODIK = 10  # the atasan rates within N days after a periodic window ends
HARI_BATAS_TAHUNAN = 31  # … and within N days after the year ends


# --- the predikat matrix (domain.md §4) ----------------------------------------------------
_A, _S, _B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
MATRIKS: dict[tuple[Rating, Rating], Predikat] = {
    # (rating hasil kerja, rating perilaku kerja) → predikat kinerja pegawai
    (_A, _A): Predikat.SANGAT_BAIK,
    (_A, _S): Predikat.BAIK,
    (_A, _B): Predikat.KURANG,
    (_S, _A): Predikat.BAIK,
    (_S, _S): Predikat.BAIK,
    (_S, _B): Predikat.KURANG,
    (_B, _A): Predikat.BUTUH_PERBAIKAN,
    (_B, _S): Predikat.BUTUH_PERBAIKAN,
    (_B, _B): Predikat.SANGAT_KURANG,
}


def predikat(hasil_kerja: Rating | str, perilaku: Rating | str) -> Predikat:
    """The predikat kinerja pegawai of a rating pair; ValueError for an unknown rating."""
    return MATRIKS[(Rating(hasil_kerja), Rating(perilaku))]


def rating_hasil_kerja_pimpinan(predikat_organisasi: PredikatOrganisasi | str) -> Rating:
    """A unit leader's rating hasil kerja is his unit's organisational result (PermenPANRB
    6/2022, lampiran: predikat kinerja organisasi Istimewa → Di Atas Ekspektasi, Baik →
    Sesuai Ekspektasi, Butuh Perbaikan / Kurang / Sangat Kurang → Di Bawah Ekspektasi)."""
    po = PredikatOrganisasi(predikat_organisasi)
    if po == PredikatOrganisasi.ISTIMEWA:
        return Rating.DI_ATAS
    if po == PredikatOrganisasi.BAIK:
        return Rating.SESUAI
    return Rating.DI_BAWAH


# --- the distribution curve (domain.md §4; docs/keputusan/0003-kurva-distribusi.md) --------
# Rounding, so that small units can always satisfy the curve:
#   * a maximum of p% allows floor(p·n/100) people ("at most" read strictly);
#   * a minimum of p% requires ceil(p·n/100) people ("at least" read strictly), an absolute
#     minimum ("at least one pegawai") requires that number;
#   * when the minimums together need more people than the unit has, the *secondary*
#     minimum (the 10% one) is lowered to the people left after the primary one (60%).
# With these rules every curve has an accepted distribution for every unit size n ≥ 1.
MAKS, MIN = "maks", "min"


def _nama(predikat_set: frozenset[Predikat]) -> str:
    urut = [p for p in Predikat if p in predikat_set]
    return str(_(" dan/atau ")).join(str(LABEL_PREDIKAT[p]) for p in urut)


@dataclass(frozen=True)
class Batas:
    """One limit of a curve: at most / at least ``persen`` % (or ``minimal_orang`` people)
    of the unit in ``predikat``."""

    predikat: frozenset[Predikat]
    jenis: str  # MAKS or MIN
    persen: int
    minimal_orang: int = 0
    sekunder: bool = False  # a minimum lowered first when the minimums do not fit

    def orang(self, n: int) -> int:
        """The count allowed (maximum) or required (minimum) in a unit of n, before the
        secondary minimum is fitted (see ``batas_orang``)."""
        if self.jenis == MAKS:
            return (self.persen * n) // 100
        dari_persen = -((-self.persen * n) // 100)  # ceil without floats
        return min(n, max(dari_persen, self.minimal_orang if n else 0))

    @property
    def label(self) -> str:
        nama = _nama(self.predikat)
        if self.jenis == MAKS:
            if self.persen == 0:
                return str(_("tidak ada %(predikat)s") % {"predikat": nama})
            return str(
                _("%(predikat)s paling banyak %(persen)s%%")
                % {"predikat": nama, "persen": self.persen}
            )
        if self.persen == 0:
            return str(
                _("paling sedikit %(n)s pegawai %(predikat)s")
                % {"n": self.minimal_orang, "predikat": nama}
            )
        return str(
            _("%(predikat)s paling sedikit %(persen)s%%")
            % {"predikat": nama, "persen": self.persen}
        )


_P = Predikat
_KURVA: dict[PredikatOrganisasi, tuple[Batas, ...]] = {
    PredikatOrganisasi.ISTIMEWA: (Batas(frozenset({_P.SANGAT_BAIK}), MAKS, 70),),
    PredikatOrganisasi.BAIK: (
        Batas(frozenset({_P.BAIK}), MAKS, 70),
        Batas(frozenset({_P.BUTUH_PERBAIKAN, _P.KURANG}), MIN, 0, minimal_orang=1),
    ),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        Batas(frozenset({_P.BUTUH_PERBAIKAN}), MIN, 60),
        Batas(frozenset({_P.SANGAT_BAIK}), MAKS, 10),
    ),
    PredikatOrganisasi.KURANG: (
        Batas(frozenset({_P.KURANG}), MIN, 60),
        Batas(frozenset({_P.BUTUH_PERBAIKAN}), MIN, 10, sekunder=True),
        Batas(frozenset({_P.SANGAT_BAIK}), MAKS, 10),
    ),
    PredikatOrganisasi.SANGAT_KURANG: (
        Batas(frozenset({_P.SANGAT_KURANG}), MIN, 60),
        Batas(frozenset({_P.KURANG, _P.BUTUH_PERBAIKAN}), MIN, 10, sekunder=True),
        Batas(frozenset({_P.SANGAT_BAIK}), MAKS, 0),
    ),
}


def batas_kurva(po: PredikatOrganisasi | str) -> tuple[Batas, ...]:
    """The limits of the curve that predikat kinerja organisasi ``po`` fixes.  The "the rest
    may be …" clauses of the regulation name exactly the predikat left free by these limits,
    so they add no limit of their own (decision record 0003)."""
    return _KURVA[PredikatOrganisasi(po)]


def batas_orang(po: PredikatOrganisasi | str, n: int) -> tuple[int, ...]:
    """The people count of each limit of ``batas_kurva(po)`` for a unit of n, the secondary
    minimum fitted to the people left by the other minimums."""
    daftar = batas_kurva(po)
    hitung = [b.orang(n) for b in daftar]
    for i, b in enumerate(daftar):
        if b.jenis == MIN and b.sekunder:
            lain = sum(
                h
                for j, (c, h) in enumerate(zip(daftar, hitung, strict=True))
                if j != i and c.jenis == MIN
            )
            hitung[i] = max(0, min(hitung[i], n - lain))
    return tuple(hitung)


@dataclass(frozen=True)
class HasilBatas:
    batas: Batas
    jumlah: int
    batas_orang: int
    n: int

    @property
    def terpenuhi(self) -> bool:
        if self.batas.jenis == MAKS:
            return self.jumlah <= self.batas_orang
        return self.jumlah >= self.batas_orang

    @property
    def selisih(self) -> int:
        return 0 if self.terpenuhi else abs(self.jumlah - self.batas_orang)

    @property
    def pesan(self) -> str:
        data = {
            "batas": self.batas.label,
            "orang": self.batas_orang,
            "n": self.n,
            "jumlah": self.jumlah,
            "selisih": self.selisih,
        }
        if self.terpenuhi:
            return str(
                _("%(batas)s (%(orang)s dari %(n)s orang); saat ini %(jumlah)s — terpenuhi.") % data
            )
        if self.batas.jenis == MAKS:
            return str(
                _(
                    "%(batas)s (%(orang)s dari %(n)s orang); saat ini %(jumlah)s — "
                    "kelebihan %(selisih)s orang."
                )
                % data
            )
        return str(
            _(
                "%(batas)s (%(orang)s dari %(n)s orang); saat ini %(jumlah)s — "
                "kurang %(selisih)s orang."
            )
            % data
        )


@dataclass(frozen=True)
class PemeriksaanKurva:
    predikat_organisasi: PredikatOrganisasi
    n: int
    hasil: tuple[HasilBatas, ...]

    @property
    def ok(self) -> bool:
        return all(h.terpenuhi for h in self.hasil)

    @property
    def pelanggaran(self) -> tuple[HasilBatas, ...]:
        return tuple(h for h in self.hasil if not h.terpenuhi)


def _distribusi(distribusi: Mapping[Predikat | str, int]) -> dict[Predikat, int]:
    hasil = dict.fromkeys(Predikat, 0)
    for k, v in distribusi.items():
        if v < 0:
            raise ValueError("jumlah negatif")
        hasil[Predikat(k)] += int(v)
    return hasil


def periksa_kurva(
    po: PredikatOrganisasi | str, distribusi: Mapping[Predikat | str, int]
) -> PemeriksaanKurva:
    """Check a unit's distribution (predikat → people) against the curve of ``po``."""
    po = PredikatOrganisasi(po)
    d = _distribusi(distribusi)
    n = sum(d.values())
    hasil = tuple(
        HasilBatas(b, sum(d[p] for p in b.predikat), orang, n)
        for b, orang in zip(batas_kurva(po), batas_orang(po, n), strict=True)
    )
    return PemeriksaanKurva(po, n, hasil)


# The predikat that fills the rest of an example distribution (free under every limit).
_SISA = {
    PredikatOrganisasi.ISTIMEWA: Predikat.BAIK,
    PredikatOrganisasi.BAIK: Predikat.SANGAT_BAIK,
    PredikatOrganisasi.BUTUH_PERBAIKAN: Predikat.BAIK,
    PredikatOrganisasi.KURANG: Predikat.BAIK,
    PredikatOrganisasi.SANGAT_KURANG: Predikat.BAIK,
}


def contoh_distribusi(po: PredikatOrganisasi | str, n: int) -> dict[Predikat, int] | None:
    """One distribution of n people the curve accepts (each minimum met exactly, each capped
    predikat up to its cap, the rest in a free predikat); None when n < 1."""
    if n < 1:
        return None
    po = PredikatOrganisasi(po)
    hasil = dict.fromkeys(Predikat, 0)
    for b, orang in zip(batas_kurva(po), batas_orang(po, n), strict=True):
        pertama = next(p for p in Predikat if p in b.predikat)
        if b.jenis == MIN:
            hasil[pertama] += orang
    sisa = n - sum(hasil.values())
    for b, orang in zip(batas_kurva(po), batas_orang(po, n), strict=True):
        pertama = next(p for p in Predikat if p in b.predikat)
        if b.jenis == MAKS and sisa > 0 and pertama != _SISA[po]:
            tambah = min(sisa, max(0, orang - hasil[pertama]))
            hasil[pertama] += tambah
            sisa -= tambah
    hasil[_SISA[po]] += sisa
    return hasil if periksa_kurva(po, hasil).ok else None


def penjelasan_pembulatan(po: PredikatOrganisasi | str, n: int) -> str:
    """How the curve's percentages become people for a unit of n (for the UI)."""
    po = PredikatOrganisasi(po)
    if n < 1:
        return str(
            _("Belum ada pegawai yang wajib dinilai di unit ini (n = 0); kurva belum berlaku.")
        )
    bagian = []
    for b, orang in zip(batas_kurva(po), batas_orang(po, n), strict=True):
        if b.jenis == MAKS:
            bagian.append(
                str(
                    _("%(batas)s → paling banyak %(orang)s orang")
                    % {"batas": b.label, "orang": orang}
                )
            )
        else:
            bagian.append(
                str(
                    _("%(batas)s → paling sedikit %(orang)s orang")
                    % {"batas": b.label, "orang": orang}
                )
            )
    teks = str(
        _(
            'Untuk %(n)s pegawai: %(rincian)s. Batas "paling banyak" dibulatkan ke bawah dan '
            'batas "paling sedikit" dibulatkan ke atas.'
        )
        % {"n": n, "rincian": "; ".join(bagian)}
    )
    if any(b.sekunder for b in batas_kurva(po)):
        teks += " " + str(
            _(
                "Bila batas paling sedikit bersama-sama melebihi jumlah pegawai, batas 10 persen "
                "dikurangi menjadi sisa pegawai setelah batas 60 persen, sehingga kurva selalu "
                "dapat dipenuhi."
            )
        )
    return teks


# --- evaluation windows --------------------------------------------------------------------
@dataclass(frozen=True)
class Jendela:
    jenis: JenisPeriode
    urutan: int
    mulai: dt.date
    selesai: dt.date
    dibuka: dt.date
    batas: dt.date


_BULAN_PER_JENDELA = {JenisPeriode.BULANAN: 1, JenisPeriode.TRIWULAN: 3, JenisPeriode.SEMESTER: 6}

# How many windows each rhythm has in a year (tahunan: the year itself).
JUMLAH_JENDELA = {JenisPeriode.TAHUNAN: 1} | {j: 12 // b for j, b in _BULAN_PER_JENDELA.items()}


def _akhir_bulan(tahun: int, bulan: int) -> dt.date:
    if bulan == 12:
        return dt.date(tahun, 12, 31)
    return dt.date(tahun, bulan + 1, 1) - dt.timedelta(days=1)


def jendela_penilaian(
    mulai: dt.date,
    selesai: dt.date,
    jenis_periodik: JenisPeriode | str,
    hari_batas_periodik: int = HARI_BATAS_PERIODIK,
    hari_batas_tahunan: int = HARI_BATAS_TAHUNAN,
) -> list[Jendela]:
    """The periodic windows of a period (calendar months/quarters/semesters of its year,
    clipped to [mulai, selesai]) and then the annual one.  The penilai may rate from the
    first day of a window's last month and must be done ``hari_batas_*`` days after it."""
    jenis = JenisPeriode(jenis_periodik)
    if jenis not in _BULAN_PER_JENDELA:
        raise ValueError("jenis periodik harus bulanan, triwulan atau semester")
    if selesai < mulai:
        raise ValueError("periode berakhir sebelum mulai")
    langkah = _BULAN_PER_JENDELA[jenis]
    hasil = []
    tahun = mulai.year
    for urutan, awal_bulan in enumerate(range(1, 13, langkah), start=1):
        a = max(mulai, dt.date(tahun, awal_bulan, 1))
        s = min(selesai, _akhir_bulan(tahun, awal_bulan + langkah - 1))
        if a > s:
            continue
        hasil.append(
            Jendela(
                jenis,
                urutan,
                a,
                s,
                max(a, s.replace(day=1)),
                s + dt.timedelta(days=hari_batas_periodik),
            )
        )
    hasil.append(
        Jendela(
            JenisPeriode.TAHUNAN,
            1,
            mulai,
            selesai,
            max(mulai, selesai.replace(day=1)),
            selesai + dt.timedelta(days=hari_batas_tahunan),
        )
    )
    return hasil


# --- objections ----------------------------------------------------------------------------
def batas_keberatan(diterima: dt.date) -> dt.date:
    """The last day to object: "paling lama 14 hari setelah diterimanya" (PP 30/2019 Pasal 59)
    read as the day of receipt plus 14 calendar days (the law counts days, not workdays).
    The law's limit: no instansi setting changes it."""
    return diterima + dt.timedelta(days=HARI_KEBERATAN)


def boleh_keberatan(diterima: dt.date, tanggal: dt.date) -> bool:
    return diterima <= tanggal <= batas_keberatan(diterima)


# --- self-assessment and colleague feedback (issue 17) -------------------------------------
MAKS_URAIAN_DIRI = 2000  # characters of the pegawai's account per RHK
MAKS_UMPAN_BALIK_REKAN = 5  # default of PengaturanPenilaian.maks_umpan_balik_rekan
MAKS_TEKS_UMPAN_BALIK = 500  # characters of a colleague's note per BerAKHLAK value

# The colleague's scale per BerAKHLAK value: how often the behaviour is seen.
SKALA_UMPAN_BALIK = {
    1: _("Belum terlihat"),
    2: _("Kadang-kadang terlihat"),
    3: _("Cukup sering terlihat"),
    4: _("Sering terlihat"),
    5: _("Selalu terlihat, menjadi teladan"),
}


def alasan_tutup_penilaian_diri(
    hari_ini: dt.date,
    mulai: dt.date,
    batas: dt.date,
    status_penilaian: str | None,
    aktif: bool = True,
) -> str | None:
    """Why the pegawai cannot write (or change) his self-assessment of a window now; ``None``
    when he can.  Open from the first day of the window's work until its rating deadline, and
    closed as soon as the penilai is done (``dinilai`` or ``final``): what the penilai read
    when he decided is what stays with the rating."""
    if not aktif:
        return str(_("Instansi Anda tidak menggunakan penilaian diri."))
    if status_penilaian in ("dinilai", "final"):
        return str(_("Pejabat penilai sudah selesai menilai; penilaian diri tidak dapat diubah."))
    if hari_ini < mulai:
        return str(_("Jendela penilaian ini belum dimulai."))
    if hari_ini > batas:
        return str(_("Batas penilaian jendela ini sudah lewat."))
    return None


def periksa_permintaan_umpan_balik(
    calon_ids: list[int],
    *,
    pegawai_id: int,
    penilai_id: int | None,
    sudah_ids: set[int],
    maks: int,
    instansi_calon: Mapping[int, int | None],
    instansi_id: int,
) -> list[str]:
    """Why asking ``calon_ids`` for feedback on pegawai ``pegawai_id`` must be refused (empty:
    it may go ahead).  ``sudah_ids`` are the people already asked in this window,
    ``instansi_calon`` the instansi of each candidate found (active people only), ``maks``
    the instansi's limit per pegawai and window."""
    galat: list[str] = []
    if not calon_ids:
        return [str(_("Pilih paling sedikit satu rekan kerja."))]
    if len(set(calon_ids)) != len(calon_ids):
        galat.append(str(_("Seorang rekan kerja dipilih lebih dari sekali.")))
    unik = list(dict.fromkeys(calon_ids))
    if pegawai_id in unik:
        galat.append(
            str(_("Pegawai yang dinilai tidak dapat dimintai umpan balik tentang dirinya."))
        )
    if penilai_id is not None and penilai_id in unik:
        galat.append(
            str(_("Pejabat penilai tidak perlu meminta umpan balik dari dirinya sendiri."))
        )
    ganda = [c for c in unik if c in sudah_ids]
    if ganda:
        galat.append(
            str(_("%(n)s rekan kerja sudah pernah dimintai umpan balik pada jendela ini."))
            % {"n": len(ganda)}
        )
    asing = [c for c in unik if instansi_calon.get(c) != instansi_id]
    if asing:
        galat.append(str(_("Rekan kerja harus pegawai aktif pada instansi yang sama.")))
    if len(sudah_ids | set(unik)) > maks:
        galat.append(
            str(
                _(
                    "Paling banyak %(maks)s rekan kerja dapat dimintai umpan balik untuk seorang "
                    "pegawai pada satu jendela (sudah %(sudah)s)."
                )
            )
            % {"maks": maks, "sudah": len(sudah_ids)}
        )
    return galat


def bersihkan_jawaban_umpan_balik(
    jawaban: Mapping[str, Mapping], kode_nilai: list[str]
) -> tuple[dict[str, dict], dict[str, str]]:
    """A colleague's answer per BerAKHLAK value (``{kode: {"skala": 1..5 | None, "teks": str}}``)
    → (clean answer keeping only the values answered, message per value).  At least one value
    must be answered; a scale outside 1–5 or a note longer than the limit is refused."""
    bersih: dict[str, dict] = {}
    galat: dict[str, str] = {}
    for kode in kode_nilai:
        isian = jawaban.get(kode) or {}
        skala, teks = isian.get("skala"), (isian.get("teks") or "").strip()
        if skala in ("", None):
            skala = None
        else:
            try:
                skala = int(skala)
            except (TypeError, ValueError):
                skala = 0
            if skala not in SKALA_UMPAN_BALIK:
                galat[kode] = str(_("Pilih skala 1 sampai 5."))
                continue
        if len(teks) > MAKS_TEKS_UMPAN_BALIK:
            galat[kode] = str(_("Catatan paling banyak %(n)s karakter.")) % {
                "n": MAKS_TEKS_UMPAN_BALIK
            }
            continue
        if skala is not None or teks:
            bersih[kode] = {"skala": skala, "teks": teks}
    asing = set(jawaban) - set(kode_nilai)
    if asing:
        galat["__all__"] = str(_("Nilai dasar tidak dikenal: %(kode)s.")) % {
            "kode": ", ".join(sorted(asing))
        }
    if not bersih and not galat:
        galat["__all__"] = str(_("Isi paling sedikit satu nilai dasar (skala atau catatan)."))
    return bersih, galat


@dataclass(frozen=True)
class RingkasanNilaiDasar:
    """The colleagues' answers on one BerAKHLAK value, without who wrote what: the mean scale
    (one decimal), how many gave a scale, and the notes in a fixed order unrelated to the
    writer (alphabetical)."""

    kode: str
    rata_rata: float | None
    jumlah_skala: int
    catatan: tuple[str, ...]


def ringkas_umpan_balik(
    daftar_jawaban: list[Mapping[str, Mapping]], kode_nilai: list[str]
) -> list[RingkasanNilaiDasar]:
    """Aggregate the answers per value so that no answer can be read as one person's."""
    hasil = []
    for kode in kode_nilai:
        skala = [j[kode]["skala"] for j in daftar_jawaban if j.get(kode, {}).get("skala")]
        catatan = sorted(j[kode]["teks"] for j in daftar_jawaban if j.get(kode, {}).get("teks"))
        hasil.append(
            RingkasanNilaiDasar(
                kode,
                round(sum(skala) / len(skala), 1) if skala else None,
                len(skala),
                tuple(catatan),
            )
        )
    return hasil
