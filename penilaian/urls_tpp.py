"""Follow-up pages (TPP, attendance, angka kredit, SIASN), under ``penilaian/tpp/``."""

from django.urls import path

from . import views_tpp as v

urlpatterns = [
    path("", v.rekap_tpp, name="tpp_rekap"),
    path("rekap.<str:fmt>", v.rekap_tpp_ekspor, name="tpp_rekap_ekspor"),
    path("pengaturan/", v.pengaturan, name="tpp_pengaturan"),
    path("besaran/baru/", v.besaran, name="tpp_besaran_baru"),
    path("besaran/<int:pk>/", v.besaran, name="tpp_besaran_ubah"),
    path("besaran/<int:pk>/hapus/", v.besaran_hapus, name="tpp_besaran_hapus"),
    path("kehadiran/", v.impor, name="tpp_kehadiran_impor"),
    path("kehadiran/terapkan/", v.impor_terapkan, name="tpp_kehadiran_terapkan"),
    path("kehadiran/templat.<str:fmt>", v.impor_templat, name="tpp_kehadiran_templat"),
    path("angka-kredit/", v.angka_kredit, name="angka_kredit_rekap"),
    path("angka-kredit/rekap.<str:fmt>", v.angka_kredit_ekspor, name="angka_kredit_ekspor"),
    path("angka-kredit/koefisien/", v.koefisien, name="angka_kredit_koefisien"),
    path("siasn/", v.siasn, name="siasn_ekspor"),
    path("siasn/predikat.<str:fmt>", v.siasn_ekspor, name="siasn_ekspor_berkas"),
]
