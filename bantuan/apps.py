from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BantuanConfig(AppConfig):
    name = "bantuan"
    verbose_name = _("Bantuan dan pertanyaan")

    def ready(self) -> None:
        from . import beranda, navigasi, riwayat, sinyal  # noqa: F401 - cards, menu, labels, cache
