"""The rating page and the penilai's list answer in a fixed number of queries."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan, UmpanBalik
from penilaian.models import Penilaian
from penilaian.services import nilai as services
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory


@pytest.fixture
def maret(monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: dt.date(2026, 3, 15))


def isi_rhk(skp, n, org):
    """``n`` more RHK on ``skp``, each with an indicator, three monthly realisations, two
    feedback notes and an approved activity with evidence in the first quarter."""
    for i in range(n):
        rhk = RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK tambahan {i}", urutan=10 + i)
        ind = IndikatorKinerja.objects.create(
            rhk=rhk, teks=f"Indikator {i}", aspek="kuantitas", target_teks="10"
        )
        for bulan in (1, 2, 3):
            RealisasiBulanan.objects.create(
                skp=skp, indikator=ind, tahun=2026, bulan=bulan, realisasi="3", diisi_oleh=org.staf
            )
        for bulan in (1, 2):
            UmpanBalik.objects.create(rhk=rhk, tahun=2026, bulan=bulan, penulis=org.kasi, teks="Ok")
        a = Aktivitas.objects.create(
            pegawai=org.staf,
            skp=skp,
            rhk=rhk,
            tanggal=dt.date(2026, 2, 10),
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
        BuktiDukung.objects.create(
            aktivitas=a, tautan="https://contoh.id/b", diunggah_oleh=org.staf
        )


def test_halaman_nilai_kueri_tetap(client, org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    services.mulai_penilaian(org.kasi, jendela.tw[0], skp)
    client.force_login(org.kasi)
    url = reverse("nilai_isi", args=[jendela.tw[0].pk, skp.pk])

    # The page, then its material and curve box as htmx loads them right after it: each at
    # most 10 queries (issue 12), and the same with 1 or 5 RHK (with their realisations,
    # feedback, approved activities and evidence).
    bagian = [
        (url, {}),
        (reverse("nilai_bahan", args=[jendela.tw[0].pk, skp.pk]), {"HTTP_HX_REQUEST": "true"}),
        (reverse("nilai_kurva", args=[jendela.tw[0].pk, skp.pk]), {"HTTP_HX_REQUEST": "true"}),
    ]

    def hitung():
        hasil = []
        for u, kepala in bagian:
            with CaptureQueriesContext(connection) as q:
                r = client.get(u, **kepala)
            assert r.status_code == 200
            hasil.append((len(q), r))
        return hasil

    isi_rhk(skp, 1, org)
    hitung()  # warm the session/caches
    sedikit = hitung()
    isi_rhk(skp, 4, org)
    banyak = hitung()
    assert [n for n, _ in banyak] == [n for n, _ in sedikit]
    assert all(n <= 10 for n, _ in banyak), [n for n, _ in banyak]
    halaman, bahan, _kurva = (r.content.decode() for _, r in banyak)
    assert halaman.count("RHK tambahan") == 0 and bahan.count("RHK tambahan") == 5
    # Without JavaScript the links open the same parts as plain pages.
    r = client.get(bagian[1][0])
    assert r.status_code == 200 and "Kembali ke penilaian" in r.content.decode()


def tambah_bawahan(org, periode, n):
    for i in range(n):
        jab = JabatanFactory(
            instansi=org.instansi, unit=org.seksi, nama=f"Pelaksana {i}", induk=org.jab_kasi
        )
        p = PegawaiFactory(nama=f"Staf {i:02d}", instansi=org.instansi)
        PenugasanFactory(pegawai=p, jabatan=jab)
        skp = Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jab,
            unit=org.seksi,
            mulai=periode.mulai,
            selesai=periode.selesai,
            status=Skp.Status.DITETAPKAN,
        )
        if i % 2:
            Penilaian.objects.create(
                periode_penilaian=periode.penilaian.get(jenis="triwulan", urutan=1),
                skp=skp,
                pegawai=p,
                unit=org.seksi,
                penilai=org.kasi,
            )


def test_daftar_penilaian_kueri_tetap(client, org, periode, jendela, maret):
    client.force_login(org.kasi)
    url = reverse("nilai_daftar") + f"?jendela={jendela.tw[0].pk}"

    def hitung():
        # The first visit after the organisation changed computes the roles again (cached
        # until the next change): the budget is that of the visits after it.
        client.get(url)
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        assert r.status_code == 200
        return len(q), r

    tambah_bawahan(org, periode, 2)
    sedikit, r = hitung()
    assert r.content.decode().count("Staf 0") == 2
    tambah_bawahan(org, periode, 6)
    banyak, r = hitung()
    assert banyak == sedikit
    assert r.content.decode().count("Staf 0") == 8
