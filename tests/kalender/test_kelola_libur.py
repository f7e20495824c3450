"""The admin keeps the workday calendar: add, delete, import the SKB list (all or nothing)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kalender.models import HariLibur
from kalender.selectors import hari_libur
from pegawai.models import Riwayat
from tests.factories import InstansiFactory


def csv(*baris: str) -> SimpleUploadedFile:
    isi = "tanggal;keterangan;jenis\r\n" + "\r\n".join(baris) + "\r\n"
    return SimpleUploadedFile("libur.csv", isi.encode(), content_type="text/csv")


def test_admin_menambah_lalu_menghapus_dan_hari_kerja_berubah(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("libur_daftar"),
        {"tanggal": "2026-08-01", "nama": "HUT Kabupaten", "jenis": "libur_daerah"},
    )
    assert r.status_code == 302
    libur = HariLibur.objects.get()
    assert libur.instansi == org.instansi
    assert dt.date(2026, 8, 1) in hari_libur(
        org.instansi.pk, dt.date(2026, 8, 1), dt.date(2026, 8, 1)
    )
    assert Riwayat.objects.filter(aksi="libur.disimpan", pelaku=org.admin).exists()
    client.post(reverse("libur_hapus", args=[libur.pk]))
    assert not HariLibur.objects.exists()


def test_isian_salah_pesan_di_samping_kolom(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("libur_daftar"), {"tanggal": "31-31-2026", "nama": "", "jenis": "x"})
    assert r.status_code == 400
    form = r.context["form"]
    assert {"tanggal", "nama", "jenis"} <= set(form.errors)
    assert not HariLibur.objects.exists()


def test_impor_periksa_dulu_lalu_simpan_dan_ulang_tidak_menggandakan(client, org):
    client.force_login(org.admin)  # the only instansi here... plus the "lain" one
    baris = ("2026-01-01;Tahun Baru;libur_daerah", "17/08/2026;HUT RI;libur_daerah")
    r = client.post(reverse("libur_impor"), {"berkas": csv(*baris)})
    assert r.status_code == 200 and len(r.context["hasil"].baris) == 2
    assert not HariLibur.objects.exists()  # checked, not saved
    for _i in range(2):
        r = client.post(reverse("libur_impor"), {"berkas": csv(*baris), "terapkan": "on"})
        assert r.status_code == 302
    assert HariLibur.objects.filter(instansi=org.instansi).count() == 2
    assert Riwayat.objects.filter(aksi="libur.diimpor").count() == 2


def test_impor_dengan_kesalahan_tidak_menyimpan_apa_pun(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("libur_impor"),
        {
            "berkas": csv(
                "2026-01-01;Tahun Baru;libur_daerah",
                "2026-13-01;Salah;libur_daerah",
                "2026-01-01;Ganda;libur_daerah",
                "2026-02-02;Jenis aneh;hari_raya",
            ),
            "terapkan": "on",
        },
    )
    assert r.status_code == 400
    teks = [str(k) for k in r.context["hasil"].kesalahan]
    assert any("Baris 3" in t and "tanggal" in t for t in teks)
    assert any("Baris 4" in t and "baris 2" in t for t in teks)
    assert any("Baris 5" in t and "jenis" in t for t in teks)
    assert not HariLibur.objects.exists()


def test_libur_nasional_hanya_pengelola_instalasi_bila_ada_instansi_lain(client, org):
    # The org fixture has two instansi: the national list is the superuser's.
    client.force_login(org.admin)
    r = client.post(
        reverse("libur_daftar"),
        {"tanggal": "2026-01-01", "nama": "Tahun Baru", "jenis": "libur_nasional"},
    )
    assert r.status_code == 400 and "pengelola instalasi" in str(r.context["form"].errors)
    assert not HariLibur.objects.exists()


def test_satu_instansi_admin_mengelola_libur_nasional(client, db):
    from tests.factories import PegawaiFactory

    admin = PegawaiFactory(instansi=InstansiFactory(kode="SATU"), is_admin_instansi=True)
    client.force_login(admin)
    r = client.post(
        reverse("libur_daftar"),
        {"tanggal": "2026-01-01", "nama": "Tahun Baru", "jenis": "libur_nasional"},
    )
    assert r.status_code == 302
    assert HariLibur.objects.get().instansi is None


def test_bukan_admin_ditolak(client, org):
    client.force_login(org.operator)
    assert client.get(reverse("libur_daftar")).status_code == 403
