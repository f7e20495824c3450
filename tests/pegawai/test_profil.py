"""A pegawai reads his own profile: identity, jabatan, who rates him, his roles, his history."""

import pytest
from django.urls import reverse

from pegawai.models import Pegawai, Penugasan
from pegawai.services import organisasi as services
from tests.factories import PegawaiFactory, PenugasanFactory


def profil(client, user) -> str:
    client.force_login(user)
    r = client.get(reverse("profil"))
    assert r.status_code == 200
    return r.content.decode()


def test_perlu_masuk(client, db):
    assert client.get(reverse("profil")).status_code == 302


def test_identitas_lengkap(client, org):
    Pegawai.objects.filter(pk=org.staf.pk).update(
        gelar_depan="Ir.", gelar_belakang="M.T.", email="staf@contoh.go.id"
    )
    org.staf.refresh_from_db()
    html = profil(client, org.staf)
    assert org.staf.nip in html
    assert "Ir. Staf, M.T." in html
    assert "Penata (III/c)" in html
    assert "PNS" in html
    assert "Aktif" in html
    assert "staf@contoh.go.id" in html
    assert "Pemerintah Kabupaten Uji" in html


def test_tanpa_email_dijelaskan(client, org):
    assert "Tanpa e-mail" in profil(client, org.staf)


def test_jabatan_dan_rantai_penilai(client, org):
    html = profil(client, org.staf)
    assert "Pengadministrasi Umum" in html
    assert "Definitif" in html
    assert "1 Jan 2020" in html
    assert org.kasi.nama_lengkap in html and org.kasi.nip in html
    assert "Kepala Seksi Surveilans" in html
    assert org.kabid.nama_lengkap in html  # atasan pejabat penilai
    assert "pejabat definitif" in html


def test_pejabat_penilai_plt_ditandai(client, org):
    org.kasi.status = "pensiun"
    org.kasi.save()
    PenugasanFactory(pegawai=org.jf, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLT)
    html = profil(client, org.staf)
    assert org.jf.nama_lengkap in html
    assert "Plt. Kepala Seksi Surveilans" in html
    assert "pelaksana tugas (Plt)" in html


def test_jabatan_plh_sendiri_tampil(client, org):
    PenugasanFactory(pegawai=org.kasi, jabatan=org.jab_kabid, jenis=Penugasan.Jenis.PLH)
    html = profil(client, org.kasi)
    assert "Plh (pelaksana harian)" in html
    assert "Kepala Bidang P2P" in html


def test_jpt_dinilai_ppk(client, org):
    html = profil(client, org.kadis)
    assert "Bupati Contoh" in html
    assert "Pejabat Pembina Kepegawaian / pimpinan" in html
    assert "bersifat akhir" in html


def test_tanpa_jabatan_ada_keterangan(client, org):
    html = profil(client, org.admin)
    assert "Belum ada jabatan yang tercatat" in html
    assert "Pejabat penilai belum dapat ditentukan" in html


def test_peran_ditampilkan(client, org):
    assert "Atasan: pejabat penilai bagi 1 pegawai." in profil(client, org.kasi)
    assert "Operator unit: Dinas Kesehatan" in profil(client, org.operator)
    assert "Admin instansi:" in profil(client, org.admin)
    html = profil(client, org.staf)
    assert "Atasan:" not in html and "Operator unit:" not in html


def test_riwayat_sendiri(client, org):
    services.ubah_status_pegawai(org.admin, org.staf, "cuti", keterangan="Cuti besar")
    html = profil(client, org.staf)
    assert "Status pegawai diubah" in html
    assert "Cuti besar" in html


def test_riwayat_kosong(client, org):
    assert "Belum ada riwayat." in profil(client, org.staf)


@pytest.mark.parametrize("nama", ["staf", "kasi", "operator", "admin", "orang_lain"])
def test_setiap_peran_hanya_melihat_profilnya(client, org, nama):
    user = getattr(org, nama)
    html = profil(client, user)
    assert user.nip in html
    assert org.orang_lain.nip not in html or nama == "orang_lain"


def test_pegawai_tanpa_instansi(client, db):
    su = PegawaiFactory(nama="Root", instansi=None, is_superuser=True, is_staff=True)
    assert "Superuser" in profil(client, su)
