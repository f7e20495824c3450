"""URLs of the account security pages, under ``akun/`` (the password pages of ``pegawai``
live beside them at ``akun/sandi/`` and ``akun/reset/``)."""

from django.urls import include, path

from akun.views import dua_langkah as v_dua_langkah
from akun.views import sesi as v_sesi

dua_langkah = [
    path("", v_dua_langkah.ringkasan, name="akun_dua_langkah"),
    path("setel/", v_dua_langkah.setel, name="akun_dua_langkah_setel"),
    path("verifikasi/", v_dua_langkah.verifikasi, name="akun_dua_langkah_verifikasi"),
    path("pemulihan/", v_dua_langkah.pemulihan, name="akun_dua_langkah_pemulihan"),
    path("kode-pemulihan/", v_dua_langkah.kode_baru, name="akun_dua_langkah_kode_baru"),
    path("matikan/", v_dua_langkah.matikan, name="akun_dua_langkah_matikan"),
]

sesi = [
    path("riwayat-masuk/", v_sesi.riwayat, name="akun_riwayat"),
    path("sesi/", v_sesi.daftar_sesi, name="akun_sesi"),
    path("sesi/<int:pk>/akhiri/", v_sesi.akhiri, name="akun_sesi_akhiri"),
]

# The admin instansi: his pegawai's logins, the reset, the instansi's settings.
kelola = [
    path("riwayat-masuk/", v_sesi.riwayat_instansi, name="akun_riwayat_instansi"),
    path("pegawai/<int:pk>/", v_sesi.riwayat_pegawai, name="akun_riwayat_pegawai"),
    path(
        "pegawai/<int:pk>/reset-dua-langkah/",
        v_dua_langkah.reset,
        name="akun_dua_langkah_reset",
    ),
    path("pengaturan/", v_sesi.pengaturan, name="akun_pengaturan"),
]

urlpatterns = [
    path("dua-langkah/", include(dua_langkah)),
    path("", include(sesi)),
    path("kelola/", include(kelola)),
]
