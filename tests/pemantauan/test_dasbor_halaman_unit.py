"""The unit table of the dashboard pages at 25 rows (issue 12: a kabupaten has some forty OPD;
forty rows of eight drill-down links were 60 KB); the totals stay those of the whole scope and
the download keeps every row."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from pemantauan.services import bangun_ringkasan
from tests.factories import PegawaiFactory, UnitKerjaFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


def test_tabel_unit_25_baris_per_halaman(client, hari_ini, org):
    for i in range(30):
        unit = UnitKerjaFactory(instansi=org.instansi, nama=f"OPD {i:02d}")
        PegawaiFactory(instansi=org.instansi, unit_kerja=unit)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    admin = PegawaiFactory(instansi=org.instansi, is_admin_instansi=True)
    client.force_login(admin)
    url = reverse("pemantauan_dasbor")
    pertama = client.get(url, {"tahun": TAHUN})
    semua = pertama.context["d"].baris
    assert len(semua) > 25
    assert len(pertama.context["baris_halaman"]) == 25
    kedua = client.get(url, {"tahun": TAHUN, "page": 2})
    assert len(kedua.context["baris_halaman"]) == len(semua) - 25
    assert kedua.context["d"].total.pegawai == pertama.context["d"].total.pegawai
    assert 'rel="next"' in pertama.content.decode()
    unduh = client.get(url, {"tahun": TAHUN, "format": "csv"})
    baris = list(csv.reader(io.StringIO(unduh.content.decode("utf-8-sig")), delimiter=";"))
    assert len(baris) - 1 == len(semua)


def test_dasbor_instansi_kabupaten_paling_berat_di_bawah_30_kb(client, monkeypatch):
    """The heaviest dashboard a kabupaten's admin opens: forty OPD with names as long as the
    real ones, every figure five or six digits, a year of trend, the appraisal windows all
    open and every unit still without its predikat organisasi (the list of 25), and an admin
    who is an operator too (the fullest menu).  Within the 30 KB budget (gzip off)."""
    from datetime import date

    from pegawai.models import UnitKerja
    from pemantauan.models import RingkasanUnit
    from skp.services import penyusunan as skp_services
    from tests.factories import OperatorUnitFactory
    from tests.pemantauan.conftest import bangun_kabupaten

    monkeypatch.setattr(skp_services, "hari_ini", lambda: date(TAHUN, 12, 10))
    kab = bangun_kabupaten(1, 2, seed=43, aktivitas=False)
    nama = "Dinas Pemberdayaan Masyarakat dan Desa, Perempuan dan Anak"
    opd = [
        UnitKerjaFactory(instansi=kab.instansi, kode=f"OPD.{i:02d}", nama=f"{nama} {i:02d}")
        for i in range(40)
    ]
    rentang = [*range(1, 13), *(RingkasanUnit.rentang_triwulan(t) for t in (1, 2, 3, 4))]
    RingkasanUnit.objects.bulk_create(
        RingkasanUnit(
            instansi=kab.instansi,
            unit_path=u.path,
            tahun=TAHUN,
            rentang=r,
            pegawai=123456,
            pegawai_hari_kosong=12345,
            hari_kerja=1234567,
            hari_berisi=1234566,
            jumlah_aktivitas=12345678,
            menunggu=123456,
            terlambat=12345,
            di_luar_skp=2345678,
            realisasi_tepat=123456,
            realisasi_terlambat=12345,
            realisasi_belum=12345,
        )
        for u in UnitKerja.objects.filter(instansi=kab.instansi)
        for r in [*rentang, RingkasanUnit.TAHUN]
    )
    admin = PegawaiFactory(instansi=kab.instansi, unit_kerja=opd[0], is_admin_instansi=True)
    OperatorUnitFactory(pegawai=admin, unit=opd[0])
    client.force_login(admin)
    r = client.get(reverse("pemantauan_dasbor"))
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count(nama) == 25 + 10  # the unit table's page, the first without predikat
    assert "41 unit belum mempunyai predikat kinerja organisasi" in html
    # the rest are one click away, on the page where the admin sets them
    assert f"{reverse('predikat_organisasi')}?tahun={TAHUN}&amp;jendela=triwulan-4" in html
    assert (
        client.get(f"{reverse('predikat_organisasi')}?tahun={TAHUN}&jendela=triwulan-4").status_code
        == 200
    )
    assert html.count("<circle") == 24  # twelve months, two lines
    assert len(r.content) <= 30 * 1024, f"{len(r.content):,} B"
