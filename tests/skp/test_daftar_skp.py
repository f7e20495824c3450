"""The pegawai opens "SKP saya": his SKP per period, versions grouped, and what to do next."""

import datetime as dt

import pytest
from django.urls import reverse

from skp.models import Periode
from skp.services import penyusunan as services
from tests.factories import OperatorUnitFactory, PegawaiFactory

URL = reverse("skp_daftar")


def test_tanpa_periode_dan_skp_menjelaskan_apa_itu_skp(client, org):
    client.force_login(org.staf)
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Belum ada SKP" in html
    assert "rencana kerja Anda untuk satu tahun" in html
    assert "Buat SKP 2" not in html


def test_periode_dibuka_tanpa_skp_mengajak_membuat(client, org, periode):
    client.force_login(org.staf)
    html = client.get(URL).content.decode()
    assert f"Buat SKP {periode.tahun}" in html
    assert f"{reverse('skp_buat')}?periode={periode.pk}" in html


def test_periode_ditutup_tidak_mengajak(client, org, periode):
    services.ubah_status_periode(org.admin, periode, Periode.Status.DITUTUP)
    client.force_login(org.staf)
    assert f"Buat SKP {periode.tahun}" not in client.get(URL).content.decode()


def test_skp_dikelompokkan_per_periode_dengan_versi_dan_status(client, org, skp_berjenjang):
    kabid = skp_berjenjang["kabid"]
    revisi = services.revisi_skp(org.kabid, kabid)
    client.force_login(org.kabid)
    resp = client.get(URL)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert html.count(kabid.periode.nama) == 1  # one group for the period
    assert reverse("skp_detail", args=[kabid.pk]) in html
    assert reverse("skp_detail", args=[revisi.pk]) in html
    assert "Ditetapkan" in html and "Draf" in html
    assert f"Buat SKP {kabid.periode.tahun}" not in html  # he already has one
    page = list(resp.context["page_obj"])
    assert page == [revisi, kabid]  # newest version first


def test_hanya_skp_milik_sendiri(client, org, skp_berjenjang):
    client.force_login(org.kasi)
    page = list(client.get(URL).context["page_obj"])
    assert page == [skp_berjenjang["kasi"]]


def test_operator_melihat_skp_pegawai_unitnya(client, org, skp_berjenjang):
    client.force_login(org.operator)
    resp = client.get(URL, {"pegawai": org.kasi.pk})
    assert resp.status_code == 200
    assert list(resp.context["page_obj"]) == [skp_berjenjang["kasi"]]
    assert "sebagai operator" in resp.content.decode()


def test_operator_diajak_membuat_skp_atas_nama_pegawai(client, org, periode):
    client.force_login(org.operator)
    html = client.get(URL, {"pegawai": org.staf.pk}).content.decode()
    assert f"Buat SKP {periode.tahun}" in html
    assert f"?periode={periode.pk}&amp;pegawai={org.staf.pk}" in html


def test_admin_melihat_tanpa_tombol_buat(client, org, periode):
    """The admin instansi reads every SKP of his instansi but drafting is for the pegawai and
    his unit operator (skp.services.penyusunan.sebagai_pemilik)."""
    client.force_login(org.admin)
    resp = client.get(URL, {"pegawai": org.staf.pk})
    assert resp.status_code == 200
    assert f"Buat SKP {periode.tahun}" not in resp.content.decode()


@pytest.mark.parametrize("siapa", ["pegawai_lain", "instansi_lain", "operator_unit_lain"])
def test_pegawai_di_luar_cakupan_404(client, org, siapa):
    user = {
        "pegawai_lain": org.jf,
        "instansi_lain": org.orang_lain,
        "operator_unit_lain": OperatorUnitFactory(
            pegawai=PegawaiFactory(instansi=org.instansi), unit=org.unit_lain
        ).pegawai,
    }[siapa]
    client.force_login(user)
    assert client.get(URL, {"pegawai": org.staf.pk}).status_code == 404


def test_parameter_pegawai_bukan_angka_404(client, org):
    client.force_login(org.operator)
    assert client.get(URL, {"pegawai": "x"}).status_code == 404


def test_anonim_diarahkan_ke_halaman_masuk(client):
    resp = client.get(URL)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("masuk"))


def test_periode_lampau_dengan_skp_tidak_diajak_lagi(client, org, periode):
    lalu = services.buka_periode(org.admin, org.instansi, periode.tahun - 1)
    services.buat_skp(org.staf, org.staf, lalu, tanggal=dt.date(lalu.tahun, 2, 1))
    client.force_login(org.staf)
    html = client.get(URL).content.decode()
    assert f"Buat SKP {lalu.tahun}" not in html
    assert f"Buat SKP {periode.tahun}" in html
