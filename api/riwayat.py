"""Labels of the API token actions recorded in Riwayat."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "api.token_dibuat": _("Token API dibuat"),
        "api.token_dicabut": _("Token API dicabut"),
        "api.kehadiran_diimpor": _("Kehadiran diimpor lewat API"),
    }
)
