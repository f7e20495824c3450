"""Predikat kinerja organisasi per periodic window (SE MenPANRB 3/2023 stage 1, decision record
0004 §2): the periodic curve check reads the window's own result, and the operator's
dashboard lists the units still without one for the window whose rating has opened."""

import datetime as dt

import pytest
from django.urls import reverse

from penilaian.models import Penilaian
from penilaian.services.kurva import tetapkan_predikat_organisasi

TAHUN = 2026


@pytest.fixture
def pada(monkeypatch):
    def atur(tanggal):
        monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: tanggal)

    return atur


def _nilai(pp, skp, predikat):
    return Penilaian.objects.create(
        periode_penilaian=pp,
        skp=skp,
        pegawai=skp.pegawai,
        unit=skp.unit,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat=predikat,
        status=Penilaian.Status.FINAL,
    )


def test_kurva_periodik_memakai_predikat_periodik(client, org, jendela, skp_semua, pada):
    pada(dt.date(TAHUN, 6, 20))
    tetapkan_predikat_organisasi(org.admin, org.bidang, TAHUN, "istimewa")  # the year
    tetapkan_predikat_organisasi(org.admin, org.bidang, TAHUN, "baik", jenis="triwulan", urutan=2)
    _nilai(jendela.tw[1], skp_semua["jf"], "baik")
    client.force_login(org.kasi)
    r = client.get(
        reverse("nilai_kurva", args=[jendela.tw[1].pk, skp_semua["staf"].pk]),
        HTTP_HX_REQUEST="true",
    )
    ringkasan = r.context["ringkasan_kurva"]
    assert ringkasan.unit == org.bidang and ringkasan.jendela == jendela.tw[1]
    assert ringkasan.predikat_organisasi.predikat == "baik"  # the quarter's, not the year's
    assert ringkasan.jumlah == {"baik": 1}
    teks = r.content.decode()
    assert "Distribusi predikat Bidang P2P Triwulan 2 2026" in teks
    # Another quarter without its own result: nothing to check against.
    r = client.get(
        reverse("nilai_kurva", args=[jendela.tw[0].pk, skp_semua["staf"].pk]),
        HTTP_HX_REQUEST="true",
    )
    assert r.context["ringkasan_kurva"].predikat_organisasi is None


def test_dasbor_operator_menyebut_unit_tanpa_predikat_periodik(
    client, org, jendela, skp_semua, pada
):
    pada(dt.date(TAHUN, 6, 20))  # the 2nd quarter's rating opened on 1 June
    url = reverse("pemantauan_dasbor") + f"?tahun={TAHUN}"
    client.force_login(org.operator)
    teks = client.get(url).content.decode()
    assert "3 unit belum mempunyai predikat kinerja organisasi Triwulan 2 2026" in teks
    for u in (org.dinas, org.bidang, org.seksi):
        tetapkan_predikat_organisasi(org.admin, u, TAHUN, "baik", jenis="triwulan", urutan=1)
    tetapkan_predikat_organisasi(org.admin, org.seksi, TAHUN, "baik", jenis="triwulan", urutan=2)
    teks = client.get(url).content.decode()
    assert "2 unit belum mempunyai predikat kinerja organisasi Triwulan 2 2026" in teks
    assert f"{org.seksi.kode} {org.seksi.nama}</li>" not in teks
    assert f"{org.bidang.kode} {org.bidang.nama}</li>" in teks
