"""URLs of the skp app, under ``skp/`` (the public document verification is mounted at
``verifikasi/`` by ``ekinerja.urls``).

One list per feature; the views of a feature live in ``skp/views/<feature>.py``.
"""

from django.urls import include, path

from skp.views import atasan as v_atasan
from skp.views import dokumen as v_dokumen
from skp.views import dokumen as v_verifikasi
from skp.views import laporan_atasan as v_laporan
from skp.views import penyusunan as v_skp
from skp.views import periode as v_periode
from skp.views import pustaka as v_pustaka

# The SKP drafting pages of the ASN and of the operator acting for him (under ``skp/``).
skp = [
    path("", v_skp.daftar, name="skp_daftar"),
    path("buat/", v_skp.buat, name="skp_buat"),
    path("<int:pk>/", v_skp.detail, name="skp_detail"),
    path("<int:pk>/salin/", v_skp.salin, name="skp_salin"),
    path("<int:pk>/ajukan/", v_skp.ajukan, name="skp_ajukan"),
    path("<int:pk>/revisi/", v_skp.revisi, name="skp_revisi"),
    path("<int:pk>/versi/", v_skp.versi, name="skp_versi"),
    path("<int:pk>/rhk/tambah/", v_skp.rhk_tambah, name="skp_rhk_tambah"),
    path("rhk/<int:pk>/ubah/", v_skp.rhk_ubah, name="skp_rhk_ubah"),
    path("rhk/<int:pk>/hapus/", v_skp.rhk_hapus, name="skp_rhk_hapus"),
    path("rhk/<int:pk>/indikator/tambah/", v_skp.indikator_tambah, name="skp_indikator_tambah"),
    path("indikator/<int:pk>/ubah/", v_skp.indikator_ubah, name="skp_indikator_ubah"),
    path("indikator/<int:pk>/hapus/", v_skp.indikator_hapus, name="skp_indikator_hapus"),
    path("<int:pk>/lampiran/tambah/", v_skp.lampiran_tambah, name="skp_lampiran_tambah"),
    path("lampiran/<int:pk>/hapus/", v_skp.lampiran_hapus, name="skp_lampiran_hapus"),
]


# The pejabat penilai's SKP pages, under ``skp/persetujuan/``.
atasan = [
    path("", v_atasan.antrean, name="skp_antrean"),
    path("matriks/", v_atasan.matriks, name="skp_matriks"),
    path("<int:pk>/", v_atasan.tinjau, name="skp_tinjau"),
    path("<int:pk>/setujui/", v_atasan.setujui, name="skp_setujui"),
    path("<int:pk>/kembalikan/", v_atasan.kembalikan, name="skp_kembalikan"),
    path("<int:pk>/tetapkan/", v_atasan.tetapkan, name="skp_tetapkan"),
    path("<int:pk>/ekspektasi/", v_atasan.ekspektasi, name="skp_ekspektasi"),
]


# The signed SKP document (under ``skp/dokumen/``).
dokumen = [
    path("<int:skp_id>/", v_dokumen.skp_dokumen, name="skp_dokumen"),
]


# The admin instansi's period pages, under ``skp/periode/``.
periode = [
    path("", v_periode.periode_daftar, name="periode_daftar"),
    path("buka/", v_periode.periode_buka, name="periode_buka"),
    path("<int:pk>/status/", v_periode.periode_status, name="periode_status"),
]


# The RHK library pages, under ``skp/pustaka/``.
pustaka = [
    path("", v_pustaka.pustaka_daftar, name="pustaka_daftar"),
    path("tambah/", v_pustaka.pustaka_tambah, name="pustaka_tambah"),
    path("<int:pk>/ubah/", v_pustaka.pustaka_ubah, name="pustaka_ubah"),
    path("<int:pk>/hapus/", v_pustaka.pustaka_hapus, name="pustaka_hapus"),
    path("<int:pk>/pakai/<int:skp_id>/", v_pustaka.skp_pakai_pustaka, name="skp_pakai_pustaka"),
]


# The public verification page of issued documents (``verifikasi/`` at the site root).
verifikasi = [
    path("<str:kode>/", v_verifikasi.verifikasi_dokumen, name="verifikasi_dokumen"),
]


# "Atasan saya salah": the pegawai's report from his SKP and the admin instansi's queue.
laporan_atasan = [
    path("", v_laporan.daftar, name="skp_laporan_atasan"),
    path("<int:pk>/", v_laporan.jawab, name="skp_laporan_atasan_jawab"),
    path("skp/<int:pk>/", v_laporan.buat, name="skp_laporan_atasan_buat"),
]


urlpatterns = [
    path("", include(skp)),
    path("persetujuan/", include(atasan)),
    path("periode/", include(periode)),
    path("pustaka/", include(pustaka)),
    path("dokumen/", include(dokumen)),
    path("laporan-atasan/", include(laporan_atasan)),
]
