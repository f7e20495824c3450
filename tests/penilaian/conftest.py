"""Shared data of the appraisal tests: the 2026 period, its evaluation windows and an SKP
ditetapkan for everybody in the ``org`` tree (kadis by the admin for the PPK)."""

import datetime as dt
from dataclasses import dataclass

import pytest

from penilaian.models import PeriodePenilaian
from penilaian.rules import JenisPeriode
from skp.models import Periode, Skp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp

TAHUN = 2026


@pytest.fixture
def periode(org) -> Periode:
    return services.buka_periode(org.admin, org.instansi, TAHUN)


@dataclass
class Jendela:
    tw: list[PeriodePenilaian]  # tw[0] is triwulan I
    tahunan: PeriodePenilaian


@pytest.fixture
def jendela(periode) -> Jendela:
    """Quarterly windows and the annual one, written directly (the service that makes them is
    tested on its own): each quarter may be rated from its last month until 10 days after."""
    tw = []
    for i in range(4):
        mulai = dt.date(TAHUN, 3 * i + 1, 1)
        selesai = (
            dt.date(TAHUN, 3 * i + 4, 1) - dt.timedelta(days=1) if i < 3 else dt.date(TAHUN, 12, 31)
        )
        tw.append(
            PeriodePenilaian.objects.create(
                periode=periode,
                jenis=JenisPeriode.TRIWULAN,
                urutan=i + 1,
                mulai=mulai,
                selesai=selesai,
                dibuka=selesai.replace(day=1),
                batas=selesai + dt.timedelta(days=10),
            )
        )
    tahunan = PeriodePenilaian.objects.create(
        periode=periode,
        jenis=JenisPeriode.TAHUNAN,
        urutan=1,
        mulai=periode.mulai,
        selesai=periode.selesai,
        dibuka=dt.date(TAHUN, 12, 1),
        batas=dt.date(TAHUN + 1, 1, 31),
    )
    return Jendela(tw, tahunan)


def tetapkan(org, skp: Skp, penilai) -> Skp:
    services.ajukan_skp(skp.pegawai, skp)
    services.setujui_skp(penilai, skp)
    services.tetapkan_skp(penilai, skp)
    skp.refresh_from_db()
    return skp


@pytest.fixture
def skp_semua(org, periode) -> dict[str, Skp]:
    """SKP ditetapkan for kadis, kabid, kasi, staf and jf, each with one RHK cascading from
    the atasan's."""

    def buat(p):
        return services.buat_skp(p, p, periode, tanggal=periode.mulai)

    kadis = buat(org.kadis)
    rhk_kadis = isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    tetapkan(org, kadis, org.admin)
    kabid = buat(org.kabid)
    rhk_kabid = isi_skp(org.kabid, kabid, rhk_atasan=rhk_kadis[0])
    tetapkan(org, kabid, org.kadis)
    kasi = buat(org.kasi)
    rhk_kasi = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid[0])
    tetapkan(org, kasi, org.kabid)
    staf = buat(org.staf)
    isi_skp(org.staf, staf, rhk_atasan=rhk_kasi[0])
    tetapkan(org, staf, org.kasi)
    jf = buat(org.jf)
    isi_skp(org.jf, jf, rhk_atasan=rhk_kabid[0])
    tetapkan(org, jf, org.kabid)
    return {"kadis": kadis, "kabid": kabid, "kasi": kasi, "staf": staf, "jf": jf}
