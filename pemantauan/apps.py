from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PemantauanConfig(AppConfig):
    name = "pemantauan"
    verbose_name = _("Pemantauan kinerja")
