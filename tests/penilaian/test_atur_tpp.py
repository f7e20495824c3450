"""The admin sets the TPP formula, the base TPP per kelas and the angka kredit coefficients."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pegawai.models import Jabatan, Riwayat
from penilaian.models import BesaranTpp, KoefisienAngkaKredit, PengaturanTpp
from penilaian.services import tpp as services_tpp
from penilaian.services.tpp import KOLOM_PENGATURAN
from tests.factories import JabatanFactory

URL = "/penilaian/tpp/pengaturan/"


def _data(**ubah):
    obj = PengaturanTpp()
    data = {k: getattr(obj, k) for k in KOLOM_PENGATURAN}
    data["potong_tanpa_realisasi"] = "on"
    data.update(ubah)
    return data


def test_halaman_bawaan_ditandai_contoh(client, org):
    client.force_login(org.admin)
    r = client.get(URL)
    assert "hanya contoh" in r.content.decode()


def test_simpan_pengaturan_dan_riwayat(client, org):
    client.force_login(org.admin)
    r = client.post(URL, _data(porsi_kinerja="70", porsi_disiplin="30", dasar_kinerja="realisasi"))
    assert r.status_code == 302
    p = PengaturanTpp.objects.get(instansi=org.instansi)
    assert (p.porsi_kinerja, p.porsi_disiplin, p.dasar_kinerja) == (70, 30, "realisasi")
    assert p.diubah_oleh == org.admin
    rw = Riwayat.objects.get(aksi="tpp.pengaturan_diubah")
    assert rw.pelaku == org.admin and rw.data["baru"]["porsi_kinerja"] == "70"


def test_porsi_harus_berjumlah_seratus(client, org):
    client.force_login(org.admin)
    r = client.post(URL, _data(porsi_kinerja="70", porsi_disiplin="40"))
    assert r.status_code == 200
    assert "harus 100%" in r.context["form"].errors["porsi_disiplin"][0]
    assert not PengaturanTpp.objects.exists()
    with pytest.raises(ValueError):
        services_tpp.simpan_pengaturan(
            org.admin, org.instansi, _data(porsi_kinerja=Decimal(70), porsi_disiplin=Decimal(40))
        )


def test_hanya_admin_instansi_di_layanan(org):
    with pytest.raises(PermissionDenied):
        services_tpp.simpan_pengaturan(org.operator, org.instansi, _data())
    with pytest.raises(PermissionDenied):
        services_tpp.simpan_besaran(org.kasi, org.instansi, 5, Decimal(1))


def test_besaran_tambah_ubah_hapus(client, org):
    client.force_login(org.admin)
    r = client.post("/penilaian/tpp/besaran/baru/", {"kelas_jabatan": 7, "jumlah": "4000000"})
    assert r.status_code == 302
    b = BesaranTpp.objects.get(instansi=org.instansi, kelas_jabatan=7)
    r = client.post("/penilaian/tpp/besaran/baru/", {"kelas_jabatan": 7, "jumlah": "1"})
    assert "sudah ada" in r.context["form"].errors["kelas_jabatan"][0]
    r = client.post("/penilaian/tpp/besaran/baru/", {"kelas_jabatan": 18, "jumlah": "1"})
    assert "1 sampai 17" in r.context["form"].errors["kelas_jabatan"][0]
    r = client.post("/penilaian/tpp/besaran/baru/", {"kelas_jabatan": 6, "jumlah": "-5"})
    assert r.context["form"].errors["jumlah"]
    r = client.post(f"/penilaian/tpp/besaran/{b.pk}/", {"kelas_jabatan": 7, "jumlah": "4500000"})
    b.refresh_from_db()
    assert b.jumlah == 4_500_000
    client.post(f"/penilaian/tpp/besaran/{b.pk}/hapus/")
    assert not BesaranTpp.objects.exists()
    assert Riwayat.objects.filter(aksi="tpp.besaran_diubah").count() == 3


def test_koefisien_jabatan_fungsional(client, org):
    client.force_login(org.admin)
    r = client.get("/penilaian/tpp/angka-kredit/koefisien/")
    assert org.jab_jf.nama in r.content.decode()
    assert org.jab_staf.nama not in r.content.decode()  # only jabatan fungsional
    p = f"j{org.jab_jf.pk}"
    r = client.post(
        "/penilaian/tpp/angka-kredit/koefisien/",
        {"jabatan": org.jab_jf.pk, f"{p}-jenjang": "ahli_muda", f"{p}-koefisien": "25"},
    )
    assert r.status_code == 302
    k = KoefisienAngkaKredit.objects.get(jabatan=org.jab_jf)
    assert (k.jenjang, k.koefisien) == ("ahli_muda", 25)
    assert Riwayat.objects.filter(aksi="angka_kredit.koefisien_diubah").exists()
    r = client.post(
        "/penilaian/tpp/angka-kredit/koefisien/",
        {"jabatan": org.jab_jf.pk, f"{p}-jenjang": "ahli_muda", f"{p}-koefisien": "0"},
    )
    assert r.status_code == 200 and not r.context["halaman"].object_list[0][1].is_valid()
    # another instansi's jabatan, or a non-JF one: 404
    lain = JabatanFactory(jenis=Jabatan.Jenis.FUNGSIONAL)
    for pk in (lain.pk, org.jab_staf.pk):
        r = client.post("/penilaian/tpp/angka-kredit/koefisien/", {"jabatan": pk})
        assert r.status_code == 404
