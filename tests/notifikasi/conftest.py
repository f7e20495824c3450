import datetime as dt

import pytest

from skp.services import penyusunan as services

# A fixed Wednesday, so workday rules do not depend on the day tests run.
RABU = dt.date(2026, 3, 11)


@pytest.fixture
def skp_2026(org):
    """Draft SKPs 2026 for the kasi and the staf (a draft counts as the SKP in force)."""
    periode = services.buka_periode(org.admin, org.instansi, 2026)
    for p in (org.kasi, org.staf):
        services.buat_skp(p, p, periode, tanggal=periode.mulai)
    return periode
