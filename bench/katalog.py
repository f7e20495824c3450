"""Fixed word lists of the bench kabupaten: OPD, jabatan names, people's names, work texts.

Only data: :mod:`bench.organisasi` and :mod:`bench.generate` draw from it with a seeded
random generator, so the same seed gives the same kabupaten.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Opd:
    """A perangkat daerah: its units below the head, and how much staff it gets."""

    kode: str
    nama: str
    kepala: str  # the head's jabatan name
    bidang: tuple[str, ...]  # unit names under the head (bidang / bagian / seksi kecamatan)
    bobot: float  # share of the kabupaten's staff
    kecamatan: bool = False  # a camat is an administrator (eselon III), not a JPT
    upt: str = ""  # "sekolah" or "puskesmas": the OPD runs many small service units


KECAMATAN = ("Sukamaju", "Cibening", "Karanganyar", "Sumberjaya", "Tanjungsari", "Mekarsari")

# Order matters for small sizes: the first OPD are taken first (a 40-pegawai test gets the
# first two, one with UPT so that the tree has all its shapes).
OPD: tuple[Opd, ...] = (
    Opd(
        "DISDIK",
        "Dinas Pendidikan",
        "Kepala Dinas Pendidikan",
        (
            "Bidang Pembinaan Sekolah Dasar",
            "Bidang Pembinaan SMP",
            "Bidang PAUD dan PNF",
            "Bidang Ketenagaan",
        ),
        30,
        upt="sekolah",
    ),
    Opd(
        "KEC.SUKAMAJU",
        "Kecamatan Sukamaju",
        "Camat Sukamaju",
        (
            "Seksi Pemerintahan",
            "Seksi Ketenteraman dan Ketertiban Umum",
            "Seksi Pemberdayaan Masyarakat Desa",
            "Seksi Pelayanan Umum",
        ),
        0.4,
        kecamatan=True,
    ),
    Opd(
        "DINKES",
        "Dinas Kesehatan",
        "Kepala Dinas Kesehatan",
        (
            "Bidang Kesehatan Masyarakat",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ),
        14,
        upt="puskesmas",
    ),
    Opd(
        "RSUD",
        "Rumah Sakit Umum Daerah",
        "Direktur Rumah Sakit Umum Daerah",
        ("Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang", "Bagian Keuangan"),
        7,
    ),
    Opd(
        "SETDA",
        "Sekretariat Daerah",
        "Sekretaris Daerah",
        (
            "Bagian Tata Pemerintahan",
            "Bagian Hukum",
            "Bagian Organisasi",
            "Bagian Perekonomian dan SDA",
            "Bagian Kesejahteraan Rakyat",
            "Bagian Umum",
            "Bagian Pengadaan Barang dan Jasa",
            "Bagian Protokol dan Komunikasi Pimpinan",
        ),
        3,
    ),
    Opd(
        "SETWAN",
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        (
            "Bagian Umum dan Keuangan",
            "Bagian Persidangan dan Perundang-undangan",
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
        ),
        1.2,
    ),
    Opd(
        "INSPEKTORAT",
        "Inspektorat Daerah",
        "Inspektur Daerah",
        (
            "Inspektur Pembantu Wilayah I",
            "Inspektur Pembantu Wilayah II",
            "Inspektur Pembantu Wilayah III",
            "Inspektur Pembantu Khusus",
        ),
        1.4,
    ),
    Opd(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            "Bidang Pengadaan dan Informasi Kepegawaian",
            "Bidang Mutasi dan Promosi",
            "Bidang Penilaian Kinerja Aparatur",
            "Bidang Pengembangan Kompetensi",
        ),
        1.3,
    ),
    Opd(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "Kepala Bappeda",
        (
            "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
            "Bidang Perekonomian dan SDA",
            "Bidang Infrastruktur dan Kewilayahan",
            "Bidang Penelitian dan Pengembangan",
        ),
        1.2,
    ),
    Opd(
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Kepala BPKAD",
        ("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset"),
        1.5,
    ),
    Opd(
        "BAPENDA",
        "Badan Pendapatan Daerah",
        "Kepala Badan Pendapatan Daerah",
        ("Bidang Pendataan dan Penetapan", "Bidang Penagihan", "Bidang Pajak Bumi dan Bangunan"),
        1.2,
    ),
    Opd(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        (
            "Bidang Bina Marga",
            "Bidang Sumber Daya Air",
            "Bidang Cipta Karya",
            "Bidang Penataan Ruang",
        ),
        2.0,
    ),
    Opd(
        "DISHUB",
        "Dinas Perhubungan",
        "Kepala Dinas Perhubungan",
        ("Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana"),
        1.4,
    ),
    Opd(
        "DLH",
        "Dinas Lingkungan Hidup",
        "Kepala Dinas Lingkungan Hidup",
        ("Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran"),
        1.6,
    ),
    Opd(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        (
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        ),
        1.2,
    ),
    Opd(
        "DINSOS",
        "Dinas Sosial",
        "Kepala Dinas Sosial",
        (
            "Bidang Rehabilitasi Sosial",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Pemberdayaan Sosial",
        ),
        1.1,
    ),
    Opd(
        "DP3AKB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana",
        "Kepala Dinas P3AKB",
        ("Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak", "Bidang Keluarga Berencana"),
        1.2,
    ),
    Opd(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Kepala DPMPTSP",
        ("Bidang Penanaman Modal", "Bidang Pelayanan Perizinan", "Bidang Pengaduan"),
        1.0,
    ),
    Opd(
        "DISKOMINFO",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "Kepala Dinas Komunikasi dan Informatika",
        (
            "Bidang Informasi dan Komunikasi Publik",
            "Bidang Aplikasi Informatika",
            "Bidang Statistik dan Persandian",
        ),
        1.0,
    ),
    Opd(
        "DISPERKIM",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Kepala Dinas Perumahan dan Kawasan Permukiman",
        ("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"),
        1.0,
    ),
    Opd(
        "DISTAN",
        "Dinas Pertanian",
        "Kepala Dinas Pertanian",
        (
            "Bidang Tanaman Pangan",
            "Bidang Hortikultura",
            "Bidang Penyuluhan",
            "Bidang Prasarana dan Sarana Pertanian",
        ),
        2.2,
    ),
    Opd(
        "DISKAN",
        "Dinas Perikanan",
        "Kepala Dinas Perikanan",
        ("Bidang Perikanan Budidaya", "Bidang Perikanan Tangkap", "Bidang Usaha Perikanan"),
        1.0,
    ),
    Opd(
        "DISPARBUD",
        "Dinas Pariwisata dan Kebudayaan",
        "Kepala Dinas Pariwisata dan Kebudayaan",
        ("Bidang Destinasi Pariwisata", "Bidang Pemasaran", "Bidang Kebudayaan"),
        1.0,
    ),
    Opd(
        "DISPORA",
        "Dinas Pemuda dan Olahraga",
        "Kepala Dinas Pemuda dan Olahraga",
        ("Bidang Kepemudaan", "Bidang Keolahragaan"),
        0.8,
    ),
    Opd(
        "DISNAKER",
        "Dinas Tenaga Kerja dan Transmigrasi",
        "Kepala Dinas Tenaga Kerja dan Transmigrasi",
        ("Bidang Penempatan Tenaga Kerja", "Bidang Hubungan Industrial", "Bidang Transmigrasi"),
        0.9,
    ),
    Opd(
        "DISKOPUKM",
        "Dinas Koperasi dan Usaha Mikro",
        "Kepala Dinas Koperasi dan Usaha Mikro",
        ("Bidang Kelembagaan Koperasi", "Bidang Usaha Mikro"),
        0.8,
    ),
    Opd(
        "DISPERINDAG",
        "Dinas Perindustrian dan Perdagangan",
        "Kepala Dinas Perindustrian dan Perdagangan",
        ("Bidang Perindustrian", "Bidang Perdagangan", "Bidang Metrologi"),
        1.0,
    ),
    Opd(
        "DPMD",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "Kepala Dinas Pemberdayaan Masyarakat dan Desa",
        ("Bidang Pemerintahan Desa", "Bidang Pemberdayaan Masyarakat", "Bidang Keuangan Desa"),
        0.9,
    ),
    Opd(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Kepala Satuan Polisi Pamong Praja",
        (
            "Bidang Penegakan Perundang-undangan Daerah",
            "Bidang Ketertiban Umum",
            "Bidang Perlindungan Masyarakat",
        ),
        1.8,
    ),
    Opd(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "Kepala Pelaksana BPBD",
        (
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ),
        1.0,
    ),
    Opd(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        "Kepala Badan Kesatuan Bangsa dan Politik",
        ("Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri"),
        0.7,
    ),
    Opd(
        "DISARPUS",
        "Dinas Perpustakaan dan Kearsipan",
        "Kepala Dinas Perpustakaan dan Kearsipan",
        ("Bidang Perpustakaan", "Bidang Kearsipan"),
        0.8,
    ),
    Opd(
        "DKP",
        "Dinas Ketahanan Pangan",
        "Kepala Dinas Ketahanan Pangan",
        ("Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"),
        0.8,
    ),
    *(
        Opd(
            f"KEC.{nama.upper()}",
            f"Kecamatan {nama}",
            f"Camat {nama}",
            (
                "Seksi Pemerintahan",
                "Seksi Ketenteraman dan Ketertiban Umum",
                "Seksi Pemberdayaan Masyarakat Desa",
                "Seksi Pelayanan Umum",
            ),
            0.4,
            kecamatan=True,
        )
        for nama in KECAMATAN[1:]
    ),
    Opd(
        "KEC.WANAJAYA",
        "Kecamatan Wanajaya",
        "Camat Wanajaya",
        ("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pelayanan Umum"),
        0.4,
        kecamatan=True,
    ),
    Opd(
        "KEC.PASIRLUHUR",
        "Kecamatan Pasirluhur",
        "Camat Pasirluhur",
        ("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pelayanan Umum"),
        0.4,
        kecamatan=True,
    ),
)

SUBBAGIAN = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan")

# Staff jabatan (name, jenis, kelas) by where they sit.  Several pegawai hold each one.
PELAKSANA = (
    ("Pengadministrasi Perkantoran", 5),
    ("Pengolah Data dan Informasi", 6),
    ("Penata Layanan Operasional", 7),
    ("Pengelola Layanan Operasional", 6),
    ("Operator Layanan Operasional", 5),
)
JF_KANTOR = (
    ("Analis Kebijakan Ahli Muda", 9),
    ("Perencana Ahli Pertama", 8),
    ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 8),
    ("Pranata Komputer Ahli Pertama", 8),
    ("Analis Keuangan Pusat dan Daerah Ahli Muda", 9),
    ("Arsiparis Terampil", 6),
    ("Pranata Hubungan Masyarakat Ahli Pertama", 8),
)
JF_UPT = {
    "sekolah": (("Guru Ahli Pertama", 8), ("Guru Ahli Muda", 9), ("Guru Ahli Madya", 11)),
    "puskesmas": (
        ("Perawat Ahli Pertama", 8),
        ("Bidan Terampil", 7),
        ("Dokter Ahli Pertama", 9),
        ("Tenaga Sanitasi Lingkungan Terampil", 6),
        ("Nutrisionis Ahli Pertama", 8),
    ),
}
NAMA_UPT = {"sekolah": "SD Negeri", "puskesmas": "UPT Puskesmas"}
KEPALA_UPT = {"sekolah": "Kepala SD Negeri", "puskesmas": "Kepala UPT Puskesmas"}
DESA_PUSKESMAS = (
    "Sukamaju",
    "Cibening",
    "Karanganyar",
    "Sumberjaya",
    "Tanjungsari",
    "Mekarsari",
    "Wanajaya",
    "Pasirluhur",
    "Sindangsari",
    "Cikaret",
    "Babakan",
    "Margahayu",
    "Sukadana",
    "Cileungsi",
    "Jatimulya",
    "Gunungsari",
    "Mulyasari",
    "Sirnagalih",
)

NAMA_DEPAN_L = (
    "Agus",
    "Ahmad",
    "Andi",
    "Arief",
    "Bambang",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Hendra",
    "Heri",
    "Imam",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rudi",
    "Slamet",
    "Taufik",
    "Wahyu",
    "Yudi",
    "Zainal",
    "Asep",
    "Ujang",
    "Dadang",
    "Rizki",
    "Fikri",
    "Gilang",
    "Iwan",
    "Surya",
    "Teguh",
    "Bayu",
    "Hadi",
    "Ilham",
)
NAMA_DEPAN_P = (
    "Ani",
    "Dewi",
    "Dian",
    "Eka",
    "Fitri",
    "Indah",
    "Lina",
    "Maya",
    "Nurhayati",
    "Nia",
    "Putri",
    "Rina",
    "Sari",
    "Siti",
    "Sri",
    "Tuti",
    "Wulan",
    "Yuliana",
    "Ayu",
    "Rahmawati",
    "Novi",
    "Anita",
    "Ratna",
    "Intan",
    "Desi",
    "Euis",
    "Neneng",
    "Lilis",
    "Mega",
    "Ratih",
)
NAMA_BELAKANG = (
    "Santoso",
    "Wibowo",
    "Saputra",
    "Hidayat",
    "Kusuma",
    "Pratama",
    "Setiawan",
    "Lestari",
    "Susanti",
    "Gunawan",
    "Nugroho",
    "Permana",
    "Rahayu",
    "Hartono",
    "Marlina",
    "Firmansyah",
    "Suryadi",
    "Wijaya",
    "Kurnia",
    "Maulana",
    "Safitri",
    "Sutrisno",
    "Hakim",
    "Ramadhan",
    "Anggraini",
    "Suherman",
    "Purnama",
    "Syahputra",
    "Handayani",
    "Fauzi",
)
GELAR_BELAKANG = (
    "S.E.",
    "S.Sos.",
    "S.Pd.",
    "S.Kom.",
    "S.H.",
    "S.T.",
    "S.K.M.",
    "A.Md.",
    "S.E., M.M.",
    "S.Pd., M.Pd.",
    "S.IP., M.Si.",
    "S.Kep., Ns.",
    "A.Md.Keb.",
)

GOLONGAN = {
    "jpt": ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)"),
    "administrator": ("Pembina (IV/a)", "Pembina Tingkat I (IV/b)"),
    "pengawas": ("Penata Tingkat I (III/d)", "Penata (III/c)"),
    "fungsional": (
        "Penata Muda (III/a)",
        "Penata Muda Tingkat I (III/b)",
        "Penata (III/c)",
        "Penata Tingkat I (III/d)",
        "Pembina (IV/a)",
    ),
    "pelaksana": (
        "Pengatur Muda (II/a)",
        "Pengatur (II/c)",
        "Pengatur Tingkat I (II/d)",
        "Penata Muda (III/a)",
        "Penata Muda Tingkat I (III/b)",
    ),
}

# RHK and indicator wording by the level of the jabatan; "{unit}" is the unit's name.
RHK = {
    "jpt": (
        "Meningkatnya kualitas layanan {unit} kepada masyarakat",
        "Terwujudnya akuntabilitas kinerja dan keuangan {unit}",
        "Meningkatnya capaian indikator kinerja utama {unit}",
        "Terselenggaranya tata kelola {unit} yang efektif",
    ),
    "administrator": (
        "Terlaksananya program {unit} sesuai rencana kerja",
        "Tersusunnya kebijakan teknis {unit}",
        "Meningkatnya kualitas pembinaan dan pengawasan {unit}",
        "Terkendalinya realisasi anggaran {unit}",
    ),
    "pengawas": (
        "Terlaksananya kegiatan {unit} tepat waktu",
        "Tersusunnya laporan kinerja {unit}",
        "Tertibnya administrasi {unit}",
        "Terlayaninya permohonan masyarakat pada {unit}",
    ),
    "staf": (
        "Tersusunnya dokumen administrasi {unit}",
        "Terlaksananya layanan {unit} sesuai standar",
        "Tersedianya data {unit} yang mutakhir",
        "Terselesaikannya tindak lanjut surat dan disposisi {unit}",
        "Terlaksananya tugas fungsional pada {unit}",
    ),
}
INDIKATOR = (
    ("Persentase {hal} yang diselesaikan tepat waktu", "waktu", "100%"),
    ("Jumlah {hal} yang tersusun", "kuantitas", "12 dokumen"),
    ("Persentase {hal} tanpa revisi", "kualitas", "90%"),
    ("Tingkat kepuasan atas {hal}", "kualitas", "Baik"),
)

URAIAN = {
    "jpt": (
        "Memimpin rapat koordinasi pimpinan",
        "Menandatangani dokumen kebijakan dan surat keluar",
        "Memantau capaian kinerja perangkat daerah",
        "Menerima audiensi dan kunjungan kerja",
        "Mengikuti rapat bersama Bupati",
    ),
    "administrator": (
        "Memimpin rapat evaluasi bidang",
        "Memeriksa dan memaraf konsep surat",
        "Menyusun telaahan staf untuk pimpinan",
        "Mengendalikan pelaksanaan kegiatan bidang",
        "Memverifikasi laporan realisasi anggaran",
    ),
    "pengawas": (
        "Membagi tugas dan memberi arahan kepada staf",
        "Memeriksa laporan kegiatan seksi",
        "Menyusun laporan bulanan seksi",
        "Memantau pelaksanaan kegiatan lapangan",
        "Mengoreksi konsep surat dinas",
    ),
    "staf": (
        "Mengagendakan surat masuk dan keluar",
        "Menginput data ke aplikasi",
        "Menyusun konsep surat dinas",
        "Melayani permohonan masyarakat",
        "Menyusun laporan kegiatan harian",
        "Mengarsipkan dokumen kegiatan",
        "Mengikuti rapat koordinasi",
        "Memverifikasi kelengkapan berkas",
        "Menyiapkan bahan rapat",
        "Memperbarui data pada sistem informasi",
    ),
    "sekolah": (
        "Melaksanakan pembelajaran di kelas",
        "Menyusun modul ajar",
        "Menilai hasil belajar peserta didik",
        "Melaksanakan bimbingan siswa",
        "Menyusun soal asesmen sumatif",
    ),
    "puskesmas": (
        "Melayani pasien rawat jalan",
        "Melaksanakan posyandu balita",
        "Melakukan kunjungan rumah pasien",
        "Mencatat register pelayanan",
        "Melaksanakan imunisasi dasar",
    ),
}
SATUAN = ("dokumen", "laporan", "kegiatan", "berkas", "surat", "data", "orang", "paket")
CATATAN_KEMBALI = (
    "Mohon lengkapi bukti dukung.",
    "Uraian terlalu umum, mohon diperjelas.",
    "Jumlah output tidak sesuai dengan bukti.",
)
