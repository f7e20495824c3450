from django.urls import path

from . import views

urlpatterns = [
    path("", views.dasbor, name="pemantauan_dasbor"),
    path("rincian/<slug:jenis>/", views.rincian_daftar, name="pemantauan_rincian"),
    path("rincian/<slug:jenis>/pengingat/", views.kirim_pengingat, name="pemantauan_pengingat"),
    path("beban/", views.beban, name="pemantauan_beban"),
    path("ketepatan/", views.ketepatan, name="pemantauan_ketepatan"),
    path("ketepatan/<int:pk>/", views.ketepatan_rincian, name="pemantauan_ketepatan_rincian"),
    path("bawahan-belum-meninjau/", views.eskalasi, name="pemantauan_eskalasi"),
]
