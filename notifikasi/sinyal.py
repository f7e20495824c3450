"""Bump the cached reminder limits when an instansi's settings row changes (see
``notifikasi.selectors.batas_tunda``)."""

from inti.cache_versi import ikuti

from .models import PengaturanPengingat
from .selectors import VERSI_PENGATURAN

ikuti(VERSI_PENGATURAN, PengaturanPengingat, uid="pengaturan-pengingat")
