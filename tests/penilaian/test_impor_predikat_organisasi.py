"""The admin imports the predikat kinerja organisasi of all units from one CSV/XLSX file:
check first (nothing written), then apply all or nothing, row errors reported."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pegawai.models import Riwayat
from pegawai.services.impor import buka_tabel
from penilaian.models import PredikatKinerjaOrganisasi
from penilaian.services.impor_organisasi import KOLOM, impor_predikat_organisasi
from tests.factories import PegawaiFactory, UnitKerjaFactory

TAHUN = 2026
KEPALA = "Kode_Unit,JENIS,urutan,predikat,nomor penetapan,tanggal_penetapan,catatan\n"
AKSI = "predikat_organisasi.ditetapkan"


def _csv(*baris: str, kepala: str = KEPALA) -> bytes:
    return (kepala + "".join(b + "\n" for b in baris)).encode()


def _unggah(data: bytes, nama: str = "predikat.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, data, content_type="text/csv")


def _xlsx(*baris: list) -> bytes:
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(list(KOLOM))
    for b in baris:
        lembar.append(b)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


BAIK = (
    "D1,tahunan,1,baik,800/12/2026,2026-04-10,Hasil evaluasi SAKIP",
    "D1.B1,Triwulan,2,Butuh Perbaikan,800/13/2026,10/04/2026,",
    "d1.b1.s1,triwulan,II,ISTIMEWA,,10-04-2026,Laporan triwulan",
)


def _po(unit, jenis="tahunan", urutan=1):
    return PredikatKinerjaOrganisasi.objects.get(unit=unit, tahun=TAHUN, jenis=jenis, urutan=urutan)


def test_csv_diperiksa_lalu_diterapkan_dan_ulang_tidak_mengubah(client, org):
    client.force_login(org.admin)
    url = reverse("predikat_organisasi_impor")
    assert client.get(url, {"tahun": TAHUN}).status_code == 200

    r = client.post(url, {"tahun": TAHUN, "berkas": _unggah(_csv(*BAIK))})
    html = r.content.decode()
    assert r.status_code == 200
    assert "3 baris siap diimpor: 3 baru, 0 berubah, 0 tetap." in html
    assert "Triwulan 2 2026" in html and "Butuh Perbaikan" in html
    assert not PredikatKinerjaOrganisasi.objects.exists()  # the check writes nothing
    assert not Riwayat.objects.filter(aksi=AKSI).exists()

    r = client.post(
        url, {"tahun": TAHUN, "berkas": _unggah(_csv(*BAIK)), "terapkan": "on"}, follow=True
    )
    assert r.redirect_chain == [(f"{reverse('predikat_organisasi')}?tahun={TAHUN}", 302)]
    assert "3 baris predikat organisasi disimpan (3 baru, 0 berubah); 0 baris tidak berubah." in (
        r.content.decode()
    )
    dinas = _po(org.dinas)
    assert (dinas.predikat, dinas.nomor_penetapan, dinas.tanggal_penetapan) == (
        "baik",
        "800/12/2026",
        dt.date(2026, 4, 10),
    )
    assert (dinas.catatan, dinas.ditetapkan_oleh) == ("Hasil evaluasi SAKIP", org.admin)
    bidang = _po(org.bidang, "triwulan", 2)
    assert (bidang.predikat, bidang.tanggal_penetapan) == ("butuh_perbaikan", dt.date(2026, 4, 10))
    seksi = _po(org.seksi, "triwulan", 2)
    assert (seksi.predikat, seksi.nomor_penetapan) == ("istimewa", "")
    assert Riwayat.objects.filter(aksi=AKSI).count() == 3

    # The same file again: nothing new is written, every row counts as unchanged.
    r = client.post(
        url, {"tahun": TAHUN, "berkas": _unggah(_csv(*BAIK)), "terapkan": "on"}, follow=True
    )
    assert "0 baris predikat organisasi disimpan (0 baru, 0 berubah); 3 baris tidak berubah." in (
        r.content.decode()
    )
    assert PredikatKinerjaOrganisasi.objects.count() == 3
    assert Riwayat.objects.filter(aksi=AKSI).count() == 3


def test_xlsx_mengubah_yang_ada_dan_menyimpan_yang_baru(org):
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi,
        unit=org.dinas,
        tahun=TAHUN,
        predikat="baik",
        nomor_penetapan="800/1/2026",
        catatan="SK lama",
    )
    data = _xlsx(
        ["D1", "Tahunan", 1, "istimewa", None, dt.datetime(2026, 5, 2), None],
        ["D1.B1", "semester", 1, "kurang", "800/20/2026", "2026-05-02", "Semester I"],
        ["D2", "bulanan", 12, "Sangat Kurang", None, None, None],
    )
    periksa = impor_predikat_organisasi(org.admin, TAHUN, data, "predikat.xlsx", terapkan=False)
    assert periksa.berhasil and not periksa.diterapkan
    assert (periksa.jumlah_baru, periksa.jumlah_berubah, periksa.jumlah_tetap) == (2, 1, 0)
    (berubah,) = [b for b in periksa.perubahan if b.status == "berubah"]
    assert (berubah.unit, berubah.label_semula, berubah.label_predikat) == (
        org.dinas,
        "Baik",
        "Istimewa",
    )
    assert _po(org.dinas).predikat == "baik"  # still the old one

    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "predikat.xlsx", terapkan=True)
    assert hasil.diterapkan and hasil.jumlah_disimpan == 3
    dinas = _po(org.dinas)
    # Empty optional cells keep what was stored; the new date is taken.
    assert (dinas.predikat, dinas.nomor_penetapan, dinas.catatan, dinas.tanggal_penetapan) == (
        "istimewa",
        "800/1/2026",
        "SK lama",
        dt.date(2026, 5, 2),
    )
    assert _po(org.bidang, "semester", 1).predikat == "kurang"
    assert _po(org.unit_lain, "bulanan", 12).predikat == "sangat_kurang"
    riwayat = Riwayat.objects.filter(aksi=AKSI, object_id=dinas.pk).get()
    assert (riwayat.dari_status, riwayat.ke_status) == ("baik", "istimewa")


def test_kolom_pilihan_boleh_tidak_ada_dan_jenis_urutan_kosong_berarti_tahunan(org):
    data = _csv("D1,,,baik", kepala="kode_unit,jenis,urutan,predikat\n")
    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "p.csv", terapkan=True)
    assert hasil.diterapkan
    assert _po(org.dinas).predikat == "baik"


def test_kesalahan_setiap_baris_dilaporkan_dan_tidak_ada_yang_disimpan(org):
    data = _csv(
        "D1,tahunan,1,baik,,,",  # row 2 is fine, but is not saved either
        "X9,tahunan,1,baik,,,",
        "D1.B1,tahunan,1,hebat,,,",
        "D1.B1,kuartal,1,baik,,,",
        "D1.B1,triwulan,5,baik,,,",
        "D1.B1,tahunan,2,baik,,,",
        "D1.B1.S1,semester,1,baik,,31-02-2026,",
        ",bulanan,,baik,,,",
    )
    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "p.csv", terapkan=True)
    assert not hasil.diterapkan
    assert [(k.baris, k.kolom) for k in hasil.kesalahan] == [
        (3, "kode_unit"),
        (4, "predikat"),
        (5, "jenis"),
        (6, "urutan"),
        (7, "urutan"),
        (8, "tanggal_penetapan"),
        (9, "kode_unit"),
        (9, "urutan"),
    ]
    pesan = {k.baris: k.pesan for k in hasil.kesalahan}
    assert "X9" in pesan[3] and "tidak ada di instansi Anda" in pesan[3]
    assert "istimewa, baik, butuh_perbaikan, kurang, sangat_kurang" in pesan[4]
    assert "tahunan, semester, triwulan, bulanan" in pesan[5]
    assert "1 sampai 4" in pesan[6]
    assert "urutan 1" in pesan[7]
    assert "Tanggal tidak dikenali" in pesan[8]
    assert str(hasil.kesalahan[0]).startswith("Baris 3, kolom kode_unit: ")
    assert not PredikatKinerjaOrganisasi.objects.exists()
    assert not Riwayat.objects.filter(aksi=AKSI).exists()


def test_halaman_menampilkan_kesalahan_baris(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("predikat_organisasi_impor"),
        {"tahun": TAHUN, "berkas": _unggah(_csv("D1,tahunan,1,hebat,,,")), "terapkan": "on"},
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "1 kesalahan; tidak ada yang disimpan." in html
    assert "Baris 2, kolom predikat:" in html
    assert not PredikatKinerjaOrganisasi.objects.exists()


def test_penolakan_layanan_membatalkan_semua_baris(client, org):
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi,
        unit=org.dinas,
        tahun=TAHUN,
        predikat="baik",
        difinalkan_pada=timezone.now(),
    )
    # The bidang's row comes first, so it is written before the dinas' row is refused.
    data = _csv("D1.B1,tahunan,1,istimewa,,,", "D1,tahunan,1,istimewa,,,")
    for terapkan in (False, True):
        hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "p.csv", terapkan=terapkan)
        assert not hasil.diterapkan
        (k,) = hasil.kesalahan
        assert (k.baris, k.kolom) == (3, "predikat") and "sudah difinalkan" in k.pesan
    assert not PredikatKinerjaOrganisasi.objects.filter(unit=org.bidang).exists()
    assert _po(org.dinas).predikat == "baik"
    assert not Riwayat.objects.filter(aksi=AKSI).exists()

    client.force_login(org.admin)
    r = client.post(
        reverse("predikat_organisasi_impor"),
        {"tahun": TAHUN, "berkas": _unggah(data), "terapkan": "on"},
    )
    assert r.status_code == 400 and "sudah difinalkan" in r.content.decode()
    assert not PredikatKinerjaOrganisasi.objects.filter(unit=org.bidang).exists()

    # The finalised predikat repeated unchanged is no change, so it is not refused.
    data = _csv("D1.B1,tahunan,1,istimewa,,,", "D1,tahunan,1,baik,,,")
    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "p.csv", terapkan=True)
    assert hasil.diterapkan and (hasil.jumlah_baru, hasil.jumlah_tetap) == (1, 1)


def test_baris_ganda_menyebut_baris_sebelumnya(org):
    data = _csv(
        "D1,tahunan,1,baik,,,",
        "D1,triwulan,1,baik,,,",  # another window of the same unit: fine
        "D1,Tahunan,,kurang,,,",
    )
    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, "p.csv", terapkan=True)
    (k,) = hasil.kesalahan
    assert (k.baris, k.kolom) == (4, "kode_unit")
    assert "Baris ganda" in k.pesan and "baris 2" in k.pesan
    assert not PredikatKinerjaOrganisasi.objects.exists()


def test_kode_unit_instansi_lain_tidak_dikenal(org):
    UnitKerjaFactory(kode="LAIN.1")  # a unit of another instansi
    hasil = impor_predikat_organisasi(
        org.admin, TAHUN, _csv("LAIN.1,tahunan,1,baik,,,"), "p.csv", terapkan=True
    )
    (k,) = hasil.kesalahan
    assert (k.baris, k.kolom) == (2, "kode_unit") and "tidak ada di instansi Anda" in k.pesan
    assert not PredikatKinerjaOrganisasi.objects.exists()


@pytest.mark.parametrize(
    ("data", "nama", "potongan"),
    [
        (b"kode_unit,predikat\nD1,baik\n", "p.csv", "Kolom wajib tidak ada: jenis, urutan"),
        (KEPALA.encode(), "p.csv", "hanya ada baris judul kolom"),
        (b"", "p.csv", "Berkas kosong"),
        (b"%PDF-1.4", "p.pdf", "CSV (.csv) atau Excel (.xlsx)"),
    ],
)
def test_berkas_yang_ditolak(org, data, nama, potongan):
    hasil = impor_predikat_organisasi(org.admin, TAHUN, data, nama, terapkan=True)
    assert not hasil.diterapkan and potongan in str(hasil.kesalahan[0])


def test_hanya_admin_instansi(client, org):
    url = reverse("predikat_organisasi_impor")
    root = PegawaiFactory(is_superuser=True, is_staff=True, instansi=None)
    for pengguna in (org.staf, org.operator, org.kadis, root):
        client.force_login(pengguna)
        assert client.get(url).status_code == 403
        r = client.post(url, {"tahun": TAHUN, "berkas": _unggah(_csv(*BAIK)), "terapkan": "on"})
        assert r.status_code == 403
        assert client.get(reverse("predikat_organisasi_impor_templat")).status_code == 403
    assert not PredikatKinerjaOrganisasi.objects.exists()


def test_templat_diunduh_dan_terbaca(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("predikat_organisasi_impor_templat"))
    assert r.status_code == 200 and "csv" in r["Content-Type"]
    tabel = list(buka_tabel(r.content, "templat.csv"))
    assert tabel[0] == list(KOLOM)
    assert tabel[1][:4] == ["DINKES", "tahunan", "1", "baik"]
