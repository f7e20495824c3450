"""The follow-up pages with no data yet: empty states, not errors; the menu entries."""

from pegawai.models import Penugasan


def test_halaman_kosong(client, org):
    Penugasan.objects.all().delete()
    client.force_login(org.admin)
    r = client.get("/penilaian/tpp/", {"unit": org.unit_lain.pk, "tahun": 2026, "bulan": 2})
    assert "Belum ada pegawai aktif" in r.content.decode()
    r = client.get("/penilaian/tpp/angka-kredit/")
    assert "Tidak ada pejabat fungsional" in r.content.decode()
    r = client.get("/penilaian/tpp/siasn/")
    assert "Belum ada penilaian final" in r.content.decode()
    r = client.get("/penilaian/tpp/kehadiran/")
    assert "Templat Excel" in r.content.decode()
    r = client.get("/penilaian/tpp/pengaturan/")
    assert "Belum ada besaran TPP" in r.content.decode()
    assert client.get("/penilaian/tpp/", {"unit": "x"}).status_code == 404


def test_menu_tindak_lanjut(client, org):
    client.force_login(org.operator)
    html = client.get("/penilaian/tpp/").content.decode()
    assert 'href="/penilaian/tpp/angka-kredit/"' in html
    assert 'href="/penilaian/tpp/siasn/"' not in html  # the admin's
    client.force_login(org.admin)
    html = client.get("/penilaian/tpp/").content.decode()
    assert 'href="/penilaian/tpp/siasn/"' in html and 'href="/penilaian/tpp/pengaturan/"' in html
    client.force_login(org.staf)
    assert 'href="/penilaian/tpp/"' not in client.get("/").content.decode()
