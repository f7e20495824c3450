"""The pejabat penilai's SKP pages, under ``skp/persetujuan/``."""

from django.urls import path

from . import views_atasan as v

urlpatterns = [
    path("", v.antrean, name="skp_antrean"),
    path("matriks/", v.matriks, name="skp_matriks"),
    path("<int:pk>/", v.tinjau, name="skp_tinjau"),
    path("<int:pk>/setujui/", v.setujui, name="skp_setujui"),
    path("<int:pk>/kembalikan/", v.kembalikan, name="skp_kembalikan"),
    path("<int:pk>/tetapkan/", v.tetapkan, name="skp_tetapkan"),
    path("<int:pk>/ekspektasi/", v.ekspektasi, name="skp_ekspektasi"),
]
