"""The home page greets the pegawai and shows what each of his roles needs."""

import pytest
from django.urls import reverse

from pegawai.models import Penugasan
from tests.factories import PegawaiFactory, PenugasanFactory


def beranda(client, user) -> str:
    client.force_login(user)
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    return r.content.decode()


def test_perlu_masuk(client, db):
    r = client.get(reverse("beranda"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


def test_asn_melihat_jabatan_unit_dan_pejabat_penilai(client, org):
    html = beranda(client, org.staf)
    assert "Selamat" in html and org.staf.nama_lengkap in html
    assert "Pengadministrasi Umum" in html
    assert "Seksi Surveilans" in html
    assert org.kasi.nama_lengkap in html  # his pejabat penilai
    assert "Kepala Seksi Surveilans" in html
    assert reverse("bawahan") not in html
    assert "Lihat pegawai unit" not in html
    assert "Admin instansi" not in html


def test_atasan_melihat_jumlah_bawahan(client, org):
    html = beranda(client, org.kabid)
    assert "Anda pejabat penilai bagi 2 pegawai." in html
    assert f'href="{reverse("bawahan")}"' in html


def test_operator_melihat_unitnya(client, org):
    html = beranda(client, org.operator)
    assert "Unit yang Anda operatori" in html
    assert "Dinas Kesehatan" in html
    assert f'href="{reverse("pegawai_daftar")}"' in html
    # He holds no jabatan: a clear empty state rather than a blank card.
    assert "Jabatan Anda belum tercatat" in html


def test_admin_melihat_tautan_pengelolaan(client, org):
    html = beranda(client, org.admin)
    assert "Admin instansi" in html
    assert f'href="{reverse("pegawai_daftar")}"' in html


def test_jpt_dinilai_ppk(client, org):
    html = beranda(client, org.kadis)
    assert "Bupati Contoh" in html
    assert "Pejabat Pembina Kepegawaian" in html


def test_plt_tampil_sebagai_plt(client, org):
    plt = PegawaiFactory(nama="Pelaksana Tugas", instansi=org.instansi)
    PenugasanFactory(pegawai=plt, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLT)
    html = beranda(client, plt)
    assert "Plt. Kepala Seksi Surveilans" in html


@pytest.mark.parametrize("nama", ["staf", "kasi", "operator", "admin", "orang_lain"])
def test_semua_peran_mendapat_beranda(client, org, nama):
    beranda(client, getattr(org, nama))
