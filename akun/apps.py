from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkunConfig(AppConfig):
    name = "akun"
    verbose_name = _("Keamanan akun")

    def ready(self) -> None:
        # Login signals and history labels.
        from . import riwayat, sinyal  # noqa: F401
