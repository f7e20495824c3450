"""The admin instansi's management pages, under ``kelola/`` (import lives in urls_impor)."""

from django.urls import path

from . import views_kelola as v

urlpatterns = [
    path("unit/", v.unit_daftar, name="kelola_unit"),
    path("unit/tambah/", v.unit_tambah, name="kelola_unit_tambah"),
    path("unit/<int:pk>/ubah/", v.unit_ubah, name="kelola_unit_ubah"),
    path("jabatan/", v.jabatan_daftar, name="kelola_jabatan"),
    path("jabatan/tambah/", v.jabatan_tambah, name="kelola_jabatan_tambah"),
    path("jabatan/<int:pk>/ubah/", v.jabatan_ubah, name="kelola_jabatan_ubah"),
    path("pegawai/", v.pegawai_daftar, name="kelola_pegawai"),
    path("pegawai/tambah/", v.pegawai_tambah, name="kelola_pegawai_tambah"),
    path("pegawai/cari/", v.pegawai_cari, name="kelola_pegawai_cari"),
    path("pegawai/<int:pk>/", v.pegawai_detail, name="kelola_pegawai_detail"),
    path("pegawai/<int:pk>/ubah/", v.pegawai_ubah, name="kelola_pegawai_ubah"),
    path("pegawai/<int:pk>/status/", v.pegawai_status, name="kelola_pegawai_status"),
    path("pegawai/<int:pk>/admin/", v.pegawai_admin, name="kelola_pegawai_admin"),
    path(
        "pegawai/<int:pk>/penugasan/tambah/",
        v.penugasan_tambah,
        name="kelola_penugasan_tambah",
    ),
    path("penugasan/<int:pk>/akhiri/", v.penugasan_akhiri, name="kelola_penugasan_akhiri"),
    path("operator/", v.operator_daftar, name="kelola_operator"),
    path("operator/tambah/", v.operator_tambah, name="kelola_operator_tambah"),
    path("operator/<int:pk>/cabut/", v.operator_cabut, name="kelola_operator_cabut"),
]
