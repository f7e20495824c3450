"""The import of pegawai, units and jabatan, under ``kelola/impor/`` (admin instansi only)."""

from django.urls import path

from . import views_impor as v

urlpatterns = [
    path("", v.impor, name="kelola_impor"),
    path("terapkan/", v.impor_terapkan, name="kelola_impor_terapkan"),
    path("templat.<str:fmt>", v.impor_templat, name="kelola_impor_templat"),
]
