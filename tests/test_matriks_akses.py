"""Authorization matrix: every URL × every role.

Every named URL of the project must have a rule here; a new URL without one fails
``test_setiap_url_punya_aturan``.  Each rule gives, per role, the status code of a GET (or of
the given method) on the URL built from the ``org`` fixture.  Anonymous users are sent to the
login page (302) unless the page is public.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aktivitas.models import RealisasiBulanan, RencanaAksi
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as akt
from aktivitas.services import kuasa as services_kuasa
from skp.models import (
    Dokumen,
    IndikatorKinerja,
    LampiranSkp,
    Periode,
    PustakaRhk,
    RencanaHasilKerja,
    Skp,
)
from skp.services import penyusunan as services
from tests.akses import (  # noqa: F401
    HANYA_ADMIN,
    PERAN,
    POST_ADMIN,
    SEMUA_MASUK,
    Aturan,
    masuk_dulu,
    pk,
    semua,
    skp,
    staf,
)
from tests.akun import akses as akses_akun
from tests.api import akses as akses_api
from tests.bantuan import akses as akses_bantuan
from tests.factories import PegawaiFactory
from tests.notifikasi import akses as akses_notifikasi
from tests.pemantauan import akses as akses_pemantauan
from tests.pengumuman import akses as akses_pengumuman
from tests.penilaian import akses as akses_penilaian
from tests.sinkron import akses as akses_sinkron
from tests.skp import akses_laporan

MODUL_APP = (
    akses_penilaian,
    akses_notifikasi,
    akses_pemantauan,
    akses_akun,
    akses_api,
    akses_bantuan,
    akses_pengumuman,
    akses_laporan,
    akses_sinkron,
)

# The staf's own draft SKP: the owner and his unit's operator edit it; others who may see it
# (his atasan, the admin, the superuser) are refused the change; another instansi sees nothing.
UBAH_SKP = masuk_dulu(asn=200, atasan=403, operator=200, admin=403, superuser=403, lain=404)
AKSI_SKP = masuk_dulu(asn=302, atasan=403, operator=302, admin=403, superuser=403, lain=404)
LIHAT_SKP = masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=404)
# The pejabat penilai's actions on that SKP.
PENILAI = masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=404)
AKSI_PENILAI = masuk_dulu(asn=403, atasan=302, operator=403, admin=403, superuser=403, lain=404)
PUSTAKA = masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
# The staf's own activity (pending, rated by the kasi): owner/operator change it; the atasan
# reviews it; those who may see it read its evidence; another instansi sees nothing.
UBAH_AKTIVITAS = UBAH_SKP
AKSI_AKTIVITAS = AKSI_SKP
TINJAU = masuk_dulu(asn=403, atasan=302, operator=403, admin=403, superuser=403, lain=404)
BACA_BUKTI = LIHAT_SKP


BULAN_LALU = f"{dt.date.today().replace(day=1) - dt.timedelta(days=1):%Y-%m}"


def aktivitas(org):
    return {"pk": org.aktivitas_staf.pk}


def kuasa_staf(org):
    """The staf's kuasa pengisian to the jf, for two weeks from today."""
    hari_ini = dt.date.today()
    return services_kuasa.beri_kuasa(org.staf, org.jf, hari_ini, hari_ini + dt.timedelta(days=14))


ATURAN: dict[str, Aturan] = {
    # public
    "healthz": Aturan(semua(200)),
    "readyz": Aturan(semua(200)),
    "sw": Aturan(semua(200)),
    "manifest": Aturan(semua(200)),
    "set_language": Aturan(semua(302), metode="post", data={"language": "en", "next": "/"}),
    "masuk": Aturan(semua(200)),
    "reset_sandi": Aturan(semua(200)),
    "reset_sandi_terkirim": Aturan(semua(200)),
    "reset_sandi_konfirmasi": Aturan(
        semua(200), kwargs=lambda org: {"uidb64": "MQ", "token": "salah-token"}
    ),
    "reset_sandi_selesai": Aturan(semua(200)),
    # every logged-in user
    "keluar": Aturan(semua(302), metode="post"),
    "beranda": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "profil": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "ganti_sandi": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "ganti_sandi_selesai": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    # atasan
    "bawahan": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=403)
    ),
    # operator / admin reading
    "pegawai_daftar": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
    ),
    "pegawai_detail": Aturan(
        masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=404),
        kwargs=staf,
    ),
    "pegawai_atur_ulang_sandi": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=404),
        kwargs=staf,
        metode="post",
    ),
    # admin instansi: master data (another instansi's objects: 404, tested per page)
    "kelola_unit": Aturan(HANYA_ADMIN),
    "kelola_unit_tambah": Aturan(HANYA_ADMIN),
    "kelola_unit_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.seksi)),
    "kelola_jabatan": Aturan(HANYA_ADMIN),
    "kelola_jabatan_tambah": Aturan(HANYA_ADMIN),
    "kelola_jabatan_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.jab_kasi)),
    "kelola_pegawai": Aturan(HANYA_ADMIN),
    "kelola_pegawai_cari": Aturan(HANYA_ADMIN),
    "kelola_pegawai_tambah": Aturan(HANYA_ADMIN),
    "kelola_pegawai_detail": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_pegawai_ubah": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_pegawai_status": Aturan(
        POST_ADMIN, kwargs=staf, metode="post", data={"status": "cuti"}
    ),
    "kelola_pegawai_admin": Aturan(
        POST_ADMIN, kwargs=staf, metode="post", data={"jadi_admin": "1"}
    ),
    "kelola_penugasan_tambah": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_penugasan_akhiri": Aturan(
        POST_ADMIN,
        kwargs=pk(lambda o: o.staf.penugasan.get()),
        metode="post",
        data={"selesai": "2025-01-01"},
    ),
    "kelola_impor": Aturan(HANYA_ADMIN),
    "kelola_impor_templat": Aturan(HANYA_ADMIN, kwargs=lambda org: {"fmt": "xlsx"}),
    "kelola_impor_terapkan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=302, lain=403),
        metode="post",
    ),
    # SKP planning
    "skp_daftar": Aturan(SEMUA_MASUK),
    "skp_buat": Aturan(SEMUA_MASUK),
    "skp_detail": Aturan(LIHAT_SKP, kwargs=skp),
    "skp_versi": Aturan(LIHAT_SKP, kwargs=skp),
    "skp_rhk_tambah": Aturan(UBAH_SKP, kwargs=skp, metode="post"),
    "skp_rhk_ubah": Aturan(UBAH_SKP, kwargs=pk(lambda o: o.rhk_staf)),
    "skp_rhk_hapus": Aturan(AKSI_SKP, kwargs=pk(lambda o: o.rhk_staf), metode="post"),
    "skp_indikator_tambah": Aturan(UBAH_SKP, kwargs=pk(lambda o: o.rhk_staf)),
    "skp_indikator_ubah": Aturan(UBAH_SKP, kwargs=pk(lambda o: o.indikator_staf)),
    "skp_indikator_hapus": Aturan(AKSI_SKP, kwargs=pk(lambda o: o.indikator_staf), metode="post"),
    "skp_lampiran_tambah": Aturan(UBAH_SKP, kwargs=skp, metode="post"),
    "skp_lampiran_hapus": Aturan(AKSI_SKP, kwargs=pk(lambda o: o.lampiran_staf), metode="post"),
    "skp_salin": Aturan(AKSI_SKP, kwargs=skp, metode="post"),
    "skp_ajukan": Aturan(AKSI_SKP, kwargs=skp, metode="post"),
    "skp_revisi": Aturan(AKSI_SKP, kwargs=skp, metode="post"),
    "skp_antrean": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=200, superuser=200, lain=403)
    ),
    "skp_matriks": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=403)
    ),
    "skp_tinjau": Aturan(PENILAI, kwargs=skp),
    "skp_setujui": Aturan(AKSI_PENILAI, kwargs=skp, metode="post"),
    # A draft cannot be returned: the atasan sees the form again with the state error (200).
    "skp_kembalikan": Aturan(PENILAI, kwargs=skp, metode="post", data={"alasan": "x"}),
    "skp_tetapkan": Aturan(AKSI_PENILAI, kwargs=skp, metode="post"),
    "skp_ekspektasi": Aturan(AKSI_PENILAI, kwargs=skp, metode="post"),
    "skp_dokumen": Aturan(LIHAT_SKP, kwargs=lambda o: {"skp_id": o.skp_ditetapkan.pk}),
    "verifikasi_dokumen": Aturan(semua(200), kwargs=lambda o: {"kode": o.dokumen.kode}),
    "periode_daftar": Aturan(HANYA_ADMIN),
    "periode_buka": Aturan(HANYA_ADMIN),
    "periode_status": Aturan(
        POST_ADMIN, kwargs=pk(lambda o: o.periode), metode="post", data={"status": "ditutup"}
    ),
    "pustaka_daftar": Aturan(PUSTAKA),
    "pustaka_tambah": Aturan(PUSTAKA),
    "pustaka_ubah": Aturan(PUSTAKA, kwargs=pk(lambda o: o.pustaka)),
    "pustaka_hapus": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=302, admin=302, superuser=302, lain=403),
        kwargs=pk(lambda o: o.pustaka),
        metode="post",
    ),
    "skp_pakai_pustaka": Aturan(
        AKSI_SKP, kwargs=lambda o: {"pk": o.pustaka.pk, "skp_id": o.skp_staf.pk}, metode="post"
    ),
    # Execution: activities, evidence, review, realisation, feedback, import
    "aktivitas_harian": Aturan(SEMUA_MASUK),
    "aktivitas_minggu": Aturan(SEMUA_MASUK),
    "aktivitas_bulan": Aturan(SEMUA_MASUK),
    "aktivitas_rencana_aksi": Aturan(SEMUA_MASUK),
    "aktivitas_salin_kemarin": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 302)), metode="post"),
    "aktivitas_ubah": Aturan(UBAH_AKTIVITAS, kwargs=aktivitas),
    "aktivitas_hapus": Aturan(AKSI_AKTIVITAS, kwargs=aktivitas, metode="post"),
    # Issue 17 §5: proposing an RHK from an activity changes the SKP (owner and operator only).
    "aktivitas_usulkan_rhk": Aturan(AKSI_AKTIVITAS, kwargs=aktivitas, metode="post"),
    # Without an RHK of his own the form names none: 404 for everyone logged in (the per-role
    # results with a real RHK are in tests/aktivitas/test_rencana_aksi.py).
    "aktivitas_rencana_aksi_tambah": Aturan(
        masuk_dulu(**dict.fromkeys(PERAN[1:], 404)), metode="post"
    ),
    "aktivitas_rencana_aksi_hapus": Aturan(
        AKSI_AKTIVITAS, kwargs=pk(lambda o: o.rencana_aksi_staf), metode="post"
    ),
    "bukti_unggah": Aturan(
        UBAH_AKTIVITAS, kwargs=lambda o: {"aktivitas_id": o.aktivitas_staf.pk}, metode="post"
    ),
    "bukti_tautan": Aturan(
        UBAH_AKTIVITAS, kwargs=lambda o: {"aktivitas_id": o.aktivitas_staf.pk}, metode="post"
    ),
    "bukti_formulir": Aturan(
        UBAH_AKTIVITAS, kwargs=lambda o: {"aktivitas_id": o.aktivitas_staf.pk}
    ),
    # The staf's submitted realisation: who may change it gets the form with its refusal (200).
    "bukti_realisasi_unggah": Aturan(
        UBAH_AKTIVITAS, kwargs=lambda o: {"realisasi_id": o.realisasi_staf.pk}, metode="post"
    ),
    "bukti_realisasi_tautan": Aturan(
        UBAH_AKTIVITAS, kwargs=lambda o: {"realisasi_id": o.realisasi_staf.pk}, metode="post"
    ),
    "bukti_hapus": Aturan(AKSI_AKTIVITAS, kwargs=pk(lambda o: o.bukti_staf), metode="post"),
    "bukti_unduh": Aturan(BACA_BUKTI, kwargs=pk(lambda o: o.bukti_staf)),
    "bukti_pratinjau": Aturan(BACA_BUKTI, kwargs=pk(lambda o: o.bukti_staf)),
    "aktivitas_tinjau": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=200, superuser=403, lain=403)
    ),
    "aktivitas_setujui": Aturan(TINJAU, kwargs=aktivitas, metode="post"),
    "aktivitas_kembalikan": Aturan(TINJAU, kwargs=aktivitas, metode="post", data={"catatan": "x"}),
    "aktivitas_setujui_massal": Aturan(
        masuk_dulu(asn=403, atasan=302, operator=403, admin=302, superuser=403, lain=403),
        metode="post",
    ),
    "umpan_balik": Aturan(
        masuk_dulu(asn=200, atasan=200, operator=200, admin=404, superuser=404, lain=404),
        kwargs=lambda o: {"rhk_id": o.rhk_staf.pk},
    ),
    "realisasi_bulanan": Aturan(SEMUA_MASUK),
    "realisasi_ajukan": Aturan(
        masuk_dulu(**dict.fromkeys(PERAN[1:], 302)), metode="post", data={"bulan": BULAN_LALU}
    ),
    "realisasi_setujui": Aturan(TINJAU, kwargs=pk(lambda o: o.realisasi_staf), metode="post"),
    "realisasi_kembalikan": Aturan(
        TINJAU, kwargs=pk(lambda o: o.realisasi_staf), metode="post", data={"catatan": "x"}
    ),
    "aktivitas_impor": Aturan(SEMUA_MASUK),
    "aktivitas_impor_templat": Aturan(SEMUA_MASUK, kwargs=lambda org: {"fmt": "xlsx"}),
    "aktivitas_impor_terapkan": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 302)), metode="post"),
    "status_layanan": Aturan(HANYA_ADMIN),
    # Kuasa pengisian: everyone has his own page; the unit list is the operator's and admin's;
    # revoking the staf's kuasa (to the jf) asks first: the staf, his operator, the admin.
    "aktivitas_kuasa": Aturan(SEMUA_MASUK),
    "aktivitas_kuasa_unit": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=403, lain=403)
    ),
    "aktivitas_kuasa_cabut": Aturan(
        masuk_dulu(asn=200, atasan=404, operator=200, admin=200, superuser=404, lain=404),
        kwargs=lambda o: {"pk": kuasa_staf(o).pk},
    ),
    "kelola_operator": Aturan(HANYA_ADMIN),
    "kelola_operator_tambah": Aturan(HANYA_ADMIN),
    "kelola_operator_cabut": Aturan(
        POST_ADMIN, kwargs=pk(lambda o: o.operator.unit_operator.get()), metode="post"
    ),
}
for _modul in MODUL_APP:
    _ganda = ATURAN.keys() & _modul.ATURAN.keys()
    assert not _ganda, f"aturan ganda: {_ganda}"
    ATURAN.update(_modul.ATURAN)


def _nama_url(patterns, prefix: str = "") -> set[str]:
    nama = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            nama |= _nama_url(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            nama.add(prefix + p.name)
    return nama


def test_setiap_url_punya_aturan():
    # Django's own admin (namespace "admin") is for superusers and guarded by Django itself;
    # one rule below covers its index.  Everything else must be listed.
    # The REST API (namespace "api-v1") answers tokens, not sessions: its own matrix is
    # tests/api/test_otorisasi_api.py, which fails on an endpoint without a row.
    semua_nama = {
        n for n in _nama_url(get_resolver().url_patterns) if not n.startswith(("admin:", "api-v1:"))
    }
    tanpa_aturan = sorted(semua_nama - ATURAN.keys())
    assert not tanpa_aturan, (
        f"URL tanpa aturan akses di tests/test_matriks_akses.py: {tanpa_aturan}"
    )
    basi = sorted(ATURAN.keys() - semua_nama)
    assert not basi, f"Aturan untuk URL yang tidak ada lagi: {basi}"


@pytest.fixture
def objek(org):
    """What the object URLs point at: the staf's draft SKP with content, a set SKP with its
    document (last year), a period and an RHK library entry for his jabatan."""
    tahun = dt.date.today().year
    org.periode = services.buka_periode(org.admin, org.instansi, tahun)
    org.skp_staf = services.buat_skp(org.staf, org.staf, org.periode)
    org.rhk_staf = RencanaHasilKerja.objects.create(skp=org.skp_staf, teks="Arsip tertata")
    org.indikator_staf = IndikatorKinerja.objects.create(
        rhk=org.rhk_staf, teks="Arsip terindeks", aspek="kuantitas", target_teks="100%"
    )
    org.lampiran_staf = LampiranSkp.objects.create(
        skp=org.skp_staf, jenis="dukungan", teks="Rak arsip"
    )
    lalu = Periode.objects.create(
        instansi=org.instansi,
        nama="Lalu",
        tahun=tahun - 1,
        mulai=dt.date(tahun - 1, 1, 1),
        selesai=dt.date(tahun - 1, 12, 31),
        batas_penetapan_skp=dt.date(tahun - 1, 1, 31),
    )
    org.skp_ditetapkan = Skp.objects.create(
        pegawai=org.staf,
        periode=lalu,
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=lalu.mulai,
        selesai=lalu.selesai,
        status=Skp.Status.DITETAPKAN,
    )
    org.dokumen = Dokumen(
        kode="kode-uji-matriks",
        jenis="skp",
        judul="SKP uji",
        pegawai=org.staf,
        content_type=ContentType.objects.get_for_model(Skp),
        object_id=org.skp_ditetapkan.pk,
        sha256="0" * 64,
        ukuran=4,
        penanda_tangan="Uji",
    )
    org.dokumen.berkas.save("uji.pdf", ContentFile(b"%PDF"), save=True)
    kemarin = dt.date.today() - dt.timedelta(days=1)
    org.aktivitas_staf = akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=kemarin,
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="Mengarsip",
            jumlah_output=Decimal("1"),
            satuan_output="berkas",
        ),
        uuid.uuid4(),
    )[0]
    org.bukti_staf = services_bukti.tambah_bukti_berkas(
        org.staf, org.aktivitas_staf, SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    org.rencana_aksi_staf = RencanaAksi.objects.create(
        rhk=org.rhk_staf, tahun=tahun, bulan=dt.date.today().month, teks="Menata arsip"
    )
    org.realisasi_staf = RealisasiBulanan.objects.create(
        skp=org.skp_staf,
        indikator=org.indikator_staf,
        tahun=kemarin.year,
        bulan=kemarin.month,
        realisasi="x",
        status="diajukan",
        penilai=org.kasi,
    )
    org.pustaka = PustakaRhk.objects.create(
        jabatan=org.jab_staf, teks="Arsip tertata", indikator=[]
    )
    for modul in MODUL_APP:
        modul.siapkan(org)
    return org


@pytest.fixture
def pengguna(org):
    superuser = PegawaiFactory(nama="Root", is_superuser=True, is_staff=True, instansi=None)
    return {
        "anonim": None,
        "asn": org.staf,
        "atasan": org.kasi,
        "operator": org.operator,
        "admin": org.admin,
        "superuser": superuser,
        "lain": org.orang_lain,
    }


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("nama", sorted(ATURAN))
def test_akses(client, objek, pengguna, nama, peran):
    org = objek
    aturan = ATURAN[nama]
    user = pengguna[peran]
    if user is not None:
        client.force_login(user)
    url = reverse(nama, kwargs=aturan.kwargs(org) if aturan.kwargs else None)
    resp = getattr(client, aturan.metode)(url, aturan.data)
    assert resp.status_code == aturan.untuk(peran), (nama, peran, resp.status_code)
    ke_masuk = nama not in {"set_language", "keluar"}
    if resp.status_code == 302 and peran == "anonim" and ke_masuk:
        assert resp["Location"].startswith(reverse("masuk"))


@pytest.mark.parametrize(("peran", "kode"), [("superuser", 200), ("admin", 302), ("asn", 302)])
def test_admin_django_hanya_superuser(client, pengguna, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(reverse("admin:index")).status_code == kode
