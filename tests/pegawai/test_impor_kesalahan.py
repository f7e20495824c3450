"""A file with errors is refused as a whole, each error reported by row and column."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from pegawai.services import impor
from pegawai.services.impor import KOLOM, KOLOM_WAJIB, MAKS_BARIS, impor_pegawai
from tests.factories import InstansiFactory, PegawaiFactory, PenugasanFactory
from tests.pegawai.test_impor_berhasil import (
    baris,
    berkas_dasar,
    buat_csv,
    buat_xlsx,
    jumlah,
    kecamatan,
    nip,
)


def tolak(org, data: bytes, nama: str = "pegawai.csv", aktor=None) -> list:
    """Import for real; assert it was refused and wrote nothing; return the errors."""
    sebelum = jumlah()
    hasil = impor_pegawai(aktor or org.admin, org.instansi, data, nama, terapkan=True)
    assert not hasil.berhasil and not hasil.diterapkan
    assert jumlah() == sebelum
    return hasil.kesalahan


def satu(kesalahan: list, baris_: int | None, kolom: str, potongan: str) -> None:
    """Exactly one error at that place, whose message contains ``potongan``."""
    cocok = [k for k in kesalahan if (k.baris, k.kolom) == (baris_, kolom)]
    assert len(cocok) == 1, kesalahan
    assert potongan in cocok[0].pesan, cocok[0].pesan


# --- the file as a whole ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("pegawai.pdf", b"%PDF-1.4", "CSV (.csv) atau Excel (.xlsx)"),
        ("pegawai.xls", b"\xd0\xcf\x11\xe0", ".xls (Excel lama) tidak didukung"),
        ("pegawai.xlsx", b"bukan zip sama sekali", "bukan berkas Excel"),
        ("pegawai.xlsx", b"PK\x03\x04rusak", "tidak dapat dibaca"),
        ("pegawai.csv", b"", "Berkas kosong"),
        ("pegawai.csv", b"\n\n", "Berkas kosong"),
        ("pegawai.csv", "nip;nama\né".encode("latin-1"), "UTF-8"),
    ],
)
def test_unreadable_files(org, nama, data, pesan):
    kesalahan = tolak(org, data, nama)
    assert len(kesalahan) == 1 and kesalahan[0].baris is None
    assert pesan in kesalahan[0].pesan


def test_header_only_is_empty(org):
    kesalahan = tolak(org, buat_csv([]))
    assert "hanya ada baris judul" in kesalahan[0].pesan


def test_file_too_large(org, settings):
    settings.IMPORT_MAX_BYTES = 200
    kesalahan = tolak(org, buat_csv(berkas_dasar()))
    assert "terlalu besar" in kesalahan[0].pesan


def test_more_than_20000_rows(org):
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran)
    penulis.writerow(KOLOM)
    contoh = [berkas_dasar()[2][k] for k in KOLOM]
    penulis.writerows([contoh] * (MAKS_BARIS + 1))
    kesalahan = tolak(org, keluaran.getvalue().encode())
    assert len(kesalahan) == 1 and "lebih dari 20.000 baris" in kesalahan[0].pesan


def test_missing_unknown_and_duplicate_headers(org):
    kolom = [k for k in KOLOM if k != "nip_atasan"] + ["unit", "NIP"]
    kesalahan = tolak(org, buat_csv(berkas_dasar(), kolom=kolom))
    assert len(kesalahan) == 1 and kesalahan[0].baris == 1
    pesan = kesalahan[0].pesan
    assert "tidak ada: nip_atasan" in pesan
    assert "tidak dikenal: unit" in pesan and "ganda: nip" in pesan


# --- one row's cells ----------------------------------------------------------------------
@pytest.mark.parametrize("kolom", KOLOM_WAJIB)
def test_missing_required_field(org, kolom):
    rows = berkas_dasar()
    rows[1][kolom] = ""
    satu(tolak(org, buat_csv(rows)), 3, kolom, "Wajib diisi")


@pytest.mark.parametrize(
    ("kolom", "nilai", "pesan"),
    [
        ("nip", "19761302201001100A", "hanya boleh berisi angka"),
        ("nip", "197613022010011002", "bukan tanggal lahir"),
        ("nip", "1976050220100110", "harus 18 digit"),
        ("nip", "1.97605022010011E+17", "tertulis sebagai angka"),
        ("nip", "1,97605E+17", "tertulis sebagai angka"),
        ("jenis_kelamin", "P", "tidak sesuai dengan digit ke-15"),
        ("jenis_kelamin", "X", "“X” tidak dikenal"),
        ("status_kepegawaian", "Honorer", "“Honorer” tidak dikenal"),
        ("jenis_jabatan", "Direktur", "JPT Pratama"),
        ("status", "mutasi", "“mutasi” tidak dikenal"),
        ("email", "bukan-email", "e-mail tidak valid"),
        ("nama", "x" * 201, "Terlalu panjang"),
        ("nip_atasan", "1.97605E+17", "tertulis sebagai angka"),
    ],
)
def test_bad_value_in_a_cell(org, kolom, nilai, pesan):
    rows = berkas_dasar()
    rows[2][kolom] = nilai
    tempat = "nip" if kolom == "jenis_kelamin" and nilai == "P" else kolom
    satu(tolak(org, buat_csv(rows)), 4, tempat, pesan)


def test_pppk_nip_is_checked_for_length_only(org):
    rows = berkas_dasar()
    rows[2].update(status_kepegawaian="PPPK", nip="199001012024211001")
    assert impor_pegawai(org.admin, org.instansi, buat_csv(rows), "a.csv", terapkan=False).berhasil
    rows[2]["nip"] = "12345"
    satu(tolak(org, buat_csv(rows)), 4, "nip", "harus 18 digit")


def test_nip_stored_as_a_number_in_xlsx(org):
    rows = berkas_dasar()
    rows[0]["nip"] = int(rows[0]["nip"])  # openpyxl, like Excel, keeps 15 digits of it
    kesalahan = tolak(org, buat_xlsx(rows), "pegawai.xlsx")
    satu(kesalahan, 2, "nip", "tertulis sebagai angka")
    assert "Format kolom ini sebagai Teks" in str(kesalahan[0])


# --- rows against each other and against the database -------------------------------------
def test_duplicate_nip(org):
    rows = berkas_dasar()
    rows.append(dict(rows[1], nama="Kembar"))
    satu(tolak(org, buat_csv(rows)), 6, "nip", "sudah ada pada baris 3")


def test_nip_of_another_instansi(org):
    rows = berkas_dasar()
    rows[2]["nip"] = org.orang_lain.nip
    satu(tolak(org, buat_csv(rows)), 4, "nip", "instansi lain")


def test_unknown_parent_unit(org):
    rows = berkas_dasar()
    rows[1]["kode_unit_induk"] = "TIDAK.ADA"
    satu(tolak(org, buat_csv(rows)), 3, "kode_unit_induk", "“TIDAK.ADA” tidak ada di berkas")


def test_parent_unit_from_the_database_is_fine(org):
    rows = berkas_dasar()
    rows[0]["kode_unit_induk"] = org.dinas.kode
    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "a.csv", terapkan=True)
    assert hasil.berhasil, hasil.kesalahan


def test_same_unit_with_two_names_or_parents(org):
    rows = berkas_dasar()
    rows[2]["nama_unit"] = "Sekretariat Badan"
    rows[3]["kode_unit_induk"] = org.dinas.kode
    kesalahan = tolak(org, buat_csv(rows))
    satu(kesalahan, 4, "nama_unit", "sudah bernama “Sekretariat” pada baris 3")
    satu(kesalahan, 5, "kode_unit_induk", "sudah berinduk “BU” pada baris 3")


def test_unit_cycle_in_the_file(org):
    rows = berkas_dasar()
    for r in rows:
        r["kode_unit_induk"] = "BU.SEK" if r["kode_unit"] == "BU" else "BU"
    satu(tolak(org, buat_csv(rows)), 2, "kode_unit_induk", "lingkaran: BU → BU.SEK → BU")


def test_unit_cycle_through_the_database(org):
    """The file puts the dinas under its own seksi (known from the database)."""
    rows = berkas_dasar()
    rows[0].update(kode_unit=org.dinas.kode, nama_unit=org.dinas.nama)
    rows[0]["kode_unit_induk"] = org.seksi.kode
    kesalahan = tolak(org, buat_csv(rows))
    satu(kesalahan, 2, "kode_unit_induk", "lingkaran")


def test_atasan_not_found(org):
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = nip(99)
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", f"NIP {nip(99)} tidak ada")


def test_atasan_of_another_instansi_is_not_found(org):
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = org.orang_lain.nip
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", "tidak ada di berkas")


def test_atasan_must_be_active(org):
    rows = berkas_dasar()
    rows[1]["status"] = "meninggal"
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", "berstatus Meninggal")


def test_atasan_without_a_jabatan(org):
    tanpa = PegawaiFactory(nip=nip(70), instansi=org.instansi)
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = tanpa.nip
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", "tidak memegang jabatan definitif")


def test_atasan_is_himself(org):
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = rows[2]["nip"]
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", "pegawai itu sendiri")


def test_blank_atasan_only_for_jpt(org):
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = ""
    satu(tolak(org, buat_csv(rows)), 4, "nip_atasan", "Wajib diisi untuk jabatan selain JPT")


def test_atasan_cycle_of_two(org):
    rows = berkas_dasar()
    rows[2]["nip_atasan"] = rows[3]["nip"]
    rows[3]["nip_atasan"] = rows[2]["nip"]
    kesalahan = tolak(org, buat_csv(rows))
    satu(kesalahan, 4, "nip_atasan", "lingkaran")
    assert f"{nip(3)} (baris 4) → {nip(4, 'P')} (baris 5) → {nip(3)} (baris 4)" in str(kesalahan[0])


def test_atasan_cycle_of_three(org):
    rows = berkas_dasar()
    rows[1]["nip_atasan"] = rows[3]["nip"]  # sekretaris ← staf dua ← staf satu ← sekretaris
    rows[3]["nip_atasan"] = rows[2]["nip"]
    satu(tolak(org, buat_csv(rows)), 3, "nip_atasan", "lingkaran")


def test_atasan_cycle_through_the_database(org):
    """The kepala dinas is put under his own kasi, whose chain (in the DB) leads back."""
    row = baris(
        org.kadis.nip,
        org.kadis.nama,
        org.dinas.kode,
        org.dinas.nama,
        org.jab_kadis.nama,
        "JPT Pratama",
        nip_atasan=org.kasi.nip,
    )
    satu(tolak(org, buat_csv([row])), 2, "nip_atasan", "melalui jabatan")


def test_admin_cannot_retire_himself(org):
    row = baris(
        org.admin.nip, org.admin.nama, "BU", "Badan Uji", "Kepala", "JPT Pratama", status="pensiun"
    )
    satu(tolak(org, buat_csv([row])), 2, "status", "akun Anda sendiri")


def test_future_assignment_blocks_a_move(org, hari_ini):
    baru = PegawaiFactory(nip=nip(80), instansi=org.instansi)
    PenugasanFactory(pegawai=baru, jabatan=org.jab_jf, mulai=hari_ini + dt.timedelta(days=10))
    row = baris(
        baru.nip,
        baru.nama,
        org.seksi.kode,
        org.seksi.nama,
        "Analis",
        "Pelaksana",
        nip_atasan=org.kasi.nip,
        kode_unit_induk=org.bidang.kode,
    )
    satu(tolak(org, buat_csv([row])), 2, "jabatan", "baru mulai")


def test_every_error_is_reported_at_once(org):
    rows = berkas_dasar()
    rows[0]["email"] = "salah"
    rows[2]["jenis_kelamin"] = "?"
    rows[3]["nip_atasan"] = nip(98)
    kesalahan = tolak(org, buat_csv(rows))
    assert [(k.baris, k.kolom) for k in kesalahan] == [
        (2, "email"),
        (4, "jenis_kelamin"),
        (5, "nip_atasan"),
    ]


def test_xlsx_errors_use_spreadsheet_row_numbers(org):
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(list(KOLOM))
    rows = berkas_dasar()
    rows[1]["jenis_jabatan"] = "Direktur"
    lembar.append([rows[0][k] or None for k in KOLOM])
    lembar.append([])  # a blank row in the middle keeps its number
    lembar.append([rows[1][k] or None for k in KOLOM])
    data = io.BytesIO()
    buku.save(data)
    satu(tolak(org, data.getvalue(), "x.xlsx"), 4, "jenis_jabatan", "Direktur")


def test_failure_while_applying_rolls_everything_back(org, monkeypatch):
    """A clash found only while writing undoes the units, pegawai and endings already written."""

    def bentrok(penugasan):
        raise ValidationError({"mulai": "Jabatan ini sudah diisi."})

    monkeypatch.setattr(impor, "periksa_penugasan", bentrok)
    rows = berkas_dasar()
    rows.append(
        baris(
            org.staf.nip,
            org.staf.nama,
            "BU.SEK",
            "Sekretariat",
            "Analis",
            "Pelaksana",
            nip_atasan=nip(2),
            kode_unit_induk="BU",
        )
    )
    kesalahan = tolak(org, buat_csv(rows))
    satu(kesalahan, 6, "jabatan", "sudah diisi")


def test_only_one_non_jpt_top(db):
    instansi = InstansiFactory(kode="KEC")
    admin = PegawaiFactory(nip=nip(200), instansi=instansi, is_admin_instansi=True)
    rows = kecamatan()
    rows[1]["nip_atasan"] = ""
    sebelum = jumlah()
    hasil = impor_pegawai(admin, instansi, buat_csv(rows), "a.csv", terapkan=True)
    assert jumlah() == sebelum
    satu(hasil.kesalahan, 3, "nip_atasan", "Wajib diisi untuk jabatan selain JPT")


def test_xlsx_that_unpacks_to_far_more_than_its_size(org, settings):
    rows = berkas_dasar() + [dict(berkas_dasar()[2], nama="x" * 30_000) for _ in range(40)]
    data = buat_xlsx(rows, kolom=KOLOM)
    settings.IMPORT_MAX_BYTES = len(data)  # the file itself is within the limit
    kesalahan = tolak(org, data, "bom.xlsx")
    assert len(kesalahan) == 1 and "terlalu besar setelah dibuka" in kesalahan[0].pesan
