"""Bump the cached reads of the ratings (``inti.cache_versi``).

``VERSI_FINAL``: a pegawai's newest final rating, which his home page shows for 30 days
(``penilaian.beranda``): bumped by any rating saved or deleted — a draft may be reopened, an
objection may change a predikat — and by the curve's finalisation, which writes its ratings in
one UPDATE without signals (``penilaian.services.kurva``)."""

from inti.cache_versi import ikuti

from .models import Penilaian

VERSI_FINAL = "penilaian-final"

ikuti(VERSI_FINAL, Penilaian, uid="penilaian-final")
