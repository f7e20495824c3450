"""The bench kabupaten in memory: unit tree, jabatan tree, pegawai, and who rates whom.

Everything is computed here, before a single row is written, so that the bulk writer can
give explicit ids and materialised paths (``pegawai.models.Pohon``: ``/root/…/self/``) and the
activity generator can set ``penilai`` from a dict instead of a query per row.

Shape (scaled by the number of pegawai): up to 40 OPD; each has a head (JPT pratama, or an
administrator for a camat) with no jabatan above him — his pejabat penilai is the Bupati
(PPK), as in the demo data — a sekretariat with subbagian, bidang with seksi, and for the
education and health offices many small UPT (schools, puskesmas) led by a pengawas.  Staff
(JF and pelaksana) sit under the seksi, subbagian, bidang and UPT; several pegawai hold each
staff jabatan.  A few pengawas posts are vacant, so some staff are rated by the next jabatan
up — the walk of ``pegawai.selectors.hierarki.rantai_penilai``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import katalog as K

JPT, ADM, PGW, JF, PEL = "jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana"
MIN_PER_OPD = 5  # a head, a sekretaris, a subbagian, a bidang and a seksi
SETIAP_KOSONG = 25  # one pengawas post in this many is vacant (the 4th, the 29th, ...)
PPPK_PERSEN = 10  # of staff


@dataclass(eq=False)
class Unit:
    id: int
    kode: str
    nama: str
    induk: Unit | None
    path: str = ""
    kedalaman: int = 0

    def __post_init__(self) -> None:
        self.path = f"{self.induk.path if self.induk else '/'}{self.id}/"
        self.kedalaman = self.path.count("/") - 2


@dataclass(eq=False)
class Jab:
    id: int
    nama: str
    jenis: str
    unit: Unit
    induk: Jab | None
    kelas: int
    tingkat: str  # "jpt", "administrator", "pengawas" or "staf": which RHK/uraian wording
    kelompok: str  # which uraian list: tingkat, or "sekolah"/"puskesmas" for UPT staff
    pemangku: list[Orang] = field(default_factory=list)
    path: str = ""
    kedalaman: int = 0

    def __post_init__(self) -> None:
        self.path = f"{self.induk.path if self.induk else '/'}{self.id}/"
        self.kedalaman = self.path.count("/") - 2


@dataclass(eq=False)
class Orang:
    id: int
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    pangkat: str
    status_kepegawaian: str
    jabatan: Jab
    mulai: dt.date  # TMT of the definitif assignment
    penilai: Orang | None = None  # None: the PPK (Bupati)
    atasan_penilai: Orang | None = None
    admin: bool = False

    @property
    def nama_lengkap(self) -> str:
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama


@dataclass
class Organisasi:
    unit: list[Unit]
    jabatan: list[Jab]
    pegawai: list[Orang]
    operator: list[tuple[Orang, Unit]]  # one pengelola kinerja per OPD

    @property
    def opd(self) -> list[Unit]:
        return [u for u in self.unit if u.induk is None]


def bagi(total: int, bobot: list[float], minimum: int = 0) -> list[int]:
    """Split ``total`` by weight (largest remainder), each part at least ``minimum``."""
    if not bobot:
        return []
    sisa = total - minimum * len(bobot)
    if sisa < 0:
        raise ValueError(f"{total} terlalu sedikit untuk {len(bobot)} bagian")
    jumlah = sum(bobot) or 1.0
    kasar = [sisa * b / jumlah for b in bobot]
    bagian = [int(k) for k in kasar]
    urut = sorted(range(len(bobot)), key=lambda i: kasar[i] - bagian[i], reverse=True)
    for i in urut[: sisa - sum(bagian)]:
        bagian[i] += 1
    return [minimum + b for b in bagian]


class Pembangun:
    """Builds the :class:`Organisasi`; ids start where the tables' ids end."""

    def __init__(self, rnd: random.Random, tahun: int, id_awal: dict[str, int]) -> None:
        self.rnd = rnd
        self.tahun = tahun
        self.next_id = dict(id_awal)
        self.unit: list[Unit] = []
        self.jabatan: list[Jab] = []
        self.pegawai: list[Orang] = []
        self.operator: list[tuple[Orang, Unit]] = []
        self.nip_dipakai: set[str] = set()
        self.pos_pengawas = 0

    def _id(self, jenis: str) -> int:
        nilai = self.next_id[jenis]
        self.next_id[jenis] += 1
        return nilai

    # --- trees --------------------------------------------------------------------------
    def _unit(self, kode: str, nama: str, induk: Unit | None) -> Unit:
        unit = Unit(self._id("unit"), kode, nama, induk)
        self.unit.append(unit)
        return unit

    def _jab(self, nama, jenis, unit, induk, kelas, tingkat, kelompok="") -> Jab:
        jab = Jab(
            self._id("jabatan"), nama, jenis, unit, induk, kelas, tingkat, kelompok or tingkat
        )
        self.jabatan.append(jab)
        return jab

    def _pejabat(self, nama, jenis, unit, induk, kelas, tingkat) -> Jab:
        """A structural post with its one holder (a few pengawas posts stay vacant)."""
        jab = self._jab(nama, jenis, unit, induk, kelas, tingkat)
        if jenis == PGW:
            self.pos_pengawas += 1
            if self.pos_pengawas % SETIAP_KOSONG == 4 % SETIAP_KOSONG:
                return jab
        self._orang(jab)
        return jab

    # --- one OPD ------------------------------------------------------------------------
    def opd(self, opd: K.Opd, anggaran: int) -> None:
        """Build one OPD with ``anggaran`` pegawai (its structural posts, then staff)."""
        ukuran = anggaran
        akar = self._unit(opd.kode, opd.nama, None)
        if opd.kecamatan:
            kepala = self._pejabat(opd.kepala, ADM, akar, None, 12, "administrator")
        else:
            kepala = self._pejabat(opd.kepala, JPT, akar, None, 14, "jpt")
        jangkar: list[tuple[Jab, Unit, str, float]] = []  # where staff sit
        # A kecamatan's "bidang" are its seksi, led by pengawas directly under the camat.
        n_bidang = max(1, min(len(opd.bidang), ukuran // (8 if opd.kecamatan else 25)))
        n_seksi = 0 if opd.kecamatan else (1 if ukuran < 60 else 2 if ukuran < 300 else 3)
        n_subbag = 1 if ukuran < 60 else (2 if ukuran < 300 else 3)
        n_upt = 0
        if opd.upt:
            per_upt = 22 if opd.upt == "sekolah" else 40
            n_upt = max(1, round(ukuran * 0.7 / per_upt))

        # Tiny budgets (tests): drop UPT and seksi until the posts fit with some staff.
        def pos() -> int:
            return 2 + n_subbag + n_bidang * (1 + n_seksi) + n_upt

        while pos() > max(MIN_PER_OPD, ukuran - 1) and n_upt > 1:
            n_upt -= 1
        while pos() > max(MIN_PER_OPD, ukuran - 1) and n_seksi > 1:
            n_seksi -= 1
        while pos() > max(MIN_PER_OPD, ukuran - 1) and n_bidang > 1:
            n_bidang -= 1

        nama_sek = "Sekretariat Kecamatan" if opd.kecamatan else "Sekretariat"
        unit_sek = self._unit(f"{opd.kode}.SEK", nama_sek, akar)
        sekretaris = self._pejabat(
            "Sekretaris Camat" if opd.kecamatan else f"Sekretaris {opd.nama}",
            ADM,
            unit_sek,
            kepala,
            11,
            "administrator",
        )
        for i in range(n_subbag):
            u = self._unit(f"{opd.kode}.SEK.{i + 1}", K.SUBBAGIAN[i], unit_sek)
            j = self._pejabat(f"Kepala {K.SUBBAGIAN[i]}", PGW, u, sekretaris, 9, "pengawas")
            jangkar.append((j, u, "kantor", 4))
        for b in range(n_bidang):
            nama = opd.bidang[b]
            u = self._unit(f"{opd.kode}.B{b + 1}", nama, akar)
            if opd.kecamatan:
                j = self._pejabat(f"Kepala {nama}", PGW, u, kepala, 9, "pengawas")
                jangkar.append((j, u, "kantor", 4))
                continue
            j = self._pejabat(f"Kepala {nama}", ADM, u, kepala, 11, "administrator")
            jangkar.append((j, u, "jf", 2))
            for s in range(n_seksi):
                inti = nama.split(" ", 1)[1] if " " in nama else nama
                awalan = ("Perencanaan", "Pelaksanaan", "Pengendalian")[s]
                jenis_unit = "Subbagian" if nama.startswith("Bagian") else "Seksi"
                us = self._unit(f"{opd.kode}.B{b + 1}.S{s + 1}", f"{jenis_unit} {awalan} {inti}", u)
                js = self._pejabat(f"Kepala {us.nama}", PGW, us, j, 9, "pengawas")
                jangkar.append((js, us, "kantor", 4))
        for i in range(n_upt):
            if opd.upt == "sekolah":
                nama = f"{K.NAMA_UPT['sekolah']} {i + 1}"
            else:
                desa = K.DESA_PUSKESMAS[i % len(K.DESA_PUSKESMAS)]
                nama = f"{K.NAMA_UPT['puskesmas']} {desa}" + (
                    f" {i // len(K.DESA_PUSKESMAS) + 1}" if i >= len(K.DESA_PUSKESMAS) else ""
                )
            u = self._unit(f"{opd.kode}.UPT{i + 1}", nama, akar)
            j = self._pejabat(
                f"{K.KEPALA_UPT[opd.upt]} {nama.split(' ', 2)[-1]}", PGW, u, kepala, 9, "pengawas"
            )
            jangkar.append((j, u, opd.upt, 21 if opd.upt == "sekolah" else 39))
        staf = ukuran - sum(1 for o in self.pegawai if o.jabatan.unit.path.startswith(akar.path))
        for (atas, unit, jenis, _b), n in zip(
            jangkar, bagi(max(staf, 0), [b for *_x, b in jangkar]), strict=True
        ):
            self._staf(atas, unit, jenis, n)
        self._pilih_operator(akar)

    def _staf(self, atas: Jab, unit: Unit, jenis: str, n: int) -> None:
        if n <= 0:
            return
        if jenis == "kantor":
            kolam = [(nama, PEL, kelas) for nama, kelas in K.PELAKSANA]
        elif jenis == "jf":
            kolam = [(nama, JF, kelas) for nama, kelas in K.JF_KANTOR]
        else:
            kolam = [(nama, JF, kelas) for nama, kelas in K.JF_UPT[jenis]]
            kolam.append(("Pengadministrasi Perkantoran", PEL, 5))
        berapa = max(1, min(len(kolam), 1 + n // 6))
        daftar = [
            self._jab(
                nama, jenis_jab, unit, atas, kelas, "staf", jenis if jenis in K.JF_UPT else "staf"
            )
            for nama, jenis_jab, kelas in self.rnd.sample(kolam, berapa)
        ]
        for i in range(n):
            self._orang(daftar[i % len(daftar)])

    def _pilih_operator(self, akar: Unit) -> None:
        calon = [
            o
            for o in self.pegawai
            if o.jabatan.tingkat == "staf" and o.jabatan.unit.path.startswith(akar.path)
        ]
        if calon:
            self.operator.append((calon[0], akar))

    # --- people -------------------------------------------------------------------------
    def _orang(self, jab: Jab) -> Orang:
        rnd = self.rnd
        lk = rnd.random() < 0.5
        depan = rnd.choice(K.NAMA_DEPAN_L if lk else K.NAMA_DEPAN_P)
        nama = f"{depan} {rnd.choice(K.NAMA_BELAKANG)}"
        pppk = jab.tingkat == "staf" and rnd.randrange(100) < PPPK_PERSEN
        lahir_dari, lahir_sampai = {
            "jpt": (1966, 1976),
            "administrator": (1968, 1982),
            "pengawas": (1972, 1990),
        }.get(jab.tingkat, (1968, 2000))
        lahir = dt.date(
            rnd.randint(lahir_dari, lahir_sampai), rnd.randint(1, 12), rnd.randint(1, 28)
        )
        tahun_angkat = min(lahir.year + rnd.randint(22, 32), self.tahun - 2)
        nip = self._nip(lahir, tahun_angkat, lk, pppk)
        golongan = (
            "jpt"
            if jab.tingkat == "jpt"
            else (jab.jenis if jab.jenis in K.GOLONGAN else "pelaksana")
        )
        pangkat = (
            f"Golongan {rnd.choice(('VII', 'IX', 'X'))}"
            if pppk
            else rnd.choice(K.GOLONGAN[golongan])
        )
        awal = dt.date(max(tahun_angkat, self.tahun - 9), 1, 1)
        akhir = dt.date(self.tahun - 1, 12, 1)
        mulai = awal + dt.timedelta(days=rnd.randrange(max(1, (akhir - awal).days)))
        gelar_depan = "dr." if jab.nama.startswith("Dokter") else ""
        orang = Orang(
            id=self._id("pegawai"),
            nip=nip,
            nama=nama,
            gelar_depan=gelar_depan,
            gelar_belakang=rnd.choice(K.GELAR_BELAKANG) if rnd.random() < 0.6 else "",
            jenis_kelamin="L" if lk else "P",
            pangkat=pangkat,
            status_kepegawaian="PPPK" if pppk else "PNS",
            jabatan=jab,
            mulai=mulai,
        )
        jab.pemangku.append(orang)
        self.pegawai.append(orang)
        return orang

    def _nip(self, lahir: dt.date, tahun_angkat: int, lk: bool, pppk: bool) -> str:
        """A valid NIP (pegawai.rules): PNS ``lahir tmt jk urut``; PPPK: year then ``21``."""
        while True:
            tengah = f"{tahun_angkat}21" if pppk else f"{tahun_angkat}{self.rnd.randint(1, 12):02d}"
            nip = f"{lahir:%Y%m%d}{tengah}{'1' if lk else '2'}{self.rnd.randint(1, 999):03d}"
            if nip not in self.nip_dipakai:
                self.nip_dipakai.add(nip)
                return nip

    # --- who rates whom -----------------------------------------------------------------
    def hitung_penilai(self) -> None:
        """``rantai_penilai`` for definitif-only trees: walk up to the first held jabatan.

        Every structural post has one holder at most, so "who acts" is that holder; the
        rated pegawai never sits above himself, so "never himself" needs no check here.
        """
        for orang in self.pegawai:
            orang.penilai, posisi = _naik(orang.jabatan.induk)
            if orang.penilai is not None:
                orang.atasan_penilai, _ = _naik(posisi.induk)

    def selesai(self) -> Organisasi:
        self.hitung_penilai()
        admin = next(
            (
                o
                for o in self.pegawai
                if o.jabatan.tingkat == "staf" and o.jabatan.unit.kode.startswith("BKPSDM")
            ),
            None,
        )
        (admin or self.pegawai[-1]).admin = True
        return Organisasi(self.unit, self.jabatan, self.pegawai, self.operator)


def _naik(jab: Jab | None) -> tuple[Orang | None, Jab | None]:
    while jab is not None:
        if jab.pemangku:
            return max(jab.pemangku, key=lambda o: (o.mulai, o.id)), jab
        jab = jab.induk
    return None, None


MIN_PEGAWAI = 20


def bangun(n_pegawai: int, rnd: random.Random, tahun: int, id_awal: dict[str, int]) -> Organisasi:
    """The kabupaten for ``n_pegawai`` (≥ 20): ~one OPD per 200 pegawai, 2 to 40."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(f"minimal {MIN_PEGAWAI} pegawai")
    n_opd = max(2, min(len(K.OPD), round(n_pegawai / 200)))
    daftar = K.OPD[:n_opd]
    p = Pembangun(rnd, tahun, id_awal)
    for opd, anggaran in zip(
        daftar, bagi(n_pegawai, [o.bobot for o in daftar], MIN_PER_OPD), strict=True
    ):
        p.opd(opd, anggaran)
    org = p.selesai()
    if len(org.pegawai) != n_pegawai:  # the budget split is exact; say so if it ever is not
        raise AssertionError(f"{len(org.pegawai)} pegawai dibuat, diminta {n_pegawai}")
    return org
