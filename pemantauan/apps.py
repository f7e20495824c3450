from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PemantauanConfig(AppConfig):
    name = "pemantauan"
    verbose_name = _("Pemantauan kinerja")

    def ready(self) -> None:
        from ekinerja.navigasi import GRUP_UNIT, Menu, daftarkan

        from . import sinyal  # noqa: F401 - cache versions

        daftarkan(
            Menu(
                _("Pemantauan"),
                "pemantauan_dasbor",
                lambda p: p.is_admin or p.is_operator or p.is_atasan,
                GRUP_UNIT,
            ),
            setelah="pegawai_daftar",
        )
        daftarkan(
            Menu(
                _("Beban kerja"),
                "pemantauan_beban",
                lambda p: p.is_admin or p.is_operator or p.is_atasan,
                GRUP_UNIT,
            ),
            setelah="pemantauan_dasbor",
        )
