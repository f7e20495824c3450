from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self) -> None:
        from . import riwayat  # noqa: F401 - registers the action labels
