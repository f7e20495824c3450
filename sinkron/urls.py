from django.urls import path

from . import views

sinkron = [
    path("", views.daftar, name="sinkron_daftar"),
    path("sumber/", views.sumber, name="sinkron_sumber"),
    path("sumber/ambil/", views.sumber_ambil, name="sinkron_sumber_ambil"),
    path("<int:pk>/", views.detail, name="sinkron_detail"),
    path("<int:pk>/setujui/", views.setujui, name="sinkron_setujui"),
    path("<int:pk>/tolak/", views.tolak, name="sinkron_tolak"),
    path("<int:pk>/hitung-ulang/", views.hitung_ulang, name="sinkron_hitung_ulang"),
]

urlpatterns = [*sinkron]
