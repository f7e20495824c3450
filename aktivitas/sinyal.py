"""Bump the cached performance settings when a settings row changes (see
``aktivitas.selectors.pengaturan``)."""

from inti.cache_versi import ikuti

from .models import PengaturanKinerja
from .selectors.pengaturan import VERSI

ikuti(VERSI, PengaturanKinerja, uid="pengaturan-kinerja")
