from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = _("Penilaian kinerja")

    def ready(self) -> None:
        # Register action labels, menu entries and home cards with the lower apps; the cache
        # versions the ratings' saves bump.
        from . import beranda, navigasi, profil, riwayat, sinyal  # noqa: F401
