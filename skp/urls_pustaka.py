"""The RHK library pages, under ``skp/pustaka/``."""

from django.urls import path

from . import views_pustaka as v

urlpatterns = [
    path("", v.pustaka_daftar, name="pustaka_daftar"),
    path("tambah/", v.pustaka_tambah, name="pustaka_tambah"),
    path("<int:pk>/ubah/", v.pustaka_ubah, name="pustaka_ubah"),
    path("<int:pk>/hapus/", v.pustaka_hapus, name="pustaka_hapus"),
    path("<int:pk>/pakai/<int:skp_id>/", v.skp_pakai_pustaka, name="skp_pakai_pustaka"),
]
