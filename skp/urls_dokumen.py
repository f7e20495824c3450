"""The signed SKP document (under ``skp/dokumen/``)."""

from django.urls import path

from . import views_dokumen as v

urlpatterns = [
    path("<int:skp_id>/", v.skp_dokumen, name="skp_dokumen"),
]
