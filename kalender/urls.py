"""The workday calendar (under ``aktivitas/libur/``)."""

from django.urls import path

from kalender import views as v

urlpatterns = [
    path("", v.libur_daftar, name="libur_daftar"),
    path("<int:pk>/hapus/", v.libur_hapus, name="libur_hapus"),
    path("impor/", v.libur_impor, name="libur_impor"),
    path("impor/templat.csv", v.libur_templat, name="libur_templat"),
]
