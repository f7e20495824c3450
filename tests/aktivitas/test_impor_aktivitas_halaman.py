"""The "Impor aktivitas" page: upload, map the columns, preview, confirm; the templates."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services.impor import KOLOM, impor_aktivitas, templat_csv, templat_xlsx
from aktivitas.views.impor import SESI
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI
from tests.aktivitas.test_impor_aktivitas_berhasil import (
    TAUTAN,
    baris,
    buat_csv,
    buat_xlsx,
    jumlah,
)
from tests.factories import OperatorUnitFactory, PegawaiFactory

URL = reverse("aktivitas_impor")
TERAPKAN = reverse("aktivitas_impor_terapkan")


def templat(fmt):
    return reverse("aktivitas_impor_templat", args=[fmt])


TOMBOL_SIMPAN = f'action="{TERAPKAN}"'  # the confirmation form


def unggah(client, data: bytes, nama: str = "aktivitas.csv", url: str = URL):
    return client.post(url, {"berkas": SimpleUploadedFile(nama, data)})


def tiga_baris():
    return [
        baris(tautan=TAUTAN),
        baris(mulai="09:00", selesai="10:00", uraian="Rapat koordinasi", rhk=""),
        baris(mulai="10:00", selesai="11:00", uraian="Menyusun notula", rhk=""),
    ]


@pytest.fixture
def staf_client(client, org, rhk_staf):
    client.force_login(org.staf)
    return client


@pytest.fixture
def superuser(db):
    return PegawaiFactory(nama="Root", is_superuser=True, is_staff=True, instansi=None)


# --- who gets in ----------------------------------------------------------------------------
def test_anonymous_is_sent_to_login(client, db):
    for url in (URL, templat("xlsx")):
        respons = client.get(url)
        assert respons.status_code == 302 and reverse("masuk") in respons["Location"]
    assert client.post(TERAPKAN).status_code == 302


@pytest.mark.parametrize("siapa", ["staf", "kasi", "operator", "admin", "orang_lain", "root"])
def test_everyone_logged_in_imports_his_own_activities(client, org, superuser, siapa):
    client.force_login(superuser if siapa == "root" else getattr(org, siapa))

    respons = client.get(URL)

    assert respons.status_code == 200
    assert 'enctype="multipart/form-data"' in respons.text and 'name="berkas"' in respons.text
    assert templat("xlsx") in respons.text and "sebagai operator" not in respons.text
    assert client.get(templat("csv")).status_code == 200
    # Nothing previewed: the confirmation has nothing to write.
    assert client.post(TERAPKAN, {"sha256": "a" * 64}).status_code == 302


@pytest.mark.parametrize(
    ("siapa", "kode"),
    [
        ("staf", 200),
        ("operator", 200),
        ("kasi", 403),
        ("admin", 403),
        ("root", 403),
        ("orang_lain", 404),
        ("operator_lain", 404),
    ],
)
def test_only_he_and_his_units_operator_import_for_him(client, org, superuser, siapa, kode):
    if siapa == "operator_lain":
        user = PegawaiFactory(instansi=org.instansi, unit_kerja=org.unit_lain)
        OperatorUnitFactory(pegawai=user, unit=org.unit_lain)
    else:
        user = superuser if siapa == "root" else getattr(org, siapa)
    client.force_login(user)
    qs = f"?pegawai={org.staf.pk}"
    sebelum = jumlah()

    assert client.get(URL + qs).status_code == kode
    assert client.get(templat("xlsx") + qs).status_code == kode
    assert unggah(client, buat_csv([baris(rhk="")]), url=URL + qs).status_code == kode
    assert jumlah() == sebelum


def test_a_bad_pegawai_id_is_404(client, org):
    client.force_login(org.operator)
    assert client.get(URL + "?pegawai=abc").status_code == 404
    assert client.get(URL + "?pegawai=999999").status_code == 404


def test_unknown_template_format_is_404(client, org):
    client.force_login(org.staf)
    assert client.get(templat("ods")).status_code == 404


# --- upload, preview, confirm ---------------------------------------------------------------
def test_preview_then_confirm(staf_client, org):
    sebelum = jumlah()

    pratinjau = unggah(staf_client, buat_csv(tiga_baris()))

    assert pratinjau.status_code == 200
    assert (
        "Pratinjau aktivitas.csv" in pratinjau.text
        and "Simpan semua aktivitas (3)" in pratinjau.text
    )
    assert "Rapat koordinasi" in pratinjau.text and "Arsip surveilans tertata" in pratinjau.text
    assert jumlah() == sebelum  # a preview writes nothing
    simpanan = staf_client.session[SESI]
    assert default_storage.exists(simpanan["berkas"]) and simpanan["pegawai"] == org.staf.pk
    assert simpanan["sha256"] in pratinjau.text  # the confirm form names the file

    respons = staf_client.post(TERAPKAN, {"sha256": simpanan["sha256"]}, follow=True)

    assert respons.redirect_chain[-1][0] == URL
    assert "3 aktivitas dari berkas aktivitas.csv tersimpan" in respons.text
    assert "3 di antaranya tercatat terlambat" in respons.text  # March is long past
    assert Aktivitas.objects.filter(pegawai=org.staf).count() == 3
    assert Aktivitas.objects.get(uraian="Mengarsip laporan surveilans").bukti.get().tautan == TAUTAN
    assert not default_storage.exists(simpanan["berkas"]) and SESI not in staf_client.session


def test_errors_are_shown_per_row_and_nothing_is_kept(staf_client, org):
    rows = tiga_baris()
    rows[1]["jam_selesai"] = "08:30"
    sebelum = jumlah()

    respons = unggah(staf_client, buat_csv(rows))

    assert respons.status_code == 200
    assert "Berkas ditolak: 1 kesalahan" in respons.text
    assert '<td class="angka">3</td>' in respons.text  # the spreadsheet row
    assert "C (jam_selesai): Jam selesai harus sesudah jam mulai." in respons.text
    assert TOMBOL_SIMPAN not in respons.text
    assert SESI not in staf_client.session and jumlah() == sebelum


def test_a_wrong_file_type_is_refused_on_the_form(staf_client):
    respons = unggah(staf_client, b"%PDF-1.4", "aktivitas.pdf")

    assert respons.status_code == 200
    assert "Berkas harus berformat CSV (.csv) atau Excel (.xlsx)." in respons.text
    assert SESI not in staf_client.session


def test_an_unreadable_file_is_refused_as_a_whole(staf_client):
    respons = unggah(staf_client, b"bukan excel", "aktivitas.xlsx")

    assert "Berkas aktivitas.xlsx ditolak" in respons.text
    assert "bukan berkas Excel (.xlsx) yang sah" in respons.text


def test_confirm_of_another_file_is_refused(staf_client):
    unggah(staf_client, buat_csv(tiga_baris()))
    sebelum = jumlah()

    respons = staf_client.post(TERAPKAN, {"sha256": "0" * 64}, follow=True)

    assert "sudah tidak berlaku" in respons.text and jumlah() == sebelum


def test_confirming_twice_creates_no_duplicates_and_says_so(staf_client, org):
    data = buat_csv(tiga_baris())
    # The same file previewed in two browsers (two sessions) of the same pegawai.
    unggah(staf_client, data)
    sha = staf_client.session[SESI]["sha256"]
    lain = Client()
    lain.force_login(org.staf)
    unggah(lain, data)

    pertama = staf_client.post(TERAPKAN, {"sha256": sha}, follow=True)
    lagi = staf_client.post(TERAPKAN, {"sha256": sha}, follow=True)  # a double click
    kedua = lain.post(TERAPKAN, {"sha256": sha}, follow=True)
    sebelum = jumlah()
    ulang = unggah(staf_client, data)

    assert "3 aktivitas dari berkas" in pertama.text
    assert "sudah tidak berlaku" in lagi.text
    assert "Semua 3 baris berkas aktivitas.csv sudah pernah diimpor" in kedua.text
    assert Aktivitas.objects.filter(pegawai=org.staf).count() == 3
    assert "Semua baris berkas ini sudah pernah diimpor" in ulang.text
    assert TOMBOL_SIMPAN not in ulang.text and jumlah() == sebelum


# --- the mapping step -----------------------------------------------------------------------
KEPALA_LAIN = ["No", "Tgl", "Mulai", "Selesai", "Kegiatan", "Volume", "Satuan", "Link"]


def berkas_lain() -> bytes:
    return buat_xlsx(
        [
            [1, dt.datetime(2026, 3, 11), dt.time(8), dt.time(9), "Rapat", 1, "kegiatan", TAUTAN],
            [2, dt.datetime(2026, 3, 11), dt.time(9), dt.time(10), "Notula", 2, "dokumen", None],
        ],
        kepala=KEPALA_LAIN,
    )


def test_other_headers_ask_for_a_mapping_then_import(staf_client, org):
    respons = unggah(staf_client, berkas_lain(), "catatan-saya.xlsx")

    assert respons.status_code == 200
    assert "Pilih kolom catatan-saya.xlsx" in respons.text
    assert TOMBOL_SIMPAN not in respons.text
    form = respons.context["form_pemetaan"]
    # Common names are guessed; the user confirms (or corrects) every choice.
    assert form["tanggal"].value() == "1" and form["uraian"].value() == "4"
    assert form["bukti_tautan"].value() == "7" and form["rhk"].value() == ""
    assert '<option value="2">C: Mulai (mis. 08:00:00)</option>' in respons.text.replace(
        " selected", ""
    )
    simpanan = staf_client.session[SESI]
    pilihan = {
        "langkah": "pemetaan",
        "sha256": simpanan["sha256"],
        "tanggal": "1",
        "jam_mulai": "2",
        "jam_selesai": "3",
        "uraian": "4",
        "jumlah_output": "5",
        "satuan_output": "6",
        "rhk": "",
        "bukti_tautan": "7",
    }

    pratinjau = staf_client.post(URL, pilihan)

    assert "Simpan semua aktivitas (2)" in pratinjau.text and jumlah()[0] == 0
    respons = staf_client.post(TERAPKAN, {"sha256": simpanan["sha256"]}, follow=True)
    assert "2 aktivitas dari berkas catatan-saya.xlsx tersimpan" in respons.text
    rapat = Aktivitas.objects.get(uraian="Rapat")
    assert (rapat.tanggal, rapat.jam_mulai, rapat.rhk) == (HARI, dt.time(8), None)
    assert rapat.bukti.get().tautan == TAUTAN


def test_a_mapping_with_errors_can_be_corrected_without_uploading_again(staf_client):
    unggah(staf_client, berkas_lain(), "catatan-saya.xlsx")
    sha = staf_client.session[SESI]["sha256"]
    pilihan = {
        "langkah": "pemetaan",
        "sha256": sha,
        "tanggal": "1",
        "jam_mulai": "3",
        "jam_selesai": "2",
        "uraian": "4",
        "jumlah_output": "5",
        "satuan_output": "6",
    }

    salah = staf_client.post(URL, pilihan)  # start and end swapped
    benar = staf_client.post(URL, {**pilihan, "jam_mulai": "2", "jam_selesai": "3"})

    assert "C (Mulai): Jam selesai harus sesudah jam mulai." in salah.text
    assert "Pilih kolom catatan-saya.xlsx" in salah.text  # the mapping form is still there
    assert "Simpan semua aktivitas (2)" in benar.text


def test_a_mapping_must_choose_every_required_field_once(staf_client):
    unggah(staf_client, berkas_lain(), "catatan-saya.xlsx")
    sha = staf_client.session[SESI]["sha256"]

    respons = staf_client.post(
        URL,
        {
            "langkah": "pemetaan",
            "sha256": sha,
            "tanggal": "1",
            "jam_mulai": "2",
            "jam_selesai": "2",
            "uraian": "4",
            "jumlah_output": "5",
        },
    )

    assert "Pilih kolom yang berisi isian ini." in respons.text  # satuan_output
    assert "Kolom ini sudah dipilih untuk Jam mulai." in respons.text
    assert TOMBOL_SIMPAN not in respons.text


def test_a_mapping_for_a_file_no_longer_kept_is_refused(staf_client):
    respons = staf_client.post(URL, {"langkah": "pemetaan", "sha256": "b" * 64}, follow=True)

    assert "sudah tidak berlaku" in respons.text


# --- an operator for an ASN of his unit -----------------------------------------------------
def test_operator_import_is_recorded_as_operator(client, org, rhk_staf):
    client.force_login(org.operator)
    qs = f"?pegawai={org.staf.pk}"

    pratinjau = unggah(client, buat_csv(tiga_baris()), url=URL + qs)
    respons = client.post(TERAPKAN, {"sha256": client.session[SESI]["sha256"]})

    assert org.staf.nip in pratinjau.text and "sebagai operator" in pratinjau.text
    assert f'action="{URL}{qs}"' in pratinjau.text
    assert respons.status_code == 302 and respons["Location"] == URL + qs
    assert set(Aktivitas.objects.values_list("pegawai", "diisi_oleh")) == {
        (org.staf.pk, org.operator.pk)
    }
    assert set(
        Riwayat.objects.filter(aksi__startswith="aktivitas.").values_list("sebagai", flat=True)
    ) == {Riwayat.Sebagai.OPERATOR}


def test_a_preview_for_one_pegawai_is_not_mapped_for_another(client, org, rhk_staf):
    client.force_login(org.operator)
    unggah(client, berkas_lain(), url=URL + f"?pegawai={org.staf.pk}")
    sha = client.session[SESI]["sha256"]

    respons = client.post(
        URL + f"?pegawai={org.jf.pk}", {"langkah": "pemetaan", "sha256": sha}, follow=True
    )

    assert "sudah tidak berlaku" in respons.text


# --- the templates --------------------------------------------------------------------------
def test_xlsx_template_has_the_columns_and_his_rhk_numbers(staf_client, org, rhk_staf):
    respons = staf_client.get(templat("xlsx"))

    assert respons["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "templat-impor-aktivitas.xlsx" in respons["Content-Disposition"]
    buku = openpyxl.load_workbook(io.BytesIO(respons.content))
    assert len(buku.worksheets) == 2
    assert [c.value for c in buku.worksheets[0][1]] == list(KOLOM)

    buku = openpyxl.load_workbook(io.BytesIO(templat_xlsx(org.staf, hari_ini=HARI)))
    contoh = [c.value for c in buku.worksheets[0][2]]
    assert contoh[0] == dt.datetime(2026, 3, 11) and contoh[1] == dt.time(8)
    assert contoh[6] == "1"
    rhk = [[c.value for c in r] for r in buku.worksheets[1].iter_rows(min_row=2)]
    assert rhk[0][:3] == ["1", "Utama", "Arsip surveilans tertata"]


def test_the_downloaded_templates_import_as_they_are(org, rhk_staf):
    for nama, data in (
        ("t.xlsx", templat_xlsx(org.staf, hari_ini=HARI)),
        ("t.csv", templat_csv(org.staf, hari_ini=HARI)),
    ):
        hasil = impor_aktivitas(org.staf, org.staf, data, nama, terapkan=False)
        assert hasil.berhasil and hasil.baris[0].rhk == rhk_staf, nama


def test_csv_template_is_utf8_with_bom(staf_client):
    respons = staf_client.get(templat("csv"))

    assert respons.content.startswith("\ufeff".encode())
    kepala = next(csv.reader(io.StringIO(respons.content.decode("utf-8-sig"))))
    assert kepala == list(KOLOM)


def test_the_page_lists_his_rhk_numbers(staf_client, org):
    respons = staf_client.get(URL)

    assert "Nomor RHK untuk kolom rhk" in respons.text
    if HARI.year == dt.date.today().year:
        assert "Arsip surveilans tertata" in respons.text


# --- cost -----------------------------------------------------------------------------------
def test_preview_page_costs_a_fixed_number_of_queries(staf_client, django_assert_max_num_queries):
    rows = [
        baris(
            tanggal=(HARI - dt.timedelta(days=i // 8)).strftime("%d-%m-%Y"),
            mulai=f"{8 + i % 8:02d}:00",
            selesai=f"{8 + i % 8:02d}:45",
        )
        for i in range(400)
    ]

    with django_assert_max_num_queries(25):
        respons = unggah(staf_client, buat_csv(rows))

    assert "Simpan semua aktivitas (400)" in respons.text
    assert "… dan 100 baris lainnya." in respons.text
