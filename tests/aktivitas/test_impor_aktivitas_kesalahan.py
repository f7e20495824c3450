"""A file with any error is refused as a whole, each error located by row and column."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from aktivitas.services import harian as akt
from aktivitas.services import impor
from aktivitas.services.impor import KOLOM, impor_aktivitas
from tests.aktivitas.conftest import HARI
from tests.aktivitas.test_impor_aktivitas_berhasil import TAUTAN, baris, buat_csv, jumlah

BESOK = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d-%m-%Y")


def baris_baik():
    """Rows 2 and 4 of the sheet; the row under test goes in between (row 3)."""
    return baris(tautan=TAUTAN), baris(mulai="13:00", selesai="14:00", rhk="")


def periksa_ditolak(org, data, nama="aktivitas.csv", **kwargs):
    """The preview lists the errors; the real run writes nothing at all."""
    sebelum = jumlah()
    pratinjau = impor_aktivitas(org.staf, org.staf, data, nama, terapkan=False, **kwargs)
    hasil = impor_aktivitas(org.staf, org.staf, data, nama, terapkan=True, **kwargs)
    assert not pratinjau.berhasil and not hasil.berhasil and not hasil.diterapkan
    assert [str(k) for k in hasil.kesalahan] == [str(k) for k in pratinjau.kesalahan]
    assert jumlah() == sebelum  # Aktivitas, BuktiDukung and Riwayat all unchanged
    return [(k.baris, k.kolom, k.pesan) for k in hasil.kesalahan]


@pytest.mark.parametrize(
    ("ubah", "kolom", "pesan"),
    [
        ({"tanggal": "31-02-2026"}, "A (tanggal)", "“31-02-2026” tidak ada di kalender"),
        ({"tanggal": "kemarin"}, "A (tanggal)", "“kemarin” tidak dikenali"),
        ({"tanggal": "03/11/26"}, "A (tanggal)", "tulis DD-MM-YYYY"),
        ({"tanggal": BESOK, "rhk": ""}, "A (tanggal)", "tidak boleh di masa depan"),
        ({"jam_mulai": "pagi"}, "B (jam_mulai)", "“pagi” tidak dikenali"),
        ({"jam_selesai": "25:00"}, "C (jam_selesai)", "“25:00” tidak ada"),
        (
            {"jam_mulai": "10:00", "jam_selesai": "09:00"},
            "C (jam_selesai)",
            "Jam selesai harus sesudah jam mulai.",
        ),
        (
            {"jam_mulai": "10:00", "jam_selesai": "10:00"},
            "C (jam_selesai)",
            "Jam selesai harus sesudah jam mulai.",
        ),
        ({"jumlah_output": "dua"}, "E (jumlah_output)", "“dua” bukan angka"),
        ({"jumlah_output": "0"}, "E (jumlah_output)", "Jumlah output harus lebih dari nol."),
        ({"jumlah_output": "-1"}, "E (jumlah_output)", "Jumlah output harus lebih dari nol."),
        ({"jumlah_output": "1,255"}, "E (jumlah_output)", "dua angka di belakang koma"),
        ({"jumlah_output": "1e9"}, "E (jumlah_output)", "terlalu besar"),
        ({"rhk": "9"}, "G (rhk)", "RHK nomor 9 tidak ada di SKP yang berlaku pada 11-03-2026"),
        ({"rhk": "T1"}, "G (rhk)", "RHK nomor T1 tidak ada"),
        ({"rhk": "satu"}, "G (rhk)", "Nomor RHK “satu” tidak dikenali"),
        # 2025: he has no SKP then, so no RHK of his can be named.
        ({"tanggal": "11-03-2025"}, "G (rhk)", "Tidak ada SKP yang berlaku pada 11-03-2025"),
        (
            {"bukti_tautan": "drive.google.com/abc"},
            "H (bukti_tautan)",
            "diawali http:// atau https://",
        ),
        (
            {"bukti_tautan": "javascript:alert(1)"},
            "H (bukti_tautan)",
            "diawali http:// atau https://",
        ),
        ({"bukti_tautan": "https://x.go.id/" + "a" * 500}, "H (bukti_tautan)", "terlalu panjang"),
        ({"bukti_tautan": "https://bkn.go.id@contoh.com/"}, "H (bukti_tautan)", "kata sandi"),
        ({"satuan_output": "s" * 51}, "F (satuan_output)", "paling panjang 50 karakter"),
    ],
)
def test_a_bad_cell_is_reported_by_row_and_column(org, rhk_staf, ubah, kolom, pesan):
    pertama, terakhir = baris_baik()
    salah = {**baris(mulai="10:00", selesai="11:00"), **ubah}

    kesalahan = periksa_ditolak(org, buat_csv([pertama, salah, terakhir]))

    assert len(kesalahan) == 1, kesalahan
    assert kesalahan[0][:2] == (3, kolom) and pesan in kesalahan[0][2]


@pytest.mark.parametrize(
    ("kosong", "kolom", "pesan"),
    [
        ("tanggal", "A (tanggal)", "Tanggal wajib diisi."),
        ("jam_mulai", "B (jam_mulai)", "Jam mulai wajib diisi."),
        ("jam_selesai", "C (jam_selesai)", "Jam selesai wajib diisi."),
        ("uraian", "D (uraian)", "Uraian kegiatan wajib diisi."),
        ("jumlah_output", "E (jumlah_output)", "Jumlah output wajib diisi."),
        ("satuan_output", "F (satuan_output)", "Satuan output wajib diisi"),
    ],
)
def test_a_missing_required_field_is_reported(org, rhk_staf, kosong, kolom, pesan):
    pertama, terakhir = baris_baik()
    salah = {**baris(mulai="10:00", selesai="11:00"), kosong: "  "}

    kesalahan = periksa_ditolak(org, buat_csv([pertama, salah, terakhir]))

    assert [(b, k) for b, k, _ in kesalahan] == [(3, kolom)] and pesan in kesalahan[0][2]


def test_overlap_with_an_activity_already_saved(org, rhk_staf):
    akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=HARI,
            jam_mulai=dt.time(10, 30),
            jam_selesai=dt.time(12),
            uraian="Rapat evaluasi",
            jumlah_output=Decimal(1),
            satuan_output="kegiatan",
        ),
        "1" * 32,
    )
    pertama, terakhir = baris_baik()

    kesalahan = periksa_ditolak(
        org, buat_csv([pertama, baris(mulai="10:00", selesai="11:00"), terakhir])
    )

    assert kesalahan == [
        (
            3,
            "B (jam_mulai)",
            "Waktu ini bertumpang tindih dengan aktivitas 10:30–12:00: Rapat evaluasi",
        ),
    ]


def test_overlap_between_rows_of_the_file(org, rhk_staf):
    rows = [baris(), baris(mulai="09:00", selesai="10:00"), baris(mulai="08:30", selesai="09:15")]

    kesalahan = periksa_ditolak(org, buat_csv(rows))

    # Back-to-back rows (08–09, 09–10) are fine; the third overlaps the first, reported once.
    assert kesalahan == [
        (
            4,
            "B (jam_mulai)",
            "Waktu ini bertumpang tindih dengan baris 2 (08:00–09:00) di berkas ini.",
        ),
    ]


def test_several_errors_are_all_listed_in_sheet_order(org, rhk_staf):
    rows = [baris(tanggal="kemarin"), baris(mulai="10:00", selesai="11:00", jumlah="0", rhk="7")]

    kesalahan = periksa_ditolak(org, buat_csv(rows))

    assert [(b, k) for b, k, _ in kesalahan] == [
        (2, "A (tanggal)"),
        (3, "E (jumlah_output)"),
        (3, "G (rhk)"),
    ]


def test_too_many_rows(org, rhk_staf):
    rows = [baris(rhk="", mulai="08:00", selesai="08:01")] * (impor.MAKS_BARIS + 1)

    kesalahan = periksa_ditolak(org, buat_csv(rows))

    assert len(kesalahan) == 1 and f"lebih dari {impor.MAKS_BARIS} baris" in kesalahan[0][2]


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("aktivitas.pdf", b"%PDF-1.4 ...", "harus berformat CSV (.csv) atau Excel (.xlsx)"),
        ("aktivitas.xls", b"\xd0\xcf\x11\xe0", "Berkas .xls (Excel lama) tidak didukung"),
        ("aktivitas.xlsx", b"tanggal,jam_mulai\n", "bukan berkas Excel (.xlsx) yang sah"),
        (
            "aktivitas.csv",
            "tanggal;uraian\n11-03-2026;Rapat di café\n".encode("cp1252"),
            "harus berenkode UTF-8",
        ),
        ("aktivitas.csv", b"", "Berkas kosong."),
        ("aktivitas.csv", ",".join(KOLOM).encode(), "hanya ada baris judul kolom"),
    ],
)
def test_a_file_that_cannot_be_used(org, rhk_staf, nama, data, pesan):
    kesalahan = periksa_ditolak(org, data, nama)

    assert len(kesalahan) == 1 and pesan in kesalahan[0][2]


def test_a_mapping_that_does_not_fit_the_file(org, rhk_staf):
    pemetaan = dict(zip(KOLOM[:6], [0, 1, 2, 3, 4, 40]))

    kesalahan = periksa_ditolak(org, buat_csv([baris()]), pemetaan=pemetaan)

    assert kesalahan[0][0] == 1 and "satuan_output" in kesalahan[0][2]


def test_xlsx_errors_name_the_users_own_columns(org, rhk_staf):
    buku = openpyxl.Workbook()
    buku.active.append(["Tgl", "Mulai", "Selesai", "Kegiatan", "Volume", "Satuan"])
    buku.active.append([dt.datetime(2026, 3, 11), "10:00", "09:00", "Rapat", 1, "kegiatan"])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    pemetaan = dict(zip(KOLOM[:6], range(6)))

    kesalahan = periksa_ditolak(org, keluaran.getvalue(), "a.xlsx", pemetaan=pemetaan)

    assert kesalahan == [(2, "C (Selesai)", "Jam selesai harus sesudah jam mulai.")]


def test_a_refusal_while_writing_rolls_back_the_rows_already_written(org, rhk_staf, monkeypatch):
    """If the data changes between our check and the write, the entry service's own check
    refuses the row: everything written before it in the same file is rolled back."""
    akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=HARI,
            jam_mulai=dt.time(10, 30),
            jam_selesai=dt.time(12),
            uraian="Disimpan di tab lain",
            jumlah_output=Decimal(1),
            satuan_output="kegiatan",
        ),
        "2" * 32,
    )
    # As if that entry had been saved after our check ran.
    monkeypatch.setattr(impor._Pemeriksaan, "_tumpang_tindih", lambda self, baris, tanggal: None)
    sebelum = jumlah()
    pertama, terakhir = baris_baik()
    rows = [pertama, baris(mulai="10:00", selesai="11:00"), terakhir]

    hasil = impor_aktivitas(org.staf, org.staf, buat_csv(rows), "a.csv", terapkan=True)

    assert not hasil.diterapkan and hasil.dibuat == 0
    assert [(k.baris, k.kolom) for k in hasil.kesalahan] == [(3, "B (jam_mulai)")]
    assert "Disimpan di tab lain" in hasil.kesalahan[0].pesan
    assert jumlah() == sebelum
