"""Objection pages, under ``penilaian/keberatan/``."""

from django.urls import path

from . import views_keberatan as v

urlpatterns = [
    path("", v.keberatan_daftar, name="keberatan_daftar"),
    path("ajukan/<int:pk>/", v.keberatan_ajukan, name="keberatan_ajukan"),
    path("<int:pk>/", v.keberatan_detail, name="keberatan_detail"),
    path("<int:pk>/putuskan/", v.keberatan_putuskan, name="keberatan_putuskan"),
    path("dokumen/<int:pk>/", v.penilaian_dokumen, name="penilaian_dokumen"),
]
