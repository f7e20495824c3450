"""The queue read a page at a time (AntreanBertahap) gives exactly the rows, in exactly the
order, of the whole sorted queue — across page boundaries inside one pegawai's rows, with
every filter — and reads only the rows of the pegawai a page covers."""

import datetime as dt

import pytest
from django.core.paginator import Paginator

from aktivitas.selectors import tinjau
from tests.aktivitas.test_kueri_antrean import aktivitas_menunggu, bawahan, periode  # noqa: F401


@pytest.fixture
def antre(org, periode):  # noqa: F811
    orang = bawahan(org, 6)
    # Uneven: 0, 1, 2, 3, 7 and 9 waiting; names not in creation order.
    for p, n, nama in zip(orang, (0, 1, 2, 3, 7, 9), "FBEADC", strict=True):
        p.nama = f"{nama} Bawahan"
        p.save(update_fields=["nama"])
        if n:
            aktivitas_menunggu(org, [p], n)
    return orang


SARINGAN = [
    {},
    {"cari": "bawahan"},
    {"cari": "A Baw"},
    {"dari": dt.date(2026, 3, 3)},
    {"sampai": dt.date(2026, 3, 2)},
    {"dari": dt.date(2026, 3, 3), "sampai": dt.date(2026, 3, 3)},
]


@pytest.mark.parametrize("saring", SARINGAN)
@pytest.mark.parametrize("per_halaman", [1, 4, 5, 25])
def test_halaman_sama_dengan_antrean_utuh(org, antre, saring, per_halaman):
    utuh = [a.pk for a in tinjau.antrean_aktivitas(org.kasi, **saring)]
    assert utuh, "the fixture must leave something to page through"
    menunggu = tinjau.pegawai_menunggu(org.kasi)
    assert [p.jumlah_menunggu for p in menunggu] == [3, 1, 9, 7, 2]  # A, B, C, D, E by name
    bertahap = tinjau.antrean_bertahap(org.kasi, menunggu, **saring)
    pag = Paginator(bertahap, per_halaman)
    assert pag.count == len(utuh)
    dibaca = [a.pk for n in pag.page_range for a in pag.page(n).object_list]
    assert dibaca == utuh


def test_satu_pegawai_dan_nip(org, antre):
    menunggu = tinjau.pegawai_menunggu(org.kasi)
    p = antre[4]
    for saring in ({"pegawai_id": p.pk}, {"cari": p.nip[:-2]}):
        utuh = [a.pk for a in tinjau.antrean_aktivitas(org.kasi, **saring)]
        bertahap = tinjau.antrean_bertahap(org.kasi, menunggu, **saring)
        assert [a.pk for a in bertahap[0:100]] == utuh
    assert len(tinjau.antrean_bertahap(org.kasi, menunggu, pegawai_id=antre[0].pk)) == 0


def test_halaman_membaca_pegawai_halaman_itu_saja(org, antre, django_assert_num_queries):
    menunggu = tinjau.pegawai_menunggu(org.kasi)
    bertahap = tinjau.antrean_bertahap(org.kasi, menunggu)
    # Rows 4..7 lie in C (9 waiting, after A's 3 and B's 1): one query for them, one for the
    # evidence; nobody else's rows are read.
    with django_assert_num_queries(2) as q:
        baris = bertahap[4:8]
    assert [a.pegawai.nama for a in baris] == ["C Bawahan"] * 4
    assert f"IN ({menunggu[2].pk})" in q.captured_queries[0]["sql"]
