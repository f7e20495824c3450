"""Bump the cached holidays and outages when the calendar changes (see ``kalender.selectors``)."""

from inti.cache_versi import ikuti

from .models import GangguanLayanan, HariLibur
from .selectors import VERSI

ikuti(VERSI, HariLibur, GangguanLayanan, uid="kalender")
