"""The dashboard costs a fixed number of queries: the same for a tree of 5 units / 20
pegawai as for 15 units / 120 pegawai (it reads grouped summaries, never per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pemantauan.services import bangun_ringkasan
from tests.factories import OperatorUnitFactory, PegawaiFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN, bangun_kabupaten

pytestmark = pytest.mark.django_db
BATAS = 26  # +1: unread-notification count in the header (notifikasi); +2: the curve group
# of the unit, so the predikat chart counts people as the curve does; +1: the units without
# a predikat organisasi for the open window (decision record 0004)


def _hitung(client, url, data) -> int:
    with CaptureQueriesContext(connection) as q:
        r = client.get(url, data)
    assert r.status_code == 200
    return len(q.captured_queries)


@pytest.mark.parametrize(
    "nama_url,data",
    [
        ("pemantauan_dasbor", {"tahun": TAHUN}),
        ("pemantauan_dasbor", {"tahun": TAHUN, "triwulan": 1}),
        ("pemantauan_beban", {"tahun": TAHUN}),
        ("pemantauan_rincian", {"tahun": TAHUN}),
    ],
)
def test_jumlah_kueri_tetap_untuk_pohon_kecil_dan_besar(
    client, hari_ini, django_assert_max_num_queries, nama_url, data
):
    kecil = bangun_kabupaten(5, 20, seed=11)
    besar = bangun_kabupaten(15, 120, seed=12)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    args = ["hari_kosong"] if nama_url == "pemantauan_rincian" else []
    url = reverse(nama_url, args=args)
    hasil = {}
    for nama, kab in (("kecil", kecil), ("besar", besar)):
        admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)
        operator = PegawaiFactory(instansi=kab.instansi, unit_kerja=kab.akar)
        OperatorUnitFactory(pegawai=operator, unit=kab.akar)
        client.force_login(admin)
        with django_assert_max_num_queries(BATAS):
            hasil[(nama, "admin")] = _hitung(client, url, data)
        client.force_login(operator)
        with django_assert_max_num_queries(BATAS):
            hasil[(nama, "operator")] = _hitung(client, url, {**data, "unit": kab.unit[1].pk})
    assert hasil[("kecil", "admin")] == hasil[("besar", "admin")]
    assert hasil[("kecil", "operator")] == hasil[("besar", "operator")]
