"""The product's URLs plus the floor view (``bench/lantai/``)."""

from django.urls import include, path

from .lantai import lantai

urlpatterns = [
    path("bench/lantai/", lantai, name="bench_lantai"),
    path("", include("ekinerja.urls")),
]
