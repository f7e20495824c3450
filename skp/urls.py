from django.urls import include, path

urlpatterns = [
    path("", include("skp.urls_skp")),
    path("persetujuan/", include("skp.urls_atasan")),
    path("periode/", include("skp.urls_periode")),
    path("pustaka/", include("skp.urls_pustaka")),
    path("dokumen/", include("skp.urls_dokumen")),
]
