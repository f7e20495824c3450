"""Demo data: Pemerintah Kabupaten Sukamaju, a small but realistic kabupaten.

``manage.py seed_demo`` calls :func:`muat_demo`.  Every row is looked up by a natural key
(instansi kode, unit kode, jabatan unit + name + occurrence, NIP) before it is created, so a
second run finds everything and writes nothing.  Trees and assignments go through the
services (paths, ``Pegawai.unit_kerja`` and the history stay right); only the pegawai rows
themselves are bulk-inserted, all with one password hash computed once, because hashing
eighty passwords one by one is what would make the command slow.

The demo logins are the ``NIP_*`` constants below (README and tests import them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from pegawai.models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, Riwayat, UnitKerja
from pegawai.rules import normalisasi_nip
from pegawai.services import organisasi as services

DEMO_SANDI = "demo12345"
KODE_INSTANSI = "3299"
DOMAIN_SUREL = "sukamajukab.test"  # RFC 2606 reserved: demo e-mail never reaches anyone

# The demo logins (one per role), stable so that the README can list them.
NIP_ASN = "199504092019031002"  # Epidemiolog Kesehatan Ahli Pertama, Dinas Kesehatan
NIP_ATASAN = "197908152005011004"  # Kepala Bidang P2P, Dinas Kesehatan
NIP_ATASAN_PLT = "198203042006042011"  # Kepala Seksi Yankes Primer, Plt. Kabid Yankes
NIP_ATASAN_PLH = "197506211999032005"  # Sekretaris Disdikbud, Plh. Kepala Dinas
NIP_OPERATOR = "199101122015032001"  # Pengelola Kepegawaian, operator Dinas Kesehatan
NIP_ADMIN = "198605272010011007"  # Analis SDM Aparatur Ahli Muda, BKPSDM, admin instansi
NIP_SUPERUSER = "198801012011011001"  # platform administrator, outside the instansi
NIP_PENSIUN = "196805171992031003"  # former Kabid Yankes, retired: cannot log in

J = Jabatan.Jenis
GOLONGAN_PNS = {
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}


# --- the data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Orang:
    """A pegawai.  NIPs are written as on a SK (``lahir tmt jk urut``).  The PPPK NIPs here
    follow the usual NI PPPK shape: appointment year, then ``21`` where a PNS NIP has the
    month (our rules check only their length, domain.md §1)."""

    nip: str
    nama: str
    golongan: str  # "III/c" for PNS, "IX" for PPPK
    depan: str = ""
    belakang: str = ""
    pppk: bool = False

    @property
    def nip_bersih(self) -> str:
        return normalisasi_nip(self.nip)

    @property
    def jenis_kelamin(self) -> str:
        return "L" if self.nip_bersih[14] == "1" else "P"

    @property
    def pangkat_golongan(self) -> str:
        if self.pppk:
            return f"Golongan {self.golongan}"
        return f"{GOLONGAN_PNS[self.golongan]} ({self.golongan})"

    @property
    def tmt(self) -> dt.date:
        nip = self.nip_bersih
        if self.pppk:  # digits 13–14 are "21", not a month
            return dt.date(int(nip[8:12]), 3, 1)
        return dt.date(int(nip[8:12]), int(nip[12:14]), 1)

    @property
    def surel(self) -> str:
        return re.sub(r"[^a-z]+", ".", self.nama.lower()).strip(".") + f"@{DOMAIN_SUREL}"


@dataclass(frozen=True)
class Unit:
    kode: str
    nama: str
    sub: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Jab:
    nama: str
    jenis: str
    unit: str  # kode of the Unit
    pemangku: Orang | None
    bawahan: tuple[Jab, ...] = ()
    kelas: int | None = None

    @property
    def kelas_jabatan(self) -> int:
        if self.kelas:
            return self.kelas
        if self.jenis == J.FUNGSIONAL:
            for jenjang, kelas in (("Pertama", 8), ("Muda", 9), ("Madya", 11), ("Utama", 13)):
                if f"Ahli {jenjang}" in self.nama:
                    return kelas
        return {J.JPT_PRATAMA: 14, J.ADMINISTRATOR: 11, J.PENGAWAS: 9, J.PELAKSANA: 6}[self.jenis]


def asn(nip: str, nama: str, golongan: str, depan: str = "", belakang: str = "", pppk=False):
    """Short constructor: the table below reads like a staff list."""
    return Orang(nip, nama, golongan, depan, belakang, pppk)


def jpt(nama, unit, orang, *bawahan, kelas=None):
    return Jab(nama, J.JPT_PRATAMA, unit, orang, bawahan, kelas)


def adm(nama, unit, orang, *bawahan):
    return Jab(nama, J.ADMINISTRATOR, unit, orang, bawahan)


def pgw(nama, unit, orang, *bawahan):
    return Jab(nama, J.PENGAWAS, unit, orang, bawahan)


def jf(nama, unit, orang, *bawahan, kelas=None):
    return Jab(nama, J.FUNGSIONAL, unit, orang, bawahan, kelas)


def pel(nama, unit, orang, kelas=None):
    return Jab(nama, J.PELAKSANA, unit, orang, (), kelas)


PENGADM = "Pengadministrasi Perkantoran"

INSTANSI = {
    "kode": KODE_INSTANSI,
    "nama": "Pemerintah Kabupaten Sukamaju",
    "jenis": Instansi.Jenis.KABUPATEN,
    "kota": "Sukamaju",
    "alamat": "Jl. Raya Sukamaju No. 1, Sukamaju",
    "ppk_nama": "H. Wawan Setiawan, S.E., M.Si.",
    "ppk_jabatan": "Bupati Sukamaju",
}

UNIT = (
    Unit(
        "SETDA",
        "Sekretariat Daerah",
        (
            Unit("SETDA.ORG", "Bagian Organisasi"),
            Unit(
                "SETDA.UMUM",
                "Bagian Umum",
                (Unit("SETDA.UMUM.TU", "Subbagian Tata Usaha Pimpinan"),),
            ),
        ),
    ),
    Unit(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            Unit(
                "BKPSDM.SEK", "Sekretariat", (Unit("BKPSDM.SEK.UK", "Subbagian Umum dan Keuangan"),)
            ),
            Unit("BKPSDM.PPIK", "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
            Unit("BKPSDM.PKA", "Bidang Penilaian Kinerja Aparatur dan Penghargaan"),
            Unit("BKPSDM.PKOM", "Bidang Pengembangan Kompetensi Aparatur"),
        ),
    ),
    Unit(
        "DINKES",
        "Dinas Kesehatan",
        (
            Unit(
                "DINKES.SEK",
                "Sekretariat",
                (Unit("DINKES.SEK.UK", "Subbagian Umum dan Kepegawaian"),),
            ),
            Unit(
                "DINKES.P2P",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                (
                    Unit("DINKES.P2P.SI", "Seksi Surveilans dan Imunisasi"),
                    Unit("DINKES.P2P.PM", "Seksi Pencegahan dan Pengendalian Penyakit Menular"),
                ),
            ),
            Unit(
                "DINKES.YANKES",
                "Bidang Pelayanan Kesehatan",
                (
                    Unit("DINKES.YANKES.PRIMER", "Seksi Pelayanan Kesehatan Primer"),
                    Unit("DINKES.YANKES.RUJUKAN", "Seksi Pelayanan Kesehatan Rujukan"),
                ),
            ),
            Unit(
                "DINKES.KESMAS",
                "Bidang Kesehatan Masyarakat",
                (Unit("DINKES.KESMAS.GIZI", "Seksi Kesehatan Keluarga dan Gizi"),),
            ),
        ),
    ),
    Unit(
        "DISDIKBUD",
        "Dinas Pendidikan dan Kebudayaan",
        (
            Unit(
                "DISDIKBUD.SEK",
                "Sekretariat",
                (Unit("DISDIKBUD.SEK.UK", "Subbagian Umum dan Kepegawaian"),),
            ),
            Unit(
                "DISDIKBUD.SD",
                "Bidang Pembinaan Sekolah Dasar",
                (Unit("DISDIKBUD.SD.KUR", "Seksi Kurikulum dan Penilaian Sekolah Dasar"),),
            ),
            Unit(
                "DISDIKBUD.BUD",
                "Bidang Kebudayaan",
                (Unit("DISDIKBUD.BUD.CB", "Seksi Cagar Budaya dan Permuseuman"),),
            ),
            Unit("DISDIKBUD.SDN1", "SD Negeri 1 Sukamaju"),
        ),
    ),
    Unit(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        (
            Unit(
                "DPUPR.SEK",
                "Sekretariat",
                (Unit("DPUPR.SEK.UK", "Subbagian Umum dan Kepegawaian"),),
            ),
            Unit(
                "DPUPR.BM",
                "Bidang Bina Marga",
                (
                    Unit("DPUPR.BM.BANG", "Seksi Pembangunan Jalan dan Jembatan"),
                    Unit("DPUPR.BM.HAR", "Seksi Pemeliharaan Jalan dan Jembatan"),
                ),
            ),
            Unit("DPUPR.SDA", "Bidang Sumber Daya Air", (Unit("DPUPR.SDA.IR", "Seksi Irigasi"),)),
            Unit(
                "DPUPR.TR",
                "Bidang Penataan Ruang",
                (Unit("DPUPR.TR.REN", "Seksi Perencanaan Tata Ruang"),),
            ),
        ),
    ),
)

# Kepala perangkat daerah have no jabatan atasan: their pejabat penilai is the Bupati (PPK).
JABATAN = (
    jpt(
        "Sekretaris Daerah",
        "SETDA",
        asn("19690212 199403 1 006", "Bambang Sutrisno", "IV/d", "Drs. H.", "M.Si."),
        adm(
            "Kepala Bagian Organisasi",
            "SETDA.ORG",
            asn("19780918 200312 2 004", "Rina Marlina", "IV/a", "Hj.", "S.Sos., M.AP."),
            jf(
                "Analis Kebijakan Ahli Muda",
                "SETDA.ORG",
                asn("19850730 201001 1 012", "Dedi Kurniawan", "III/d", "", "S.IP., M.Si."),
            ),
            pel(
                PENGADM,
                "SETDA.ORG",
                asn("19890405 201101 2 003", "Siti Aminah", "II/d", "", "A.Md."),
                5,
            ),
        ),
        adm(
            "Kepala Bagian Umum",
            "SETDA.UMUM",
            asn("19770603 200212 1 003", "Agus Salim", "IV/a", "", "S.H., M.H."),
            pgw(
                "Kepala Subbagian Tata Usaha Pimpinan",
                "SETDA.UMUM.TU",
                asn("19830214 200801 2 009", "Nurhayati", "III/d", "", "S.E."),
                pel(
                    "Pengelola Kepegawaian",
                    "SETDA.UMUM.TU",
                    asn("19920822 201503 1 004", "Rudi Hartono", "III/b", "", "S.Kom."),
                    7,
                ),
                pel(PENGADM, "SETDA.UMUM.TU", asn("19900315 201406 1 002", "Sutisna", "II/b"), 5),
            ),
        ),
        kelas=15,
    ),
    jpt(
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        asn("19710529 199603 1 002", "Hendra Gunawan", "IV/c", "Dr.", "S.STP., M.Si."),
        adm(
            "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM.SEK",
            asn("19760311 200112 2 002", "Yuliana Safitri", "IV/a", "", "S.E., M.M."),
            pgw(
                "Kepala Subbagian Umum dan Keuangan",
                "BKPSDM.SEK.UK",
                asn("19840907 200904 1 005", "Ahmad Fauzi", "III/d", "", "S.Kom."),
                pel(
                    "Pengadministrasi Keuangan",
                    "BKPSDM.SEK.UK",
                    asn("19930119 201706 2 001", "Dewi Lestari", "II/d", "", "A.Md.Ak."),
                ),
            ),
        ),
        adm(
            "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            "BKPSDM.PPIK",
            asn("19800426 200501 1 008", "Eko Prasetyo", "IV/a", "", "S.T., M.T."),
            jf(
                "Analis Sumber Daya Manusia Aparatur Ahli Muda",
                "BKPSDM.PPIK",
                asn("19870813 201101 2 006", "Fitri Handayani", "III/d", "", "S.Psi."),
            ),
            jf(
                "Pranata Komputer Ahli Pertama",
                "BKPSDM.PPIK",
                asn("19960228 202003 1 003", "Bayu Saputra", "III/b", "", "S.Kom."),
            ),
        ),
        adm(
            "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan",
            "BKPSDM.PKA",
            asn("19790107 200312 2 003", "Sri Rahayu", "IV/a", "", "S.H., M.H."),
            jf(
                "Analis Sumber Daya Manusia Aparatur Ahli Muda",
                "BKPSDM.PKA",
                asn(NIP_ADMIN, "Indra Permana", "III/d", "", "S.E., M.M."),
            ),
            jf(
                "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
                "BKPSDM.PKA",
                asn("19950611 201903 2 005", "Wulan Sari", "III/b", "", "S.Psi."),
            ),
            pel(
                "Pengadministrasi Kepegawaian",
                "BKPSDM.PKA",
                asn("19910920 201406 1 004", "Joko Susilo", "II/c"),
            ),
        ),
        adm(
            "Kepala Bidang Pengembangan Kompetensi Aparatur",
            "BKPSDM.PKOM",
            asn("19810705 200604 1 006", "Muhammad Rizki", "IV/a", "", "S.Pd., M.Pd."),
            jf(
                "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
                "BKPSDM.PKOM",
                asn("19940318 201903 2 007", "Ratna Dewi", "III/b", "", "S.Sos."),
            ),
        ),
    ),
    jpt(
        "Kepala Dinas Kesehatan",
        "DINKES",
        asn("19700822 199803 1 004", "Lukman Hakim", "IV/c", "dr.", "M.Kes."),
        adm(
            "Sekretaris Dinas Kesehatan",
            "DINKES.SEK",
            asn("19770129 200312 2 006", "Anita Kusuma", "IV/b", "drg.", "M.Kes."),
            pgw(
                "Kepala Subbagian Umum dan Kepegawaian",
                "DINKES.SEK.UK",
                asn("19821111 200701 1 010", "Heri Susanto", "III/d", "", "S.Sos."),
                pel(
                    "Pengelola Kepegawaian",
                    "DINKES.SEK.UK",
                    asn(NIP_OPERATOR, "Maya Anggraini", "III/b", "", "S.E."),
                    7,
                ),
                pel(
                    PENGADM,
                    "DINKES.SEK.UK",
                    asn("19880704 201001 1 006", "Slamet Riyadi", "II/d"),
                    5,
                ),
            ),
            jf(
                "Perencana Ahli Muda",
                "DINKES.SEK",
                asn("19850216 201001 2 011", "Novi Rahmawati", "III/d", "", "S.E., M.Si."),
            ),
        ),
        adm(
            "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
            "DINKES.P2P",
            asn(NIP_ATASAN, "Arief Wibowo", "IV/a", "dr.", "M.P.H."),
            pgw(
                "Kepala Seksi Surveilans dan Imunisasi",
                "DINKES.P2P.SI",
                asn("19830627 200804 2 005", "Lina Marlina", "III/d", "", "S.K.M."),
                pel(
                    "Pengolah Data",
                    "DINKES.P2P.SI",
                    asn("19920503 201503 1 002", "Andi Setiawan", "II/d", "", "A.Md.Kes."),
                ),
            ),
            pgw(
                "Kepala Seksi Pencegahan dan Pengendalian Penyakit Menular",
                "DINKES.P2P.PM",
                asn("19840119 200901 1 003", "Yusuf Maulana", "III/d", "", "S.K.M., M.Kes."),
                pel(
                    PENGADM,
                    "DINKES.P2P.PM",
                    asn("19940902 201806 2 003", "Ika Purnamasari", "II/b"),
                    5,
                ),
            ),
            jf(
                "Epidemiolog Kesehatan Ahli Muda",
                "DINKES.P2P",
                asn("19880621 201403 2 004", "Citra Ayu Lestari", "III/c", "dr."),
            ),
            jf(
                "Epidemiolog Kesehatan Ahli Pertama",
                "DINKES.P2P",
                asn(NIP_ASN, "Fajar Nugroho", "III/b", "", "S.K.M."),
            ),
        ),
        # Vacant since its holder retired: the Kepala Seksi Yankes Primer is Plt (PLT below).
        adm(
            "Kepala Bidang Pelayanan Kesehatan",
            "DINKES.YANKES",
            asn(NIP_PENSIUN, "Suparman", "IV/b", "Drs.", "M.Kes."),
            pgw(
                "Kepala Seksi Pelayanan Kesehatan Primer",
                "DINKES.YANKES.PRIMER",
                asn(NIP_ATASAN_PLT, "Retno Wulandari", "III/d", "", "S.Kep., Ns., M.Kep."),
                pel(
                    PENGADM,
                    "DINKES.YANKES.PRIMER",
                    asn("19900718 201406 1 005", "Taufik Hidayat", "II/c"),
                    5,
                ),
            ),
            pgw(
                "Kepala Seksi Pelayanan Kesehatan Rujukan",
                "DINKES.YANKES.RUJUKAN",
                asn("19860909 201101 1 009", "Budi Santoso", "III/c", "", "S.Kep., Ns."),
                pel(
                    "Pengolah Data",
                    "DINKES.YANKES.RUJUKAN",
                    asn("19930225 201806 2 004", "Nia Kurniasih", "II/c", "", "A.Md."),
                ),
            ),
            jf(
                "Perawat Ahli Pertama",
                "DINKES.YANKES",
                asn("19940713 202221 2 009", "Desi Ratnasari", "IX", "", "S.Kep., Ns.", pppk=True),
            ),
            jf(
                "Administrator Kesehatan Ahli Pertama",
                "DINKES.YANKES",
                asn("19960512 202101 1 005", "Rizky Pratama", "III/a", "", "S.K.M."),
            ),
        ),
        adm(
            "Kepala Bidang Kesehatan Masyarakat",
            "DINKES.KESMAS",
            asn("19780301 200312 1 005", "Wahyu Hidayat", "IV/a", "", "S.K.M., M.Kes."),
            pgw(
                "Kepala Seksi Kesehatan Keluarga dan Gizi",
                "DINKES.KESMAS.GIZI",
                asn("19840812 200902 2 007", "Erna Susanti", "III/d", "", "S.ST., M.Kes."),
                pel(
                    PENGADM,
                    "DINKES.KESMAS.GIZI",
                    asn("19920130 201503 1 006", "Dimas Aditya", "II/c"),
                    5,
                ),
            ),
            jf(
                "Nutrisionis Ahli Muda",
                "DINKES.KESMAS",
                asn("19870425 201101 2 008", "Putri Maharani", "III/c", "", "S.Gz."),
            ),
            jf(
                "Penyuluh Kesehatan Masyarakat Ahli Pertama",
                "DINKES.KESMAS",
                asn("19930808 202321 2 014", "Yulia Rahmawati", "IX", "", "S.K.M.", pppk=True),
            ),
        ),
    ),
    jpt(
        "Kepala Dinas Pendidikan dan Kebudayaan",
        "DISDIKBUD",
        asn("19690304 199403 1 008", "Asep Saepudin", "IV/c", "Drs. H.", "M.Pd."),
        adm(
            "Sekretaris Dinas Pendidikan dan Kebudayaan",
            "DISDIKBUD.SEK",
            asn(NIP_ATASAN_PLH, "Euis Komariah", "IV/b", "", "S.Pd., M.M."),
            pgw(
                "Kepala Subbagian Umum dan Kepegawaian",
                "DISDIKBUD.SEK.UK",
                asn("19810514 200501 1 012", "Dadang Suherman", "III/d", "", "S.Sos."),
                pel(
                    "Pengelola Kepegawaian",
                    "DISDIKBUD.SEK.UK",
                    asn("19900927 201406 2 006", "Neneng Hasanah", "III/b", "", "S.E."),
                    7,
                ),
                pel(
                    PENGADM,
                    "DISDIKBUD.SEK.UK",
                    asn("19870110 200901 1 004", "Ujang Rahmat", "II/d"),
                    5,
                ),
            ),
            jf(
                "Perencana Ahli Pertama",
                "DISDIKBUD.SEK",
                asn("19950123 202101 1 002", "Rizal Fahmi", "III/a", "", "S.E."),
            ),
        ),
        adm(
            "Kepala Bidang Pembinaan Sekolah Dasar",
            "DISDIKBUD.SD",
            asn("19760815 200003 1 004", "Tatang Sutarman", "IV/a", "", "S.Pd., M.Pd."),
            pgw(
                "Kepala Seksi Kurikulum dan Penilaian Sekolah Dasar",
                "DISDIKBUD.SD.KUR",
                asn("19820420 200604 2 008", "Iis Nurjanah", "III/d", "", "S.Pd."),
                pel(
                    "Pengolah Data",
                    "DISDIKBUD.SD.KUR",
                    asn("19890611 201101 1 007", "Cecep Supriatna", "II/d"),
                ),
            ),
            # A kepala sekolah is a guru with an additional task; the teachers report to him.
            jf(
                "Guru Ahli Madya (Kepala SD Negeri 1 Sukamaju)",
                "DISDIKBUD.SDN1",
                asn("19720909 199702 2 003", "Yeni Rohaeni", "IV/b", "Hj.", "S.Pd.SD."),
                jf(
                    "Guru Kelas Ahli Muda",
                    "DISDIKBUD.SDN1",
                    asn("19850306 201001 2 014", "Lilis Suryani", "III/d", "", "S.Pd."),
                ),
                jf(
                    "Guru Kelas Ahli Pertama",
                    "DISDIKBUD.SDN1",
                    asn(
                        "19920614 202221 2 021", "Ai Siti Nurhalimah", "IX", "", "S.Pd.", pppk=True
                    ),
                ),
                jf(
                    "Guru Kelas Ahli Pertama",
                    "DISDIKBUD.SDN1",
                    asn("19940201 202221 1 017", "Dani Ramdani", "IX", "", "S.Pd.", pppk=True),
                ),
                jf(
                    "Guru Pendidikan Jasmani, Olahraga, dan Kesehatan Ahli Pertama",
                    "DISDIKBUD.SDN1",
                    asn("19961105 202321 1 008", "Galih Permana", "IX", "", "S.Pd.", pppk=True),
                ),
            ),
        ),
        adm(
            "Kepala Bidang Kebudayaan",
            "DISDIKBUD.BUD",
            asn("19740702 199903 2 004", "Nani Suryani", "IV/b", "Hj.", "S.Sos., M.Si."),
            pgw(
                "Kepala Seksi Cagar Budaya dan Permuseuman",
                "DISDIKBUD.BUD.CB",
                asn("19830922 200801 1 006", "Agus Gunawan", "III/d", "", "S.S."),
            ),
            jf(
                "Pamong Budaya Ahli Pertama",
                "DISDIKBUD.BUD",
                asn("19970316 202101 2 004", "Rini Apriani", "III/a", "", "S.S."),
            ),
        ),
    ),
    jpt(
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        "DPUPR",
        asn("19700405 199603 1 005", "Sugeng Riyanto", "IV/c", "Ir.", "M.T."),
        adm(
            "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang",
            "DPUPR.SEK",
            asn("19780527 200312 2 005", "Diah Puspitasari", "IV/a", "", "S.T., M.M."),
            pgw(
                "Kepala Subbagian Umum dan Kepegawaian",
                "DPUPR.SEK.UK",
                asn("19831230 200901 1 008", "Hendri Kurniawan", "III/d", "", "S.E."),
                pel(
                    "Pengelola Kepegawaian",
                    "DPUPR.SEK.UK",
                    asn("19930417 201806 1 003", "Asep Hidayat", "III/b", "", "S.Kom."),
                    7,
                ),
                # Two holders of the same pelaksana jabatan: one formasi (Jabatan row) each.
                pel(PENGADM, "DPUPR.SEK.UK", asn("19860814 200801 2 010", "Wartini", "II/d"), 5),
                pel(PENGADM, "DPUPR.SEK.UK", asn("19910301 201406 1 008", "Kusnadi", "II/c"), 5),
            ),
            jf(
                "Perencana Ahli Muda",
                "DPUPR.SEK",
                asn("19860102 201001 1 015", "Yudi Prasetyo", "III/d", "", "S.T., M.T."),
            ),
        ),
        adm(
            "Kepala Bidang Bina Marga",
            "DPUPR.BM",
            asn("19790630 200412 1 004", "Rahmat Santoso", "IV/a", "", "S.T., M.T."),
            pgw(
                "Kepala Seksi Pembangunan Jalan dan Jembatan",
                "DPUPR.BM.BANG",
                asn("19840517 200902 1 006", "Hendra Saputra", "III/d", "", "S.T."),
                pel(
                    "Teknisi Jalan dan Jembatan",
                    "DPUPR.BM.BANG",
                    asn("19900120 201406 1 009", "Saepul Anwar", "II/c"),
                ),
            ),
            pgw(
                "Kepala Seksi Pemeliharaan Jalan dan Jembatan",
                "DPUPR.BM.HAR",
                asn("19870908 201101 2 009", "Rina Oktaviani", "III/c", "", "S.T."),
            ),
            jf(
                "Teknik Jalan dan Jembatan Ahli Pertama",
                "DPUPR.BM",
                asn("19960720 202101 1 006", "Ilham Maulana", "III/a", "", "S.T."),
            ),
        ),
        adm(
            "Kepala Bidang Sumber Daya Air",
            "DPUPR.SDA",
            asn("19800919 200501 1 009", "Bambang Hermawan", "IV/a", "", "S.T."),
            pgw(
                "Kepala Seksi Irigasi",
                "DPUPR.SDA.IR",
                asn("19830305 200801 1 011", "Sutarno", "III/d", "", "S.T."),
                pel(
                    PENGADM,
                    "DPUPR.SDA.IR",
                    asn("19920910 201503 2 008", "Yanti Sumarni", "II/c"),
                    5,
                ),
            ),
            jf(
                "Teknik Pengairan Ahli Muda",
                "DPUPR.SDA",
                asn("19880114 201101 1 010", "Arif Rahman Hakim", "III/d", "", "S.T., M.T."),
            ),
        ),
        adm(
            "Kepala Bidang Penataan Ruang",
            "DPUPR.TR",
            asn("19810212 200604 2 006", "Mega Lestari", "IV/a", "", "S.T., M.T."),
            pgw(
                "Kepala Seksi Perencanaan Tata Ruang",
                "DPUPR.TR.REN",
                asn("19870523 201101 1 013", "Fikri Ardiansyah", "III/c", "", "S.PWK."),
            ),
            jf(
                "Penata Ruang Ahli Pertama",
                "DPUPR.TR",
                asn("19950830 202321 2 011", "Anisa Fitriani", "IX", "", "S.T.", pppk=True),
            ),
        ),
    ),
)

SUPERUSER = asn(NIP_SUPERUSER, "Admin Sistem e-Kinerja", "III/c")
# (unit kode, jabatan) -> acting holder; the dates are set relative to the day of seeding.
PLT = (("DINKES.YANKES", "Kepala Bidang Pelayanan Kesehatan"), NIP_ATASAN_PLT)
PLH = (("DISDIKBUD", "Kepala Dinas Pendidikan dan Kebudayaan"), NIP_ATASAN_PLH)
# The operator of each OPD, on the OPD's top unit (and so on all its sub-units).
OPERATOR = {
    "SETDA": "199208222015031004",
    "BKPSDM": "199506112019032005",
    "DINKES": NIP_OPERATOR,
    "DISDIKBUD": "199009272014062006",
    "DPUPR": "199304172018061003",
}

# Definitif assignments start on these dates (or at the TMT, when later).  31-12-2021 is when
# administrative posts were converted into jabatan fungsional (penyetaraan jabatan).
MULAI_DEFINITIF = {
    J.JPT_PRATAMA: dt.date(2022, 3, 14),
    J.ADMINISTRATOR: dt.date(2021, 1, 4),
    J.PENGAWAS: dt.date(2021, 1, 4),
    J.FUNGSIONAL: dt.date(2021, 12, 31),
    J.PELAKSANA: dt.date(2020, 1, 2),
}


@dataclass(frozen=True)
class AkunDemo:
    peran: str
    nip: str
    catatan: str = ""


AKUN_DEMO = (
    AkunDemo("ASN", NIP_ASN),
    AkunDemo("Atasan", NIP_ATASAN),
    AkunDemo("Atasan (Plt)", NIP_ATASAN_PLT, "Plt. Kepala Bidang Pelayanan Kesehatan"),
    AkunDemo("Atasan (Plh)", NIP_ATASAN_PLH, "Plh. Kepala Dinas Pendidikan dan Kebudayaan"),
    AkunDemo("Operator", NIP_OPERATOR, "operator Dinas Kesehatan"),
    AkunDemo("Admin instansi", NIP_ADMIN, "BKPSDM"),
    AkunDemo("Superuser", NIP_SUPERUSER, "administrator platform"),
    AkunDemo("Pensiun", NIP_PENSIUN, "tidak dapat masuk (pensiun)"),
)


# --- reading the data ---------------------------------------------------------------------
def semua_unit(daftar=UNIT, induk: str | None = None):
    """(unit, kode induk) in tree order, parents first."""
    for unit in daftar:
        yield unit, induk
        yield from semua_unit(unit.sub, unit.kode)


def semua_jabatan(daftar=JABATAN, induk: Jab | None = None):
    """(jabatan, its parent Jab) in tree order, parents first."""
    for jab in daftar:
        yield jab, induk
        yield from semua_jabatan(jab.bawahan, jab)


def semua_orang() -> list[tuple[Orang, Jab]]:
    return [(j.pemangku, j) for j, _ in semua_jabatan() if j.pemangku is not None]


@dataclass(frozen=True)
class TanggalDemo:
    """The acting assignments follow the day of seeding so that they are active today."""

    hari_ini: dt.date

    @property
    def plt_mulai(self) -> dt.date:
        bulan = self.hari_ini.year * 12 + self.hari_ini.month - 1 - 4
        return dt.date(bulan // 12, bulan % 12 + 1, 1)

    @property
    def pensiun(self) -> dt.date:
        """Last day in office of the retired Kabid: the day before the Plt starts."""
        return self.plt_mulai - dt.timedelta(days=1)

    @property
    def plh(self) -> tuple[dt.date, dt.date]:
        return self.hari_ini - dt.timedelta(days=2), self.hari_ini + dt.timedelta(days=5)


# --- writing ------------------------------------------------------------------------------
@dataclass
class Hasil:
    dibuat: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def ada_perubahan(self) -> bool:
        return any(self.dibuat.values())


@transaction.atomic
def muat_demo(hari_ini: dt.date | None = None) -> Hasil:
    """Create (or complete) the demo kabupaten.  Safe to run any number of times."""
    tanggal = TanggalDemo(hari_ini or dt.date.today())
    hasil = Hasil()
    sandi = _SandiDemo()
    su = _superuser(sandi, hasil)
    instansi, dibuat = Instansi.objects.get_or_create(kode=KODE_INSTANSI, defaults=INSTANSI)
    if dibuat:
        hasil.dibuat["instansi"] += 1
    unit = _unit(su, instansi, hasil)
    jabatan = _jabatan(su, instansi, unit, hasil)
    pegawai = _pegawai(su, instansi, jabatan, sandi, hasil)
    admin = pegawai[NIP_ADMIN]
    if not admin.is_admin_instansi:
        services.atur_admin_instansi(su, admin, True)
        admin.refresh_from_db()
        hasil.dibuat["admin instansi"] += 1
    _penugasan(admin, jabatan, pegawai, tanggal, hasil)
    _operator(admin, unit, pegawai, hasil)
    pensiun = pegawai[NIP_PENSIUN]
    if pensiun.status != Pegawai.Status.PENSIUN:
        services.ubah_status_pegawai(
            admin, pensiun, Pegawai.Status.PENSIUN, keterangan="Batas usia pensiun (data demo)."
        )
        hasil.dibuat["status pensiun"] += 1
    return hasil


class _SandiDemo:
    """The hash of the demo password, computed once and only if an account is created:
    hashing is deliberately slow and every demo account shares the same password."""

    _hash: str | None = None

    def __str__(self) -> str:
        if self._hash is None:
            self._hash = make_password(DEMO_SANDI)
        return self._hash


def _superuser(sandi: _SandiDemo, hasil: Hasil) -> Pegawai:
    su = Pegawai.objects.filter(nip=NIP_SUPERUSER).first()
    if su is None:
        su = Pegawai.objects.create(
            nip=NIP_SUPERUSER,
            nama=SUPERUSER.nama,
            jenis_kelamin=SUPERUSER.jenis_kelamin,
            email=f"admin@{DOMAIN_SUREL}",
            password=str(sandi),
            is_superuser=True,
            is_staff=True,
        )
        hasil.dibuat["superuser"] += 1
    return su


def _unit(su: Pegawai, instansi: Instansi, hasil: Hasil) -> dict[str, UnitKerja]:
    ada = {u.kode: u for u in UnitKerja.objects.filter(instansi=instansi)}
    for spec, induk in semua_unit():
        if spec.kode not in ada:
            ada[spec.kode] = services.simpan_unit(
                su,
                UnitKerja(
                    instansi=instansi,
                    kode=spec.kode,
                    nama=spec.nama,
                    induk=ada[induk] if induk else None,
                ),
            )
            hasil.dibuat["unit kerja"] += 1
    return ada


def _jabatan(
    su: Pegawai, instansi: Instansi, unit: dict[str, UnitKerja], hasil: Hasil
) -> dict[Jab, Jabatan]:
    """Map each Jab to its row.  Names repeat within a unit (several formasi of one
    pelaksana jabatan), so the n-th Jab of a (unit, name) is the n-th row of it by id."""
    ada: dict[tuple[int, str], list[Jabatan]] = defaultdict(list)
    for row in Jabatan.objects.filter(instansi=instansi).order_by("id"):
        ada[(row.unit_id, row.nama)].append(row)
    dipakai: dict[tuple[int, str], int] = defaultdict(int)
    peta: dict[Jab, Jabatan] = {}
    for spec, induk in semua_jabatan():
        kunci = (unit[spec.unit].pk, spec.nama)
        ke = dipakai[kunci]
        dipakai[kunci] += 1
        if ke < len(ada[kunci]):
            peta[spec] = ada[kunci][ke]
            continue
        peta[spec] = services.simpan_jabatan(
            su,
            Jabatan(
                instansi=instansi,
                unit=unit[spec.unit],
                nama=spec.nama,
                jenis=spec.jenis,
                induk=peta[induk] if induk else None,
                kelas_jabatan=spec.kelas_jabatan,
            ),
        )
        hasil.dibuat["jabatan"] += 1
    return peta


def _pegawai(
    su: Pegawai,
    instansi: Instansi,
    jabatan: dict[Jab, Jabatan],
    sandi: _SandiDemo,
    hasil: Hasil,
) -> dict[str, Pegawai]:
    orang = semua_orang()
    nips = [o.nip_bersih for o, _ in orang]
    ada = set(Pegawai.objects.filter(nip__in=nips).values_list("nip", flat=True))
    baru = [
        Pegawai(
            nip=o.nip_bersih,
            nama=o.nama,
            gelar_depan=o.depan,
            gelar_belakang=o.belakang,
            jenis_kelamin=o.jenis_kelamin,
            pangkat_golongan=o.pangkat_golongan,
            status_kepegawaian=Pegawai.StatusKepegawaian.PPPK
            if o.pppk
            else Pegawai.StatusKepegawaian.PNS,
            email=o.surel,
            instansi=instansi,
            unit_kerja=jabatan[jab].unit,
            password=str(sandi),
        )
        for o, jab in orang
        if o.nip_bersih not in ada
    ]
    for p in baru:  # bulk_create skips save(): keep its rule for is_active
        p.is_active = p.status in Pegawai.STATUS_BOLEH_MASUK
    Pegawai.objects.bulk_create(baru)
    semua = {p.nip: p for p in Pegawai.objects.filter(nip__in=nips)}
    if baru:
        ct = ContentType.objects.get_for_model(Pegawai)
        Riwayat.objects.bulk_create(
            Riwayat(
                pelaku=su,
                subjek=semua[p.nip],
                sebagai=Riwayat.Sebagai.ADMIN,
                aksi="pegawai.dibuat",
                content_type=ct,
                object_id=semua[p.nip].pk,
                keterangan="Data demo (seed_demo).",
            )
            for p in baru
        )
        hasil.dibuat["pegawai"] += len(baru)
    return semua


def _penugasan(
    admin: Pegawai,
    jabatan: dict[Jab, Jabatan],
    pegawai: dict[str, Pegawai],
    tanggal: TanggalDemo,
    hasil: Hasil,
) -> None:
    ada = {
        (p.pegawai_id, p.jabatan_id, p.jenis): p
        for p in Penugasan.objects.filter(pegawai__in=pegawai.values())
    }
    D = Penugasan.Jenis
    for o, jab in semua_orang():
        p, j = pegawai[o.nip_bersih], jabatan[jab]
        if (p.pk, j.pk, D.DEFINITIF) in ada:
            continue
        mulai = max(MULAI_DEFINITIF[jab.jenis], o.tmt)
        selesai = tanggal.pensiun if o.nip_bersih == NIP_PENSIUN else None
        services.tugaskan(
            admin,
            Penugasan(
                pegawai=p,
                jabatan=j,
                jenis=D.DEFINITIF,
                mulai=mulai,
                selesai=selesai,
                nomor_sk=f"800.1.3.3/{j.pk:03d}/BKPSDM/{mulai.year}",
            ),
        )
        hasil.dibuat["penugasan definitif"] += 1
    per_kunci = {(spec.unit, spec.nama): row for spec, row in jabatan.items()}
    plh_mulai, plh_selesai = tanggal.plh
    for (kunci, nip), jenis, mulai, selesai in (
        (PLT, D.PLT, tanggal.plt_mulai, None),
        (PLH, D.PLH, plh_mulai, plh_selesai),
    ):
        p, j = pegawai[nip], per_kunci[kunci]
        lama = ada.get((p.pk, j.pk, jenis))
        if lama is not None and (jenis == D.PLT or lama.aktif_pada(tanggal.hari_ini)):
            continue
        # A Plh left over from an earlier day moves to today's window.
        penugasan = lama or Penugasan(pegawai=p, jabatan=j, jenis=jenis)
        penugasan.mulai, penugasan.selesai = mulai, selesai
        penugasan.nomor_sk = penugasan.nomor_sk or f"800.1.3.4/{j.pk:03d}/BKPSDM/{mulai.year}"
        services.tugaskan(admin, penugasan)
        hasil.dibuat[f"penugasan {jenis}"] += 1


def _operator(
    admin: Pegawai, unit: dict[str, UnitKerja], pegawai: dict[str, Pegawai], hasil: Hasil
) -> None:
    ada = set(
        OperatorUnit.objects.filter(pegawai__in=pegawai.values()).values_list(
            "pegawai_id", "unit_id"
        )
    )
    for kode, nip in OPERATOR.items():
        p, u = pegawai[nip], unit[kode]
        if (p.pk, u.pk) not in ada:
            services.jadikan_operator(admin, p, u)
            hasil.dibuat["operator"] += 1


def akun_demo() -> list[tuple[AkunDemo, Pegawai | None, str]]:
    """Each demo login with its pegawai and a one-line description of his jabatan."""
    nips = [a.nip for a in AKUN_DEMO]
    pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=nips)}
    jabatan = {}
    for pen in (
        Penugasan.objects.filter(pegawai__nip__in=nips, jenis=Penugasan.Jenis.DEFINITIF)
        .select_related("jabatan", "pegawai")
        .order_by("mulai")
    ):
        jabatan[pen.pegawai.nip] = pen.jabatan.nama
    return [(a, pegawai.get(a.nip), jabatan.get(a.nip, "")) for a in AKUN_DEMO]
