"""URLs of the help, under ``bantuan/``."""

from django.urls import path

from . import views

panduan = [
    path("", views.indeks, name="bantuan_indeks"),
    path("panduan/<slug:nama>/", views.panduan, name="bantuan_panduan"),
    path("langkah-awal/", views.langkah_awal, name="bantuan_langkah_awal"),
    path("panel/", views.panel, name="bantuan_panel"),
]

tanya = [
    path("tanya/", views.tanya, name="bantuan_tanya"),
    path("pertanyaan/", views.pertanyaan_saya, name="bantuan_pertanyaan_saya"),
    path("pertanyaan/<int:pk>/", views.pertanyaan, name="bantuan_pertanyaan"),
    path("pertanyaan/<int:pk>/jawab/", views.jawab, name="bantuan_jawab"),
    path("pertanyaan/<int:pk>/selesai/", views.selesai, name="bantuan_selesai"),
    path("kotak/", views.kotak, name="bantuan_kotak"),
    path("kotak/dasbor/", views.kotak_dasbor, name="bantuan_kotak_dasbor"),
]

urlpatterns = panduan + tanya
