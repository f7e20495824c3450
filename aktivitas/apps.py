from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        post_migrate.connect(
            _siapkan_partisi, sender=self, dispatch_uid="aktivitas.siapkan_partisi"
        )


def _siapkan_partisi(sender, using: str = "default", **kwargs) -> None:
    """Every ``migrate`` makes the activity table's partitions ahead (issue 13), as the daily
    beat task does; a no-op on SQLite and before the table is partitioned."""
    from .services.partisi import siapkan_partisi

    siapkan_partisi(using=using)
