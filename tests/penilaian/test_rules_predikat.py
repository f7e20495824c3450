"""The predikat matrix of domain.md §4, every cell, and a unit leader's rating."""

import pytest

from penilaian import rules
from penilaian.rules import Predikat, PredikatOrganisasi, Rating

A, S, B = "di_atas", "sesuai", "di_bawah"
# Written from domain.md's table, not from rules.MATRIKS.
TABEL = {
    (A, A): "sangat_baik",
    (A, S): "baik",
    (A, B): "kurang",
    (S, A): "baik",
    (S, S): "baik",
    (S, B): "kurang",
    (B, A): "butuh_perbaikan",
    (B, S): "butuh_perbaikan",
    (B, B): "sangat_kurang",
}


@pytest.mark.parametrize(("pasangan", "hasil"), sorted(TABEL.items()))
def test_setiap_sel_matriks(pasangan, hasil):
    assert rules.predikat(*pasangan) == Predikat(hasil)
    assert rules.predikat(Rating(pasangan[0]), Rating(pasangan[1])) == hasil


def test_matriks_lengkap_sembilan_sel():
    assert len(rules.MATRIKS) == 9


@pytest.mark.parametrize("salah", [("", A), (A, "luar_biasa"), ("Sesuai Ekspektasi", S)])
def test_rating_tidak_dikenal_ditolak(salah):
    with pytest.raises(ValueError):
        rules.predikat(*salah)


@pytest.mark.parametrize(
    ("po", "rating"),
    [
        ("istimewa", A),
        ("baik", S),
        ("butuh_perbaikan", B),
        ("kurang", B),
        ("sangat_kurang", B),
    ],
)
def test_rating_hasil_kerja_pimpinan_mengikuti_predikat_organisasi(po, rating):
    assert rules.rating_hasil_kerja_pimpinan(po) == Rating(rating)
    assert rules.rating_hasil_kerja_pimpinan(PredikatOrganisasi(po)) == Rating(rating)
