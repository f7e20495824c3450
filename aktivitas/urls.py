"""URLs of the aktivitas app, under ``aktivitas/`` (the workday calendar keeps its
``aktivitas/libur/`` address; its pages live in the ``kalender`` app).

One list per feature; the views of a feature live in ``aktivitas/views/<feature>.py``.
"""

from django.urls import include, path

from aktivitas.views import bukti as v_bukti
from aktivitas.views import gangguan as v_gangguan
from aktivitas.views import harian as v_harian
from aktivitas.views import impor as v_impor
from aktivitas.views import kuasa as v_kuasa
from aktivitas.views import realisasi as v_realisasi
from aktivitas.views import tinjau as v_tinjau
from aktivitas.views import usulan_rhk as v_usulan

# The daily activity pages, under ``aktivitas/``.
harian = [
    path("", v_harian.harian, name="aktivitas_harian"),
    path("minggu/", v_harian.minggu, name="aktivitas_minggu"),
    path("bulan/", v_harian.bulan, name="aktivitas_bulan"),
    path("salin-kemarin/", v_harian.salin_kemarin, name="aktivitas_salin_kemarin"),
    path("<int:pk>/ubah/", v_harian.ubah, name="aktivitas_ubah"),
    path("<int:pk>/hapus/", v_harian.hapus, name="aktivitas_hapus"),
    path("<int:pk>/usulkan-rhk/", v_usulan.usulkan_rhk, name="aktivitas_usulkan_rhk"),
    path("rencana-aksi/", v_harian.rencana_aksi, name="aktivitas_rencana_aksi"),
    path(
        "rencana-aksi/tambah/", v_harian.rencana_aksi_tambah, name="aktivitas_rencana_aksi_tambah"
    ),
    path(
        "rencana-aksi/<int:pk>/hapus/",
        v_harian.rencana_aksi_hapus,
        name="aktivitas_rencana_aksi_hapus",
    ),
]


# Evidence (bukti dukung) of activities and realisation rows, under ``aktivitas/bukti/``.
bukti = [
    path("<int:aktivitas_id>/unggah/", v_bukti.bukti_unggah, name="bukti_unggah"),
    path("<int:aktivitas_id>/formulir/", v_bukti.bukti_formulir, name="bukti_formulir"),
    path("<int:aktivitas_id>/tautan/", v_bukti.bukti_tautan, name="bukti_tautan"),
    path(
        "realisasi/<int:realisasi_id>/unggah/",
        v_bukti.bukti_realisasi_unggah,
        name="bukti_realisasi_unggah",
    ),
    path(
        "realisasi/<int:realisasi_id>/tautan/",
        v_bukti.bukti_realisasi_tautan,
        name="bukti_realisasi_tautan",
    ),
    path("<int:pk>/", v_bukti.bukti_unduh, name="bukti_unduh"),
    path("<int:pk>/pratinjau/", v_bukti.bukti_pratinjau, name="bukti_pratinjau"),
    path("<int:pk>/hapus/", v_bukti.bukti_hapus, name="bukti_hapus"),
]


# Bulk entry of activities from a spreadsheet, under ``aktivitas/impor/``.
impor = [
    path("", v_impor.impor, name="aktivitas_impor"),
    path("terapkan/", v_impor.impor_terapkan, name="aktivitas_impor_terapkan"),
    path("templat.<str:fmt>", v_impor.impor_templat, name="aktivitas_impor_templat"),
]


# Monthly realisation, under ``aktivitas/realisasi/``.
realisasi = [
    path("", v_realisasi.bulanan, name="realisasi_bulanan"),
    path("ajukan/", v_realisasi.ajukan, name="realisasi_ajukan"),
    path("<int:pk>/setujui/", v_realisasi.setujui, name="realisasi_setujui"),
    path("<int:pk>/kembalikan/", v_realisasi.kembalikan, name="realisasi_kembalikan"),
]


# The pejabat penilai's review queue and the feedback threads, under ``aktivitas/tinjau/``.
tinjau = [
    path("", v_tinjau.antrean, name="aktivitas_tinjau"),
    path("<int:pk>/setujui/", v_tinjau.setujui, name="aktivitas_setujui"),
    path("<int:pk>/kembalikan/", v_tinjau.kembalikan, name="aktivitas_kembalikan"),
    path("setujui-massal/", v_tinjau.setujui_massal, name="aktivitas_setujui_massal"),
    path("umpan-balik/<int:rhk_id>/", v_tinjau.umpan_balik, name="umpan_balik"),
]


# Kuasa pengisian (delegation of entry to a colleague), under ``aktivitas/kuasa/``.
kuasa = [
    path("", v_kuasa.daftar, name="aktivitas_kuasa"),
    path("unit/", v_kuasa.unit, name="aktivitas_kuasa_unit"),
    path("<int:pk>/cabut/", v_kuasa.cabut, name="aktivitas_kuasa_cabut"),
]


# Declared service outages (issue 16), under ``aktivitas/gangguan/``: the admin's pages.
gangguan = [
    path("", v_gangguan.daftar, name="gangguan_daftar"),
    path("<int:pk>/hapus/", v_gangguan.hapus, name="gangguan_hapus"),
]


urlpatterns = [
    path("", include(harian)),
    path("bukti/", include(bukti)),
    path("tinjau/", include(tinjau)),
    path("realisasi/", include(realisasi)),
    path("impor/", include(impor)),
    path("kuasa/", include(kuasa)),
    path("gangguan/", include(gangguan)),
]
