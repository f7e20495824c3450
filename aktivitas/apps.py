from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AktivitasConfig(AppConfig):
    name = "aktivitas"
    verbose_name = _("Pelaksanaan kinerja (aktivitas dan realisasi)")

    def ready(self) -> None:
        from pegawai.services.organisasi import PENDENGAR_PENUGASAN

        from . import beranda, navigasi, riwayat, sinyal  # noqa: F401 - hooks, cache
        from .tasks import saat_penugasan_berubah

        if saat_penugasan_berubah not in PENDENGAR_PENUGASAN:
            PENDENGAR_PENUGASAN.append(saat_penugasan_berubah)
