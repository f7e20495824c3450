from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self) -> None:
        from . import riwayat, sinyal  # noqa: F401 - action labels, cache versions
