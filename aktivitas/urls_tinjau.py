"""The pejabat penilai's review queue and the feedback threads, under ``aktivitas/tinjau/``."""

from django.urls import path

from . import views_tinjau as v

urlpatterns = [
    path("", v.antrean, name="aktivitas_tinjau"),
    path("<int:pk>/setujui/", v.setujui, name="aktivitas_setujui"),
    path("<int:pk>/kembalikan/", v.kembalikan, name="aktivitas_kembalikan"),
    path("setujui-massal/", v.setujui_massal, name="aktivitas_setujui_massal"),
    path("umpan-balik/<int:rhk_id>/", v.umpan_balik, name="umpan_balik"),
]
