"""Bulk entry of activities from a spreadsheet, under ``aktivitas/impor/``."""

from django.urls import path

from . import views_impor as v

urlpatterns = [
    path("", v.impor, name="aktivitas_impor"),
    path("terapkan/", v.impor_terapkan, name="aktivitas_impor_terapkan"),
    path("templat.<str:fmt>", v.impor_templat, name="aktivitas_impor_templat"),
]
