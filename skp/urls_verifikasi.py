"""The public verification page of issued documents (``verifikasi/`` at the site root)."""

from django.urls import path

from . import views_dokumen as v

urlpatterns = [
    path("<str:kode>/", v.verifikasi_dokumen, name="verifikasi_dokumen"),
]
