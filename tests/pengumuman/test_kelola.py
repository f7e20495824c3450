"""The admin instansi's announcement pages: publish, list, change, end — with history,
scoped to his instansi, with messages next to the fields."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from pegawai.models import Riwayat
from pengumuman import services
from pengumuman.models import Pengumuman
from tests.factories import PegawaiFactory

FMT = "%Y-%m-%dT%H:%M"


def isian(**lain):
    sekarang = timezone.localtime()
    nilai = {
        "jenis": "pengumuman",
        "isi": "Batas realisasi Maret diperpanjang",
        "mulai": (sekarang - dt.timedelta(hours=1)).strftime(FMT),
        "selesai": (sekarang + dt.timedelta(days=3)).strftime(FMT),
        "hari_sebelum": "",
    }
    nilai.update(lain)
    return nilai


@pytest.fixture
def admin(client, org):
    client.force_login(org.admin)
    return org.admin


def test_terbitkan_dengan_sasaran_dan_riwayat(client, org, admin):
    r = client.post(
        reverse("pengumuman_baru"), isian(unit=[org.bidang.pk], peran=["atasan", "operator"])
    )
    assert r.status_code == 302
    p = Pengumuman.objects.get()
    assert (p.instansi, p.dibuat_oleh, p.hari_sebelum) == (org.instansi, org.admin, 0)
    assert list(p.unit.all()) == [org.bidang] and p.peran == ["atasan", "operator"]
    riwayat = Riwayat.objects.get(object_id=p.pk, aksi="pengumuman.diterbitkan")
    assert riwayat.pelaku == org.admin and riwayat.data["unit"] == [org.bidang.pk]
    html = client.get(reverse("pengumuman_daftar")).content.decode()
    assert "Batas realisasi Maret diperpanjang" in html and "Tampil" in html


def test_selesai_sebelum_mulai_pesan_di_samping_kolom(client, admin):
    r = client.post(reverse("pengumuman_baru"), isian(selesai=isian()["mulai"]))
    assert r.status_code == 400
    assert "Waktu selesai harus setelah waktu mulai." in r.content.decode()
    assert not Pengumuman.objects.exists()


def test_unit_instansi_lain_tidak_dapat_dipilih(client, org, admin):
    from tests.factories import UnitKerjaFactory

    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi, kode="X1", nama="Unit asing")
    r = client.post(reverse("pengumuman_baru"), isian(unit=[asing.pk]))
    assert r.status_code == 400 and not Pengumuman.objects.exists()


def test_ubah_lalu_akhiri_tercatat(client, org, admin, buat):
    p = buat("Lama")
    r = client.post(reverse("pengumuman_ubah", args=[p.pk]), isian(isi="Baru"))
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.isi == "Baru"
    halaman = client.get(reverse("pengumuman_ubah", args=[p.pk])).content.decode()
    assert "Pengumuman diubah" in halaman  # the history on the page
    assert "Baru" in client.get(reverse("beranda")).content.decode()
    assert client.get(reverse("pengumuman_akhiri", args=[p.pk])).status_code == 200  # asks
    assert client.post(reverse("pengumuman_akhiri", args=[p.pk])).status_code == 302
    p.refresh_from_db()
    assert p.diakhiri_pada is not None
    assert "Baru" not in client.get(reverse("beranda")).content.decode()
    aksi = list(
        Riwayat.objects.filter(object_id=p.pk, aksi__startswith="pengumuman.")
        .order_by("pk")
        .values_list("aksi", flat=True)
    )
    assert aksi == ["pengumuman.diubah", "pengumuman.diakhiri"]
    # ended: cannot be changed any more
    r = client.post(reverse("pengumuman_ubah", args=[p.pk]), isian(isi="Lagi"))
    assert r.status_code == 400 and "sudah berakhir" in r.content.decode()


def test_pemeliharaan_menyimpan_hari_sebelum(client, org, admin):
    mulai = timezone.localtime() + dt.timedelta(days=5)
    client.post(
        reverse("pengumuman_baru"),
        isian(
            jenis="pemeliharaan",
            mulai=mulai.strftime(FMT),
            selesai=(mulai + dt.timedelta(hours=3)).strftime(FMT),
            hari_sebelum="3",
        ),
    )
    p = Pengumuman.objects.get()
    assert (p.jenis, p.hari_sebelum) == ("pemeliharaan", 3)
    assert "Akan datang" in client.get(reverse("pengumuman_daftar")).content.decode()


def test_admin_instansi_lain_tidak_melihat(client, org, buat):
    p = buat("Rahasia instansi")
    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    client.force_login(admin_lain)
    assert "Rahasia instansi" not in client.get(reverse("pengumuman_daftar")).content.decode()
    assert client.get(reverse("pengumuman_ubah", args=[p.pk])).status_code == 404
    assert client.post(reverse("pengumuman_akhiri", args=[p.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.akhiri(admin_lain, p)


@pytest.mark.parametrize("peran", ["staf", "kasi", "operator"])
def test_bukan_admin_ditolak(client, org, peran, buat):
    client.force_login(getattr(org, peran))
    assert client.get(reverse("pengumuman_daftar")).status_code == 403
    assert client.post(reverse("pengumuman_baru"), isian()).status_code == 403
    with pytest.raises(PermissionDenied):
        services.terbitkan(
            getattr(org, peran),
            services.DataPengumuman(
                jenis="pengumuman",
                isi="x",
                mulai=timezone.now(),
                selesai=timezone.now() + dt.timedelta(hours=1),
            ),
        )
    assert not Pengumuman.objects.exists()


def test_daftar_berhalaman(client, org, admin, buat):
    besok = timezone.now() + dt.timedelta(days=1)
    for i in range(27):
        buat(f"Pengumuman nomor {i:02d}", mulai=besok, selesai=besok + dt.timedelta(days=1))
    html = client.get(reverse("pengumuman_daftar")).content.decode()
    assert html.count("Pengumuman nomor") == 25
    assert (
        "Pengumuman nomor" in client.get(reverse("pengumuman_daftar"), {"page": 2}).content.decode()
    )
