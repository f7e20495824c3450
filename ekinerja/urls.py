from django.contrib import admin
from django.urls import include, path

from skp.urls import verifikasi

from .health import healthz

admin.site.site_header = "e-Kinerja — superuser"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("skp/", include("skp.urls")),
    path("aktivitas/libur/", include("kalender.urls")),
    path("aktivitas/", include("aktivitas.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("pemantauan/", include("pemantauan.urls")),
    path("verifikasi/", include(verifikasi)),
    path("", include("pegawai.urls")),
]
