"""URLs of the API: the token pages (``akun/token/``) and the REST API v1 (``api/v1/``)."""

from django.urls import path

from api.views import token as v_token

token = [
    path("", v_token.daftar, name="api_token"),
    path("layanan/", v_token.layanan, name="api_token_layanan"),
    path("<int:pk>/cabut/", v_token.cabut, name="api_token_cabut"),
]

urlpatterns = token
