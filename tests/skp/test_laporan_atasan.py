""" "Atasan saya salah" (issue 17 §7): the pegawai reports a wrong atasan from his SKP page;
the admin instansi sees the request with the assignment data in his queue and corrects the
assignment (pegawai's assignment service) or rejects it with a reason; the answer comes back
as a notification.  Scoped to the admin of that instansi; history recorded."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi
from notifikasi.services.kirim import proses_riwayat
from pegawai.models import Penugasan, Riwayat
from pegawai.selectors.hierarki import rantai_penilai
from skp.models import LaporanAtasan
from skp.services import penyusunan as services
from skp.services.laporan_atasan import jawab_laporan_atasan, laporkan_atasan_salah
from tests.factories import InstansiFactory, JabatanFactory, PegawaiFactory


@pytest.fixture
def skp_staf(org, periode):
    return services.buat_skp(org.staf, org.staf, periode)


def lapor(org, skp, **kw):
    kw.setdefault("catatan", "Saya sudah pindah ke bidang, atasan saya Kabid.")
    return laporkan_atasan_salah(org.staf, skp, **kw)


def test_lapor_dari_halaman_skp_menyimpan_data_penugasan(client, org, skp_staf):
    client.force_login(org.staf)
    url = reverse("skp_laporan_atasan_buat", args=[skp_staf.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        html = client.get(url).content.decode()
    assert len(q) <= 10
    assert "Kepala Seksi Surveilans" in html  # the atasan recorded today
    r = client.post(url, {"nip_diusulkan": org.kabid.nip, "catatan": "Atasan saya Kabid."})
    assert r.status_code == 302 and r.url == reverse("skp_detail", args=[skp_staf.pk])
    laporan = LaporanAtasan.objects.get()
    assert laporan.pelapor == org.staf and laporan.instansi == org.instansi
    assert laporan.jabatan == org.jab_staf and laporan.unit == org.seksi
    assert laporan.atasan_tercatat == org.kasi
    assert "Kepala Seksi Surveilans" in laporan.atasan_tercatat_teks
    assert laporan.atasan_diusulkan == org.kabid
    assert laporan.status == LaporanAtasan.Status.TERBUKA
    riwayat = Riwayat.objects.get(aksi="skp.laporan_atasan_dibuat")
    assert riwayat.pelaku == org.staf and riwayat.subjek == org.staf
    page = client.get(reverse("skp_detail", args=[skp_staf.pk])).content.decode()
    assert "sedang diperiksa admin instansi" in page


def test_lapor_wajib_keterangan_dan_nip_instansi_sendiri(client, org, skp_staf):
    client.force_login(org.staf)
    url = reverse("skp_laporan_atasan_buat", args=[skp_staf.pk])
    r = client.post(url, {"catatan": ""})
    assert "Jelaskan mengapa atasan yang tercatat salah" in r.content.decode()
    r = client.post(url, {"catatan": "x", "nip_diusulkan": org.orang_lain.nip})
    assert "NIP ini tidak ditemukan" in r.content.decode()
    assert not LaporanAtasan.objects.exists()


def test_satu_laporan_terbuka_per_pegawai(org, skp_staf):
    lapor(org, skp_staf)
    with pytest.raises(ValidationError, match="masih menunggu jawaban"):
        lapor(org, skp_staf)


def test_atasan_dan_admin_tidak_dapat_melapor_atas_nama(org, skp_staf):
    for aktor in (org.kasi, org.admin):
        with pytest.raises(PermissionDenied):
            laporkan_atasan_salah(aktor, skp_staf, catatan="x")


def test_antrean_admin_menampilkan_data_penugasan(client, org, skp_staf):
    lapor(org, skp_staf, nip_diusulkan=org.kabid.nip)
    client.force_login(org.admin)
    html = client.get(reverse("skp_laporan_atasan")).content.decode()
    for teks in ("Staf", "Seksi", "Pengadministrasi Umum", "Kepala Seksi Surveilans", "Kabid"):
        assert teks in html
    assert "Atasan saya Kabid" in html or "atasan saya Kabid" in html
    assert client.get(reverse("skp_laporan_atasan") + "?status=selesai").status_code == 200


def test_admin_instansi_lain_404_dan_bukan_admin_403(client, org, skp_staf):
    laporan = lapor(org, skp_staf)
    url = reverse("skp_laporan_atasan_jawab", args=[laporan.pk])
    lain = InstansiFactory(kode="LAIN2")
    admin_lain = PegawaiFactory(nama="Admin Lain", instansi=lain, is_admin_instansi=True)
    client.force_login(admin_lain)
    assert client.get(url).status_code == 404
    assert client.post(url, {"keputusan": "tolak", "jawaban": "x"}).status_code == 404
    assert "Staf" not in client.get(reverse("skp_laporan_atasan")).content.decode()
    client.force_login(org.kasi)
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        jawab_laporan_atasan(admin_lain, laporan, keputusan="tolak", jawaban="x")
    laporan.refresh_from_db()
    assert laporan.status == LaporanAtasan.Status.TERBUKA


def test_tolak_wajib_alasan_lalu_notifikasi(client, org, skp_staf):
    laporan = lapor(org, skp_staf)
    proses_riwayat()
    client.force_login(org.admin)
    url = reverse("skp_laporan_atasan_jawab", args=[laporan.pk])
    r = client.post(url, {"keputusan": "tolak", "jawaban": ""})
    assert "Alasan penolakan wajib diisi" in r.content.decode()
    r = client.post(url, {"keputusan": "tolak", "jawaban": "Data SK Anda masih di Seksi."})
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == LaporanAtasan.Status.DITOLAK and laporan.dijawab_oleh == org.admin
    riwayat = Riwayat.objects.get(aksi="skp.laporan_atasan_dijawab")
    assert riwayat.pelaku == org.admin and riwayat.subjek == org.staf
    assert riwayat.sebagai == Riwayat.Sebagai.ADMIN
    proses_riwayat()
    n = Notifikasi.objects.get(penerima=org.staf)
    assert n.jenis == Jenis.LAPORAN_ATASAN and "ditolak" in n.judul
    assert n.pesan == "Data SK Anda masih di Seksi."
    assert n.tautan == reverse("skp_detail", args=[skp_staf.pk])
    # answered once: a second answer is refused
    assert client.post(url, {"keputusan": "perbaiki", "jawaban": "x"}).status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == LaporanAtasan.Status.DITOLAK


def test_perbaiki_memindahkan_penugasan_lewat_layanan_pegawai(client, org, skp_staf):
    jab_baru = JabatanFactory(
        instansi=org.instansi, unit=org.seksi, nama="Pengelola Data", induk=org.jab_kabid
    )
    laporan = lapor(org, skp_staf, nip_diusulkan=org.kabid.nip)
    client.force_login(org.admin)
    url = reverse("skp_laporan_atasan_jawab", args=[laporan.pk])
    html = client.get(url).content.decode()
    assert "Pengelola Data" in html  # a jabatan of his unit among the choices
    mulai = services.hari_ini()
    r = client.post(
        url, {"keputusan": "perbaiki", "jabatan": jab_baru.pk, "mulai": mulai.isoformat()}
    )
    assert r.status_code == 302, r.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == LaporanAtasan.Status.DIPERBAIKI
    lama = Penugasan.objects.get(pegawai=org.staf, jabatan=org.jab_staf)
    assert lama.selesai == mulai - dt.timedelta(days=1)
    assert Penugasan.objects.get(pegawai=org.staf, jabatan=jab_baru).mulai == mulai
    assert rantai_penilai(org.staf, mulai).pejabat_penilai.pegawai == org.kabid
    assert Riwayat.objects.filter(aksi="penugasan.dibuat", subjek=org.staf).exists()
    proses_riwayat()
    n = Notifikasi.objects.get(penerima=org.staf, jenis=Jenis.LAPORAN_ATASAN)
    assert "ditindaklanjuti" in n.judul


def test_perbaiki_tanpa_jabatan_wajib_penjelasan(org, skp_staf):
    laporan = lapor(org, skp_staf)
    with pytest.raises(ValidationError, match="jelaskan perbaikan"):
        jawab_laporan_atasan(org.admin, laporan, keputusan="perbaiki")
    jawab_laporan_atasan(
        org.admin, laporan, keputusan="perbaiki", jawaban="Induk jabatan sudah diperbaiki."
    )
    laporan.refresh_from_db()
    assert laporan.status == LaporanAtasan.Status.DIPERBAIKI


def test_kueri_antrean_dan_halaman_jawab_tetap(client, org, periode):
    client.force_login(org.admin)
    url = reverse("skp_laporan_atasan")

    def buat(n, awal):
        for i in range(n):
            p = PegawaiFactory(nama=f"Pelapor {awal + i}", instansi=org.instansi)
            LaporanAtasan.objects.create(
                pelapor=p,
                instansi=org.instansi,
                jabatan=org.jab_staf,
                unit=org.seksi,
                atasan_tercatat=org.kasi,
                atasan_diusulkan=org.kabid,
                catatan="x",
            )

    buat(1, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    buat(20, 1)
    client.get(url)  # new pegawai bump the organisation's cache version: warm it again
    with CaptureQueriesContext(connection) as banyak:
        html = client.get(url).content.decode()
    assert len(banyak) == len(sedikit) <= 10
    assert html.count("Pelapor ") == 21
    laporan = LaporanAtasan.objects.first()
    jawab = reverse("skp_laporan_atasan_jawab", args=[laporan.pk])
    client.get(jawab)
    with CaptureQueriesContext(connection) as q:
        client.get(jawab)
    assert len(q) <= 10
