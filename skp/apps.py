from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkpConfig(AppConfig):
    name = "skp"
    verbose_name = _("Perencanaan kinerja (SKP)")

    def ready(self) -> None:
        from . import beranda, riwayat  # noqa: F401 - register home cards and action labels
