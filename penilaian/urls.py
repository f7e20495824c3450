"""URLs of the penilaian app, under ``penilaian/``.

One list per feature; the views of a feature live in ``penilaian/views/<feature>.py``.
"""

from django.urls import include, path

from penilaian.views import impor_organisasi as v_impor_organisasi
from penilaian.views import kalibrasi as v_kalibrasi
from penilaian.views import keberatan as v_keberatan
from penilaian.views import kurva as v_kurva
from penilaian.views import nilai as v_nilai
from penilaian.views import pengembangan as v_pengembangan
from penilaian.views import penilaian_diri as v_diri
from penilaian.views import tpp as v_tpp
from penilaian.views import umpan_balik_rekan as v_umpan_balik

# The rating pages, under ``penilaian/``.
nilai = [
    path("", v_nilai.nilai_daftar, name="nilai_daftar"),
    path("nilai/<int:jendela>/<int:skp>/", v_nilai.nilai_isi, name="nilai_isi"),
    path("nilai/<int:jendela>/<int:skp>/bahan/", v_nilai.nilai_bahan, name="nilai_bahan"),
    path("nilai/<int:jendela>/<int:skp>/kurva/", v_nilai.nilai_kurva, name="nilai_kurva"),
    path(
        "nilai/<int:jendela>/<int:skp>/pratinjau/", v_nilai.nilai_pratinjau, name="nilai_pratinjau"
    ),
    path("saya/", v_nilai.penilaian_saya, name="penilaian_saya"),
    path("<int:pk>/", v_nilai.penilaian_detail, name="penilaian_detail"),
    path("pengaturan/", v_nilai.pengaturan_penilaian, name="pengaturan_penilaian"),
    path("jendela/", v_nilai.jendela_daftar, name="jendela_daftar"),
    path("jendela/periode/<int:pk>/", v_nilai.jendela_periode, name="jendela_periode"),
    path("jendela/periode/<int:pk>/buat/", v_nilai.jendela_buat, name="jendela_buat"),
    path("jendela/<int:pk>/ubah/", v_nilai.jendela_ubah, name="jendela_ubah"),
]


# Objection pages, under ``penilaian/keberatan/``.
keberatan = [
    path("", v_keberatan.keberatan_daftar, name="keberatan_daftar"),
    path("ajukan/<int:pk>/", v_keberatan.keberatan_ajukan, name="keberatan_ajukan"),
    path("<int:pk>/", v_keberatan.keberatan_detail, name="keberatan_detail"),
    path("<int:pk>/putuskan/", v_keberatan.keberatan_putuskan, name="keberatan_putuskan"),
    path("dokumen/<int:pk>/", v_keberatan.penilaian_dokumen, name="penilaian_dokumen"),
]


# The distribution curve pages, under ``penilaian/kurva/``.
kurva = [
    path("", v_kurva.kurva_daftar, name="kurva_daftar"),
    path("unit/<int:unit>/", v_kurva.kurva_unit, name="kurva_unit"),
    path("unit/<int:unit>/finalkan/", v_kurva.kurva_finalkan, name="kurva_finalkan"),
    path("predikat/", v_kurva.predikat_organisasi, name="predikat_organisasi"),
    path(
        "predikat/<int:unit>/",
        v_kurva.predikat_organisasi_tetapkan,
        name="predikat_organisasi_tetapkan",
    ),
    path(
        "predikat/impor/",
        v_impor_organisasi.impor_predikat_organisasi,
        name="predikat_organisasi_impor",
    ),
    path(
        "predikat/impor/templat.csv",
        v_impor_organisasi.impor_predikat_organisasi_templat,
        name="predikat_organisasi_impor_templat",
    ),
]


# Follow-up pages (TPP, attendance, angka kredit, SIASN), under ``penilaian/tpp/``.
tpp = [
    path("", v_tpp.rekap_tpp, name="tpp_rekap"),
    path("rekap/<int:pegawai>/", v_tpp.rekap_tpp_rincian, name="tpp_rekap_rincian"),
    path("rekap.<str:fmt>", v_tpp.rekap_tpp_ekspor, name="tpp_rekap_ekspor"),
    path("pengaturan/", v_tpp.pengaturan, name="tpp_pengaturan"),
    path("besaran/baru/", v_tpp.besaran, name="tpp_besaran_baru"),
    path("besaran/<int:pk>/", v_tpp.besaran, name="tpp_besaran_ubah"),
    path("besaran/<int:pk>/hapus/", v_tpp.besaran_hapus, name="tpp_besaran_hapus"),
    path("kehadiran/", v_tpp.impor, name="tpp_kehadiran_impor"),
    path("kehadiran/terapkan/", v_tpp.impor_terapkan, name="tpp_kehadiran_terapkan"),
    path("kehadiran/templat.<str:fmt>", v_tpp.impor_templat, name="tpp_kehadiran_templat"),
    path("angka-kredit/", v_tpp.angka_kredit, name="angka_kredit_rekap"),
    path("angka-kredit/rekap.<str:fmt>", v_tpp.angka_kredit_ekspor, name="angka_kredit_ekspor"),
    path("angka-kredit/koefisien/", v_tpp.koefisien, name="angka_kredit_koefisien"),
    path("siasn/", v_tpp.siasn, name="siasn_ekspor"),
    path("siasn/predikat.<str:fmt>", v_tpp.siasn_ekspor, name="siasn_ekspor_berkas"),
    path("pengembangan/", v_pengembangan.pengembangan_rekap, name="pengembangan_rekap"),
    path(
        "pengembangan/rekap.<str:fmt>",
        v_pengembangan.pengembangan_ekspor,
        name="pengembangan_ekspor",
    ),
]


# The pegawai's self-assessment (issue 17), under ``penilaian/diri/``.
diri = [
    path("", v_diri.penilaian_diri_daftar, name="penilaian_diri_daftar"),
    path("<int:jendela>/<int:skp>/", v_diri.penilaian_diri_isi, name="penilaian_diri_isi"),
]


# Colleagues' feedback on behaviour (issue 17), under ``penilaian/umpan-balik-rekan/``.
umpan_balik_rekan = [
    path("", v_umpan_balik.umpan_balik_rekan_masuk, name="umpan_balik_rekan_masuk"),
    path("<int:pk>/jawab/", v_umpan_balik.umpan_balik_rekan_jawab, name="umpan_balik_rekan_jawab"),
    path(
        "minta/<int:jendela>/<int:skp>/",
        v_umpan_balik.umpan_balik_rekan_minta,
        name="umpan_balik_rekan_minta",
    ),
]


# The calibration view (issue 17 §4), under ``penilaian/kalibrasi/``: read-only.
kalibrasi = [
    path("", v_kalibrasi.kalibrasi, name="kalibrasi"),
]


urlpatterns = [
    path("", include(nilai)),
    path("diri/", include(diri)),
    path("umpan-balik-rekan/", include(umpan_balik_rekan)),
    path("kurva/", include(kurva)),
    path("kalibrasi/", include(kalibrasi)),
    path("keberatan/", include(keberatan)),
    path("tpp/", include(tpp)),
]
