from django.contrib import admin
from django.urls import include, path

from api.views.v1 import urls as api_v1
from skp.urls import verifikasi

from .health import healthz, readyz
from .pwa import manifest, service_worker
from .status import status_layanan

admin.site.site_header = "e-Kinerja — superuser"
# The 500 page names the user's operator when it is in the cache (never the database).
handler500 = "bantuan.views.galat_server"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("status-layanan/", status_layanan, name="status_layanan"),
    path("sw.js", service_worker, name="sw"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("skp/", include("skp.urls")),
    path("aktivitas/libur/", include("kalender.urls")),
    path("aktivitas/", include("aktivitas.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("pemantauan/", include("pemantauan.urls")),
    path("verifikasi/", include(verifikasi)),
    path("akun/token/", include("api.urls")),
    path("akun/", include("akun.urls")),
    path("api/v1/", api_v1),
    path("bantuan/", include("bantuan.urls")),
    path("pengumuman/", include("pengumuman.urls")),
    path("sinkron/", include("sinkron.urls")),
    path("", include("pegawai.urls")),
]
