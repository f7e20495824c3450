"""The monthly TPP recap of a unit: numbers against a hand computation, steps, totals,
scope, query count, and the XLSX/CSV export."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aktivitas.models import RealisasiBulanan
from pegawai.models import Jabatan
from penilaian.models import BesaranTpp, Kehadiran, Penilaian
from penilaian.selectors.tpp import rekap_tpp
from skp.models import IndikatorKinerja
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory

URL = "/penilaian/tpp/"
MARET = {"tahun": 2026, "bulan": 3}


def _final(jendela, skp, predikat):
    return Penilaian.objects.create(
        periode_penilaian=jendela.tw[0],
        skp=skp,
        pegawai=skp.pegawai,
        unit=skp.unit,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat=predikat,
        status=Penilaian.Status.FINAL,
        difinalkan_pada=dt.datetime(2026, 4, 5, tzinfo=dt.UTC),
    )


def _realisasi(skp, *, terlambat):
    RealisasiBulanan.objects.create(
        skp=skp,
        indikator=IndikatorKinerja.objects.filter(rhk__skp=skp).first(),
        tahun=2026,
        bulan=3,
        realisasi="Tercapai",
        status=RealisasiBulanan.Status.DIAJUKAN,
        diajukan_pada=dt.datetime(2026, 4, 3 if not terlambat else 20, tzinfo=dt.UTC),
        terlambat=terlambat,
    )


@pytest.fixture
def data_maret(org, jendela, skp_semua):
    BesaranTpp.objects.create(instansi=org.instansi, kelas_jabatan=9, jumlah=5_000_000)
    BesaranTpp.objects.create(instansi=org.instansi, kelas_jabatan=5, jumlah=3_000_000)
    _final(jendela, skp_semua["kasi"], "baik")
    _final(jendela, skp_semua["staf"], "butuh_perbaikan")
    _realisasi(skp_semua["kasi"], terlambat=False)
    _realisasi(skp_semua["staf"], terlambat=True)
    Kehadiran.objects.create(
        pegawai=org.kasi, tahun=2026, bulan=3, hari_kerja=21, terlambat=2, tanpa_keterangan=1
    )
    Kehadiran.objects.create(pegawai=org.staf, tahun=2026, bulan=3, hari_kerja=21, pulang_cepat=3)
    return skp_semua


def test_angka_rekap_sama_dengan_hitungan_tangan(org, data_maret):
    rekap = rekap_tpp(org.seksi, 2026, 3)
    baris = {b.pegawai.pk: b for b in rekap.baris}
    assert set(baris) == {org.kasi.pk, org.staf.pk}
    kasi, staf = baris[org.kasi.pk], baris[org.staf.pk]
    # kasi: kelas 9, 5 000 000; Baik 100% of 60% = 3 000 000; faults 2×1% + 1×3% = 5%
    # → 2 000 000 × 95% = 1 900 000; total 4 900 000
    assert (kasi.dasar, kasi.predikat, kasi.realisasi_tepat_waktu) == (5_000_000, "baik", True)
    assert (kasi.rincian.kinerja, kasi.rincian.disiplin) == (3_000_000, 1_900_000)
    assert kasi.rincian.total == 4_900_000
    # staf: kelas 5, 3 000 000; realisation late → kinerja 0; 3 × 1% → 1 200 000 × 97%
    assert staf.predikat == "butuh_perbaikan" and not staf.realisasi_tepat_waktu
    assert (staf.rincian.kinerja, staf.rincian.disiplin) == (0, 1_164_000)
    assert rekap.jumlah_total == 6_064_000
    assert rekap.jumlah_dasar == 8_000_000


def test_tanpa_penilaian_final_belum_dinilai(org, jendela, skp_semua):
    BesaranTpp.objects.create(instansi=org.instansi, kelas_jabatan=5, jumlah=3_000_000)
    p = _final(jendela, skp_semua["staf"], "baik")
    Penilaian.objects.filter(pk=p.pk).update(status=Penilaian.Status.DINILAI)
    _realisasi(skp_semua["staf"], terlambat=False)
    staf = next(b for b in rekap_tpp(org.seksi, 2026, 3).baris if b.pegawai == org.staf)
    assert staf.predikat == "" and not staf.rincian.dinilai
    assert staf.rincian.kinerja == 0 and staf.rincian.total == 1_200_000
    # a window that does not cover the month does not count
    assert next(b for b in rekap_tpp(org.seksi, 2026, 5).baris if b.pegawai == org.staf)


def test_halaman_rekap_menampilkan_langkah_dan_jumlah(client, org, data_maret):
    client.force_login(org.operator)
    r = client.get(URL, {"unit": org.seksi.pk, **MARET})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<details" in html and "Porsi disiplin" not in html  # steps come on demand
    assert "4.900.000" in html or "4,900,000" in html
    assert r.context["rekap"].jumlah_total == 6_064_000
    rincian = reverse("tpp_rekap_rincian", args=[org.staf.pk])
    assert f'hx-get="{rincian}?' in html
    # The steps of one row: a fragment for htmx, a page without JavaScript.
    q = {"unit": org.seksi.pk, **MARET}
    fragmen = client.get(rincian, q, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragmen and "Porsi disiplin" in fragmen
    halaman = client.get(rincian, q).content.decode()
    assert "<html" in halaman and "Porsi disiplin" in halaman and org.staf.nama in halaman
    # Someone outside the recap's unit: 404.
    assert client.get(reverse("tpp_rekap_rincian", args=[org.kabid.pk]), q).status_code == 404


def test_operator_hanya_unitnya_admin_seluruh_instansi(client, org, data_maret):
    client.force_login(org.operator)  # operator of the dinas: sub-units included
    assert client.get(URL, {"unit": org.seksi.pk}).status_code == 200
    assert client.get(URL, {"unit": org.unit_lain.pk}).status_code == 404
    client.force_login(org.admin)
    assert client.get(URL, {"unit": org.unit_lain.pk}).status_code == 200
    client.force_login(org.staf)
    assert client.get(URL, {"unit": org.seksi.pk}).status_code == 403


def _tambah_pegawai(org, n):
    jab = JabatanFactory(
        unit=org.seksi, nama="Pelaksana tambahan", jenis=Jabatan.Jenis.PELAKSANA, kelas_jabatan=5
    )
    for i in range(n):
        p = PegawaiFactory(nama=f"Tambahan {i}", instansi=org.instansi)
        PenugasanFactory(pegawai=p, jabatan=jab)
        Kehadiran.objects.create(pegawai=p, tahun=2026, bulan=3, hari_kerja=20, terlambat=i % 3)


def _hitung_kueri(client, org):
    client.force_login(org.operator)
    # The first visit after the organisation changed computes the roles again (cached until
    # the next change): the budget is that of every visit after it.
    client.get(URL, {"unit": org.seksi.pk, **MARET})
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(URL, {"unit": org.seksi.pk, **MARET})
    assert r.status_code == 200
    return len(ctx), len(r.context["rekap"].baris)


def test_jumlah_kueri_tetap(client, org, data_maret, django_assert_max_num_queries):
    _tambah_pegawai(org, 1)
    sedikit, n_sedikit = _hitung_kueri(client, org)
    _tambah_pegawai(org, 17)
    banyak, n_banyak = _hitung_kueri(client, org)
    assert (n_sedikit, n_banyak) == (3, 20)
    assert banyak == sedikit
    with django_assert_max_num_queries(sedikit):
        client.get(URL, {"unit": org.seksi.pk, **MARET})


def test_ekspor_xlsx_dan_csv(client, org, data_maret):
    client.force_login(org.admin)
    r = client.get(URL + "rekap.xlsx", {"unit": org.seksi.pk, **MARET})
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    kepala = rows[0]
    assert "TPP diterima" in kepala and "Langkah perhitungan" in kepala
    per_nip = {row[0]: dict(zip(kepala, row, strict=True)) for row in rows[1:]}
    kasi = per_nip[org.kasi.nip]
    assert Decimal(str(kasi["TPP diterima"])) == 4_900_000
    assert "Porsi disiplin" in kasi["Langkah perhitungan"]

    r = client.get(URL + "rekap.csv", {"unit": org.seksi.pk, **MARET})
    teks = r.content.decode("utf-8-sig")
    data = list(csv.DictReader(io.StringIO(teks), delimiter=_pemisah(teks)))
    staf = next(d for d in data if d["NIP"] == org.staf.nip)
    assert Decimal(staf["TPP diterima"]) == 1_164_000
    assert Decimal(staf["Bagian kinerja"]) == 0


def _pemisah(teks):
    return ";" if teks.splitlines()[0].count(";") > teks.splitlines()[0].count(",") else ","


def test_pegawai_yang_menjabat_pada_bulan_itu(org, data_maret):
    from pegawai.models import Penugasan

    # the staf's jabatan ended on 15 March: still in March's recap, not in April's
    Penugasan.objects.filter(pegawai=org.staf).update(selesai=dt.date(2026, 3, 15))
    assert org.staf in [b.pegawai for b in rekap_tpp(org.seksi, 2026, 3).baris]
    assert org.staf not in [b.pegawai for b in rekap_tpp(org.seksi, 2026, 4).baris]
    # the operator of the dinas holds no jabatan: not a row of the dinas recap
    assert org.operator not in [b.pegawai for b in rekap_tpp(org.dinas, 2026, 3).baris]


def test_rumus_instansi_dipakai(org, data_maret):
    from penilaian.models import PengaturanTpp

    PengaturanTpp.objects.create(
        instansi=org.instansi,
        porsi_kinerja=70,
        porsi_disiplin=30,
        potong_tanpa_realisasi=False,
        potongan_terlambat=Decimal("2.5"),
    )
    baris = {b.pegawai.pk: b for b in rekap_tpp(org.seksi, 2026, 3).baris}
    # kasi: 5 000 000 × 70% = 3 500 000; 1 500 000 × (100 − 2×2.5 − 1×3)% = 1 380 000
    assert baris[org.kasi.pk].rincian.kinerja == 3_500_000
    assert baris[org.kasi.pk].rincian.disiplin == 1_380_000
    # staf: late realisation no longer cut: 3 000 000 × 70% × 75% = 1 575 000
    assert baris[org.staf.pk].rincian.kinerja == 1_575_000
