from django.urls import include, path

urlpatterns = [
    path("", include("pegawai.urls_akun")),
    path("kelola/impor/", include("pegawai.urls_impor")),
    path("kelola/", include("pegawai.urls_kelola")),
]
