"""Bump the dashboards' cached reads: the period and windows when a period or an appraisal
window changes (``pemantauan.selectors.dasbor.periode_dan_jendela``), the per-pegawai counts
when an SKP, a penilaian or a keberatan is saved (``dasbor.angka_orang``; the organisation's
own version covers pegawai and units), the rendered dashboard body when a predikat kinerja
organisasi is saved (``views._isi_dasbor``; the rollup task bumps it too)."""

from inti.cache_versi import ikuti
from penilaian.models import Keberatan, Penilaian, PeriodePenilaian, PredikatKinerjaOrganisasi
from skp.models import Skp

from .selectors.dasbor import VERSI_ORANG, VERSI_PERIODE, VERSI_RINGKASAN

ikuti(VERSI_PERIODE, PeriodePenilaian, uid="periode-jendela")  # Periode: skp.sinyal
ikuti(VERSI_ORANG, Skp, Penilaian, Keberatan, uid="dasbor-orang")
ikuti(VERSI_RINGKASAN, PredikatKinerjaOrganisasi, uid="dasbor-ringkasan")
