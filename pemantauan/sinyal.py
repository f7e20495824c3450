"""Bump the dashboards' cached period and windows when a period or an appraisal window
changes (``pemantauan.selectors.dasbor.periode_dan_jendela``)."""

from inti.cache_versi import ikuti
from penilaian.models import PeriodePenilaian
from skp.models import Periode

from .selectors.dasbor import VERSI_PERIODE

ikuti(VERSI_PERIODE, Periode, PeriodePenilaian, uid="periode")
