"""Labels of the account actions recorded in Riwayat."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "akun.dua_langkah_diaktifkan": _("Verifikasi dua langkah diaktifkan"),
        "akun.dua_langkah_dimatikan": _("Verifikasi dua langkah dimatikan"),
        "akun.dua_langkah_direset": _("Verifikasi dua langkah direset oleh admin"),
        "akun.kode_pemulihan_dibuat": _("Kode pemulihan baru dibuat"),
        "akun.kode_pemulihan_dipakai": _("Masuk dengan kode pemulihan"),
        "akun.sesi_diakhiri": _("Sesi di perangkat lain diakhiri"),
        "akun.pengaturan_diubah": _("Pengaturan akun instansi diubah"),
    }
)
