"""The daily activity pages, under ``aktivitas/``."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.harian, name="aktivitas_harian"),
    path("minggu/", v.minggu, name="aktivitas_minggu"),
    path("bulan/", v.bulan, name="aktivitas_bulan"),
    path("salin-kemarin/", v.salin_kemarin, name="aktivitas_salin_kemarin"),
    path("<int:pk>/ubah/", v.ubah, name="aktivitas_ubah"),
    path("<int:pk>/hapus/", v.hapus, name="aktivitas_hapus"),
    path("rencana-aksi/", v.rencana_aksi, name="aktivitas_rencana_aksi"),
    path("rencana-aksi/tambah/", v.rencana_aksi_tambah, name="aktivitas_rencana_aksi_tambah"),
    path("rencana-aksi/<int:pk>/hapus/", v.rencana_aksi_hapus, name="aktivitas_rencana_aksi_hapus"),
]
