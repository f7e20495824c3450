from django.urls import include, path

urlpatterns = [
    path("", include("penilaian.urls_nilai")),
    path("kurva/", include("penilaian.urls_kurva")),
    path("keberatan/", include("penilaian.urls_keberatan")),
    path("tpp/", include("penilaian.urls_tpp")),
]
