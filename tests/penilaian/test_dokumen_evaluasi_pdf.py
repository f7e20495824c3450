"""The signed dokumen evaluasi kinerja pegawai: what it shows, its signature, its hash, when it
is made again (after an objection changes the rating) and who may download it."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aktivitas.models import RealisasiBulanan, UmpanBalik
from pegawai.models import Riwayat
from penilaian.models import Penilaian
from penilaian.services import dokumen
from penilaian.services.keberatan import ajukan_keberatan, putuskan_keberatan
from skp.models import Dokumen
from skp.rules import BERAKHLAK
from tests.penilaian.test_ajukan_dan_putuskan_keberatan import DITERIMA, final_tahunan
from tests.skp.test_dokumen_skp_pdf import isi_berkas, teks_halaman
from tests.skp.test_dokumen_skp_pdf import sertifikat_demo as sertifikat_demo  # noqa: F401
from tests.skp.test_dokumen_skp_pdf import ttd as ttd  # noqa: F401
from tests.skp.test_tanda_tangan_pdf import periksa


@pytest.fixture
def nilai_staf(org, jendela, skp_semua):
    skp = skp_semua["staf"]
    indikator = skp.rhk.get().indikator.get()
    RealisasiBulanan.objects.create(
        skp=skp,
        indikator=indikator,
        tahun=2026,
        bulan=5,
        realisasi="Arsip Mei lengkap",
        status="disetujui",
    )
    UmpanBalik.objects.create(
        rhk=indikator.rhk, tahun=2026, bulan=6, penulis=org.kasi, teks="Pertahankan ketelitian"
    )
    p = final_tahunan(org, jendela, skp, org.kasi)
    Penilaian.objects.filter(pk=p.pk).update(
        catatan_perilaku={"akuntabel": "Selalu tepat waktu"},
        rekomendasi_pengembangan="Pelatihan kearsipan digital",
    )
    p.refresh_from_db()
    return p


def test_pdf_memuat_identitas_rhk_realisasi_umpan_balik_rating_dan_predikat(
    org,
    nilai_staf,
    ttd,  # noqa: F811
):
    dok = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    halaman = teks_halaman(isi_berkas(dok))
    semua = " ".join(halaman)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in semua
    for orang in (org.staf, org.kasi, org.kabid):  # pegawai, penilai, atasan penilai
        assert orang.nama in semua and orang.nip in semua
    assert "RHK 1 Staf" in semua and "Arsip Mei lengkap" in semua
    assert "Pertahankan ketelitian" in semua and "Selalu tepat waktu" in semua
    assert "SESUAI EKSPEKTASI" in semua and "BAIK" in semua
    assert "Pelatihan kearsipan digital" in semua
    assert all(n.nama in semua for n in BERAKHLAK)
    for nomor, teks in enumerate(halaman, start=1):
        assert dok.kode in teks and f"Halaman {nomor} dari {len(halaman)}" in teks
    assert dok.jenis == Dokumen.Jenis.EVALUASI and dok.pegawai == org.staf


def test_tanda_tangan_sah_dan_rusak_bila_diubah_serta_hash_sama(nilai_staf, ttd):  # noqa: F811
    dok = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    data = isi_berkas(dok)
    assert hashlib.sha256(data).hexdigest() == dok.sha256 and len(data) == dok.ukuran
    _tanda, status = periksa(data, ttd.ca)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    rusak = bytearray(data)
    rusak[10] ^= 0x01
    _tanda, status = periksa(bytes(rusak), ttd.ca)
    assert not status.intact and not status.bottom_line


def test_idempoten_dan_hanya_untuk_penilaian_final(nilai_staf, ttd):  # noqa: F811
    pertama = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    assert dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk) == pertama
    assert Riwayat.objects.filter(aksi="penilaian.dokumen_diterbitkan").count() == 1
    Penilaian.objects.filter(pk=nilai_staf.pk).update(status=Penilaian.Status.DINILAI)
    Dokumen.objects.all().delete()
    with pytest.raises(ValidationError, match="final"):
        dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)


def test_keberatan_mengubah_rating_dokumen_baru_yang_lama_digantikan(
    org,
    nilai_staf,
    ttd,
    monkeypatch,  # noqa: F811
):
    lama = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA)
    k = ajukan_keberatan(org.staf, nilai_staf, "Target terlampaui.")
    putuskan_keberatan(org.kabid, k, "diubah", "Bukti kuat.", "di_atas", "di_atas")
    baru = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    lama.refresh_from_db()
    assert baru != lama and lama.status == Dokumen.Status.DIGANTIKAN
    assert lama.digantikan_oleh == baru
    assert "SANGAT BAIK" in " ".join(teks_halaman(isi_berkas(baru)))


@pytest.mark.parametrize("siapa", ["staf", "kasi", "kabid", "operator", "admin"])
def test_yang_berhak_mengunduh_dan_dibuat_saat_diminta(client, org, nilai_staf, ttd, siapa):  # noqa: F811
    client.force_login(getattr(org, siapa))
    r = client.get(reverse("penilaian_dokumen", args=[nilai_staf.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    assert Dokumen.objects.filter(object_id=nilai_staf.pk, jenis="evaluasi").count() == 1


@pytest.mark.parametrize("siapa", ["jf", "orang_lain"])
def test_orang_lain_404(client, org, nilai_staf, siapa):
    client.force_login(getattr(org, siapa))
    assert client.get(reverse("penilaian_dokumen", args=[nilai_staf.pk])).status_code == 404


def test_halaman_verifikasi_menampilkan_periode_penilaian(client, nilai_staf, ttd):  # noqa: F811
    dok = dokumen.terbitkan_dokumen_evaluasi(nilai_staf.pk)
    r = client.get(reverse("verifikasi_dokumen", args=[dok.kode]))
    assert r.status_code == 200
    assert "1 Januari 2026" in r.content.decode() and "31 Desember 2026" in r.content.decode()
    assert dt.date(2026, 1, 1) == nilai_staf.mulai


def test_halaman_penilaian_menautkan_dokumen_dan_keberatan_dalam_jangka(
    client, org, nilai_staf, monkeypatch
):
    url = reverse("penilaian_detail", args=[nilai_staf.pk])
    client.force_login(org.staf)
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: DITERIMA)
    teks = client.get(url).content.decode()
    assert reverse("penilaian_dokumen", args=[nilai_staf.pk]) in teks
    assert reverse("keberatan_ajukan", args=[nilai_staf.pk]) in teks
    monkeypatch.setattr(
        "skp.services.penyusunan.hari_ini", lambda: DITERIMA + dt.timedelta(days=15)
    )
    assert reverse("keberatan_ajukan", args=[nilai_staf.pk]) not in client.get(url).content.decode()
    client.force_login(org.kasi)  # the penilai sees the document, not the objection button
    teks = client.get(url).content.decode()
    assert reverse("penilaian_dokumen", args=[nilai_staf.pk]) in teks
    assert reverse("keberatan_ajukan", args=[nilai_staf.pk]) not in teks
