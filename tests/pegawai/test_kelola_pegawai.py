"""The admin instansi manages pegawai: list, add, edit, detail, status and admin role."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from pegawai.models import Pegawai, Penugasan, Riwayat
from tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    PenugasanFactory,
    buat_nip,
)

TAK_BOLEH = ["staf", "operator", "kabid"]  # ASN, operator, atasan
# A valid PNS NIP of a man that the factories' sequence never makes (another TMT): a fixed
# sequence number is reached once a worker has created that many pegawai.
NIP_BARU = buat_nip(5000, tmt="199901")


def galat(response, field_id: str) -> list[str]:
    """Error messages rendered next to a field by components/field.html."""
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def data_pegawai(**ubah) -> dict:
    data = {
        "nip": NIP_BARU,
        "nama": "Budi Santoso",
        "gelar_depan": "",
        "gelar_belakang": "S.K.M.",
        "jenis_kelamin": "L",
        "pangkat_golongan": "Penata Muda (III/a)",
        "status_kepegawaian": "PNS",
        "email": "budi@example.go.id",
    }
    return {**data, **ubah}


# --- list -----------------------------------------------------------------------------------
def test_daftar_pegawai_instansi_sendiri(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("kelola_pegawai"))
    assert r.status_code == 200
    daftar = set(r.context["page_obj"])
    assert org.kasi in daftar and org.admin in daftar
    assert org.orang_lain not in daftar
    html = r.content.decode()
    assert "Kepala Seksi Surveilans" in html  # today's jabatan
    assert "Orang Lain" not in html


def test_cari_dengan_nip_atau_nama(client, org):
    client.force_login(org.admin)
    url = reverse("kelola_pegawai")
    assert list(client.get(url, {"q": org.kasi.nip}).context["page_obj"]) == [org.kasi]
    spasi = f"{org.kasi.nip[:8]} {org.kasi.nip[8:14]} {org.kasi.nip[14:]}"
    assert list(client.get(url, {"q": spasi}).context["page_obj"]) == [org.kasi]
    assert list(client.get(url, {"q": "kabi"}).context["page_obj"]) == [org.kabid]
    r = client.get(url, {"q": "tidak-ada"})
    assert "Tidak ada pegawai yang cocok" in r.content.decode()


def test_filter_unit_dan_status(client, org):
    org.staf.status = Pegawai.Status.PENSIUN
    org.staf.save()
    client.force_login(org.admin)
    url = reverse("kelola_pegawai")
    assert set(client.get(url, {"unit": org.bidang.pk}).context["page_obj"]) == {
        org.kabid,
        org.jf,
        org.kasi,
        org.staf,
    }
    assert list(client.get(url, {"status": "pensiun"}).context["page_obj"]) == [org.staf]
    assert list(client.get(url, {"unit": org.seksi.pk, "status": "aktif"}).context["page_obj"]) == [
        org.kasi
    ]


def test_daftar_pegawai_tanpa_n_plus_1(client, org, django_assert_max_num_queries):
    for i in range(45):
        p = PegawaiFactory(instansi=org.instansi, nama=f"Anggota {i:02d}")
        PenugasanFactory(pegawai=p, jabatan=JabatanFactory(unit=org.seksi, induk=org.jab_kasi))
    client.force_login(org.admin)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("kelola_pegawai"))
    assert r.status_code == 200
    assert len(r.context["page_obj"]) == 25
    with django_assert_max_num_queries(12):
        r = client.get(reverse("kelola_pegawai"), {"page": 2})
    assert r.context["page_obj"].number == 2


# --- who may ----------------------------------------------------------------------------
HALAMAN = [
    ("get", "kelola_pegawai", False),
    ("get", "kelola_pegawai_tambah", False),
    ("get", "kelola_pegawai_cari", False),
    ("get", "kelola_pegawai_detail", True),
    ("get", "kelola_pegawai_ubah", True),
    ("post", "kelola_pegawai_status", True),
    ("post", "kelola_pegawai_admin", True),
]


@pytest.mark.parametrize("peran", TAK_BOLEH)
@pytest.mark.parametrize(("metode", "url", "pakai_pk"), HALAMAN)
def test_selain_admin_ditolak(client, org, peran, metode, url, pakai_pk):
    client.force_login(getattr(org, peran))
    args = [org.jf.pk] if pakai_pk else []
    r = getattr(client, metode)(reverse(url, args=args), {"status": "pensiun", "jadi_admin": "1"})
    assert r.status_code == 403
    org.jf.refresh_from_db()
    assert org.jf.status == "aktif" and not org.jf.is_admin_instansi


@pytest.mark.parametrize(
    ("metode", "url"),
    [
        ("get", "kelola_pegawai_detail"),
        ("get", "kelola_pegawai_ubah"),
        ("post", "kelola_pegawai_ubah"),
        ("post", "kelola_pegawai_status"),
        ("post", "kelola_pegawai_admin"),
    ],
)
def test_pegawai_instansi_lain_404(client, org, metode, url):
    client.force_login(org.admin)
    r = getattr(client, metode)(
        reverse(url, args=[org.orang_lain.pk]),
        {**data_pegawai(nama="Diambil alih"), "status": "pensiun", "jadi_admin": "1"},
    )
    assert r.status_code == 404
    org.orang_lain.refresh_from_db()
    assert org.orang_lain.nama == "Orang Lain" and org.orang_lain.status == "aktif"
    assert not org.orang_lain.is_admin_instansi


@pytest.mark.parametrize("url", ["kelola_pegawai_status", "kelola_pegawai_admin"])
def test_aksi_post_menjawab_405_untuk_get(client, org, url):
    client.force_login(org.admin)
    assert client.get(reverse(url, args=[org.jf.pk])).status_code == 405


# --- add ------------------------------------------------------------------------------------
def test_tambah_pegawai(client, org):
    client.force_login(org.admin)
    halaman = client.get(reverse("kelola_pegawai_tambah"))
    assert halaman.status_code == 200
    assert "NIP tidak dapat diubah" in halaman.content.decode()
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai())
    p = Pegawai.objects.get(nip=NIP_BARU)
    assert r.status_code == 302
    assert r.url == reverse("kelola_pegawai_detail", args=[p.pk])
    assert p.instansi == org.instansi and p.nama_lengkap == "Budi Santoso, S.K.M."
    assert not p.has_usable_password()
    rw = Riwayat.objects.get(aksi="pegawai.dibuat", subjek=p)
    assert rw.pelaku == org.admin


def test_nip_boleh_ditulis_dengan_spasi(client, org):
    client.force_login(org.admin)
    spasi = f"{NIP_BARU[:8]} {NIP_BARU[8:14]} {NIP_BARU[14]} {NIP_BARU[15:]}"
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai(nip=spasi))
    assert r.status_code == 302
    assert Pegawai.objects.filter(nip=NIP_BARU).exists()


def test_nip_pppk_cukup_18_digit(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_pegawai_tambah"),
        data_pegawai(nip="123456789012345678", status_kepegawaian="PPPK"),
    )
    assert r.status_code == 302
    assert Pegawai.objects.get(nip="123456789012345678").status_kepegawaian == "PPPK"


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (
            {"nip": "198513142010011001"},
            "Digit 1–8 NIP (19851314) bukan tanggal lahir yang valid (TTTTBBHH).",
        ),
        ({"nip": "1985031420100110"}, "NIP harus 18 digit, yang diisi 16 digit."),
        (
            {"jenis_kelamin": "P"},
            "Jenis kelamin (P) tidak sesuai dengan digit ke-15 NIP (1).",
        ),
        (
            {"nip": "12345678901234567X", "status_kepegawaian": "PPPK"},
            "NIP hanya boleh berisi angka.",
        ),
    ],
)
def test_nip_tidak_valid_ditolak_di_samping_kolom_nip(client, org, ubah, pesan):
    client.force_login(org.admin)
    jumlah = Pegawai.objects.count()
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai(**ubah))
    assert r.status_code == 200
    assert galat(r, "id_nip") == [pesan]
    assert 'value="Budi Santoso"' in r.content.decode()
    assert Pegawai.objects.count() == jumlah
    assert not Riwayat.objects.filter(aksi="pegawai.dibuat").exists()


def test_nip_ganda_di_instansi_sendiri(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai(nip=org.kasi.nip))
    assert galat(r, "id_nip") == ["NIP ini sudah terdaftar atas nama Kasi."]
    assert Pegawai.objects.filter(nip=org.kasi.nip).count() == 1


def test_nip_ganda_di_instansi_lain_tidak_membuka_namanya(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai(nip=org.orang_lain.nip))
    [pesan] = galat(r, "id_nip")
    assert "instansi lain" in pesan and "Orang Lain" not in pesan


def test_email_tidak_valid(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_pegawai_tambah"), data_pegawai(email="bukan-email"))
    assert galat(r, "id_email")
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


# --- edit -----------------------------------------------------------------------------------
def test_ubah_data_pegawai_tanpa_mengubah_nip(client, org):
    client.force_login(org.admin)
    url = reverse("kelola_pegawai_ubah", args=[org.jf.pk])
    r = client.get(url)
    assert 'name="nip"' not in r.content.decode()
    assert org.jf.nip in r.content.decode()
    r = client.post(url, data_pegawai(nip=NIP_BARU, nama="Jf Baru", gelar_depan="dr."))
    assert r.status_code == 302
    nip_lama = org.jf.nip
    org.jf.refresh_from_db()
    assert org.jf.nama_lengkap == "dr. Jf Baru, S.K.M." and org.jf.nip == nip_lama
    assert Riwayat.objects.filter(aksi="pegawai.diubah", subjek=org.jf).exists()


def test_ubah_jenis_kelamin_yang_bertentangan_dengan_nip(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_pegawai_ubah", args=[org.jf.pk]),
        data_pegawai(nama="Jf", jenis_kelamin="P"),
    )
    assert r.status_code == 200
    assert galat(r, "id_jenis_kelamin") == [
        "Jenis kelamin (P) tidak sesuai dengan digit ke-15 NIP (1)."
    ]
    org.jf.refresh_from_db()
    assert org.jf.jenis_kelamin == "L"


# --- detail ---------------------------------------------------------------------------------
def test_halaman_pegawai_menampilkan_penugasan_peran_dan_riwayat(client, org, hari_ini):
    lama = PenugasanFactory(
        pegawai=org.jf,
        jabatan=org.jab_staf,
        jenis=Penugasan.Jenis.PLH,
        mulai=dt.date(2019, 2, 1),
        selesai=dt.date(2019, 2, 28),
    )
    client.force_login(org.admin)
    client.post(
        reverse("kelola_pegawai_status", args=[org.jf.pk]),
        {"status": "cuti", "keterangan": "Cuti besar"},
    )
    r = client.get(reverse("kelola_pegawai_detail", args=[org.jf.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert [p.pk for p in r.context["penugasan"]][-1] == lama.pk
    assert "Epidemiolog Kesehatan Ahli Muda" in html and "Pengadministrasi Umum" in html
    # Only the open assignment has an "akhiri" form.
    assert reverse("kelola_penugasan_akhiri", args=[lama.pk]) not in html
    aktif = org.jf.penugasan.get(selesai__isnull=True)
    assert reverse("kelola_penugasan_akhiri", args=[aktif.pk]) in html
    assert reverse("kelola_penugasan_tambah", args=[org.jf.pk]) in html
    assert "Cuti besar" in html  # the history timeline
    assert "Jadikan admin instansi" in html


# --- status ---------------------------------------------------------------------------------
def test_ubah_status_menjadi_pensiun(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_pegawai_status", args=[org.staf.pk]),
        {"status": "pensiun", "keterangan": "SK BUP 800/12/2025"},
    )
    assert r.status_code == 302
    assert r.url == reverse("kelola_pegawai_detail", args=[org.staf.pk])
    org.staf.refresh_from_db()
    assert org.staf.status == "pensiun" and not org.staf.is_active
    rw = Riwayat.objects.get(aksi="pegawai.status", subjek=org.staf)
    assert (rw.dari_status, rw.ke_status, rw.keterangan) == (
        "aktif",
        "pensiun",
        "SK BUP 800/12/2025",
    )


def test_admin_tidak_dapat_menonaktifkan_dirinya(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_pegawai_status", args=[org.admin.pk]), {"status": "berhenti"})
    assert r.status_code == 200
    assert galat(r, "id_status") == ["Anda tidak dapat menonaktifkan akun Anda sendiri."]
    org.admin.refresh_from_db()
    assert org.admin.status == "aktif"
    assert not Riwayat.objects.filter(aksi="pegawai.status").exists()


def test_status_tidak_dikenal_ditolak(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_pegawai_status", args=[org.staf.pk]), {"status": "libur"})
    assert r.status_code == 200
    assert galat(r, "id_status")
    org.staf.refresh_from_db()
    assert org.staf.status == "aktif"


# --- admin role -----------------------------------------------------------------------------
def test_jadikan_dan_cabut_admin_instansi(client, org):
    client.force_login(org.admin)
    url = reverse("kelola_pegawai_admin", args=[org.kasi.pk])
    r = client.post(url, {"jadi_admin": "1"})
    assert r.status_code == 302
    org.kasi.refresh_from_db()
    assert org.kasi.is_admin_instansi
    assert Riwayat.objects.filter(aksi="admin.ditambah", subjek=org.kasi).exists()
    client.post(url, {"jadi_admin": "1"})  # a double submit changes nothing
    org.kasi.refresh_from_db()
    assert org.kasi.is_admin_instansi
    client.post(url, {"jadi_admin": "0"})
    org.kasi.refresh_from_db()
    assert not org.kasi.is_admin_instansi
    assert Riwayat.objects.filter(aksi="admin.dicabut", subjek=org.kasi).count() == 1


def test_admin_tidak_dapat_mencabut_perannya_sendiri(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_pegawai_admin", args=[org.admin.pk]), {"jadi_admin": "0"}, follow=True
    )
    assert "Anda tidak dapat mencabut peran admin Anda sendiri." in r.content.decode()
    org.admin.refresh_from_db()
    assert org.admin.is_admin_instansi


# --- superuser ------------------------------------------------------------------------------
def test_superuser_mengelola_pegawai_instansi_pilihannya(client, org):
    root = PegawaiFactory(instansi=None, is_superuser=True, nama="Root")
    lain = InstansiFactory(kode="LAIN2")
    client.force_login(root)
    r = client.get(reverse("kelola_pegawai"), {"instansi": lain.pk})
    assert list(r.context["page_obj"]) == []
    assert "Belum ada pegawai" in r.content.decode()
    url = reverse("kelola_pegawai_tambah") + f"?instansi={lain.pk}"
    assert client.post(url, data_pegawai()).status_code == 302
    p = Pegawai.objects.get(nip=NIP_BARU)
    assert p.instansi == lain
    assert client.get(reverse("kelola_pegawai_detail", args=[p.pk])).status_code == 200


def test_pencarian_nip_untuk_isian_operator(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("kelola_pegawai_cari"), {"nip": org.kasi.nip[:10]})
    assert r.status_code == 200
    html = r.content.decode()
    assert f'value="{org.kasi.nip}"' in html
    r = client.get(reverse("kelola_pegawai_cari"), {"nip": org.orang_lain.nip})
    assert org.orang_lain.nip not in r.content.decode()
