"""The banner of announcements and maintenance notices: audience, dates, the login page,
closing it for the session, and its cost (one cached read, no query once cached)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inti.cache_versi import berubah
from pengumuman import rules
from pengumuman.models import Pengumuman

ISI = "Apel pagi Senin dipindah ke aula"
PEMELIHARAAN = Pengumuman.Jenis.PEMELIHARAAN


def lihat(client, user, url=None) -> str:
    if user is not None:
        client.force_login(user)
    return client.get(url or reverse("beranda")).content.decode()


# --- dates --------------------------------------------------------------------------------
def test_tampil_untuk_semua_selama_berlaku(client, org, buat):
    buat(ISI)
    for p in (org.staf, org.kasi, org.operator, org.admin):
        assert ISI in lihat(client, p)
    assert ISI not in lihat(client, org.orang_lain)  # another instansi


def test_belum_mulai_dan_sudah_lewat_tidak_tampil(client, org, buat):
    sekarang = timezone.now()
    buat(
        "Akan datang besok",
        mulai=sekarang + dt.timedelta(hours=2),
        selesai=sekarang + dt.timedelta(days=1),
    )
    buat("Kemarin", mulai=sekarang - dt.timedelta(days=2), selesai=sekarang - dt.timedelta(hours=1))
    html = lihat(client, org.staf)
    assert "Akan datang besok" not in html and "Kemarin" not in html


def test_mulai_tampil_tanpa_perubahan_data(client, org, buat):
    """The cached list holds the announcements not yet over: one that starts later appears
    when its time comes, although nothing bumps the cache."""
    sekarang = timezone.now()
    s = rules.Spanduk(
        pk=1,
        jenis="pengumuman",
        isi="x",
        mulai=sekarang,
        selesai=sekarang + dt.timedelta(hours=1),
        tampil_sejak=sekarang,
        tampil_sampai=sekarang + dt.timedelta(hours=1),
        unit_ids=frozenset(),
        peran=(),
    )
    assert not rules.sedang_tampil(s, sekarang - dt.timedelta(seconds=1))
    assert rules.sedang_tampil(s, sekarang)
    assert not rules.sedang_tampil(s, sekarang + dt.timedelta(hours=1))
    from pengumuman.selectors import spanduk

    buat("Segera", mulai=sekarang + dt.timedelta(minutes=5))
    assert spanduk(org.staf, set()) == []
    nanti = spanduk(org.staf, set(), sekarang + dt.timedelta(minutes=6))
    assert [x.isi for x in nanti] == ["Segera"]


# --- audience -----------------------------------------------------------------------------
def test_sasaran_unit_termasuk_sub_unit(client, org, buat):
    buat(ISI, unit=[org.bidang])
    assert ISI in lihat(client, org.staf)  # seksi ⊂ bidang
    assert ISI in lihat(client, org.jf)  # bidang itself
    assert ISI not in lihat(client, org.operator)  # the dinas above


def test_sasaran_peran(client, org, buat):
    buat(ISI, peran=[Pengumuman.Peran.ATASAN])
    assert ISI in lihat(client, org.kasi)
    assert ISI not in lihat(client, org.staf)
    buat("Untuk operator", peran=[Pengumuman.Peran.OPERATOR])
    assert "Untuk operator" in lihat(client, org.operator)
    assert "Untuk operator" not in lihat(client, org.kasi)


def test_sasaran_unit_dan_peran_keduanya_harus_cocok(client, org, buat):
    buat(ISI, unit=[org.seksi], peran=[Pengumuman.Peran.ATASAN])
    assert ISI in lihat(client, org.kasi)  # atasan in the seksi
    assert ISI not in lihat(client, org.staf)  # the seksi, not atasan
    assert ISI not in lihat(client, org.kabid)  # atasan, not in the seksi


def test_unit_baru_di_bawah_sasaran_ikut(client, org, buat):
    from tests.factories import PegawaiFactory, UnitKerjaFactory

    buat(ISI, unit=[org.bidang])
    assert ISI in lihat(client, org.staf)  # cached now
    sub = UnitKerjaFactory(
        instansi=org.instansi, kode="D1.B1.S2", nama="Seksi Baru", induk=org.bidang
    )
    baru = PegawaiFactory(instansi=org.instansi, unit_kerja=sub)
    assert ISI in lihat(client, baru)


# --- closing ------------------------------------------------------------------------------
def test_ditutup_untuk_sesi(client, org, buat):
    p = buat(ISI)
    buat("Yang lain")
    client.force_login(org.staf)
    r = client.post(reverse("pengumuman_tutup", args=[p.pk]), {"kembali": "/aktivitas/"})
    assert r.status_code == 302 and r["Location"] == "/aktivitas/"
    html = lihat(client, None)
    assert ISI not in html and "Yang lain" in html
    # a new session (another login) shows it again
    client.logout()
    assert ISI in lihat(client, org.staf)


def test_tutup_lewat_htmx_mengosongkan_spanduk(client, org, buat):
    p = buat(ISI)
    client.force_login(org.staf)
    r = client.post(reverse("pengumuman_tutup", args=[p.pk]), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r.content == b""
    assert ISI not in lihat(client, None)


def test_tutup_tidak_mengalihkan_ke_situs_lain(client, org, buat):
    p = buat(ISI)
    client.force_login(org.staf)
    r = client.post(reverse("pengumuman_tutup", args=[p.pk]), {"kembali": "https://jahat.example/"})
    assert r["Location"] == reverse("beranda")


# --- maintenance --------------------------------------------------------------------------
def test_pemeliharaan_tampil_beberapa_hari_sebelumnya(client, org, buat):
    sekarang = timezone.now()
    mulai = sekarang + dt.timedelta(days=2)
    buat(
        "Server diperbarui",
        jenis=PEMELIHARAAN,
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=4),
        hari_sebelum=3,
    )
    buat(
        "Belum waktunya",
        jenis=PEMELIHARAAN,
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=4),
        hari_sebelum=1,
    )
    html = lihat(client, org.staf)
    assert "Pemeliharaan terjadwal" in html and "Server diperbarui" in html
    assert "Belum waktunya" not in html


def test_pemeliharaan_tampil_di_halaman_masuk(client, org, buat):
    sekarang = timezone.now()
    mulai = sekarang + dt.timedelta(days=1)
    buat(
        "Server diperbarui",
        jenis=PEMELIHARAAN,
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=2),
        hari_sebelum=2,
    )
    buat("Hanya untuk pegawai")  # a plain announcement: not before login
    buat(
        "Hanya atasan",
        jenis=PEMELIHARAAN,
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=2),
        hari_sebelum=2,
        peran=["atasan"],
    )
    html = lihat(client, None, reverse("masuk"))
    assert "Pemeliharaan terjadwal" in html and "Server diperbarui" in html
    assert "Hanya untuk pegawai" not in html and "Hanya atasan" not in html


def test_pemeliharaan_seluruh_instalasi_untuk_semua_instansi(client, org, buat):
    buat("Untuk semua instansi", jenis=PEMELIHARAAN, instansi=None, hari_sebelum=1)
    assert "Untuk semua instansi" in lihat(client, org.orang_lain)
    assert "Untuk semua instansi" in lihat(client, org.staf)


# --- cost ---------------------------------------------------------------------------------
def _kueri_kunjungan_kedua(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("nama", ["beranda", "aktivitas_harian"])
def test_spanduk_tanpa_kueri_tambahan(client, org, buat, nama):
    client.force_login(org.kasi)
    url = reverse(nama)
    tanpa = _kueri_kunjungan_kedua(client, url)
    for i in range(5):
        buat(f"Pengumuman {i}", unit=[org.seksi], peran=[Pengumuman.Peran.ATASAN])
    berubah("pengumuman")
    dengan = _kueri_kunjungan_kedua(client, url)
    assert "Pengumuman 4" in client.get(url).content.decode()
    assert dengan == tanpa


def test_paling_banyak_tiga_spanduk_pemeliharaan_dulu(client, org, buat):
    sekarang = timezone.now()
    for i in range(5):
        buat(f"Pengumuman ke-{i}", mulai=sekarang - dt.timedelta(hours=10 - i))
    buat(
        "Perbaikan server",
        jenis=PEMELIHARAAN,
        mulai=sekarang + dt.timedelta(hours=5),
        hari_sebelum=1,
    )
    html = lihat(client, org.staf)
    assert html.count('class="spanduk') == 3
    assert "Perbaikan server" in html and "Pengumuman ke-4" in html and "Pengumuman ke-3" in html
    assert "Pengumuman ke-0" not in html


def test_masuk_menghangatkan_spanduk(client, org, buat):
    """The banners are read at login: the first page after it pays no query for them."""
    buat(ISI)
    client.force_login(org.staf)
    with CaptureQueriesContext(connection) as q:
        html = client.get(reverse("beranda")).content.decode()
    assert ISI in html
    assert not [x for x in q.captured_queries if "pengumuman_pengumuman" in x["sql"]]
