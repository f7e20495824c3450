from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KalenderConfig(AppConfig):
    name = "kalender"
    verbose_name = _("Kalender hari kerja")

    def ready(self) -> None:
        from . import riwayat, sinyal  # noqa: F401 - action labels, cache versions
