"""Evidence (bukti dukung) of activities and realisation rows, under ``aktivitas/bukti/``."""

from django.urls import path

from . import views_bukti as v

urlpatterns = [
    path("<int:aktivitas_id>/unggah/", v.bukti_unggah, name="bukti_unggah"),
    path("<int:aktivitas_id>/tautan/", v.bukti_tautan, name="bukti_tautan"),
    path(
        "realisasi/<int:realisasi_id>/unggah/",
        v.bukti_realisasi_unggah,
        name="bukti_realisasi_unggah",
    ),
    path(
        "realisasi/<int:realisasi_id>/tautan/",
        v.bukti_realisasi_tautan,
        name="bukti_realisasi_tautan",
    ),
    path("<int:pk>/", v.bukti_unduh, name="bukti_unduh"),
    path("<int:pk>/pratinjau/", v.bukti_pratinjau, name="bukti_pratinjau"),
    path("<int:pk>/hapus/", v.bukti_hapus, name="bukti_hapus"),
]
