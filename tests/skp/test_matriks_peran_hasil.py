"""The atasan's matriks peran hasil (skp/persetujuan/matriks/): which subordinate RHK support
each of his RHK, which of his RHK nobody supports, and who has no SKP yet."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skp.models import Periode, RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory
from tests.skp.conftest import isi_skp

URL = "/skp/persetujuan/matriks/"


def test_url():
    assert reverse("skp_matriks") == URL


@pytest.fixture
def cascade(org, periode):
    """kadis (1 RHK) ← kabid (2 RHK) ← kasi (RHK 1 supports kabid's first); jf has no SKP."""
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    rhk_kadis = isi_skp(org.kadis, kadis, perspektif="penerima_layanan")[0]
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk_kabid = isi_skp(org.kabid, kabid, rhk_atasan=rhk_kadis, n=2)
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    rhk_kasi = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid[0])
    kasi = services.ajukan_skp(org.kasi, kasi)
    return {"kabid": kabid, "rhk_kabid": rhk_kabid, "kasi": kasi, "rhk_kasi": rhk_kasi}


def test_rhk_yang_didukung_dan_yang_belum(client, org, cascade):
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.status_code == 200
    assert r.context["skp"] == cascade["kabid"]
    baris = r.context["baris"]
    assert [rhk for rhk, _ in baris] == cascade["rhk_kabid"]
    didukung, tanpa = baris
    assert didukung[1] == cascade["rhk_kasi"]
    assert tanpa[1] == []
    assert r.context["jumlah_tanpa_dukungan"] == 1
    isi = r.content.decode()
    assert "RHK 1 Kasi" in isi and org.jab_kasi.nama in isi and "Diajukan" in isi
    assert isi.count("Belum didukung bawahan") == 1
    assert "1 RHK utama belum didukung RHK bawahan." in isi


def test_bawahan_yang_belum_punya_skp(client, org, cascade):
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.context["belum_skp"] == [org.jf]
    assert org.jab_jf.nama in r.content.decode()  # with his jabatan


def test_rhk_versi_yang_digantikan_tidak_dihitung(client, org, cascade):
    Skp.objects.filter(pk=cascade["kasi"].pk).update(status=Skp.Status.DIGANTIKAN)
    client.force_login(org.kabid)
    r = client.get(URL)
    assert all(pendukung == [] for _, pendukung in r.context["baris"])


def test_belum_punya_skp(client, org, periode):
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.status_code == 200 and r.context["skp"] is None
    assert "Anda belum memiliki SKP pada periode ini" in r.content.decode()
    assert set(r.context["belum_skp"]) == {org.kasi, org.jf}


def test_belum_ada_periode(client, org):
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.status_code == 200 and r.context["periode"] is None
    assert "Belum ada periode kinerja" in r.content.decode()


def test_pilih_periode(client, org, cascade, periode):
    lalu = services.buka_periode(org.admin, org.instansi, periode.tahun - 1)
    services.ubah_status_periode(org.admin, lalu, Periode.Status.DITUTUP)
    # The newest period is closed: the default is still the latest open one.
    depan = services.buka_periode(org.admin, org.instansi, periode.tahun + 1)
    services.ubah_status_periode(org.admin, depan, Periode.Status.DITUTUP)
    client.force_login(org.kabid)
    assert client.get(URL).context["periode"] == periode
    r = client.get(URL, {"periode": lalu.pk})
    assert r.context["periode"] == lalu and r.context["skp"] is None
    # Another instansi's period is not offered: the default applies.
    lain = Periode.objects.create(
        instansi=org.orang_lain.instansi,
        nama="Lain",
        tahun=periode.tahun,
        mulai=periode.mulai,
        selesai=periode.selesai,
        batas_penetapan_skp=periode.mulai,
    )
    assert client.get(URL, {"periode": lain.pk}).context["periode"] == periode


def test_revisi_dalam_proses_matriks_dari_skp_yang_berlaku(client, org, skp_berjenjang):
    revisi = services.revisi_skp(org.kabid, skp_berjenjang["kabid"])
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.context["skp"] == skp_berjenjang["kabid"]
    assert r.context["skp"] != revisi


@pytest.mark.parametrize("siapa", ["staf", "operator", "admin", "orang_lain"])
def test_bukan_atasan_403(client, org, periode, siapa):
    client.force_login(getattr(org, siapa))
    assert client.get(URL).status_code == 403


def _pendukung(org, periode, rhk_kabid, n: int):
    """n JF under the kabid, each with one RHK that intervenes ``rhk_kabid`` (plain rows)."""
    for i in range(n):
        jabatan = JabatanFactory(
            unit=org.bidang, nama=f"Analis {i}", induk=org.jab_kabid, jenis="fungsional"
        )
        p = PegawaiFactory(instansi=org.instansi, nama=f"Analis {i:02d}")
        PenugasanFactory(pegawai=p, jabatan=jabatan, mulai=dt.date(2020, 1, 1))
        skp = Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jabatan,
            unit=org.bidang,
            mulai=periode.mulai,
            selesai=periode.selesai,
        )
        RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK analis {i}", rhk_atasan=rhk_kabid)


def _jumlah_query(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as c:
        r = client.get(URL)
    assert r.status_code == 200
    return len(c.captured_queries), r


def test_jumlah_query_tetap(client, org, cascade, periode, django_assert_max_num_queries):
    client.force_login(org.kabid)
    _pendukung(org, periode, cascade["rhk_kabid"][1], 1)
    sedikit, _ = _jumlah_query(client)
    _pendukung(org, periode, cascade["rhk_kabid"][1], 29)
    with django_assert_max_num_queries(sedikit):
        r = client.get(URL)
    assert len(r.context["baris"][1][1]) == 30
    assert r.context["jumlah_tanpa_dukungan"] == 0
    assert sedikit <= 19  # +3: the menu's waiting-work counts
