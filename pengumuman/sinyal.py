"""Bump the cached banners when an announcement or the unit tree changes
(``pengumuman.selectors``; the services bump it too after changing the audience units,
which sends no ``post_save``)."""

from inti.cache_versi import ikuti
from pegawai.models import UnitKerja

from .models import Pengumuman
from .selectors import VERSI

ikuti(VERSI, Pengumuman, UnitKerja, uid="pengumuman")
