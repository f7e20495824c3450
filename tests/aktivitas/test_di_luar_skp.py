"""Work outside the SKP (issue 17 §5): the share of activities linked to no RHK, shown on the
day and month pages, the rating page and the dashboard, and the one-click "usulkan RHK
tambahan" into the SKP's own change flow."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aktivitas import rules
from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from aktivitas.services import kuasa as services_kuasa
from aktivitas.services.usulan_rhk import usulkan_rhk_tambahan
from pegawai.models import Riwayat
from pemantauan.models import RingkasanPegawaiBulan, RingkasanUnit
from pemantauan.services import bangun_ringkasan
from penilaian.selectors.nilai import bahan_penilaian
from skp.models import RencanaHasilKerja, Skp
from skp.services import penyusunan as skp_services
from tests.aktivitas.conftest import HARI, data, kunci
from tests.penilaian.conftest import jendela, periode, skp_semua  # noqa: F401


# --- the rule -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("jumlah", "di_luar", "persen", "tandai"),
    [
        (0, 0, 0, False),  # nothing to judge
        (4, 4, 100, False),  # fewer than 5 activities: never flagged
        (5, 1, 20, False),
        (10, 3, 30, True),  # exactly the threshold flags
        (100, 29, 29, False),
        (1000, 299, 30, False),  # rounds to 30 % but is below it: not flagged
        (1000, 300, 30, True),
        (3, 1, 33, False),
        (8, 1, 13, False),  # 12.5 rounds half up
        (7, 7, 100, True),
        (7, 0, 0, False),
    ],
)
def test_porsi_di_luar_skp(jumlah, di_luar, persen, tandai):
    p = rules.porsi_di_luar_skp(jumlah, di_luar)
    assert (p.jumlah, p.di_luar, p.persen, p.tandai) == (jumlah, di_luar, persen, tandai)


def test_porsi_ambang_dan_minimal_dapat_diatur():
    assert rules.porsi_di_luar_skp(2, 1, ambang_persen=50, minimal=2).tandai
    assert not rules.porsi_di_luar_skp(2, 1, ambang_persen=51, minimal=2).tandai


@pytest.mark.parametrize(("jumlah", "di_luar"), [(-1, 0), (1, -1), (2, 3)])
def test_porsi_menolak_angka_mustahil(jumlah, di_luar):
    with pytest.raises(ValueError):
        rules.porsi_di_luar_skp(jumlah, di_luar)


def test_teks_usulan_rhk():
    assert rules.teks_usulan_rhk("  Rapat\n koordinasi   posyandu ") == "Rapat koordinasi posyandu"
    panjang = rules.teks_usulan_rhk("kata " * 200, panjang=22)
    assert panjang == "kata kata kata kata…" and len(panjang) <= 22


# --- the day and month pages ----------------------------------------------------------------
def catat(pegawai, n, rhk=None, tanggal=HARI, jam=8):
    for i in range(n):
        isi = data(rhk=rhk, tanggal=tanggal, mulai=(jam + i, 0), selesai=(jam + i, 30))
        akt.catat_aktivitas(pegawai, pegawai, isi, kunci())


def test_halaman_hari_menampilkan_porsi_dan_tanda(client, org, rhk_staf):
    catat(org.staf, 2, rhk=rhk_staf)
    catat(org.staf, 3, jam=11)
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI}").content.decode()
    assert "3 dari 5 aktivitas (60%) di luar SKP" in html
    assert "banyak kerja di luar SKP" in html
    assert html.count("Usulkan RHK tambahan</button>") == 3


def test_halaman_hari_tanpa_tanda_bila_sedikit(client, org, rhk_staf):
    catat(org.staf, 4, rhk=rhk_staf)
    catat(org.staf, 1, jam=13)
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI}").content.decode()
    assert "1 dari 5 aktivitas (20%) di luar SKP" in html
    assert "banyak kerja di luar SKP" not in html


def test_penerima_kuasa_tidak_melihat_tombol_usulan(client, org, rhk_staf):
    services_kuasa.beri_kuasa(
        org.staf, org.jf, timezone.localdate(), timezone.localdate() + dt.timedelta(days=5)
    )
    catat(org.staf, 1)
    client.force_login(org.jf)
    url = reverse("aktivitas_harian") + f"?tanggal={HARI}&pegawai={org.staf.pk}"
    html = client.get(url).content.decode()
    assert "di luar SKP" in html
    assert "Usulkan RHK tambahan</button>" not in html


def test_halaman_bulan_menampilkan_porsi(client, org, rhk_staf):
    catat(org.staf, 1, rhk=rhk_staf)
    catat(org.staf, 1, tanggal=HARI + dt.timedelta(days=1))
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_bulan") + "?bulan=2026-03").content.decode()
    assert "1 dari 2 aktivitas (50%) di luar SKP" in html


@pytest.mark.parametrize("nama", ["aktivitas_harian", "aktivitas_bulan"])
def test_kueri_hari_dan_bulan_tetap(client, org, rhk_staf, django_assert_max_num_queries, nama):
    url = reverse(nama) + (f"?tanggal={HARI}" if nama == "aktivitas_harian" else "?bulan=2026-03")
    client.force_login(org.staf)
    catat(org.staf, 1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    catat(org.staf, 6, jam=10)
    catat(org.staf, 6, rhk=rhk_staf, tanggal=HARI + dt.timedelta(days=1))
    with django_assert_max_num_queries(len(sedikit)):
        r = client.get(url)
    assert "di luar SKP" in r.content.decode()


# --- the rating page ------------------------------------------------------------------------
def aktivitas_disetujui(org, skp, rhk, tanggal):
    return Aktivitas.objects.create(
        pegawai=org.staf,
        skp=skp,
        rhk=rhk,
        tanggal=tanggal,
        jam_mulai=dt.time(8),
        jam_selesai=dt.time(9),
        uraian="Kerja",
        jumlah_output=Decimal(1),
        satuan_output="dokumen",
        status=Aktivitas.Status.DISETUJUI,
        penilai=org.kasi,
        dientri_pada=timezone.now(),
        diisi_oleh=org.staf,
        kunci=uuid.uuid4(),
    )


def test_halaman_penilaian_menampilkan_porsi(client, org, jendela, skp_semua):  # noqa: F811
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    tanggal = dt.date(2026, 2, 10)
    aktivitas_disetujui(org, skp, rhk, tanggal)
    for _i in range(4):
        aktivitas_disetujui(org, skp, None, tanggal)
    bahan = bahan_penilaian(jendela.tw[0], skp)
    assert (bahan["di_luar_skp"].jumlah, bahan["di_luar_skp"].di_luar) == (5, 4)
    client.force_login(org.kasi)
    # In the rating page's material (loaded by htmx right after the page).
    html = client.get(
        reverse("nilai_bahan", args=[jendela.tw[0].pk, skp.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "4 dari 5 aktivitas (80%) di luar SKP" in html
    assert "banyak kerja di luar SKP" in html


# --- the dashboard --------------------------------------------------------------------------
def test_ringkasan_pegawai_dan_unit_menghitung_di_luar_skp(client, org, rhk_staf):
    catat(org.staf, 1, rhk=rhk_staf)
    catat(org.staf, 5, jam=10)
    bangun_ringkasan(2026, bulan=[3], hari_ini=dt.date(2026, 3, 31))
    baris = RingkasanPegawaiBulan.objects.get(pegawai=org.staf, tahun=2026, bulan=3)
    assert (baris.jumlah_aktivitas, baris.di_luar_skp) == (6, 5)
    unit = RingkasanUnit.objects.get(unit_path=baris.unit_path, tahun=2026, rentang=3)
    assert unit.di_luar_skp == 5
    tahun = RingkasanUnit.objects.get(
        unit_path=baris.unit_path, tahun=2026, rentang=RingkasanUnit.TAHUN
    )
    assert tahun.di_luar_skp == 5

    client.force_login(org.admin)
    dasbor = client.get(reverse("pemantauan_dasbor") + "?tahun=2026").content.decode()
    assert "Aktivitas di luar SKP" in dasbor
    assert '<strong class="error">83%</strong>' in dasbor  # the seksi's row, flagged
    beban = client.get(reverse("pemantauan_beban") + "?tahun=2026&urut=-luar").content.decode()
    assert "83%" in beban and 'badge-warn">tinggi' in beban


# --- usulkan RHK tambahan -------------------------------------------------------------------
def aktivitas_tanpa_rhk(org, tanggal=HARI, uraian="Menjadi panitia  lomba\nposyandu"):
    isi = data(tanggal=tanggal, uraian=uraian)
    a, _ = akt.catat_aktivitas(org.staf, org.staf, isi, kunci())
    return a


def test_usulan_masuk_skp_draf(client, org, skp_staf):
    a = aktivitas_tanpa_rhk(org)
    client.force_login(org.staf)
    r = client.post(reverse("aktivitas_usulkan_rhk", args=[a.pk]))
    rhk = RencanaHasilKerja.objects.get(skp=skp_staf, jenis="tambahan")
    assert rhk.teks == "Menjadi panitia lomba posyandu"
    assert r.status_code == 302 and r.url.endswith(f"/skp/{skp_staf.pk}/#rhk-{rhk.pk}")
    catatan = Riwayat.objects.get(aksi="aktivitas.rhk_diusulkan")
    assert catatan.pelaku == org.staf and catatan.subjek == org.staf
    assert catatan.data["rhk"] == rhk.pk
    # the same activity twice: one RHK
    r = client.post(reverse("aktivitas_usulkan_rhk", args=[a.pk]), follow=True)
    assert "sudah ada di SKP Anda" in r.content.decode()
    assert RencanaHasilKerja.objects.filter(skp=skp_staf, jenis="tambahan").count() == 1


def tetapkan_skp_staf(org, skp):
    skp_services.ajukan_skp(org.staf, skp)
    skp_services.setujui_skp(org.kasi, skp)
    skp_services.tetapkan_skp(org.kasi, skp)


def test_usulan_dari_skp_ditetapkan_membuat_revisi(org, skp_staf, monkeypatch):
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    tetapkan_skp_staf(org, skp_staf)
    a = aktivitas_tanpa_rhk(org)
    rhk = usulkan_rhk_tambahan(org.staf, a)
    revisi = rhk.skp
    assert revisi.versi_sebelumnya_id == skp_staf.pk and revisi.status == Skp.Status.DRAFT
    assert not skp_staf.rhk.filter(jenis="tambahan").exists()  # the version in force is kept
    # the atasan still approves: the revision goes through the usual workflow
    assert revisi.rhk.filter(jenis="utama").count() == 1
    # a second proposal goes into the same revision
    b = aktivitas_tanpa_rhk(org, tanggal=HARI + dt.timedelta(days=1), uraian="Piket posko")
    assert usulkan_rhk_tambahan(org.staf, b).skp_id == revisi.pk
    assert Skp.objects.filter(versi_sebelumnya=skp_staf).count() == 1


def test_usulan_ditolak_saat_skp_menunggu_atasan(client, org, skp_staf):
    skp_services.ajukan_skp(org.staf, skp_staf)
    a = aktivitas_tanpa_rhk(org)
    client.force_login(org.staf)
    r = client.post(reverse("aktivitas_usulkan_rhk", args=[a.pk]), follow=True)
    assert "sedang menunggu persetujuan atasan" in r.content.decode()
    assert not RencanaHasilKerja.objects.filter(jenis="tambahan").exists()


def test_usulan_aktivitas_ber_rhk_ditolak(org, rhk_staf):
    isi = data(rhk=rhk_staf)
    a, _ = akt.catat_aktivitas(org.staf, org.staf, isi, kunci())
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="sudah terhubung"):
        usulkan_rhk_tambahan(org.staf, a)


def test_usulan_hak_dan_cakupan(client, org, skp_staf):
    a = aktivitas_tanpa_rhk(org)
    url = reverse("aktivitas_usulkan_rhk", args=[a.pk])
    client.force_login(org.orang_lain)
    assert client.post(url).status_code == 404  # another instansi: not found
    client.force_login(org.kasi)
    assert client.post(url).status_code == 403  # the atasan sees it but may not change the SKP
    client.force_login(org.operator)
    assert client.post(url).status_code == 302  # the unit's operator may, recorded as such
    assert Riwayat.objects.get(aksi="aktivitas.rhk_diusulkan").sebagai == "operator"
    assert client.get(url).status_code == 405
