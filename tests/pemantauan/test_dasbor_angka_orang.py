"""The dashboard's per-pegawai counts (pegawai, SKP ditetapkan, appraisals, objections,
predikat spread) are counted once per scope and read from the cache on the next visits —
they grow with the number of pegawai, not with the month-end flood of activities — and are
counted again as soon as an SKP, a penilaian, a keberatan or the organisation changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.models import Pegawai
from pemantauan.selectors.dasbor import Saringan, cakupan, dasbor
from pemantauan.services import bangun_ringkasan
from skp.models import Skp
from tests.factories import PegawaiFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN, bangun_kabupaten

pytestmark = pytest.mark.django_db
TABEL_ORANG = ('"skp_skp"', '"penilaian_keberatan"', '"penilaian_penilaian"')


def _baca(admin):
    with CaptureQueriesContext(connection) as q:
        d = dasbor(cakupan(admin), Saringan(TAHUN), None)
    return d, [x["sql"] for x in q.captured_queries]


def test_kunjungan_berikut_tidak_menghitung_pegawai_lagi_sampai_ada_perubahan():
    kab = bangun_kabupaten(5, 20, seed=21)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)

    pertama, sql1 = _baca(admin)
    assert any(t in s for s in sql1 for t in TABEL_ORANG)
    kedua, sql2 = _baca(admin)
    assert not any(t in s for s in sql2 for t in TABEL_ORANG), sql2
    assert len(sql2) < len(sql1)
    assert kedua.total == pertama.total
    assert [(j.jendela.pk, j.wajib, j.selesai) for j in kedua.jendela] == [
        (j.jendela.pk, j.wajib, j.selesai) for j in pertama.jendela
    ]
    assert kedua.predikat == pertama.predikat

    # An SKP ditetapkan: counted again at once.
    draf = Skp.objects.filter(pegawai__instansi=kab.instansi, status=Skp.Status.DRAFT).exclude(
        pegawai__status=Pegawai.Status.PENSIUN
    )[0]
    draf.status = Skp.Status.DITETAPKAN
    draf.save(update_fields=["status"])
    ketiga, sql3 = _baca(admin)
    assert any('"skp_skp"' in s for s in sql3)
    assert ketiga.total.skp_ditetapkan == pertama.total.skp_ditetapkan + 1

    # A pegawai retired (the organisation's version): no longer monitored.
    p = draf.pegawai
    p.status = Pegawai.Status.PENSIUN
    p.save(update_fields=["status"])
    keempat, _sql = _baca(admin)
    assert keempat.total.pegawai == pertama.total.pegawai - 1
    assert keempat.total.skp_ditetapkan == pertama.total.skp_ditetapkan
