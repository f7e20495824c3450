"""Attendance import: preview then apply, all or nothing, row errors, idempotence, scope."""

import io

import openpyxl
import pytest

from pegawai.models import Riwayat
from penilaian.models import Kehadiran
from penilaian.services.kehadiran import impor_kehadiran

KEPALA = "NIP,tahun,bulan,hari_kerja,terlambat,pulang_cepat,tanpa_keterangan\n"
URL = "/penilaian/tpp/kehadiran/"


def _csv(*baris):
    return (KEPALA + "".join(b + "\n" for b in baris)).encode()


def test_impor_berhasil_dan_idempoten(org):
    data = _csv(f"{org.staf.nip},2026,3,21,2,1,0", f"{org.kasi.nip},2026,3,21,0,0,1")
    pratinjau = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=False)
    assert pratinjau.berhasil and pratinjau.jumlah_berubah == 2
    assert not Kehadiran.objects.exists()  # the preview writes nothing

    hasil = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=True)
    assert hasil.diterapkan
    k = Kehadiran.objects.get(pegawai=org.staf, tahun=2026, bulan=3)
    assert (k.hari_kerja, k.terlambat, k.pulang_cepat, k.tanpa_keterangan) == (21, 2, 1, 0)
    assert Riwayat.objects.filter(aksi="kehadiran.diimpor").count() == 2

    lagi = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=True)
    assert lagi.jumlah_berubah == 0
    assert Kehadiran.objects.count() == 2
    assert Riwayat.objects.filter(aksi="kehadiran.diimpor").count() == 2


def test_impor_memperbarui_bulan_yang_sama(org):
    impor_kehadiran(org.admin, _csv(f"{org.staf.nip},2026,3,21,2,1,0"), "a.csv", terapkan=True)
    impor_kehadiran(org.admin, _csv(f"{org.staf.nip},2026,3,21,5,1,0"), "b.csv", terapkan=True)
    assert Kehadiran.objects.get(pegawai=org.staf).terlambat == 5


@pytest.mark.parametrize(
    ("baris", "kolom", "potongan"),
    [
        ("199912312020121999,2026,3,21,0,0,0", "nip", "tidak dikenal"),
        ("{staf},2026,3,21,x,0,0", "terlambat", "bilangan bulat"),
        ("{staf},2026,3,21,-1,0,0", "terlambat", "bilangan bulat"),
        ("{staf},2026,13,21,0,0,0", "bulan", "1 sampai 12"),
        ("{staf},2026,3,0,0,0,0", "hari_kerja", "1 sampai 31"),
        ("{staf},2026,3,20,0,0,21", "tanpa_keterangan", "melebihi jumlah hari kerja"),
        ("{staf},2026,3,20,25,0,0", "terlambat", "melebihi jumlah hari kerja"),
    ],
)
def test_kesalahan_per_baris_dan_tidak_ada_yang_tersimpan(org, baris, kolom, potongan):
    data = _csv(f"{org.kasi.nip},2026,3,21,0,0,0", baris.format(staf=org.staf.nip))
    hasil = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=True)
    assert not hasil.diterapkan
    (k,) = hasil.kesalahan
    assert k.baris == 3 and k.kolom == kolom and potongan in k.pesan
    assert not Kehadiran.objects.exists()  # the valid first row is not written either


def test_baris_ganda_dalam_berkas(org):
    data = _csv(f"{org.staf.nip},2026,3,21,0,0,0", f"{org.staf.nip},2026,3,21,1,0,0")
    hasil = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=True)
    (k,) = hasil.kesalahan
    assert k.baris == 3 and "Baris ganda" in k.pesan and "baris 2" in k.pesan
    assert not Kehadiran.objects.exists()


def test_kolom_kurang_dan_berkas_salah(org):
    hasil = impor_kehadiran(org.admin, b"NIP,tahun\n1,2\n", "hadir.csv", terapkan=True)
    assert "Kolom wajib tidak ada" in str(hasil.kesalahan_berkas[0])
    hasil = impor_kehadiran(org.admin, b"abc", "hadir.pdf", terapkan=True)
    assert hasil.kesalahan_berkas and not hasil.diterapkan


def test_operator_hanya_pegawai_unitnya(org):
    # the operator of the dinas manages the dinas tree, not Dinas Pendidikan nor another instansi
    from tests.factories import PegawaiFactory

    luar = PegawaiFactory(nama="Guru", instansi=org.instansi, unit_kerja=org.unit_lain)
    data = _csv(
        f"{org.staf.nip},2026,3,21,0,0,0",
        f"{luar.nip},2026,3,21,0,0,0",
        f"{org.orang_lain.nip},2026,3,21,0,0,0",
    )
    hasil = impor_kehadiran(org.operator, data, "hadir.csv", terapkan=True)
    assert [(k.baris, "di luar unit" in k.pesan) for k in hasil.kesalahan] == [
        (3, True),
        (4, True),
    ]
    assert not Kehadiran.objects.exists()
    # the admin may import the whole instansi, but not another instansi
    hasil = impor_kehadiran(org.admin, data, "hadir.csv", terapkan=True)
    assert [k.baris for k in hasil.kesalahan] == [4]


def test_alur_halaman_pratinjau_lalu_terapkan_xlsx(client, org):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(KEPALA.strip().split(","))
    ws.append([org.staf.nip, 2026, 4, 22, 1, 0, 0])
    isi = io.BytesIO()
    wb.save(isi)
    client.force_login(org.operator)
    berkas = io.BytesIO(isi.getvalue())
    berkas.name = "hadir.xlsx"
    r = client.post(URL, {"berkas": berkas})
    assert r.status_code == 200 and r.context["hasil"].berhasil
    assert not Kehadiran.objects.exists()
    r = client.post(URL + "terapkan/", {"sha256": r.context["hasil"].sha256})
    assert r.status_code == 302
    k = Kehadiran.objects.get(pegawai=org.staf, bulan=4)
    assert k.terlambat == 1 and k.diimpor_oleh == org.operator
    riwayat = Riwayat.objects.get(aksi="kehadiran.diimpor")
    assert riwayat.pelaku == org.operator and riwayat.subjek == org.staf
    assert riwayat.sebagai == Riwayat.Sebagai.OPERATOR


def test_halaman_menampilkan_kesalahan_baris(client, org):
    client.force_login(org.admin)
    berkas = io.BytesIO(_csv(f"{org.staf.nip},2026,3,20,0,0,21"))
    berkas.name = "hadir.csv"
    r = client.post(URL, {"berkas": berkas})
    html = r.content.decode()
    assert "Baris 2, kolom tanpa_keterangan" in html
    assert "Tidak ada data yang disimpan" in html


def test_templat_bisa_diimpor_ulang(client, org):
    client.force_login(org.admin)
    r = client.get(URL + "templat.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == [
        "nip",
        "tahun",
        "bulan",
        "hari_kerja",
        "terlambat",
        "pulang_cepat",
        "tanpa_keterangan",
    ]
