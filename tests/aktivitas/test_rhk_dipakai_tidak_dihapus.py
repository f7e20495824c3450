"""An RHK that activities already point at cannot be deleted: a clear message, no 500."""

import pytest
from django.core.exceptions import ValidationError

from aktivitas.services import harian as akt
from skp.services import penyusunan as services
from tests.aktivitas.conftest import HARI, data, kunci


def test_rhk_dengan_aktivitas_tidak_dapat_dihapus(org, rhk_staf):
    akt.catat_aktivitas(org.staf, org.staf, data(rhk=rhk_staf, tanggal=HARI), kunci())
    with pytest.raises(ValidationError, match="sudah dipakai oleh aktivitas"):
        services.hapus_rhk(org.staf, rhk_staf)
    rhk_staf.refresh_from_db()
    assert rhk_staf.pk
