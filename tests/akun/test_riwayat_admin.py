"""The admin instansi reads the login history of his own pegawai, and sets the instansi's
account rules."""

from django.urls import reverse

from akun.models import PengaturanAkun, RiwayatMasuk
from pegawai.models import Riwayat
from tests.factories import InstansiFactory, PegawaiFactory


def test_admin_melihat_riwayat_pegawai_instansinya_saja(client, org, django_assert_max_num_queries):
    for p in (org.staf, org.kasi, org.operator):
        for _ in range(10):
            RiwayatMasuk.objects.create(pegawai=p, jenis="masuk", ip="10.1.1.1")
    RiwayatMasuk.objects.create(pegawai=org.orang_lain, jenis="masuk", ip="10.66.66.66")
    client.force_login(org.admin)
    with django_assert_max_num_queries(14):
        r = client.get(reverse("akun_riwayat_instansi"))
    html = r.content.decode()
    assert r.status_code == 200 and len(r.content) < 30 * 1024
    assert html.count("<tr>") == 1 + 25 and "10.66.66.66" not in html
    nip = org.staf.nip
    r = client.get(reverse("akun_riwayat_instansi"), {"q": f"{nip[:8]} {nip[8:14]} {nip[14:]}"})
    assert r.content.decode().count("<tr>") == 1 + 10

    with django_assert_max_num_queries(14):
        r = client.get(reverse("akun_riwayat_pegawai", args=[org.staf.pk]))
    assert r.status_code == 200 and r.content.decode().count("<tr>") == 1 + 10
    # A pegawai of another instansi: 404, not an empty page.
    assert client.get(reverse("akun_riwayat_pegawai", args=[org.orang_lain.pk])).status_code == 404


def test_bukan_admin_ditolak(client, org):
    for user in (org.staf, org.operator):
        client.force_login(user)
        assert client.get(reverse("akun_riwayat_instansi")).status_code == 403
        assert client.get(reverse("akun_riwayat_pegawai", args=[org.staf.pk])).status_code == 403


def test_superuser_melihat_semua(client, org):
    root = PegawaiFactory(is_superuser=True, is_staff=True, instansi=None)
    RiwayatMasuk.objects.create(pegawai=org.orang_lain, jenis="masuk", ip="10.66.66.66")
    client.force_login(root)
    assert "10.66.66.66" in client.get(reverse("akun_riwayat_instansi")).content.decode()


def test_pengaturan_akun_instansi(client, org):
    client.force_login(org.admin)
    url = reverse("akun_pengaturan")
    assert client.get(url).status_code == 200
    r = client.post(url, {"lama_sesi_jam": "0"})
    assert r.status_code == 400
    assert 'id="id_lama_sesi_jam_error">Lama sesi paling sedikit 1 jam.' in r.content.decode()
    r = client.post(url, {"lama_sesi_jam": "8", "wajib_dua_langkah_atasan": "on"})
    assert r["Location"] == url
    p = PengaturanAkun.objects.get(instansi=org.instansi)
    assert (p.lama_sesi_jam, p.wajib_dua_langkah_atasan) == (8, True)
    riwayat = Riwayat.objects.get(aksi="akun.pengaturan_diubah")
    assert riwayat.pelaku == org.admin and riwayat.data["lama_sesi_jam"] == 8
    # Another instansi's admin edits his own settings, not these.
    admin_lain = PegawaiFactory(instansi=InstansiFactory(kode="LAIN3"), is_admin_instansi=True)
    client.force_login(admin_lain)
    client.post(url, {"lama_sesi_jam": "3"})
    assert PengaturanAkun.objects.get(instansi=org.instansi).lama_sesi_jam == 8
    assert PengaturanAkun.objects.get(instansi=admin_lain.instansi).lama_sesi_jam == 3


def test_admin_menemukan_halamannya(client, org):
    client.force_login(org.admin)
    html = client.get(reverse("kelola_pegawai")).content.decode()
    assert reverse("akun_riwayat_instansi") in html
    html = client.get(reverse("kelola_pegawai_detail", args=[org.staf.pk])).content.decode()
    assert reverse("akun_riwayat_pegawai", args=[org.staf.pk]) in html
    html = client.get(reverse("akun_riwayat_instansi")).content.decode()
    assert reverse("akun_pengaturan") in html
