"""Monthly realisation, under ``aktivitas/realisasi/``."""

from django.urls import path

from . import views_realisasi as v

urlpatterns = [
    path("", v.bulanan, name="realisasi_bulanan"),
    path("ajukan/", v.ajukan, name="realisasi_ajukan"),
    path("<int:pk>/setujui/", v.setujui, name="realisasi_setujui"),
    path("<int:pk>/kembalikan/", v.kembalikan, name="realisasi_kembalikan"),
]
