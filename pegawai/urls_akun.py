"""Accounts, home, profile, subordinates and the pages that read pegawai (site root)."""

from django.urls import path

from . import views_akun as v

urlpatterns = [
    path("", v.beranda, name="beranda"),
    path("masuk/", v.MasukView.as_view(), name="masuk"),
    path("keluar/", v.KeluarView.as_view(), name="keluar"),
    path("akun/sandi/", v.GantiSandiView.as_view(), name="ganti_sandi"),
    path("akun/sandi/selesai/", v.GantiSandiSelesaiView.as_view(), name="ganti_sandi_selesai"),
    path("akun/reset/", v.ResetSandiView.as_view(), name="reset_sandi"),
    path("akun/reset/terkirim/", v.ResetSandiTerkirimView.as_view(), name="reset_sandi_terkirim"),
    path("akun/reset/selesai/", v.ResetSandiSelesaiView.as_view(), name="reset_sandi_selesai"),
    path(
        "akun/reset/<uidb64>/<token>/",
        v.ResetSandiKonfirmasiView.as_view(),
        name="reset_sandi_konfirmasi",
    ),
    path("profil/", v.profil, name="profil"),
    path("bawahan/", v.bawahan, name="bawahan"),
    path("pegawai/", v.pegawai_daftar, name="pegawai_daftar"),
    path("pegawai/<int:pk>/", v.pegawai_detail, name="pegawai_detail"),
    path(
        "pegawai/<int:pk>/atur-ulang-sandi/",
        v.pegawai_atur_ulang_sandi,
        name="pegawai_atur_ulang_sandi",
    ),
]
