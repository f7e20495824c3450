"""The app's URLs plus two test pages (tests/skala/tampilan.py)."""

from django.urls import path

from ekinerja.urls import urlpatterns as url_aplikasi
from tests.skala import tampilan

urlpatterns = [
    path("uji-skala/tulis-lalu-dasbor/", tampilan.tulis_lalu_dasbor, name="uji_tulis_dasbor"),
    path("uji-skala/iterasi/", tampilan.iterasi, name="uji_iterasi"),
    *url_aplikasi,
]
