"""The distribution curve pages, under ``penilaian/kurva/``."""

from django.urls import path

from . import views_kurva as v

urlpatterns = [
    path("", v.kurva_daftar, name="kurva_daftar"),
    path("unit/<int:unit>/", v.kurva_unit, name="kurva_unit"),
    path("unit/<int:unit>/finalkan/", v.kurva_finalkan, name="kurva_finalkan"),
    path("predikat/", v.predikat_organisasi, name="predikat_organisasi"),
    path(
        "predikat/<int:unit>/",
        v.predikat_organisasi_tetapkan,
        name="predikat_organisasi_tetapkan",
    ),
]
