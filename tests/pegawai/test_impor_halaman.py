"""The admin uploads a file on the "Impor data" page, sees the preview, then confirms."""

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pegawai.models import Pegawai, Riwayat
from pegawai.services.impor import KOLOM, impor_pegawai
from pegawai.views.impor import SESI
from tests.factories import PegawaiFactory
from tests.pegawai.test_impor_berhasil import banyak, berkas_dasar, buat_csv, jumlah, nip

URL = reverse("kelola_impor")
TERAPKAN = reverse("kelola_impor_terapkan")


def unggah(client, data: bytes, nama: str = "pegawai.csv", url: str = URL):
    return client.post(url, {"berkas": SimpleUploadedFile(nama, data)})


@pytest.fixture
def admin_client(client, org):
    client.force_login(org.admin)
    return client


@pytest.mark.parametrize("siapa", ["staf", "kasi", "operator", "orang_lain"])
@pytest.mark.parametrize(
    ("metode", "url"),
    [
        ("get", URL),
        ("post", URL),
        ("post", TERAPKAN),
        ("get", reverse("kelola_impor_templat", args=["csv"])),
    ],
)
def test_only_admin_instansi_gets_in(client, org, siapa, metode, url):
    client.force_login(getattr(org, siapa))
    assert getattr(client, metode)(url).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    respons = client.get(URL)
    assert respons.status_code == 302 and reverse("masuk") in respons["Location"]


def test_admin_sees_the_upload_form(admin_client, org):
    respons = admin_client.get(URL)
    assert respons.status_code == 200
    assert 'enctype="multipart/form-data"' in respons.text and 'name="berkas"' in respons.text
    assert reverse("kelola_impor_templat", args=["xlsx"]) in respons.text


def test_preview_then_confirm(admin_client, org, hari_ini):
    sebelum = jumlah()
    data = buat_csv(berkas_dasar())

    pratinjau = unggah(admin_client, data)

    assert pratinjau.status_code == 200
    assert "Pratinjau pegawai.csv" in pratinjau.text and "Terapkan impor" in pratinjau.text
    assert nip(3) in pratinjau.text  # the table of new rows
    assert jumlah() == sebelum  # a preview writes nothing
    simpanan = admin_client.session[SESI]
    assert default_storage.exists(simpanan["berkas"])
    assert simpanan["sha256"] in pratinjau.text  # the confirm form names the file

    respons = admin_client.post(TERAPKAN, {"sha256": simpanan["sha256"]}, follow=True)

    assert respons.redirect_chain[-1][0] == URL
    assert "4 pegawai baru" in respons.text
    assert Pegawai.objects.filter(nip__in=[r["nip"] for r in berkas_dasar()]).count() == 4
    assert Riwayat.objects.get(aksi="impor.pegawai").pelaku == org.admin
    assert not default_storage.exists(simpanan["berkas"])
    assert SESI not in admin_client.session


def test_errors_are_listed_and_nothing_is_kept(admin_client, org):
    rows = berkas_dasar()
    rows[2]["jenis_kelamin"] = "X"
    sebelum = jumlah()

    respons = unggah(admin_client, buat_csv(rows))

    assert respons.status_code == 200
    assert "ditolak: 1 kesalahan" in respons.text
    assert "jenis_kelamin" in respons.text and "“X” tidak dikenal" in respons.text
    assert '<td class="angka">4</td>' in respons.text  # the spreadsheet row
    assert "Terapkan impor" not in respons.text
    assert SESI not in admin_client.session and jumlah() == sebelum


def test_confirm_of_another_file_is_refused(admin_client, org):
    unggah(admin_client, buat_csv(berkas_dasar()))
    sebelum = jumlah()

    respons = admin_client.post(TERAPKAN, {"sha256": "0" * 64}, follow=True)

    assert "sudah tidak berlaku" in respons.text and jumlah() == sebelum


def test_confirm_without_preview_is_refused(admin_client, org):
    respons = admin_client.post(TERAPKAN, {"sha256": "a" * 64}, follow=True)
    assert "sudah tidak berlaku" in respons.text


def test_confirm_checks_again_when_data_changed_meanwhile(admin_client, org):
    unggah(admin_client, buat_csv(berkas_dasar()))
    sha = admin_client.session[SESI]["sha256"]
    PegawaiFactory(nip=nip(3), instansi=org.orang_lain.instansi)  # taken by another instansi
    sebelum = jumlah()

    respons = admin_client.post(TERAPKAN, {"sha256": sha})

    assert respons.status_code == 200
    assert "instansi lain" in respons.text and jumlah() == sebelum


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("pegawai.txt", b"nip", "CSV (.csv) atau Excel (.xlsx)"),
        ("pegawai.csv", b"", "kosong"),
    ],
)
def test_upload_form_errors_next_to_the_field(admin_client, nama, data, pesan):
    respons = unggah(admin_client, data, nama)
    assert respons.status_code == 200
    assert 'class="error"' in respons.text and pesan in respons.text


def test_upload_too_large(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    respons = unggah(admin_client, buat_csv(berkas_dasar()))
    assert "terlalu besar" in respons.text


def test_preview_costs_a_fixed_number_of_queries(admin_client, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        respons = unggah(admin_client, buat_csv(banyak(60)))
    assert "Terapkan impor" in respons.text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_download_imports_as_it_is(admin_client, org, fmt):
    respons = admin_client.get(reverse("kelola_impor_templat", args=[fmt]))

    assert respons.status_code == 200
    assert f'filename="templat-impor-pegawai.{fmt}"' in respons["Content-Disposition"]
    if fmt == "csv":
        assert respons.content.decode("utf-8-sig").splitlines()[0] == ",".join(KOLOM)
    else:
        lembar = openpyxl.load_workbook(io.BytesIO(respons.content)).active
        assert [c.value for c in lembar[1]] == list(KOLOM)
    hasil = impor_pegawai(org.admin, org.instansi, respons.content, f"t.{fmt}", terapkan=False)
    assert hasil.berhasil and hasil.pegawai_baru == 1


def test_unknown_template_format_is_404(admin_client):
    assert admin_client.get(reverse("kelola_impor_templat", args=["pdf"])).status_code == 404


def test_superuser_chooses_the_instansi(client, org):
    su = PegawaiFactory(nip=nip(90), is_superuser=True, instansi=None)
    client.force_login(su)
    assert org.instansi.nama in client.get(URL).text  # the chooser
    url = f"{URL}?instansi={org.instansi.pk}"
    respons = unggah(client, buat_csv(berkas_dasar()), url=url)
    assert "Terapkan impor" in respons.text
    assert client.session[SESI]["instansi"] == org.instansi.pk
    client.post(TERAPKAN, {"sha256": client.session[SESI]["sha256"]})
    assert Pegawai.objects.get(nip=nip(1)).instansi == org.instansi
