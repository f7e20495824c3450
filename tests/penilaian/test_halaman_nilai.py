"""The penilai's pages: the list, the rating page (plain POST and htmx preview), the frozen
final page, "Penilaian saya" and the admin's window pages."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from penilaian import rules
from penilaian.models import Penilaian, PeriodePenilaian
from penilaian.services import nilai as services


@pytest.fixture
def pada(monkeypatch):
    def atur(tanggal):
        monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: tanggal)

    return atur


def test_halaman_nilai_simpan_dan_tetapkan(client, org, jendela, skp_semua, pada):
    pada(dt.date(2026, 3, 15))
    pp, skp = jendela.tw[0], skp_semua["staf"]
    url = reverse("nilai_isi", args=[pp.pk, skp.pk])
    client.force_login(org.kasi)
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Berorientasi Pelayanan" in html and org.staf.nip in html
    assert 'name="rating_hasil_kerja"' in html and 'name="catatan_akuntabel"' in html
    assert reverse("nilai_pratinjau", args=[pp.pk, skp.pk]) in html
    assert not Penilaian.objects.exists()  # opening the page writes nothing

    r = client.post(
        url,
        {
            "rating_hasil_kerja": "di_atas",
            "rating_perilaku": "di_atas",
            "catatan_akuntabel": "Selalu tepat waktu",
        },
    )
    assert r.status_code == 302
    p = Penilaian.objects.get()
    assert p.predikat == "sangat_baik" and p.status == "draft"
    assert p.catatan_perilaku == {"akuntabel": "Selalu tepat waktu"}
    assert "Sangat Baik" in client.get(url).content.decode()

    kiriman = {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai", "tetapkan": "1"}
    # A second look first: the ratings and the predikat they give; nothing is set yet.
    html = client.post(url, kiriman).content.decode()
    assert f"Tetapkan penilaian {skp.pegawai.nama_lengkap} pada {pp} dengan predikat Baik?" in html
    assert "Rating hasil kerja: Sesuai Ekspektasi" in html
    assert '<input type="hidden" name="yakin" value="1">' in html
    p.refresh_from_db()
    assert p.status == "draft" and p.predikat == "sangat_baik"
    r = client.post(url, {**kiriman, "yakin": "1"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.is_final and p.predikat == "baik"
    html = client.get(url).content.decode()
    assert 'name="rating_hasil_kerja"' not in html  # read-only
    assert "Baik" in html
    client.post(url, {"rating_hasil_kerja": "di_bawah", "rating_perilaku": "di_bawah"})
    p.refresh_from_db()
    assert p.predikat == "baik"


def test_tetapkan_tanpa_rating_pesan_di_halaman(client, org, jendela, skp_semua, pada):
    pada(dt.date(2026, 3, 15))
    pp, skp = jendela.tw[0], skp_semua["staf"]
    client.force_login(org.kasi)
    r = client.post(
        reverse("nilai_isi", args=[pp.pk, skp.pk]),
        {"rating_hasil_kerja": "sesuai", "tetapkan": "1"},
    )
    assert r.status_code == 200
    assert "Rating perilaku kerja belum diisi." in r.content.decode()
    assert Penilaian.objects.get().status == "draft"


def test_pratinjau_predikat_tanpa_menulis(client, org, jendela, skp_semua, pada):
    pada(dt.date(2026, 3, 15))
    pp, skp = jendela.tw[0], skp_semua["staf"]
    client.force_login(org.kasi)
    url = reverse("nilai_pratinjau", args=[pp.pk, skp.pk])
    r = client.post(
        url,
        {"rating_hasil_kerja": "di_bawah", "rating_perilaku": "di_bawah"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Sangat Kurang" in r.content.decode()
    r = client.post(url, {"rating_hasil_kerja": "di_bawah"}, HTTP_HX_REQUEST="true")
    assert "muncul setelah kedua rating dipilih" in r.content.decode()
    assert not Penilaian.objects.exists()


def test_pegawai_sendiri_ditolak_dan_melihat_penilaian_saya(client, org, jendela, skp_semua, pada):
    pada(dt.date(2026, 3, 15))
    pp, skp = jendela.tw[0], skp_semua["staf"]
    client.force_login(org.staf)
    assert client.get(reverse("nilai_isi", args=[pp.pk, skp.pk])).status_code == 403
    p = services.mulai_penilaian(org.kasi, pp, skp)
    assert client.get(reverse("penilaian_detail", args=[p.pk])).status_code == 404  # draft
    assert "Triwulan" not in client.get(reverse("penilaian_saya")).content.decode()
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "di_atas"}
    )
    services.tetapkan_penilaian(org.kasi, p)
    html = client.get(reverse("penilaian_saya")).content.decode()
    assert "Baik" in html and reverse("penilaian_detail", args=[p.pk]) in html
    r = client.get(reverse("penilaian_detail", args=[p.pk]))
    assert r.status_code == 200 and 'name="rating_perilaku"' not in r.content.decode()
    # The kabid (atasan of the penilai) reads it; the jf (a colleague) does not.
    client.force_login(org.kabid)
    assert client.get(reverse("penilaian_detail", args=[p.pk])).status_code == 200
    client.force_login(org.jf)
    assert client.get(reverse("penilaian_detail", args=[p.pk])).status_code == 404


def test_daftar_menandai_terlambat(client, org, jendela, skp_semua, pada):
    pp = jendela.tw[0]
    pada(pp.batas + dt.timedelta(days=1))
    client.force_login(org.kasi)
    html = client.get(reverse("nilai_daftar") + f"?jendela={pp.pk}").content.decode()
    assert org.staf.nama_lengkap in html and "terlambat" in html
    # the jf is the kabid's (a whole word: "Jf" may occur inside a random CSRF token)
    assert not re.search(rf"\b{re.escape(org.jf.nama_lengkap)}\b", html)


def test_daftar_kosong(client, org, jendela, pada):
    pada(dt.date(2026, 3, 15))
    client.force_login(org.staf)
    r = client.get(reverse("nilai_daftar"))
    assert "Tidak ada pegawai yang harus Anda nilai" in r.content.decode()


def test_ubah_jendela_batas_sebelum_dibuka_ditolak(client, org, jendela):
    pp = jendela.tw[0]
    client.force_login(org.admin)
    r = client.post(
        reverse("jendela_ubah", args=[pp.pk]), {"dibuka": "2026-04-10", "batas": "2026-04-01"}
    )
    assert r.status_code == 200
    assert "Batas penilaian tidak boleh sebelum tanggal penilaian dibuka." in r.content.decode()
    pp.refresh_from_db()
    assert pp.dibuka == dt.date(2026, 3, 1)
    r = client.post(
        reverse("jendela_ubah", args=[pp.pk]), {"dibuka": "2026-03-05", "batas": "2026-04-20"}
    )
    assert r.status_code == 302
    assert PeriodePenilaian.objects.get(pk=pp.pk).batas == dt.date(2026, 4, 20)


def test_pengaturan_penilaian(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("pengaturan_penilaian"),
        {
            "jenis_periodik": "bulanan",
            "hari_batas_periodik": "5",
            "hari_batas_tahunan": "-1",
        },
    )
    assert r.status_code == 200  # a negative number of days is refused next to the field
    assert services.pengaturan_instansi(org.instansi.pk).jenis_periodik == "triwulan"
    r = client.post(
        reverse("pengaturan_penilaian"),
        {
            "jenis_periodik": "bulanan",
            "hari_batas_periodik": "5",
            "hari_batas_tahunan": "20",
        },
    )
    assert r.status_code == 302
    assert services.pengaturan_instansi(org.instansi.pk).jenis_periodik == "bulanan"
    # The objection period is the law's: the settings page offers no field for it.
    assert "hari_keberatan" not in client.get(reverse("pengaturan_penilaian")).content.decode()


def test_halaman_pimpinan_unit_tahunan(client, org, jendela, skp_semua, pada):
    from penilaian.models import PredikatKinerjaOrganisasi

    pada(dt.date(2026, 12, 15))
    url = reverse("nilai_isi", args=[jendela.tahunan.pk, skp_semua["kasi"].pk])
    client.force_login(org.kabid)
    html = client.get(url).content.decode()
    assert "Admin instansi harus menetapkannya terlebih dahulu" in html
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.seksi, tahun=2026, predikat="istimewa"
    )
    html = client.get(url).content.decode()
    assert "mengikuti predikat kinerja organisasi unitnya (Istimewa)" in html
    # A posted hasil kerja is ignored: it follows the unit.
    client.post(url, {"rating_hasil_kerja": "di_bawah", "rating_perilaku": "sesuai"})
    p = Penilaian.objects.get()
    assert p.hasil_kerja_dari_organisasi
    assert p.rating_hasil_kerja == str(rules.rating_hasil_kerja_pimpinan("istimewa"))
