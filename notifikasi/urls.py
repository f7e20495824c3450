from django.urls import path

from . import views

urlpatterns = [
    path("", views.daftar, name="notifikasi_daftar"),
    path("<int:pk>/baca/", views.baca, name="notifikasi_baca"),
    path("baca-semua/", views.baca_semua, name="notifikasi_baca_semua"),
    path("preferensi/", views.preferensi, name="notifikasi_preferensi"),
    path("pengaturan/", views.pengaturan, name="notifikasi_pengaturan"),
]
