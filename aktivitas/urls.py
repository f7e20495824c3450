from django.urls import include, path

urlpatterns = [
    path("", include("aktivitas.urls_harian")),
    path("bukti/", include("aktivitas.urls_bukti")),
    path("tinjau/", include("aktivitas.urls_tinjau")),
    path("realisasi/", include("aktivitas.urls_realisasi")),
    path("impor/", include("aktivitas.urls_impor")),
    path("libur/", include("aktivitas.urls_libur")),
]
