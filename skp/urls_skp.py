"""The SKP drafting pages of the ASN and of the operator acting for him (under ``skp/``)."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.daftar, name="skp_daftar"),
    path("buat/", v.buat, name="skp_buat"),
    path("<int:pk>/", v.detail, name="skp_detail"),
    path("<int:pk>/salin/", v.salin, name="skp_salin"),
    path("<int:pk>/ajukan/", v.ajukan, name="skp_ajukan"),
    path("<int:pk>/revisi/", v.revisi, name="skp_revisi"),
    path("<int:pk>/versi/", v.versi, name="skp_versi"),
    path("<int:pk>/rhk/tambah/", v.rhk_tambah, name="skp_rhk_tambah"),
    path("rhk/<int:pk>/ubah/", v.rhk_ubah, name="skp_rhk_ubah"),
    path("rhk/<int:pk>/hapus/", v.rhk_hapus, name="skp_rhk_hapus"),
    path("rhk/<int:pk>/indikator/tambah/", v.indikator_tambah, name="skp_indikator_tambah"),
    path("indikator/<int:pk>/ubah/", v.indikator_ubah, name="skp_indikator_ubah"),
    path("indikator/<int:pk>/hapus/", v.indikator_hapus, name="skp_indikator_hapus"),
    path("<int:pk>/lampiran/tambah/", v.lampiran_tambah, name="skp_lampiran_tambah"),
    path("lampiran/<int:pk>/hapus/", v.lampiran_hapus, name="skp_lampiran_hapus"),
]
