"""URLs of the pegawai app: accounts and home at the site root, the admin's management pages under
``kelola/`` and the import under ``kelola/impor/``.

One list per feature; the views of a feature live in ``pegawai/views/<feature>.py``.
"""

from django.urls import include, path

from pegawai.views import akun as v_akun
from pegawai.views import impor as v_impor
from pegawai.views import kelola as v_kelola

# Accounts, home, profile, subordinates and the pages that read pegawai (site root).
akun = [
    path("", v_akun.beranda, name="beranda"),
    path("masuk/", v_akun.MasukView.as_view(), name="masuk"),
    path("keluar/", v_akun.KeluarView.as_view(), name="keluar"),
    path("akun/sandi/", v_akun.GantiSandiView.as_view(), name="ganti_sandi"),
    path("akun/sandi/selesai/", v_akun.GantiSandiSelesaiView.as_view(), name="ganti_sandi_selesai"),
    path("akun/reset/", v_akun.ResetSandiView.as_view(), name="reset_sandi"),
    path(
        "akun/reset/terkirim/", v_akun.ResetSandiTerkirimView.as_view(), name="reset_sandi_terkirim"
    ),
    path("akun/reset/selesai/", v_akun.ResetSandiSelesaiView.as_view(), name="reset_sandi_selesai"),
    path(
        "akun/reset/<uidb64>/<token>/",
        v_akun.ResetSandiKonfirmasiView.as_view(),
        name="reset_sandi_konfirmasi",
    ),
    path("profil/", v_akun.profil, name="profil"),
    path("bawahan/", v_akun.bawahan, name="bawahan"),
    path("pegawai/", v_akun.pegawai_daftar, name="pegawai_daftar"),
    path("pegawai/<int:pk>/", v_akun.pegawai_detail, name="pegawai_detail"),
    path(
        "pegawai/<int:pk>/atur-ulang-sandi/",
        v_akun.pegawai_atur_ulang_sandi,
        name="pegawai_atur_ulang_sandi",
    ),
]


# The admin instansi's management pages, under ``kelola/`` (import lives in urls_impor).
kelola = [
    path("unit/", v_kelola.unit_daftar, name="kelola_unit"),
    path("unit/tambah/", v_kelola.unit_tambah, name="kelola_unit_tambah"),
    path("unit/<int:pk>/ubah/", v_kelola.unit_ubah, name="kelola_unit_ubah"),
    path("jabatan/", v_kelola.jabatan_daftar, name="kelola_jabatan"),
    path("jabatan/tambah/", v_kelola.jabatan_tambah, name="kelola_jabatan_tambah"),
    path("jabatan/<int:pk>/ubah/", v_kelola.jabatan_ubah, name="kelola_jabatan_ubah"),
    path("pegawai/", v_kelola.pegawai_daftar, name="kelola_pegawai"),
    path("pegawai/tambah/", v_kelola.pegawai_tambah, name="kelola_pegawai_tambah"),
    path("pegawai/cari/", v_kelola.pegawai_cari, name="kelola_pegawai_cari"),
    path("pegawai/<int:pk>/", v_kelola.pegawai_detail, name="kelola_pegawai_detail"),
    path("pegawai/<int:pk>/ubah/", v_kelola.pegawai_ubah, name="kelola_pegawai_ubah"),
    path("pegawai/<int:pk>/status/", v_kelola.pegawai_status, name="kelola_pegawai_status"),
    path("pegawai/<int:pk>/admin/", v_kelola.pegawai_admin, name="kelola_pegawai_admin"),
    path(
        "pegawai/<int:pk>/penugasan/tambah/",
        v_kelola.penugasan_tambah,
        name="kelola_penugasan_tambah",
    ),
    path("penugasan/<int:pk>/akhiri/", v_kelola.penugasan_akhiri, name="kelola_penugasan_akhiri"),
    path("operator/", v_kelola.operator_daftar, name="kelola_operator"),
    path("operator/tambah/", v_kelola.operator_tambah, name="kelola_operator_tambah"),
    path("operator/<int:pk>/cabut/", v_kelola.operator_cabut, name="kelola_operator_cabut"),
]


# The import of pegawai, units and jabatan, under ``kelola/impor/`` (admin instansi only).
impor = [
    path("", v_impor.impor, name="kelola_impor"),
    path("terapkan/", v_impor.impor_terapkan, name="kelola_impor_terapkan"),
    path("templat.<str:fmt>", v_impor.impor_templat, name="kelola_impor_templat"),
]


urlpatterns = [
    path("", include(akun)),
    path("kelola/impor/", include(impor)),
    path("kelola/", include(kelola)),
]
