from django.urls import include, path

urlpatterns = [
    path("", include("pegawai.urls_akun")),
    path("kelola/", include("pegawai.urls_kelola")),
]
