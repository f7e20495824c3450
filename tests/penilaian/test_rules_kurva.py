"""The distribution curve of domain.md §4: every limit, at / below / above, and properties."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penilaian import rules
from penilaian.rules import Predikat, PredikatOrganisasi

SB, B, BP, K, SK = (
    "sangat_baik",
    "baik",
    "butuh_perbaikan",
    "kurang",
    "sangat_kurang",
)
UKURAN = [1, 2, 3, 5, 7, 10, 11, 33, 100]


def cek(po, **d):
    return rules.periksa_kurva(po, d)


# --- each limit at, below and above (n = 10 and others) -------------------------------------
def test_istimewa_sangat_baik_paling_banyak_70_persen():
    assert cek("istimewa", sangat_baik=7, baik=3).ok
    hasil = cek("istimewa", sangat_baik=8, baik=2)
    assert not hasil.ok
    (p,) = hasil.pelanggaran
    assert p.selisih == 1 and "kelebihan 1 orang" in p.pesan and "7 dari 10" in p.pesan
    assert cek("istimewa", sangat_kurang=10).ok  # the rest: any predikat


def test_baik_70_persen_baik_dan_minimal_satu_bp_atau_kurang():
    assert cek("baik", baik=7, butuh_perbaikan=1, sangat_baik=2).ok
    assert cek("baik", baik=7, kurang=1, sangat_kurang=2).ok
    tanpa = cek("baik", baik=7, sangat_baik=3)
    assert [h.batas.jenis for h in tanpa.pelanggaran] == ["min"]
    assert "kurang 1 orang" in tanpa.pelanggaran[0].pesan
    lebih = cek("baik", baik=8, butuh_perbaikan=2)
    assert [h.selisih for h in lebih.pelanggaran] == [1]


def test_butuh_perbaikan_60_persen_dan_sangat_baik_10_persen():
    assert cek("butuh_perbaikan", butuh_perbaikan=6, sangat_baik=1, baik=3).ok
    kurang = cek("butuh_perbaikan", butuh_perbaikan=5, baik=5)
    assert [h.selisih for h in kurang.pelanggaran] == [1]
    sb = cek("butuh_perbaikan", butuh_perbaikan=6, sangat_baik=2, baik=2)
    assert [h.batas.jenis for h in sb.pelanggaran] == ["maks"]


def test_kurang_60_kurang_10_bp_10_sangat_baik():
    assert cek("kurang", kurang=6, butuh_perbaikan=1, sangat_baik=1, baik=2).ok
    assert not cek("kurang", kurang=5, butuh_perbaikan=2, baik=3).ok
    tanpa_bp = cek("kurang", kurang=7, baik=3)
    assert len(tanpa_bp.pelanggaran) == 1 and tanpa_bp.pelanggaran[0].selisih == 1
    assert not cek("kurang", kurang=6, butuh_perbaikan=1, sangat_baik=2, baik=1).ok


def test_sangat_kurang_60_sk_10_kurang_atau_bp_tanpa_sangat_baik():
    assert cek("sangat_kurang", sangat_kurang=6, kurang=1, baik=3).ok
    assert cek("sangat_kurang", sangat_kurang=6, butuh_perbaikan=1, baik=3).ok
    assert not cek("sangat_kurang", sangat_kurang=5, kurang=1, baik=4).ok
    assert not cek("sangat_kurang", sangat_kurang=7, baik=3).ok
    sb = cek("sangat_kurang", sangat_kurang=6, kurang=1, sangat_baik=1, baik=2)
    assert [h.batas.jenis for h in sb.pelanggaran] == ["maks"]
    assert "kelebihan 1 orang" in sb.pelanggaran[0].pesan


@pytest.mark.parametrize("n", UKURAN)
@pytest.mark.parametrize("po", list(PredikatOrganisasi))
def test_setiap_batas_tepat_kurang_satu_lebih_satu(po, n):
    """Starting from the accepted example, push each limit's count to exactly its bound, one
    beyond it, and check the checker flips exactly there."""
    contoh = rules.contoh_distribusi(po, n)
    assert rules.periksa_kurva(po, contoh).ok
    for batas, orang in zip(rules.batas_kurva(po), rules.batas_orang(po, n), strict=True):
        target = next(p for p in Predikat if p in batas.predikat)
        langkah = 1 if batas.jenis == "maks" else -1
        luar = orang + langkah  # one person beyond the bound
        if not 0 <= luar <= n:
            continue
        d = {p: 0 for p in Predikat}
        d[target] = luar
        # Fill the rest with a predikat this limit does not count.
        sisa = next(p for p in Predikat if p not in batas.predikat)
        d[sisa] = n - luar
        hasil = rules.periksa_kurva(po, d)
        salah = [h for h in hasil.pelanggaran if h.batas == batas]
        assert salah and salah[0].selisih == 1, (po, n, batas, d)


# --- properties -----------------------------------------------------------------------------
def distribusi():
    return st.fixed_dictionaries({p: st.integers(0, 60) for p in Predikat}).filter(
        lambda d: sum(d.values()) > 0
    )


def _batas_manual(po: str, n: int) -> list[tuple[set[str], str, int]]:
    """The limits recomputed by hand from domain.md and decision record 0003."""
    up = lambda p: math.ceil(p * n / 100)  # noqa: E731
    down = lambda p: math.floor(p * n / 100)  # noqa: E731
    if po == "istimewa":
        return [({SB}, "maks", down(70))]
    if po == "baik":
        return [({B}, "maks", down(70)), ({BP, K}, "min", 1)]
    if po == "butuh_perbaikan":
        return [({BP}, "min", up(60)), ({SB}, "maks", down(10))]
    if po == "kurang":
        return [
            ({K}, "min", up(60)),
            ({BP}, "min", min(up(10), n - up(60))),
            ({SB}, "maks", down(10)),
        ]
    return [({SK}, "min", up(60)), ({K, BP}, "min", min(up(10), n - up(60))), ({SB}, "maks", 0)]


@settings(max_examples=300)
@given(st.sampled_from(list(PredikatOrganisasi)), distribusi())
def test_yang_diterima_memenuhi_setiap_batas_dihitung_manual(po, d):
    n = sum(d.values())
    manual_ok = all(
        (sum(d[Predikat(p)] for p in ps) <= batas)
        if jenis == "maks"
        else (sum(d[Predikat(p)] for p in ps) >= batas)
        for ps, jenis, batas in _batas_manual(po, n)
    )
    assert rules.periksa_kurva(po, d).ok == manual_ok


@pytest.mark.parametrize("po", list(PredikatOrganisasi))
def test_selalu_ada_distribusi_yang_diterima_untuk_setiap_ukuran(po):
    for n in range(1, 501):
        contoh = rules.contoh_distribusi(po, n)
        assert contoh is not None, (po, n)
        assert sum(contoh.values()) == n
        assert rules.periksa_kurva(po, contoh).ok
        assert str(n) in rules.penjelasan_pembulatan(po, n)


def test_unit_kosong_dijelaskan():
    assert rules.contoh_distribusi("baik", 0) is None
    assert "n = 0" in rules.penjelasan_pembulatan("baik", 0)


@given(distribusi(), st.sampled_from([B, BP, K, SK]))
def test_istimewa_memindahkan_dari_sangat_baik_tidak_merusak(d, ke):
    if not rules.periksa_kurva("istimewa", d).ok or d[Predikat.SANGAT_BAIK] == 0:
        return
    d = dict(d)
    d[Predikat.SANGAT_BAIK] -= 1
    d[Predikat(ke)] += 1
    assert rules.periksa_kurva("istimewa", d).ok


def test_penjelasan_menyebut_pembulatan_dan_pelonggaran():
    teks = rules.penjelasan_pembulatan("kurang", 2)
    assert "2 pegawai" in teks and "dibulatkan ke atas" in teks and "sisa pegawai" in teks
    assert "sisa pegawai" not in rules.penjelasan_pembulatan("istimewa", 2)


def test_jumlah_negatif_ditolak():
    with pytest.raises(ValueError):
        rules.periksa_kurva("baik", {"baik": -1})
