"""Issue 17 point 1 — the pegawai's self-assessment: he writes per RHK an account of his
realisation (citing his evidence of the window) and may propose ratings; the penilai reads it
on the rating page; it never changes the rating; it is frozen once the penilai is done; it
is printed on the evaluation document; an instansi may switch it off."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, BuktiDukung
from pegawai.models import Riwayat
from penilaian import rules
from penilaian.models import PengaturanPenilaian, Penilaian, PenilaianDiri
from penilaian.services import dokumen
from penilaian.services import nilai as services_nilai
from penilaian.services import penilaian_diri as services
from skp.models import IndikatorKinerja, RencanaHasilKerja
from tests.penilaian.test_ajukan_dan_putuskan_keberatan import final_tahunan
from tests.skp.test_dokumen_skp_pdf import isi_berkas, teks_halaman
from tests.skp.test_dokumen_skp_pdf import sertifikat_demo as sertifikat_demo  # noqa: F401
from tests.skp.test_dokumen_skp_pdf import ttd as ttd  # noqa: F401

MARET = dt.date(2026, 3, 15)


@pytest.fixture
def maret(monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: MARET)


def bukti_aktivitas(org, skp, rhk, tanggal=dt.date(2026, 2, 10), tautan="https://contoh.id/b"):
    a = Aktivitas.objects.create(
        pegawai=skp.pegawai,
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
        diisi_oleh=skp.pegawai,
        kunci=uuid.uuid4(),
    )
    return BuktiDukung.objects.create(aktivitas=a, tautan=tautan, diunggah_oleh=skp.pegawai)


def data_diri(rhk, bukti=(), uraian="Arsip triwulan I selesai 100%", usulan="di_atas"):
    return {
        "hasil_kerja": {rhk.pk: {"uraian": uraian, "usulan": usulan, "bukti": list(bukti)}},
        "perilaku": {"akuntabel": "di_atas"},
        "usulan_rating_hasil_kerja": "di_atas",
        "usulan_rating_perilaku": "sesuai",
    }


# --- the rule ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hari", "status", "aktif", "terbuka"),
    [
        (dt.date(2026, 3, 15), None, True, True),
        (dt.date(2026, 3, 15), "draft", True, True),
        (dt.date(2026, 1, 1), None, True, True),  # first day of the window
        (dt.date(2026, 4, 10), None, True, True),  # the deadline itself
        (dt.date(2026, 4, 11), None, True, False),
        (dt.date(2025, 12, 31), None, True, False),
        (dt.date(2026, 3, 15), "dinilai", True, False),
        (dt.date(2026, 3, 15), "final", True, False),
        (dt.date(2026, 3, 15), None, False, False),
    ],
)
def test_aturan_kapan_penilaian_diri_terbuka(hari, status, aktif, terbuka):
    alasan = rules.alasan_tutup_penilaian_diri(
        hari, dt.date(2026, 1, 1), dt.date(2026, 4, 10), status, aktif
    )
    assert (alasan is None) is terbuka


# --- writing it -------------------------------------------------------------------------------
def test_pegawai_menulis_penilaian_diri_lewat_halaman(client, org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    bukti = bukti_aktivitas(org, skp, rhk)
    client.force_login(org.staf)
    daftar = client.get(reverse("penilaian_diri_daftar"))
    url = reverse("penilaian_diri_isi", args=[jendela.tw[0].pk, skp.pk])
    assert url in daftar.content.decode()
    r = client.post(
        url,
        {
            f"uraian_{rhk.pk}": "Arsip triwulan I selesai 100%",
            f"usulan_{rhk.pk}": "di_atas",
            f"bukti_{rhk.pk}": [str(bukti.pk)],
            "perilaku_akuntabel": "di_atas",
            "usulan_rating_hasil_kerja": "di_atas",
            "usulan_rating_perilaku": "sesuai",
        },
    )
    assert r.status_code == 302
    diri = PenilaianDiri.objects.get(periode_penilaian=jendela.tw[0], skp=skp)
    assert diri.hasil_kerja == {
        str(rhk.pk): {
            "uraian": "Arsip triwulan I selesai 100%",
            "usulan": "di_atas",
            "bukti": [bukti.pk],
        }
    }
    assert diri.perilaku == {"akuntabel": "di_atas"}
    assert diri.usulan_rating_hasil_kerja == "di_atas"
    riwayat = Riwayat.objects.get(aksi="penilaian_diri.disimpan", object_id=diri.pk)
    assert riwayat.pelaku_id == org.staf.pk and riwayat.sebagai == Riwayat.Sebagai.SENDIRI


def test_penilai_membaca_penilaian_diri_di_halaman_penilaian_dan_tidak_mengikat(
    client, org, jendela, skp_semua, maret
):
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    bukti = bukti_aktivitas(org, skp, rhk, tautan="https://contoh.id/arsip-maret")
    services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(rhk, [bukti.pk]))
    client.force_login(org.kasi)
    # Beside the form: in the rating page's material, loaded right after the page (htmx).
    halaman = client.get(reverse("nilai_isi", args=[jendela.tw[0].pk, skp.pk])).content.decode()
    url_bahan = reverse("nilai_bahan", args=[jendela.tw[0].pk, skp.pk])
    assert f'hx-get="{url_bahan}" hx-trigger="load"' in halaman
    halaman = client.get(url_bahan, HTTP_HX_REQUEST="true").content.decode()
    assert "Penilaian diri pegawai" in halaman
    assert "Arsip triwulan I selesai 100%" in halaman
    assert "https://contoh.id/arsip-maret" in halaman
    assert "Di Atas Ekspektasi" in halaman
    # Never binding: nothing is copied into the rating, and the form starts empty.
    p = services_nilai.mulai_penilaian(org.kasi, jendela.tw[0], skp)
    assert p.rating_hasil_kerja == "" and p.rating_perilaku == "" and p.predikat == ""
    assert 'value="di_atas" checked' not in halaman.replace("\n", " ")


def test_hanya_pegawai_sendiri(client, org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    for siapa in (org.kasi, org.admin, org.operator, org.jf):
        with pytest.raises(PermissionDenied):
            services.simpan_penilaian_diri(siapa, jendela.tw[0], skp, data_diri(rhk))
    url = reverse("penilaian_diri_isi", args=[jendela.tw[0].pk, skp.pk])
    for siapa in (org.kasi, org.jf, org.orang_lain):
        client.force_login(siapa)
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert not PenilaianDiri.objects.exists()


def test_bukti_lain_ditolak(org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    di_luar_jendela = bukti_aktivitas(org, skp, rhk, tanggal=dt.date(2026, 5, 5))
    milik_orang_lain = bukti_aktivitas(org, skp_semua["jf"], skp_semua["jf"].rhk.get())
    for b in (di_luar_jendela, milik_orang_lain):
        with pytest.raises(ValidationError):
            services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(rhk, [b.pk]))
    rhk_lain = skp_semua["jf"].rhk.get()
    with pytest.raises(ValidationError):
        services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(rhk_lain))
    with pytest.raises(ValidationError):
        services.simpan_penilaian_diri(
            org.staf, jendela.tw[0], skp, data_diri(rhk, usulan="luar_biasa")
        )
    assert not PenilaianDiri.objects.exists()


def test_beku_setelah_penilai_selesai(client, org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(rhk, uraian="Versi 1"))
    p = services_nilai.mulai_penilaian(org.kasi, jendela.tw[0], skp)
    services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(rhk, uraian="Versi 2"))
    services_nilai.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    p = services_nilai.tetapkan_penilaian(org.kasi, p)
    assert p.is_final
    with pytest.raises(ValidationError):
        services.simpan_penilaian_diri(
            org.staf, jendela.tw[0], skp, data_diri(rhk, uraian="Versi 3")
        )
    diri = PenilaianDiri.objects.get()
    assert diri.hasil_kerja[str(rhk.pk)]["uraian"] == "Versi 2"
    client.force_login(org.staf)
    halaman = client.get(reverse("penilaian_diri_isi", args=[jendela.tw[0].pk, skp.pk]))
    teks = halaman.content.decode()
    assert "tidak dapat diubah" in teks and "Versi 2" in teks and "<textarea" not in teks
    # Kept with the rating: the pegawai's rating detail shows it.
    detail = client.get(reverse("penilaian_detail", args=[p.pk])).content.decode()
    assert "Versi 2" in detail


def test_instansi_dapat_mematikan(client, org, jendela, skp_semua, maret):
    PengaturanPenilaian.objects.create(instansi=org.instansi, penilaian_diri_aktif=False)
    skp = skp_semua["staf"]
    with pytest.raises(ValidationError):
        services.simpan_penilaian_diri(org.staf, jendela.tw[0], skp, data_diri(skp.rhk.get()))
    client.force_login(org.staf)
    teks = client.get(reverse("penilaian_diri_daftar")).content.decode()
    assert "tidak menggunakan penilaian diri" in teks


def test_bawaan_aktif_dan_diatur_admin(client, org):
    assert PengaturanPenilaian._meta.get_field("penilaian_diri_aktif").default is True
    client.force_login(org.admin)
    r = client.post(
        reverse("pengaturan_penilaian"),
        {
            "jenis_periodik": "triwulan",
            "hari_batas_periodik": 10,
            "hari_batas_tahunan": 31,
            "maks_umpan_balik_rekan": 3,
        },
    )
    assert r.status_code == 302
    atur = PengaturanPenilaian.objects.get(instansi=org.instansi)
    assert atur.penilaian_diri_aktif is False and atur.maks_umpan_balik_rekan == 3


def test_dicetak_pada_dokumen_evaluasi(org, jendela, skp_semua, ttd):  # noqa: F811
    skp = skp_semua["staf"]
    rhk = skp.rhk.get()
    p = final_tahunan(org, jendela, skp, org.kasi)
    PenilaianDiri.objects.create(
        periode_penilaian=jendela.tahunan,
        skp=skp,
        pegawai=org.staf,
        hasil_kerja={str(rhk.pk): {"uraian": "Seluruh arsip terdigitalisasi", "usulan": "di_atas"}},
        usulan_rating_perilaku="sesuai",
    )
    Penilaian.objects.filter(pk=p.pk).update(diubah_pada=timezone.now())
    semua = " ".join(teks_halaman(isi_berkas(dokumen.terbitkan_dokumen_evaluasi(p.pk))))
    assert "PENILAIAN DIRI PEGAWAI" in semua
    assert "Seluruh arsip terdigitalisasi" in semua
    assert "Di Atas Ekspektasi" in semua


# --- query counts -----------------------------------------------------------------------------
def tambah_rhk(org, skp, n):
    for i in range(n):
        rhk = RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK tambahan {i}", urutan=10 + i)
        IndikatorKinerja.objects.create(
            rhk=rhk, teks=f"Indikator {i}", aspek="kuantitas", target_teks="10"
        )
        bukti_aktivitas(org, skp, rhk)


def hitung(client, url):
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q), r


def test_kueri_halaman_tetap(client, org, jendela, skp_semua, maret):
    skp = skp_semua["staf"]
    client.force_login(org.staf)
    isi = reverse("penilaian_diri_isi", args=[jendela.tw[0].pk, skp.pk])
    daftar = reverse("penilaian_diri_daftar")
    tambah_rhk(org, skp, 1)
    client.get(isi)
    sedikit_isi, _ = hitung(client, isi)
    sedikit_daftar, _ = hitung(client, daftar)
    tambah_rhk(org, skp, 5)
    services.simpan_penilaian_diri(
        org.staf, jendela.tw[0], skp, data_diri(skp.rhk.order_by("pk").first())
    )
    banyak_isi, r = hitung(client, isi)
    banyak_daftar, _ = hitung(client, daftar)
    assert banyak_isi == sedikit_isi and banyak_daftar == sedikit_daftar
    assert sedikit_daftar <= 10 and sedikit_isi <= 10
    assert r.content.decode().count("RHK tambahan") == 6
    # The penilai's page pays one query for the self-assessment, whatever its size.
    client.force_login(org.kasi)
    nilai = reverse("nilai_isi", args=[jendela.tw[0].pk, skp.pk])
    client.get(nilai)
    n1, _ = hitung(client, nilai)
    tambah_rhk(org, skp, 3)
    n2, _ = hitung(client, nilai)
    assert n1 == n2
