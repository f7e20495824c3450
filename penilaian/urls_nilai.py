"""The rating pages, under ``penilaian/``."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.nilai_daftar, name="nilai_daftar"),
    path("nilai/<int:jendela>/<int:skp>/", v.nilai_isi, name="nilai_isi"),
    path("nilai/<int:jendela>/<int:skp>/pratinjau/", v.nilai_pratinjau, name="nilai_pratinjau"),
    path("saya/", v.penilaian_saya, name="penilaian_saya"),
    path("<int:pk>/", v.penilaian_detail, name="penilaian_detail"),
    path("pengaturan/", v.pengaturan_penilaian, name="pengaturan_penilaian"),
    path("jendela/", v.jendela_daftar, name="jendela_daftar"),
    path("jendela/periode/<int:pk>/", v.jendela_periode, name="jendela_periode"),
    path("jendela/periode/<int:pk>/buat/", v.jendela_buat, name="jendela_buat"),
    path("jendela/<int:pk>/ubah/", v.jendela_ubah, name="jendela_ubah"),
]
