"""The live distribution of a curve group: counts per predikat (draft included and labelled),
pegawai not yet rated, and the group a rating belongs to.  The curve check itself is
``rules.periksa_kurva`` (tested in the rules tests); here it is replaced by a recorder so the
counts handed to it are checked."""

import pytest

from penilaian import rules
from penilaian.models import Penilaian
from penilaian.selectors.kurva import ringkasan_kurva_untuk_penilaian, ringkasan_kurva_untuk_unit
from penilaian.services.kurva import tetapkan_predikat_organisasi
from tests.penilaian.test_finalkan_kurva import nilai


@pytest.fixture
def diperiksa(monkeypatch) -> list:
    dipanggil: list = []
    monkeypatch.setattr(
        rules, "periksa_kurva", lambda po, d: dipanggil.append((po, dict(d))), raising=False
    )
    monkeypatch.setattr(rules, "contoh_distribusi", lambda po, n: None, raising=False)
    monkeypatch.setattr(rules, "penjelasan_pembulatan", lambda po, n: f"n={n}", raising=False)
    return dipanggil


def test_hitungan_ringkasan(org, jendela, skp_semua, diperiksa):
    tetapkan_predikat_organisasi(org.admin, org.dinas, 2026, "baik", "")
    nilai(jendela, skp_semua["kasi"], predikat="sangat_baik")
    nilai(jendela, skp_semua["staf"], predikat="baik", status=Penilaian.Status.DRAFT)
    p = nilai(jendela, skp_semua["jf"], predikat="baik")
    r = ringkasan_kurva_untuk_unit(org.dinas.pk, 2026)
    assert r.n == 5 and r.belum_dinilai == 2 and r.belum_selesai == 3
    assert r.jumlah == {"sangat_baik": 1, "baik": 2} and r.jumlah_draft == {"baik": 1}
    assert diperiksa[-1][0] == "baik" and diperiksa[-1][1]["baik"] == 2
    assert r.penjelasan == "n=5" and not r.is_final
    assert r.baris[0][1:] == (1, 0, 20.0)
    # the jf's rating belongs to the dinas group (the bidang has no predikat of its own)
    assert ringkasan_kurva_untuk_penilaian(p).unit == org.dinas


def test_subunit_berpredikat_ringkasan_sendiri(org, jendela, skp_semua, diperiksa):
    tetapkan_predikat_organisasi(org.admin, org.dinas, 2026, "baik", "")
    tetapkan_predikat_organisasi(org.admin, org.seksi, 2026, "istimewa", "")
    p = nilai(jendela, skp_semua["staf"], predikat="baik")
    r = ringkasan_kurva_untuk_penilaian(p)
    assert r.unit == org.seksi and r.n == 1 and r.predikat_organisasi.predikat == "istimewa"
    # The kasi leads the seksi: his rating is counted in the dinas' group (0004).
    kasi = nilai(jendela, skp_semua["kasi"], predikat="sangat_baik")
    assert ringkasan_kurva_untuk_penilaian(kasi).unit == org.dinas


def test_tanpa_predikat_organisasi(org, jendela, skp_semua, diperiksa):
    r = ringkasan_kurva_untuk_unit(org.seksi.pk, 2026)
    assert r.predikat_organisasi is None and r.pemeriksaan is None and not diperiksa
