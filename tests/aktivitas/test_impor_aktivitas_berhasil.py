"""A pegawai (or his unit's operator) imports a spreadsheet of daily activities."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.services import harian as akt
from aktivitas.services.impor import KOLOM, impor_aktivitas, kunci_baris
from pegawai.models import Riwayat
from skp.models import RencanaHasilKerja
from skp.services import penyusunan as skp_services
from tests.aktivitas.conftest import HARI
from tests.factories import OperatorUnitFactory, PegawaiFactory, PenugasanFactory

TAUTAN = "https://drive.example.go.id/notula.pdf"


def baris(
    tanggal="11-03-2026",
    mulai="08:00",
    selesai="09:00",
    uraian="Mengarsip laporan surveilans",
    jumlah="2",
    satuan="laporan",
    rhk="1",
    tautan="",
):
    return dict(zip(KOLOM, (tanggal, mulai, selesai, uraian, jumlah, satuan, rhk, tautan)))


def berkas_dasar():
    """Three activities on HARI (utama 1, tambahan T1, a tugas tambahan) with one link."""
    return [
        baris(tautan=TAUTAN),
        baris(
            mulai="09:00",
            selesai="10:30",
            uraian="Rapat koordinasi",
            rhk="T1",
            jumlah="1",
            satuan="kegiatan",
        ),
        baris(
            tanggal="2026-03-11",
            mulai="13.00",
            selesai="14.00",
            uraian="Piket",
            rhk="",
            jumlah="1,5",
            satuan="jam",
        ),
    ]


def buat_csv(rows, kepala=KOLOM, pemisah=",", bom=False) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=pemisah, lineterminator="\r\n")
    penulis.writerow(kepala)
    for r in rows:
        penulis.writerow([r.get(k, "") for k in KOLOM] if isinstance(r, dict) else r)
    return (("\ufeff" if bom else "") + keluaran.getvalue()).encode("utf-8")


def buat_xlsx(rows, kepala=KOLOM) -> bytes:
    """Rows as a user's Excel holds them: real date and time cells, numbers as numbers."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(list(kepala))
    for r in rows:
        lembar.append(r if isinstance(r, list) else [r[k] for k in KOLOM])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def jumlah():
    return Aktivitas.objects.count(), BuktiDukung.objects.count(), Riwayat.objects.count()


@pytest.fixture
def rhk_tambahan(skp_staf, org):
    return skp_services.simpan_rhk(
        org.staf,
        RencanaHasilKerja(skp=skp_staf, jenis=RencanaHasilKerja.Jenis.TAMBAHAN, teks="Piket"),
    )


def test_xlsx_with_date_and_time_cells_is_imported(org, rhk_staf, rhk_tambahan):
    data = buat_xlsx(
        [
            [
                dt.datetime(2026, 3, 11),
                dt.time(8, 0),
                dt.time(9, 0),
                "Mengarsip",
                2,
                "laporan",
                1,
                TAUTAN,
            ],
            # Excel keeps times as fractions of a day, not always exactly (10:30 here).
            [dt.date(2026, 3, 11), 0.375, 0.4374999999, "Rapat", 1.5, "kegiatan", "T1", None],
        ]
    )

    pratinjau = impor_aktivitas(org.staf, org.staf, data, "aktivitas.xlsx", terapkan=False)

    assert pratinjau.berhasil, [str(k) for k in pratinjau.kesalahan]
    assert Aktivitas.objects.count() == 0  # a preview writes nothing
    hasil = impor_aktivitas(org.staf, org.staf, data, "aktivitas.xlsx", terapkan=True)

    assert hasil.diterapkan and hasil.dibuat == 2
    pertama, kedua = Aktivitas.objects.order_by("jam_mulai")
    assert (pertama.tanggal, pertama.jam_mulai, pertama.jam_selesai) == (
        HARI,
        dt.time(8),
        dt.time(9),
    )
    assert pertama.rhk == rhk_staf and pertama.skp == rhk_staf.skp
    assert (kedua.jam_mulai, kedua.jam_selesai) == (dt.time(9), dt.time(10, 30))
    assert kedua.rhk == rhk_tambahan and kedua.jumlah_output == Decimal("1.5")
    assert pertama.bukti.get().tautan == TAUTAN and not kedua.bukti.exists()


def test_csv_with_bom_semicolons_and_both_date_formats(org, rhk_staf, rhk_tambahan):
    data = buat_csv(berkas_dasar(), pemisah=";", bom=True)

    hasil = impor_aktivitas(org.staf, org.staf, data, "aktivitas.csv", terapkan=True)

    assert hasil.diterapkan, [str(k) for k in hasil.kesalahan]
    tersimpan = {a.uraian: a for a in Aktivitas.objects.all()}
    assert tersimpan["Mengarsip laporan surveilans"].rhk == rhk_staf
    assert tersimpan["Rapat koordinasi"].rhk == rhk_tambahan
    piket = tersimpan["Piket"]
    assert piket.rhk is None and piket.jumlah_output == Decimal("1.5")
    assert (piket.jam_mulai, piket.jam_selesai) == (dt.time(13), dt.time(14))
    assert BuktiDukung.objects.get().aktivitas == tersimpan["Mengarsip laporan surveilans"]


def test_each_row_goes_through_the_entry_service_with_history(org, rhk_staf, rhk_tambahan):
    hasil = impor_aktivitas(org.staf, org.staf, buat_csv(berkas_dasar()), "a.csv", terapkan=True)

    assert hasil.dibuat == 3
    for i, a in enumerate(Aktivitas.objects.order_by("jam_mulai")):
        assert a.diisi_oleh == org.staf and a.status == Aktivitas.Status.MENUNGGU
        assert a.penilai == org.kasi  # the pejabat penilai on that date, as the form sets it
        assert a.kunci == kunci_baris(hasil.sha256, i + 2)
    dicatat = Riwayat.objects.filter(aksi="aktivitas.dicatat")
    assert dicatat.count() == 3 and {r.sebagai for r in dicatat} == {Riwayat.Sebagai.SENDIRI}
    ringkasan = Riwayat.objects.get(aksi="aktivitas.diimpor")
    assert ringkasan.data["dibuat"] == 3 and ringkasan.data["sha256"] == hasil.sha256


def test_lateness_is_computed_per_row(org, rhk_staf):
    hari_ini = timezone.localdate()
    rows = [
        baris(),  # 11-03-2026: long past
        baris(tanggal=hari_ini.strftime("%d-%m-%Y"), rhk=""),  # today: on time
    ]

    hasil = impor_aktivitas(org.staf, org.staf, buat_csv(rows), "a.csv", terapkan=False)

    assert [b.terlambat for b in hasil.baris] == [True, False]
    impor_aktivitas(org.staf, org.staf, buat_csv(rows), "a.csv", terapkan=True)
    assert dict(Aktivitas.objects.values_list("tanggal", "terlambat")) == {
        HARI: True,
        hari_ini: False,
    }


def test_confirming_the_same_file_twice_creates_nothing_new(org, rhk_staf, rhk_tambahan):
    data = buat_csv(berkas_dasar())
    impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=True)
    sebelum = jumlah()

    pratinjau = impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=False)
    kedua = impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=True)

    # Not refused as overlapping with itself: recognised as already imported.
    assert pratinjau.berhasil and pratinjau.sudah_ada == 3 and pratinjau.baru == 0
    assert kedua.diterapkan and kedua.dibuat == 0 and kedua.sudah_ada == 3
    assert jumlah() == sebelum


def test_operator_imports_for_an_asn_of_his_unit(org, rhk_staf):
    hasil = impor_aktivitas(org.operator, org.staf, buat_csv([baris()]), "a.csv", terapkan=True)

    a = Aktivitas.objects.get()
    assert hasil.dibuat == 1 and a.pegawai == org.staf and a.diisi_oleh == org.operator
    assert a.diisi_operator
    r = Riwayat.objects.get(aksi="aktivitas.dicatat")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, Riwayat.Sebagai.OPERATOR)
    assert Riwayat.objects.get(aksi="aktivitas.diimpor").sebagai == Riwayat.Sebagai.OPERATOR


@pytest.mark.parametrize("siapa", ["operator_lain", "kasi", "admin"])
def test_others_may_not_import_for_him(org, rhk_staf, siapa):
    if siapa == "operator_lain":
        aktor = PegawaiFactory(instansi=org.instansi, unit_kerja=org.unit_lain)
        OperatorUnitFactory(pegawai=aktor, unit=org.unit_lain)
    else:
        aktor = getattr(org, siapa)
    sebelum = jumlah()

    with pytest.raises(PermissionDenied):
        impor_aktivitas(aktor, org.staf, buat_csv([baris()]), "a.csv", terapkan=True)

    assert jumlah() == sebelum


def test_template_headers_are_recognised_loosely_and_other_columns_ignored(org, rhk_staf):
    kepala = [
        "No",
        "Tanggal",
        "Jam Mulai",
        "JAM-SELESAI",
        " uraian ",
        "Jumlah Output",
        "satuan output",
        "RHK",
        "Bukti Tautan",
        "Catatan",
    ]
    data = buat_csv([["1", *baris().values(), "abaikan"]], kepala=kepala)

    hasil = impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=True)

    assert not hasil.perlu_pemetaan and hasil.dibuat == 1


def test_other_headers_are_imported_with_the_chosen_mapping(org, rhk_staf):
    kepala = ["Tgl", "Mulai", "Selesai", "Kegiatan", "Volume", "Satuan", "No RHK"]
    data = buat_csv([["11/03/2026", "8:00", "9:30", "Mengarsip", "3", "berkas", "1"]], kepala)

    tanpa = impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=False)
    pemetaan = dict(
        zip(
            [
                "tanggal",
                "jam_mulai",
                "jam_selesai",
                "uraian",
                "jumlah_output",
                "satuan_output",
                "rhk",
            ],
            range(7),
        )
    )
    hasil = impor_aktivitas(org.staf, org.staf, data, "a.csv", terapkan=True, pemetaan=pemetaan)

    assert tanpa.perlu_pemetaan and tanpa.kepala == kepala and not tanpa.baris
    assert hasil.dibuat == 1
    a = Aktivitas.objects.get()
    assert (a.tanggal, a.jam_selesai, a.rhk, a.jumlah_output) == (
        HARI,
        dt.time(9, 30),
        rhk_staf,
        Decimal(3),
    )


def test_rhk_numbers_follow_the_skp_in_force_on_each_date(org, rhk_staf, skp_staf):
    """A pegawai who changed jabatan mid-year: "1" in March is another RHK than in July."""
    skp_services.simpan_rhk(org.staf, RencanaHasilKerja(skp=skp_staf, teks="Laporan kedua"))
    periode = skp_staf.periode
    org.staf.penugasan.update(selesai=dt.date(2026, 6, 30))
    PenugasanFactory(pegawai=org.staf, jabatan=org.jab_jf, mulai=dt.date(2026, 7, 1))
    baru = skp_services.buat_skp(org.staf, org.staf, periode, tanggal=dt.date(2026, 7, 1))
    rhk_juli = skp_services.simpan_rhk(org.staf, RencanaHasilKerja(skp=baru, teks="Kajian"))
    rows = [
        baris(rhk="2"),
        baris(tanggal="15-07-2026", rhk="1"),
        baris(tanggal="16-07-2026", rhk="2"),
    ]

    hasil = impor_aktivitas(org.staf, org.staf, buat_csv(rows), "a.csv", terapkan=False)

    assert [b.rhk.teks if b.rhk else None for b in hasil.baris] == ["Laporan kedua", "Kajian", None]
    assert [k.baris for k in hasil.kesalahan] == [4]
    assert "nomor yang ada: 1" in hasil.kesalahan[0].pesan
    assert rhk_juli.skp == baru


def test_validation_reads_a_fixed_number_of_queries(org, rhk_staf):
    """Checking 10 or 300 rows costs the same queries (no per-row SKP/RHK/overlap lookup)."""

    def kueri(n: int) -> int:
        rows = [
            baris(
                tanggal=(HARI - dt.timedelta(days=i // 8)).strftime("%d-%m-%Y"),
                mulai=f"{8 + i % 8:02d}:00",
                selesai=f"{8 + i % 8:02d}:45",
            )
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as c:
            hasil = impor_aktivitas(org.staf, org.staf, buat_csv(rows), "a.csv", terapkan=False)
        assert hasil.berhasil, [str(k) for k in hasil.kesalahan][:3]
        return len(c.captured_queries)

    akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=HARI - dt.timedelta(days=20),
            jam_mulai=dt.time(7),
            jam_selesai=dt.time(8),
            uraian="Lain",
            jumlah_output=Decimal(1),
            satuan_output="x",
        ),
        "0" * 32,
    )

    assert kueri(300) == kueri(10) <= 12
