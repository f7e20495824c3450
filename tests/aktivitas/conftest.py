import datetime as dt
import uuid
from decimal import Decimal

import pytest

from aktivitas.services import harian as akt
from skp.models import IndikatorKinerja, RencanaHasilKerja
from skp.services import penyusunan as services

# A fixed Wednesday in the past, so dates and lateness do not depend on the day tests run.
HARI = dt.date(2026, 3, 11)


@pytest.fixture
def periode_2026(org):
    return services.buka_periode(org.admin, org.instansi, 2026)


@pytest.fixture
def skp_staf(org, periode_2026):
    """The staf's SKP 2026 with one RHK (and indicator) cascading from the kasi's."""
    kasi = services.buat_skp(org.kasi, org.kasi, periode_2026, tanggal=periode_2026.mulai)
    rhk_kasi = services.simpan_rhk(org.kasi, RencanaHasilKerja(skp=kasi, teks="Surveilans"))
    skp = services.buat_skp(org.staf, org.staf, periode_2026, tanggal=periode_2026.mulai)
    rhk = services.simpan_rhk(
        org.staf, RencanaHasilKerja(skp=skp, teks="Arsip surveilans tertata", rhk_atasan=rhk_kasi)
    )
    services.simpan_indikator(
        org.staf,
        IndikatorKinerja(rhk=rhk, teks="Laporan terarsip", aspek="kuantitas", target_teks="100%"),
    )
    return skp


@pytest.fixture
def rhk_staf(skp_staf):
    return skp_staf.rhk.get()


def data(rhk=None, tanggal=HARI, mulai=(8, 0), selesai=(9, 0), uraian="Mengarsip laporan"):
    return akt.DataAktivitas(
        tanggal=tanggal,
        jam_mulai=dt.time(*mulai),
        jam_selesai=dt.time(*selesai),
        uraian=uraian,
        jumlah_output=Decimal("2"),
        satuan_output="laporan",
        rhk=rhk,
    )


def kunci():
    return uuid.uuid4()
