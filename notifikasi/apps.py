from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = _("Notifikasi dan pengingat")

    def ready(self) -> None:
        from ekinerja.navigasi import (
            GRUP_ADMIN,
            Menu,
            admin_instansi_sendiri,
            daftarkan,
            daftarkan_hitungan_kepala,
        )

        from . import riwayat, sinyal, tasks  # noqa: F401  (history labels, cache, Celery tasks)
        from .selectors import belum_dibaca

        daftarkan_hitungan_kepala("NOTIFIKASI_BELUM_DIBACA", belum_dibaca)

        daftarkan(
            Menu(
                _("Pengaturan pengingat"),
                "notifikasi_pengaturan",
                admin_instansi_sendiri,
                GRUP_ADMIN,
            ),
            setelah="libur_daftar",
        )
