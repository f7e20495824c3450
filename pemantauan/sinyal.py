"""Bump the dashboards' cached period and windows when a period or an appraisal window
changes (``pemantauan.selectors.dasbor.periode_dan_jendela``): at once and again on commit,
as ``pegawai.sinyal``."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from inti.cache_versi import naikkan_versi
from penilaian.models import PeriodePenilaian
from skp.models import Periode

from .selectors.dasbor import VERSI_PERIODE


def _berubah(sender, instance, **kwargs) -> None:
    naikkan_versi(VERSI_PERIODE)
    transaction.on_commit(lambda: naikkan_versi(VERSI_PERIODE))


for _model in (Periode, PeriodePenilaian):
    post_save.connect(_berubah, sender=_model, dispatch_uid=f"periode-{_model.__name__}")
    post_delete.connect(_berubah, sender=_model, dispatch_uid=f"periode-hapus-{_model.__name__}")
