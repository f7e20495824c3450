from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SinkronConfig(AppConfig):
    name = "sinkron"
    verbose_name = _("Sinkronisasi SIASN")

    def ready(self) -> None:
        from ekinerja.navigasi import GRUP_ADMIN, Menu, admin_instansi_sendiri, daftarkan

        from . import riwayat  # noqa: F401 - history labels

        daftarkan(
            Menu(_("Sinkron SIASN"), "sinkron_daftar", admin_instansi_sendiri, GRUP_ADMIN),
            setelah="kelola_impor",
        )
