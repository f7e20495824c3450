"""The review pages cost a fixed number of queries, whatever the number of rows."""

import datetime as dt
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan
from aktivitas.services import realisasi as real
from aktivitas.services import umpan_balik as ub
from pegawai.models import Penugasan
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from tests.factories import PegawaiFactory, PenugasanFactory

MASUK = dt.datetime(2026, 3, 20, 8, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
BATAS_KUERI = 25


def bawahan(org, n):
    """n more pelaksana under the kasi (the same jabatan: several holders)."""
    hasil = []
    for i in range(n):
        p = PegawaiFactory(nama=f"Bawahan {i:02d}", instansi=org.instansi)
        PenugasanFactory(pegawai=p, jabatan=org.jab_staf, jenis=Penugasan.Jenis.DEFINITIF)
        hasil.append(p)
    return hasil


def skp_2026(org, pegawai):
    return Skp.objects.create(
        pegawai=pegawai,
        periode=org.periode,
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
    )


def aktivitas_menunggu(org, pegawai, per_orang, *, mulai_hari=0):
    """Pending activities, half on an RHK, some late, some by the operator, each with a link."""
    rhk = RencanaHasilKerja.objects.create(skp=skp_2026(org, org.staf), teks="RHK uji")
    baris = [
        Aktivitas(
            pegawai=p,
            rhk=rhk if i % 2 else None,
            tanggal=dt.date(2026, 3, 2) + dt.timedelta(days=mulai_hari + i // 4),
            jam_mulai=dt.time(7 + i % 4),
            jam_selesai=dt.time(8 + i % 4),
            uraian=f"Kegiatan {i} {p.nama}",
            jumlah_output=Decimal(1),
            satuan_output="dokumen",
            penilai=org.kasi,
            dientri_pada=MASUK,
            terlambat=i % 5 == 0,
            diisi_oleh=org.operator if i % 3 == 0 else p,
            kunci=uuid.uuid4(),
        )
        for p in pegawai
        for i in range(per_orang)
    ]
    Aktivitas.objects.bulk_create(baris)
    BuktiDukung.objects.bulk_create(
        BuktiDukung(aktivitas=a, tautan=f"https://contoh.go.id/{a.pk}", diunggah_oleh=a.pegawai)
        for a in Aktivitas.objects.filter(bukti__isnull=True)
    )


@pytest.fixture
def periode(org):
    from skp.services import penyusunan as services

    org.periode = services.buka_periode(org.admin, org.instansi, 2026)
    return org.periode


def hitung(client, url):
    # The first visit fills the per-organisation caches (roles, the PIC of the help panel,
    # the banners): the budget is that of the visits after it, with small and large data.
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q)


def test_antrean_aktivitas_30_bawahan_600_aktivitas(
    client, org, periode, django_assert_max_num_queries
):
    orang = bawahan(org, 30)
    aktivitas_menunggu(org, orang, 2)  # 60 pending
    client.force_login(org.kasi)
    sedikit = hitung(client, "/aktivitas/tinjau/")
    aktivitas_menunggu(org, orang, 18, mulai_hari=1)  # 600 pending
    assert Aktivitas.objects.filter(status="menunggu").count() == 600
    client.force_login(org.kasi)
    banyak = hitung(client, "/aktivitas/tinjau/")
    assert sedikit == banyak
    with django_assert_max_num_queries(BATAS_KUERI):
        r = client.get("/aktivitas/tinjau/", {"pegawai": orang[3].pk, "dari": "2026-03-01"})
    assert len(r.context["page_obj"]) == 15


def realisasi_diajukan(org, pegawai, n_indikator):
    for p in pegawai:
        skp = skp_2026(org, p)
        rhk = RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK {p.nama}")
        for i in range(n_indikator):
            ind = IndikatorKinerja.objects.create(rhk=rhk, teks=f"Indikator {i}", aspek="kuantitas")
            RealisasiBulanan.objects.create(
                skp=skp,
                indikator=ind,
                tahun=2026,
                bulan=3,
                realisasi="Tercapai",
                status=RealisasiBulanan.Status.DIAJUKAN,
                penilai=org.kasi,
                diajukan_pada=MASUK,
            )


def test_antrean_realisasi_tetap(client, org, periode, django_assert_max_num_queries):
    orang = bawahan(org, 30)
    realisasi_diajukan(org, orang[:5], 2)
    client.force_login(org.kasi)
    sedikit = hitung(client, "/aktivitas/tinjau/?tab=realisasi")
    realisasi_diajukan(org, orang[5:], 2)
    client.force_login(org.kasi)
    with django_assert_max_num_queries(BATAS_KUERI):
        banyak = hitung(client, "/aktivitas/tinjau/?tab=realisasi")
    assert sedikit == banyak


def test_halaman_realisasi_tetap(client, org, periode, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(
        real, "sekarang", lambda: dt.datetime(2026, 4, 2, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    )
    skp = skp_2026(org, org.staf)

    def tambah(n):
        for i in range(n):
            rhk = RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK {i}")
            IndikatorKinerja.objects.create(rhk=rhk, teks=f"Indikator {i}", aspek="kuantitas")

    url = "/aktivitas/realisasi/?bulan=2026-03"
    client.force_login(org.staf)
    tambah(4)
    client.get(url)  # the first visit prepares the rows
    sedikit = hitung(client, url)
    tambah(36)
    client.get(url)
    with django_assert_max_num_queries(BATAS_KUERI + 5):
        banyak = hitung(client, url)
    assert RealisasiBulanan.objects.count() == 40
    assert sedikit == banyak


def test_umpan_balik_tetap(client, org, periode, django_assert_max_num_queries):
    skp = skp_2026(org, org.staf)
    rhk = RencanaHasilKerja.objects.create(skp=skp, teks="RHK")
    url = f"/aktivitas/tinjau/umpan-balik/{rhk.pk}/?bulan=2026-03"
    client.force_login(org.kasi)
    ub.tulis_umpan_balik(org.kasi, rhk, 2026, 3, "Pertama")
    sedikit = hitung(client, url)
    for i in range(40):
        ub.tulis_umpan_balik(org.staf if i % 2 else org.kasi, rhk, 2026, 3, f"Pesan {i}")
    with django_assert_max_num_queries(BATAS_KUERI):
        banyak = hitung(client, url)
    assert sedikit == banyak


def test_tim_besar_mencari_pegawai_bukan_daftar_panjang(client, org, periode):
    """Past 25 pegawai with work waiting, the filter is a search (name or start of the NIP)
    instead of a list of every name: the page does not grow with the team (a list of 170
    names was 12 KB)."""
    orang = bawahan(org, 40)
    aktivitas_menunggu(org, orang[:8], 2)  # a page of 15 rows: eight pegawai
    client.force_login(org.kasi)
    kecil = client.get("/aktivitas/tinjau/")
    assert not kecil.context["form"].pakai_cari
    aktivitas_menunggu(org, orang[8:], 2, mulai_hari=20)  # later days: the same first page
    r = client.get("/aktivitas/tinjau/")
    assert r.context["form"].pakai_cari and "cari" in r.context["form"].fields
    assert r.content.decode().count("<option") < 5
    assert len(r.content) <= len(kecil.content)
    # a link naming one pegawai still filters on him
    r = client.get("/aktivitas/tinjau/", {"pegawai": orang[30].pk})
    assert {a.pegawai_id for a in r.context["page_obj"]} == {orang[30].pk}
    dicari = orang[7]
    r = client.get("/aktivitas/tinjau/", {"cari": "bawahan 07"})
    assert {a.pegawai_id for a in r.context["page_obj"]} == {dicari.pk}
    r = client.get("/aktivitas/tinjau/", {"cari": dicari.nip[:14]})
    assert dicari.pk in {a.pegawai_id for a in r.context["page_obj"]}


def test_tim_kecil_memilih_dari_daftar_tanpa_kueri_tambahan(client, org, periode):
    orang = bawahan(org, 3)
    aktivitas_menunggu(org, orang, 2)
    client.force_login(org.kasi)
    client.get("/aktivitas/tinjau/")
    semua = hitung(client, "/aktivitas/tinjau/")
    pilih = hitung(client, f"/aktivitas/tinjau/?pegawai={orang[1].pk}")
    assert pilih == semua  # the choice is validated among the pegawai already read
    r = client.get("/aktivitas/tinjau/", {"pegawai": orang[1].pk})
    assert {a.pegawai_id for a in r.context["page_obj"]} == {orang[1].pk}
    assert "cari" not in r.context["form"].fields
    r = client.get("/aktivitas/tinjau/", {"pegawai": org.orang_lain.pk})
    assert r.context["form"].errors["pegawai"]


def test_jumlah_tab_dari_hitungan_menu(client, org, periode):
    """The tabs' counts are the menu badge's parts, counted once with the page's other
    counts: no count of its own on the queue page (issue 12)."""
    orang = bawahan(org, 3)
    aktivitas_menunggu(org, orang, 4)  # 12 pending
    realisasi_diajukan(org, orang[:2], 1)  # 2 submitted
    client.force_login(org.kasi)
    client.get("/aktivitas/tinjau/")
    with CaptureQueriesContext(connection) as q:
        html = client.get("/aktivitas/tinjau/").content.decode()
    assert "Aktivitas harian (12)" in html and "Realisasi bulanan (2)" in html
    hitungan = [x["sql"] for x in q.captured_queries if "COUNT(" in x["sql"].upper()]
    realisasi = [s for s in hitungan if "aktivitas_realisasibulanan" in s]
    assert len(realisasi) == 1  # the menu's, which counts both in one query


def test_jumlah_tab_tanpa_menu_dihitung_sendiri(client, org, periode):
    """An admin instansi sees the queue (for the PPK) without the atasan's badge: the page
    counts its tabs itself."""
    client.force_login(org.admin)
    r = client.get("/aktivitas/tinjau/")
    assert r.status_code == 200
    assert r.context["jumlah"] == {"aktivitas": 0, "realisasi": 0}
