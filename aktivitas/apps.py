from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AktivitasConfig(AppConfig):
    name = "aktivitas"
    verbose_name = _("Pelaksanaan kinerja (aktivitas dan realisasi)")

    def ready(self) -> None:
        from . import riwayat  # noqa: F401 - registers the action labels
