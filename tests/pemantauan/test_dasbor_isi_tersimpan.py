"""The dashboard body of a unit scope is rendered once and kept (issue 12: the instansi
dashboard cost 25× the floor, rendering the same numbers for every refresh at month end); a
change of what it reads — the unit rollups, a predikat kinerja organisasi, the per-pegawai
counts — shows at the next visit, and scopes, filters and languages never share a body."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pemantauan.models import RingkasanUnit
from pemantauan.services import bangun_ringkasan, bangun_ringkasan_unit
from penilaian.models import PredikatKinerjaOrganisasi
from penilaian.rules import JenisPeriode
from tests.factories import OperatorUnitFactory, PegawaiFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN, bangun_kabupaten

pytestmark = pytest.mark.django_db
URL = reverse("pemantauan_dasbor")


@pytest.fixture
def kab(hari_ini):
    kab = bangun_kabupaten(6, 30, seed=31)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    return kab


def _admin(client, kab):
    admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)
    client.force_login(admin)
    return admin


def _isi(r) -> str:
    html = r.content.decode()
    return html[html.index('<form method="get" class="filter-bar"') : html.index("</main>")]


def _kueri(client, data):
    with CaptureQueriesContext(connection) as q:
        r = client.get(URL, data)
    assert r.status_code == 200
    return r, len(q.captured_queries)


def test_kunjungan_kedua_tanpa_membaca_ringkasan(client, kab):
    _admin(client, kab)
    pertama, n_pertama = _kueri(client, {"tahun": TAHUN})
    kedua, n_kedua = _kueri(client, {"tahun": TAHUN})
    assert _isi(kedua) == _isi(pertama)
    tabel = RingkasanUnit._meta.db_table
    assert n_kedua < n_pertama
    with CaptureQueriesContext(connection) as q:
        client.get(URL, {"tahun": TAHUN})
    assert not [x for x in q.captured_queries if tabel in x["sql"]]


def test_ringkasan_dibangun_ulang_tampil_di_kunjungan_berikutnya(client, kab):
    _admin(client, kab)
    sebelum = client.get(URL, {"tahun": TAHUN}).content.decode()
    total = RingkasanUnit.objects.filter(tahun=TAHUN, rentang=RingkasanUnit.TAHUN)
    menunggu = sum(total.values_list("menunggu", flat=True))
    assert f'<span class="kpi-angka">{menunggu}</span>' in sebelum
    # Rows written as the rollup task writes them: the version moves, the body is redrawn.
    from pemantauan.models import RingkasanPegawaiBulan

    RingkasanPegawaiBulan.objects.filter(tahun=TAHUN).update(menunggu=0)
    bangun_ringkasan_unit(TAHUN, instansi_id=kab.instansi.pk)
    sesudah = client.get(URL, {"tahun": TAHUN}).content.decode()
    assert menunggu != 0
    assert '<span class="kpi-angka">0</span>' in sesudah
    assert f'<span class="kpi-angka">{menunggu}</span>' not in sesudah


def test_predikat_organisasi_baru_tampil(client, kab):
    _admin(client, kab)
    data = {"tahun": TAHUN, "unit": kab.akar.pk}
    assert "Predikat kinerja organisasi" not in client.get(URL, data).content.decode()
    PredikatKinerjaOrganisasi.objects.create(
        instansi=kab.instansi,
        unit=kab.akar,
        tahun=TAHUN,
        jenis=JenisPeriode.TAHUNAN,
        urutan=0,
        predikat="baik",
    )
    assert "Predikat kinerja organisasi" in client.get(URL, data).content.decode()


def test_cakupan_saringan_halaman_dan_bahasa_tidak_berbagi(client, kab):
    admin = _admin(client, kab)
    seluruh = client.get(URL, {"tahun": TAHUN}).content.decode()
    unit = kab.unit[1]
    operator = PegawaiFactory(instansi=kab.instansi, unit_kerja=unit)
    OperatorUnitFactory(pegawai=operator, unit=unit)
    client.force_login(operator)
    milik_operator = client.get(URL, {"tahun": TAHUN}).content.decode()
    assert "Seluruh instansi" in seluruh
    assert "Seluruh instansi" not in milik_operator
    # the help-question box is the admin's only
    assert reverse("bantuan_kotak_dasbor") in seluruh
    assert reverse("bantuan_kotak_dasbor") not in milik_operator
    client.force_login(admin)
    triwulan = client.get(URL, {"tahun": TAHUN, "triwulan": 1}).content.decode()
    assert 'value="1" selected' in triwulan
    assert 'value="1" selected' not in client.get(URL, {"tahun": TAHUN}).content.decode()
    client.cookies["django_language"] = "en"
    inggris = client.get(URL, {"tahun": TAHUN}).content.decode()
    assert "Whole agency" in inggris
    assert "Seluruh instansi" not in inggris


def test_parameter_lain_tidak_disimpan(client, kab):
    _admin(client, kab)
    _kueri(client, {"tahun": TAHUN})
    # An unknown parameter is repeated by the pagination links: drawn afresh, not kept.
    r1, n1 = _kueri(client, {"tahun": TAHUN, "lain": "x"})
    r2, n2 = _kueri(client, {"tahun": TAHUN, "lain": "x"})
    assert n2 == n1
    assert r2.context["d"].total.pegawai == r1.context["d"].total.pegawai


def test_atasan_dihitung_setiap_kunjungan(client, org):
    """An atasan's few subordinates are read from their rows on each visit (nothing kept)."""
    from pemantauan.models import RingkasanPegawaiBulan

    bangun_ringkasan(HARI_INI.year)
    client.force_login(org.kasi)
    r = client.get(URL)
    assert r.context["d"].total.menunggu == 0
    RingkasanPegawaiBulan.objects.filter(pegawai=org.staf).update(menunggu=3)
    r = client.get(URL)
    assert (
        r.context["d"].total.menunggu
        == 3 * RingkasanPegawaiBulan.objects.filter(pegawai=org.staf, tahun=HARI_INI.year).count()
    )
