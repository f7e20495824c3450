"""The admin instansi manages the unit kerja tree (kelola/unit/)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from pegawai.models import Riwayat, UnitKerja
from tests.factories import InstansiFactory, PegawaiFactory, UnitKerjaFactory

TAK_BOLEH = ["staf", "operator", "kabid"]  # ASN, operator, atasan


def galat(response, field_id: str) -> list[str]:
    """Error messages rendered next to a field by components/field.html."""
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def test_admin_melihat_pohon_unit_berurutan_dengan_jumlah_pegawai(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("kelola_unit"))
    assert r.status_code == 200
    baris = list(r.context["page_obj"])
    assert baris == [org.dinas, org.bidang, org.seksi, org.unit_lain]
    jumlah = {u.pk: (u.kedalaman, u.jumlah_pegawai, u.jumlah_jabatan) for u in baris}
    assert jumlah[org.dinas.pk] == (0, 2, 1)  # kadis + the operator placed there
    assert jumlah[org.bidang.pk] == (1, 2, 2)
    assert jumlah[org.seksi.pk] == (2, 2, 2)
    assert jumlah[org.unit_lain.pk] == (0, 0, 0)
    assert "Seksi Surveilans" in r.content.decode()


def test_pegawai_pensiun_tidak_dihitung(client, org):
    org.staf.status = "pensiun"
    org.staf.save()
    client.force_login(org.admin)
    r = client.get(reverse("kelola_unit"))
    seksi = next(u for u in r.context["page_obj"] if u.pk == org.seksi.pk)
    assert seksi.jumlah_pegawai == 1


def test_cari_unit_dengan_nama_atau_kode(client, org):
    client.force_login(org.admin)
    assert list(client.get(reverse("kelola_unit"), {"q": "surveil"}).context["page_obj"]) == [
        org.seksi
    ]
    assert list(client.get(reverse("kelola_unit"), {"q": "D2"}).context["page_obj"]) == [
        org.unit_lain
    ]
    r = client.get(reverse("kelola_unit"), {"q": "tidak-ada"})
    assert "Tidak ada unit yang cocok" in r.content.decode()


def test_instansi_tanpa_unit_menampilkan_keadaan_kosong(client, db):
    admin = PegawaiFactory(instansi=InstansiFactory(kode="BARU"), is_admin_instansi=True)
    client.force_login(admin)
    r = client.get(reverse("kelola_unit"))
    assert r.status_code == 200
    assert "Belum ada unit kerja" in r.content.decode()


def test_unit_instansi_lain_tidak_tampil(client, org):
    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi, nama="Unit Asing")
    client.force_login(org.admin)
    r = client.get(reverse("kelola_unit"))
    assert asing not in list(r.context["page_obj"])
    assert "Unit Asing" not in r.content.decode()


@pytest.mark.parametrize("peran", TAK_BOLEH)
@pytest.mark.parametrize("url", ["kelola_unit", "kelola_unit_tambah", "kelola_unit_ubah"])
def test_selain_admin_ditolak(client, org, peran, url):
    client.force_login(getattr(org, peran))
    args = [org.seksi.pk] if url.endswith("ubah") else []
    assert client.get(reverse(url, args=args)).status_code == 403
    assert client.post(reverse(url, args=args), {"kode": "X", "nama": "X"}).status_code == 403
    assert not UnitKerja.objects.filter(kode="X").exists()


def test_tamu_diarahkan_ke_halaman_masuk(client, org):
    r = client.get(reverse("kelola_unit"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


def test_tambah_sub_unit(client, org):
    client.force_login(org.admin)
    assert client.get(reverse("kelola_unit_tambah")).status_code == 200
    r = client.post(
        reverse("kelola_unit_tambah"),
        {"kode": "D1.B1.S2", "nama": "Seksi Imunisasi", "induk": org.bidang.pk, "aktif": "on"},
    )
    assert r.status_code == 302
    assert r.url == reverse("kelola_unit")
    unit = UnitKerja.objects.get(kode="D1.B1.S2")
    assert unit.instansi == org.instansi
    assert unit.induk == org.bidang
    assert unit.path == f"{org.bidang.path}{unit.pk}/" and unit.kedalaman == 2
    rw = Riwayat.objects.get(aksi="unit.dibuat", object_id=unit.pk)
    assert rw.pelaku == org.admin and rw.sebagai == Riwayat.Sebagai.ADMIN


def test_kode_ganda_di_instansi_yang_sama_ditolak(client, org):
    client.force_login(org.admin)
    jumlah = UnitKerja.objects.count()
    r = client.post(reverse("kelola_unit_tambah"), {"kode": "D1", "nama": "Dinas Kembar"})
    assert r.status_code == 200
    assert galat(r, "id_kode") == [
        "Kode “D1” sudah dipakai oleh unit Dinas Kesehatan di instansi ini."
    ]
    assert 'value="Dinas Kembar"' in r.content.decode()  # nothing typed is lost
    assert UnitKerja.objects.count() == jumlah
    assert not Riwayat.objects.filter(aksi="unit.dibuat").exists()


def test_kode_yang_dipakai_instansi_lain_boleh(client, org):
    UnitKerjaFactory(instansi=org.orang_lain.instansi, kode="X9")
    client.force_login(org.admin)
    r = client.post(reverse("kelola_unit_tambah"), {"kode": "X9", "nama": "Unit X9"})
    assert r.status_code == 302
    assert UnitKerja.objects.filter(instansi=org.instansi, kode="X9").exists()


def test_ubah_unit(client, org):
    client.force_login(org.admin)
    halaman = client.get(reverse("kelola_unit_ubah", args=[org.unit_lain.pk]))
    assert halaman.status_code == 200
    assert halaman.context["form"].initial["kode"] == "D2"
    r = client.post(
        reverse("kelola_unit_ubah", args=[org.unit_lain.pk]),
        {"kode": "D2", "nama": "Dinas Pendidikan dan Kebudayaan", "induk": ""},
    )
    assert r.status_code == 302
    org.unit_lain.refresh_from_db()
    assert org.unit_lain.nama == "Dinas Pendidikan dan Kebudayaan"
    assert org.unit_lain.aktif is False  # an unticked checkbox
    assert Riwayat.objects.filter(aksi="unit.diubah", object_id=org.unit_lain.pk).exists()


def test_pindah_unit_ke_bawah_sub_unitnya_ditolak(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_unit_ubah", args=[org.dinas.pk]),
        {"kode": "D1", "nama": "Dinas Kesehatan", "induk": org.seksi.pk, "aktif": "on"},
    )
    assert r.status_code == 200
    assert galat(r, "id_induk") == ["Induk tidak boleh dirinya sendiri atau bawahannya."]
    org.dinas.refresh_from_db()
    assert org.dinas.induk is None and org.dinas.path == f"/{org.dinas.pk}/"
    assert not Riwayat.objects.filter(aksi="unit.diubah").exists()


def test_unit_instansi_lain_tidak_ditawarkan_sebagai_induk(client, org):
    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi, nama="Unit Asing")
    client.force_login(org.admin)
    form = client.get(reverse("kelola_unit_tambah")).context["form"]
    assert asing not in form.fields["induk"].queryset
    assert org.seksi in form.fields["induk"].queryset
    r = client.post(reverse("kelola_unit_tambah"), {"kode": "Z", "nama": "Z", "induk": asing.pk})
    assert r.status_code == 200
    assert galat(r, "id_induk")
    assert not UnitKerja.objects.filter(kode="Z").exists()


def test_unit_instansi_lain_404(client, org):
    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi)
    client.force_login(org.admin)
    url = reverse("kelola_unit_ubah", args=[asing.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"kode": "A", "nama": "Diambil alih"}).status_code == 404
    asing.refresh_from_db()
    assert asing.nama != "Diambil alih"


def test_superuser_memilih_instansi_dahulu(client, org):
    root = PegawaiFactory(instansi=None, is_superuser=True, is_staff=True, nama="Root")
    client.force_login(root)
    r = client.get(reverse("kelola_unit"))
    assert r.status_code == 200
    assert "pegawai/kelola/pilih_instansi.html" in [t.name for t in r.templates]
    assert org.instansi.nama in r.content.decode()

    r = client.get(reverse("kelola_unit"), {"instansi": org.instansi.pk})
    assert list(r.context["page_obj"])[0] == org.dinas
    url = reverse("kelola_unit_tambah") + f"?instansi={org.instansi.pk}"
    r = client.post(url, {"kode": "D3", "nama": "Dinas Sosial"})
    assert r.status_code == 302
    assert r.url == reverse("kelola_unit") + f"?instansi={org.instansi.pk}"
    assert UnitKerja.objects.get(kode="D3").instansi == org.instansi


def test_admin_tidak_dapat_memilih_instansi_lain(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("kelola_unit"), {"instansi": org.orang_lain.instansi_id})
    assert r.context["instansi"] == org.instansi


def test_daftar_unit_tanpa_n_plus_1(client, org, django_assert_max_num_queries):
    induk = org.dinas
    for i in range(45):
        unit = UnitKerjaFactory(instansi=org.instansi, induk=induk, kode=f"N{i}")
        PegawaiFactory(instansi=org.instansi, unit_kerja=unit)
        induk = unit if i % 5 else org.dinas
    client.force_login(org.admin)
    with django_assert_max_num_queries(10):
        r = client.get(reverse("kelola_unit"))
    assert r.status_code == 200
    assert len(r.context["page_obj"]) == 49
    assert all(u.jumlah_pegawai == 1 for u in r.context["page_obj"] if u.kode.startswith("N"))
