import datetime as dt

import pytest
from django.utils import timezone

from pengumuman.models import Pengumuman


@pytest.fixture
def buat(org):
    """``buat(isi, mulai=-1h, selesai=+1d, jenis=..., unit=[...], peran=[...], ...)``."""

    def _buat(
        isi="Apel pagi Senin dipindah ke aula",
        *,
        mulai=None,
        selesai=None,
        jenis=Pengumuman.Jenis.PENGUMUMAN,
        unit=(),
        peran=(),
        hari_sebelum=0,
        instansi="org",
    ):
        sekarang = timezone.now()
        p = Pengumuman.objects.create(
            instansi=org.instansi if instansi == "org" else instansi,
            jenis=jenis,
            isi=isi,
            mulai=mulai or sekarang - dt.timedelta(hours=1),
            selesai=selesai or sekarang + dt.timedelta(days=1),
            hari_sebelum=hari_sebelum,
            peran=list(peran),
            dibuat_oleh=org.admin,
        )
        p.unit.set(unit)
        return p

    return _buat
