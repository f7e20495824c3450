from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkpConfig(AppConfig):
    name = "skp"
    verbose_name = _("Perencanaan kinerja (SKP)")

    def ready(self) -> None:
        from . import beranda, navigasi, riwayat, sinyal  # noqa: F401 - cards, counts, labels, cache
