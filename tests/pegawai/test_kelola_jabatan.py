"""The admin instansi manages the jabatan (kelola/jabatan/)."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from pegawai.models import Jabatan, Penugasan, Riwayat
from tests.factories import (
    JabatanFactory,
    PegawaiFactory,
    PenugasanFactory,
    UnitKerjaFactory,
)

TAK_BOLEH = ["staf", "operator", "kabid"]  # ASN, operator, atasan


def galat(response, field_id: str) -> list[str]:
    """Error messages rendered next to a field by components/field.html."""
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def data_jabatan(org, **ubah) -> dict:
    data = {
        "nama": "Kepala Seksi Imunisasi",
        "jenis": Jabatan.Jenis.PENGAWAS,
        "unit": org.seksi.pk,
        "induk": org.jab_kabid.pk,
        "kelas_jabatan": "9",
        "aktif": "on",
    }
    return {**data, **ubah}


def test_daftar_jabatan_menampilkan_pemangku_definitif_plt_dan_plh(client, org, hari_ini):
    plt = PegawaiFactory(instansi=org.instansi, nama="Pelaksana Tugas")
    plh = PegawaiFactory(instansi=org.instansi, nama="Pelaksana Harian")
    lowong = JabatanFactory(unit=org.bidang, nama="Analis Kebijakan", induk=org.jab_kabid)
    PenugasanFactory(pegawai=plt, jabatan=lowong, jenis=Penugasan.Jenis.PLT, mulai=hari_ini)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=hari_ini)
    # An ended assignment is not a holder any more.
    PenugasanFactory(
        pegawai=PegawaiFactory(instansi=org.instansi, nama="Mantan Plt"),
        jabatan=org.jab_kasi,
        jenis=Penugasan.Jenis.PLT,
        mulai=dt.date(2021, 1, 1),
        selesai=dt.date(2021, 6, 30),
    )
    kosong = JabatanFactory(unit=org.bidang, nama="Jabatan Kosong", induk=org.jab_kabid)
    client.force_login(org.admin)
    r = client.get(reverse("kelola_jabatan"))
    assert r.status_code == 200
    pemangku = {
        j.pk: {(p.jenis, p.pegawai.nama) for p in j.pemangku_kini} for j in r.context["page_obj"]
    }
    assert pemangku[org.jab_kasi.pk] == {("definitif", "Kasi"), ("plh", "Pelaksana Harian")}
    assert pemangku[lowong.pk] == {("plt", "Pelaksana Tugas")}
    assert pemangku[kosong.pk] == set()
    html = r.content.decode()
    assert "Pelaksana Harian" in html and "Mantan Plt" not in html
    assert "lowong" in html


def test_filter_unit_termasuk_sub_unit_jenis_dan_cari(client, org):
    client.force_login(org.admin)
    url = reverse("kelola_jabatan")
    per_unit = set(client.get(url, {"unit": org.bidang.pk}).context["page_obj"])
    assert per_unit == {org.jab_kabid, org.jab_jf, org.jab_kasi, org.jab_staf}
    per_jenis = list(client.get(url, {"jenis": "fungsional"}).context["page_obj"])
    assert per_jenis == [org.jab_jf]
    assert list(client.get(url, {"q": "epidemiolog"}).context["page_obj"]) == [org.jab_jf]
    r = client.get(url, {"q": "tidak-ada"})
    assert "Tidak ada jabatan yang cocok" in r.content.decode()


def test_filter_unit_instansi_lain_diabaikan(client, org):
    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi)
    JabatanFactory(unit=asing, nama="Jabatan Asing")
    client.force_login(org.admin)
    r = client.get(reverse("kelola_jabatan"), {"unit": asing.pk})
    assert r.status_code == 200
    assert "Jabatan Asing" not in r.content.decode()
    assert len(r.context["page_obj"]) == 5


@pytest.mark.parametrize("peran", TAK_BOLEH)
@pytest.mark.parametrize("url", ["kelola_jabatan", "kelola_jabatan_tambah", "kelola_jabatan_ubah"])
def test_selain_admin_ditolak(client, org, peran, url):
    client.force_login(getattr(org, peran))
    args = [org.jab_kasi.pk] if url.endswith("ubah") else []
    assert client.get(reverse(url, args=args)).status_code == 403
    client.post(reverse(url, args=args), data_jabatan(org, nama="Disusupkan"))
    assert not Jabatan.objects.filter(nama="Disusupkan").exists()


def test_tambah_jabatan(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_jabatan_tambah"), data_jabatan(org))
    assert r.status_code == 302
    assert r.url == reverse("kelola_jabatan")
    j = Jabatan.objects.get(nama="Kepala Seksi Imunisasi")
    assert (j.instansi, j.unit, j.induk, j.kelas_jabatan) == (
        org.instansi,
        org.seksi,
        org.jab_kabid,
        9,
    )
    assert j.path == f"{org.jab_kabid.path}{j.pk}/"
    assert Riwayat.objects.filter(aksi="jabatan.dibuat", object_id=j.pk, pelaku=org.admin).exists()


@pytest.mark.parametrize("kelas", ["0", "18"])
def test_kelas_jabatan_di_luar_1_sampai_17_ditolak(client, org, kelas):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_jabatan_tambah"), data_jabatan(org, kelas_jabatan=kelas))
    assert r.status_code == 200
    assert galat(r, "id_kelas_jabatan") == ["Kelas jabatan antara 1 dan 17."]
    assert 'value="Kepala Seksi Imunisasi"' in r.content.decode()
    assert not Jabatan.objects.filter(nama="Kepala Seksi Imunisasi").exists()
    assert not Riwayat.objects.filter(aksi="jabatan.dibuat").exists()


def test_nama_wajib_diisi(client, org):
    client.force_login(org.admin)
    r = client.post(reverse("kelola_jabatan_tambah"), data_jabatan(org, nama=""))
    assert r.status_code == 200
    assert galat(r, "id_nama")
    assert Jabatan.objects.count() == 5


def test_unit_dan_atasan_instansi_lain_tidak_dapat_dipilih(client, org):
    asing_unit = UnitKerjaFactory(instansi=org.orang_lain.instansi)
    asing_jab = JabatanFactory(unit=asing_unit)
    client.force_login(org.admin)
    form = client.get(reverse("kelola_jabatan_tambah")).context["form"]
    assert asing_unit not in form.fields["unit"].queryset
    assert asing_jab not in form.fields["induk"].queryset
    r = client.post(
        reverse("kelola_jabatan_tambah"),
        data_jabatan(org, unit=asing_unit.pk, induk=asing_jab.pk),
    )
    assert r.status_code == 200
    assert galat(r, "id_unit") and galat(r, "id_induk")
    assert not Jabatan.objects.filter(nama="Kepala Seksi Imunisasi").exists()


def test_ubah_jabatan(client, org):
    client.force_login(org.admin)
    halaman = client.get(reverse("kelola_jabatan_ubah", args=[org.jab_staf.pk]))
    assert halaman.status_code == 200
    assert halaman.context["form"].initial["induk"] == org.jab_kasi.pk
    r = client.post(
        reverse("kelola_jabatan_ubah", args=[org.jab_staf.pk]),
        data_jabatan(
            org,
            nama="Pengolah Data",
            jenis=Jabatan.Jenis.PELAKSANA,
            induk=org.jab_kasi.pk,
            kelas_jabatan="6",
        ),
    )
    assert r.status_code == 302
    org.jab_staf.refresh_from_db()
    assert (org.jab_staf.nama, org.jab_staf.kelas_jabatan) == ("Pengolah Data", 6)
    assert Riwayat.objects.filter(aksi="jabatan.diubah", object_id=org.jab_staf.pk).exists()


def test_atasan_tidak_boleh_bawahannya_sendiri(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_jabatan_ubah", args=[org.jab_kabid.pk]),
        data_jabatan(
            org,
            nama="Kepala Bidang P2P",
            jenis=Jabatan.Jenis.ADMINISTRATOR,
            unit=org.bidang.pk,
            induk=org.jab_staf.pk,
            kelas_jabatan="11",
        ),
    )
    assert r.status_code == 200
    assert galat(r, "id_induk") == ["Induk tidak boleh dirinya sendiri atau bawahannya."]
    org.jab_kabid.refresh_from_db()
    assert org.jab_kabid.induk == org.jab_kadis
    assert not Riwayat.objects.filter(aksi="jabatan.diubah").exists()


def test_jabatan_instansi_lain_404(client, org):
    asing = JabatanFactory(unit=UnitKerjaFactory(instansi=org.orang_lain.instansi))
    client.force_login(org.admin)
    url = reverse("kelola_jabatan_ubah", args=[asing.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, data_jabatan(org, nama="Diambil alih")).status_code == 404
    asing.refresh_from_db()
    assert asing.nama != "Diambil alih"


def test_pilihan_atasan_dikelompokkan_per_unit(client, org):
    client.force_login(org.admin)
    html = client.get(reverse("kelola_jabatan_tambah")).content.decode()
    assert '<optgroup label="Bidang P2P">' in html
    assert "Epidemiolog Kesehatan Ahli Muda — Fungsional" in html


def test_daftar_jabatan_tanpa_n_plus_1(client, org, hari_ini, django_assert_max_num_queries):
    for i in range(42):
        j = JabatanFactory(unit=org.seksi, induk=org.jab_kasi, nama=f"Pelaksana {i:02d}")
        PenugasanFactory(pegawai=PegawaiFactory(instansi=org.instansi), jabatan=j)
        if i % 3 == 0:
            PenugasanFactory(
                pegawai=PegawaiFactory(instansi=org.instansi),
                jabatan=j,
                jenis=Penugasan.Jenis.PLH,
                mulai=hari_ini,
            )
    client.force_login(org.admin)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("kelola_jabatan"), {"unit": org.dinas.pk})
    assert r.status_code == 200
    assert len(r.context["page_obj"]) == 25
    assert r.context["page_obj"].paginator.num_pages == 2
    assert 'rel="next"' in r.content.decode()
