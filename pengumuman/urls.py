"""Announcements and maintenance notices (under ``pengumuman/``)."""

from django.urls import path

from pengumuman import views

urlpatterns = [
    path("", views.daftar, name="pengumuman_daftar"),
    path("baru/", views.baru, name="pengumuman_baru"),
    path("<int:pk>/", views.ubah, name="pengumuman_ubah"),
    path("<int:pk>/akhiri/", views.akhiri, name="pengumuman_akhiri"),
    path("<int:pk>/tutup/", views.tutup, name="pengumuman_tutup"),
]
