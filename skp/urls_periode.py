"""The admin instansi's period pages, under ``skp/periode/``."""

from django.urls import path

from . import views_periode as v

urlpatterns = [
    path("", v.periode_daftar, name="periode_daftar"),
    path("buka/", v.periode_buka, name="periode_buka"),
    path("<int:pk>/status/", v.periode_status, name="periode_status"),
]
