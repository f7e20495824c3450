"""An operator or admin browses the pegawai he may see, and opens one of them."""

import pytest
from django.urls import reverse

from pegawai.models import Jabatan
from pegawai.services import organisasi as services
from tests.factories import (
    JabatanFactory,
    OperatorUnitFactory,
    PegawaiFactory,
    PenugasanFactory,
    UnitKerjaFactory,
)


def daftar(client, user, **params) -> str:
    client.force_login(user)
    r = client.get(reverse("pegawai_daftar"), params)
    assert r.status_code == 200
    return r.content.decode().split("<main")[1]


# --- who may open the list --------------------------------------------------------------
def test_perlu_masuk(client, db):
    r = client.get(reverse("pegawai_daftar"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


@pytest.mark.parametrize("nama", ["staf", "kasi", "kabid", "orang_lain"])
def test_asn_dan_atasan_ditolak(client, org, nama):
    client.force_login(getattr(org, nama))
    assert client.get(reverse("pegawai_daftar")).status_code == 403


def test_operator_melihat_pegawai_unit_dan_sub_unitnya(client, org):
    html = daftar(client, org.operator)
    for p in (org.kadis, org.kabid, org.kasi, org.staf, org.jf):
        assert p.nip in html
        assert reverse("pegawai_detail", args=[p.pk]) in html
    assert org.admin.nip not in html  # no unit: not in his units
    assert org.orang_lain.nip not in html
    assert "Pengadministrasi Umum" in html and "Seksi Surveilans" in html


def test_operator_tidak_melihat_unit_lain(client, org):
    lain = PegawaiFactory(nama="Guru", instansi=org.instansi)
    PenugasanFactory(pegawai=lain, jabatan=JabatanFactory(unit=org.unit_lain))
    assert lain.nip not in daftar(client, org.operator)
    assert lain.nip in daftar(client, org.admin)


def test_admin_melihat_seluruh_instansi(client, org):
    html = daftar(client, org.admin)
    for p in (org.kadis, org.staf, org.operator, org.admin):
        assert p.nip in html
    assert org.orang_lain.nip not in html


# --- search and filters -----------------------------------------------------------------
def test_cari_nama(client, org):
    html = daftar(client, org.operator, q="kasi")
    assert org.kasi.nip in html and org.staf.nip not in html


def test_cari_nip_berspasi(client, org):
    nip = org.staf.nip
    html = daftar(client, org.operator, q=f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
    assert org.staf.nip in html and org.kasi.nip not in html


def test_saring_unit_termasuk_sub_unit(client, org):
    html = daftar(client, org.operator, unit=org.bidang.pk)
    for p in (org.kabid, org.kasi, org.staf, org.jf):
        assert p.nip in html
    assert org.kadis.nip not in html


def test_pilihan_unit_hanya_unit_terlihat(client, org):
    html = daftar(client, org.operator)
    assert f'<option value="{org.bidang.pk}">' in html
    assert f'value="{org.unit_lain.pk}"' not in html


def test_unit_di_luar_wewenang_ditandai_dan_diabaikan(client, org):
    html = daftar(client, org.operator, unit=org.unit_lain.pk, q="Staf")
    assert "Unit ini tidak ada dalam daftar unit Anda." in html
    assert org.staf.nip in html  # the valid part of the filter still applies
    assert 'value="Staf"' in html


def test_saring_status(client, org):
    services.ubah_status_pegawai(org.admin, org.jf, "pensiun")
    html = daftar(client, org.admin, status="pensiun")
    assert org.jf.nip in html and org.staf.nip not in html
    assert "Pensiun" in html


def test_tidak_ada_yang_cocok(client, org):
    html = daftar(client, org.operator, q="zzz-tidak-ada")
    assert "Tidak ada pegawai yang cocok" in html
    assert "Hapus saringan" in html


def test_operator_unit_kosong(client, org):
    kosong = UnitKerjaFactory(instansi=org.instansi, nama="Unit Baru")
    op = PegawaiFactory(nama="Operator Baru", instansi=org.instansi)
    OperatorUnitFactory(pegawai=op, unit=kosong)
    html = daftar(client, op)
    assert op.nip in html  # he always sees himself
    assert org.staf.nip not in html
    assert "Tidak ada pegawai yang cocok" in daftar(client, op, unit=kosong.pk)


def test_banyak_pegawai_berhalaman_tanpa_n_plus_1(client, org, django_assert_max_num_queries):
    for i in range(45):
        jab = JabatanFactory(
            unit=org.seksi,
            nama=f"Pelaksana {i:02d}",
            jenis=Jabatan.Jenis.PELAKSANA,
            induk=org.jab_kasi,
        )
        PenugasanFactory(
            pegawai=PegawaiFactory(nama=f"Anggota {i:02d}", instansi=org.instansi), jabatan=jab
        )
    for user in (org.operator, org.admin):
        client.force_login(user)
        with django_assert_max_num_queries(10):
            r = client.get(reverse("pegawai_daftar"))
        html = r.content.decode()
        assert html.count("<tr>") == 1 + 25
        # Each row shows its own jabatan (the admin also sees "Admin" on page 1).
        assert "Pelaksana 00" in html and "Pelaksana 23" in html
        assert "Halaman 1 dari 3" in html
        with django_assert_max_num_queries(10):
            r = client.get(reverse("pegawai_daftar"), {"page": 2, "unit": org.seksi.pk})
        assert "Halaman 2 dari 2" in r.content.decode()


# --- one pegawai ------------------------------------------------------------------------
def rincian(client, user, pegawai):
    client.force_login(user)
    return client.get(reverse("pegawai_detail", args=[pegawai.pk]))


@pytest.mark.parametrize(
    ("pelihat", "dilihat"),
    [
        ("operator", "staf"),
        ("operator", "kadis"),
        ("admin", "staf"),
        ("admin", "operator"),
        ("kasi", "staf"),
        ("staf", "staf"),
        ("orang_lain", "orang_lain"),
    ],
)
def test_rincian_terbuka_bagi_yang_berhak(client, org, pelihat, dilihat):
    pegawai = getattr(org, dilihat)
    r = rincian(client, getattr(org, pelihat), pegawai)
    assert r.status_code == 200
    assert pegawai.nip in r.content.decode()


@pytest.mark.parametrize(
    ("pelihat", "dilihat"),
    [
        ("staf", "kasi"),
        ("staf", "jf"),
        ("kasi", "kabid"),
        ("operator", "admin"),
        ("operator", "orang_lain"),
        ("admin", "orang_lain"),
        ("orang_lain", "staf"),
    ],
)
def test_rincian_pegawai_lain_404(client, org, pelihat, dilihat):
    assert rincian(client, getattr(org, pelihat), getattr(org, dilihat)).status_code == 404


def test_rincian_id_tidak_ada_404(client, org):
    client.force_login(org.admin)
    assert client.get(reverse("pegawai_detail", args=[999999])).status_code == 404


def test_rincian_memuat_jabatan_penilai_dan_riwayat(client, org):
    services.ubah_status_pegawai(org.admin, org.staf, "cuti", keterangan="Cuti melahirkan")
    html = rincian(client, org.operator, org.staf).content.decode()
    assert "Pengadministrasi Umum" in html
    assert org.kasi.nama_lengkap in html and org.kabid.nama_lengkap in html
    assert "Cuti melahirkan" in html
    assert "Cuti" in html


def test_rincian_pegawai_tanpa_jabatan(client, org):
    html = rincian(client, org.admin, org.operator).content.decode()
    assert "Belum ada jabatan yang tercatat" in html
