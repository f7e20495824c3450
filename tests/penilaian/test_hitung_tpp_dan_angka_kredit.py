"""The pure follow-up rules: angka kredit conversion and the TPP formula, every step."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penilaian.rules import Predikat
from penilaian.rules_tindak_lanjut import (
    KOEFISIEN_JENJANG,
    PERSEN_ANGKA_KREDIT,
    FormulaTpp,
    MasukanTpp,
    angka_kredit,
    hitung_tpp,
)

D = Decimal
F = FormulaTpp()


@pytest.mark.parametrize(
    ("predikat", "persen", "hasil"),
    [
        (Predikat.SANGAT_BAIK, 150, "18.750"),
        (Predikat.BAIK, 100, "12.500"),
        (Predikat.BUTUH_PERBAIKAN, 75, "9.375"),
        (Predikat.KURANG, 50, "6.250"),
        (Predikat.SANGAT_KURANG, 25, "3.125"),
    ],
)
def test_angka_kredit_per_predikat(predikat, persen, hasil):
    r = angka_kredit(D("12.5"), predikat)
    assert r.persen == D(persen)
    assert r.nilai == D(hasil)
    assert r.langkah[-1].nilai == D(hasil)


def test_angka_kredit_sebagian_tahun_dan_pembulatan():
    # 37.5 × 100% × 5/12 = 15.625
    assert angka_kredit(D("37.5"), Predikat.BAIK, bulan=5).nilai == D("15.625")
    # 3.75 × 75% × 7/12 = 1.640625 → 1.641
    r = angka_kredit(D("3.75"), Predikat.BUTUH_PERBAIKAN, bulan=7)
    assert r.nilai == D("1.641")
    assert any("7/12" in lk.rumus for lk in r.langkah)


def test_angka_kredit_belum_dinilai():
    r = angka_kredit(D("25"), None)
    assert not r.dinilai and r.nilai == 0
    assert "belum dinilai" in r.langkah[-1].rumus


def test_tabel_persen_dan_koefisien_sesuai_regulasi():
    assert PERSEN_ANGKA_KREDIT == {
        "sangat_baik": 150,
        "baik": 100,
        "butuh_perbaikan": 75,
        "kurang": 50,
        "sangat_kurang": 25,
    }
    assert KOEFISIEN_JENJANG["ahli_pertama"] == D("12.5")
    assert KOEFISIEN_JENJANG["ahli_utama"] == 50
    assert KOEFISIEN_JENJANG["pemula"] == D("3.75")


@pytest.mark.parametrize(
    ("predikat", "kinerja"),
    [
        (Predikat.SANGAT_BAIK, 600_000),
        (Predikat.BAIK, 600_000),
        (Predikat.BUTUH_PERBAIKAN, 450_000),
        (Predikat.KURANG, 300_000),
        (Predikat.SANGAT_KURANG, 150_000),
    ],
)
def test_tpp_per_predikat(predikat, kinerja):
    r = hitung_tpp(F, MasukanTpp(dasar=D(1_000_000), predikat=predikat))
    assert r.kinerja == kinerja
    assert r.disiplin == 400_000
    assert r.total == kinerja + 400_000


def test_tpp_tanpa_realisasi_porsi_kinerja_dipotong():
    r = hitung_tpp(F, MasukanTpp(D(1_000_000), Predikat.BAIK, realisasi_tepat_waktu=False))
    assert r.kinerja == 0 and r.total == 400_000
    assert any("tidak dikirim" in lk.label for lk in r.langkah)
    tanpa_potong = FormulaTpp(potong_tanpa_realisasi=False)
    assert (
        hitung_tpp(
            tanpa_potong, MasukanTpp(D(1_000_000), Predikat.BAIK, realisasi_tepat_waktu=False)
        ).kinerja
        == 600_000
    )


@pytest.mark.parametrize(
    ("faults", "disiplin"),
    [
        ({"terlambat": 3}, 388_000),  # 400 000 × (100 − 3×1)%
        ({"pulang_cepat": 2}, 392_000),  # × (100 − 2×1)%
        ({"tanpa_keterangan": 4}, 352_000),  # × (100 − 4×3)%
        ({"terlambat": 2, "pulang_cepat": 1, "tanpa_keterangan": 1}, 376_000),
        ({"tanpa_keterangan": 40}, 0),  # 120% → capped at 100%
    ],
)
def test_tpp_potongan_disiplin(faults, disiplin):
    r = hitung_tpp(F, MasukanTpp(D(1_000_000), Predikat.BAIK, **faults))
    assert r.disiplin == disiplin
    assert r.total == 600_000 + disiplin


def test_tpp_potongan_dibatasi_seratus_persen():
    r = hitung_tpp(F, MasukanTpp(D(1_000_000), Predikat.BAIK, tanpa_keterangan=40))
    assert r.persen_potongan == 100
    assert any("dibatasi" in lk.label for lk in r.langkah)


def test_tpp_dasar_realisasi():
    f = FormulaTpp(dasar_kinerja="realisasi")
    r = hitung_tpp(f, MasukanTpp(D(1_000_000), None, persen_realisasi=D("80")))
    assert r.kinerja == 480_000 and r.dinilai
    # above 100% is capped
    assert hitung_tpp(f, MasukanTpp(D(1_000_000), None, persen_realisasi=D("130"))).kinerja == (
        600_000
    )


def test_tpp_belum_dinilai():
    r = hitung_tpp(F, MasukanTpp(D(1_000_000), None))
    assert not r.dinilai
    assert r.kinerja == 0 and r.total == 400_000
    assert any("belum dinilai" in lk.rumus for lk in r.langkah)


def test_tpp_pembulatan_setengah_ke_atas_di_akhir():
    # 1 000 001 × 60% = 600 000.6; × 40% = 400 000.4 → total 1 000 001 exactly
    r = hitung_tpp(F, MasukanTpp(D(1_000_001), Predikat.BAIK))
    assert r.total == 1_000_001
    assert r.kinerja + r.disiplin == r.total
    # 333 333 × 60% × 75% = 149 999.85; × 40% = 133 333.2 → 283 333.05 → 283 333
    r = hitung_tpp(F, MasukanTpp(D(333_333), Predikat.BUTUH_PERBAIKAN))
    assert r.total == 283_333 and r.kinerja == 150_000 and r.disiplin == 133_333


rupiah = st.integers(min_value=0, max_value=50_000_000).map(Decimal)
persen = st.integers(min_value=0, max_value=100).map(Decimal)
kali = st.integers(min_value=0, max_value=40)
predikat = st.sampled_from([None, *list(Predikat)])


@st.composite
def formula(draw):
    porsi = draw(persen)
    return FormulaTpp(
        porsi_kinerja=porsi,
        porsi_disiplin=100 - porsi,
        dasar_kinerja=draw(st.sampled_from(["predikat", "realisasi"])),
        persen_predikat={p: draw(persen) for p in Predikat},
        potong_tanpa_realisasi=draw(st.booleans()),
        potongan_terlambat=draw(persen),
        potongan_pulang_cepat=draw(persen),
        potongan_tanpa_keterangan=draw(persen),
    )


@st.composite
def masukan(draw):
    return MasukanTpp(
        dasar=draw(rupiah),
        predikat=draw(predikat),
        realisasi_tepat_waktu=draw(st.booleans()),
        persen_realisasi=draw(st.integers(0, 150).map(Decimal)),
        terlambat=draw(kali),
        pulang_cepat=draw(kali),
        tanpa_keterangan=draw(kali),
    )


@given(formula(), masukan())
def test_sifat_total_antara_nol_dan_dasar_dan_bagian_menjumlah(f, m):
    r = hitung_tpp(f, m)
    assert 0 <= r.total <= m.dasar
    assert r.kinerja >= 0 and r.disiplin >= 0
    assert r.kinerja + r.disiplin == r.total
    assert r.langkah[-1].nilai == r.total
    assert r.total == r.total.to_integral()


@given(formula(), masukan(), st.sampled_from(["terlambat", "pulang_cepat", "tanpa_keterangan"]))
def test_sifat_monoton_terhadap_pelanggaran(f, m, jenis):
    lebih = MasukanTpp(**{**m.__dict__, jenis: getattr(m, jenis) + 1})
    assert hitung_tpp(f, lebih).total <= hitung_tpp(f, m).total
