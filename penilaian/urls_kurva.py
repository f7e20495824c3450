"""The distribution curve pages, under ``penilaian/kurva/``."""

from django.urls import path

from . import views_kurva as v

urlpatterns = [
    path("predikat/", v.predikat_organisasi, name="predikat_organisasi"),
    path(
        "predikat/<int:unit>/",
        v.predikat_organisasi_tetapkan,
        name="predikat_organisasi_tetapkan",
    ),
]
