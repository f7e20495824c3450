"""A pegawai import that moves an atasan re-routes the pending reviews, as the kelola page
does (the import writes assignments in bulk, so it must call the listeners itself)."""

import pytest

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.services.impor import impor_pegawai
from skp.services import penyusunan as skp_services
from tests.aktivitas.conftest import data, kunci
from tests.pegawai.test_impor_berhasil import _baris_org, buat_csv


@pytest.fixture
def skp_hari_ini(org, hari_ini):
    periode = skp_services.buka_periode(org.admin, org.instansi, hari_ini.year)
    return skp_services.buat_skp(org.staf, org.staf, periode, tanggal=periode.mulai)


def test_atasan_pindah_lewat_impor_antrean_hari_ini_ke_atasan_berikutnya(
    org, hari_ini, skp_hari_ini, django_capture_on_commit_callbacks
):
    a = akt.catat_aktivitas(org.staf, org.staf, data(tanggal=hari_ini), kunci())[0]
    assert a.penilai == org.kasi
    # The kasi becomes an analyst in the bidang from today: the seksi's jabatan is vacant.
    row = _baris_org(org, org.kasi, "Analis Kebijakan", org.bidang, nip_atasan=org.kabid.nip)
    with django_capture_on_commit_callbacks(execute=True):
        hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)
    assert hasil.berhasil, hasil.kesalahan
    a.refresh_from_db()
    assert a.penilai == org.kabid  # vacancy: the next atasan up acts
    assert Aktivitas.objects.filter(penilai=org.kasi).count() == 0


def test_impor_pertama_tanpa_data_lama_tidak_memanggil_pendengar(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    from pegawai.services import organisasi as services

    dipanggil = []
    monkeypatch.setattr(services, "PENDENGAR_PENUGASAN", [lambda *a: dipanggil.append(a)])
    from tests.pegawai.test_impor_berhasil import berkas_dasar

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)
    assert hasil.berhasil, hasil.kesalahan
    assert dipanggil == []
