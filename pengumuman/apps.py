from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengumumanConfig(AppConfig):
    name = "pengumuman"
    verbose_name = _("Pengumuman dan pemeliharaan")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ekinerja.navigasi import GRUP_ADMIN, Menu, daftarkan

        from . import riwayat, sinyal  # noqa: F401 - action labels, cache version
        from .selectors import hangatkan_saat_masuk

        user_logged_in.connect(hangatkan_saat_masuk, dispatch_uid="pengumuman-hangatkan")

        daftarkan(
            Menu(_("Pengumuman"), "pengumuman_daftar", lambda p: p.is_admin, GRUP_ADMIN),
            setelah="libur_daftar",
        )
