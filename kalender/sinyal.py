"""Bump the cached holidays when the calendar changes (see ``kalender.selectors``)."""

from inti.cache_versi import ikuti

from .models import HariLibur
from .selectors import VERSI

ikuti(VERSI, HariLibur, uid="kalender")
