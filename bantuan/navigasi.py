"""The help's menu entries and the operator inbox's badge (``ekinerja.navigasi``)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.navigasi import GRUP_UNIT, Menu, daftarkan, daftarkan_hitungan

from .selectors import menunggu_jawaban

daftarkan(
    Menu(
        _("Pertanyaan pegawai"), "bantuan_kotak", lambda p: p.is_operator or p.is_admin, GRUP_UNIT
    ),
    setelah="pustaka_daftar",
)
daftarkan(Menu(_("Panduan"), "bantuan_indeks", lambda p: True), setelah="skp_daftar")
daftarkan_hitungan("bantuan_kotak", menunggu_jawaban)
