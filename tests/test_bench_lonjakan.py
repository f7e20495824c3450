"""The benchmark's own machinery, on the suite's database and without a server:

- the query-count middleware (``bench/kueri_hitung.py``) sends the number of SQL queries a
  request really cost;
- what the month-end surge (``bench/lonjakan.py``) reads from the real pages (the realisation
  form, the review queue's checkboxes) is enough to submit and approve for real;
- its accounting counts the rows written against the rows meant, and shows a shortfall;
- the bench's second-step codes (``bench.beban.kode_otp``) pass django-otp's check, twice in
  the same 30 seconds too.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.services import harian as akt
from bench.beban import NAMA_PERANGKAT, PENANDA, kode_otp, siapkan_dua_langkah
from bench.kueri_hitung import HEADER
from bench.lonjakan import Niat, isian_realisasi, pembukuan, pilihan_antrean
from tests.aktivitas import conftest as aktivitas_conftest
from tests.aktivitas.conftest import HARI, data, kunci

# The activity tests' SKP fixtures (a staf's SKP 2026 with one RHK under the kasi's).
periode_2026 = aktivitas_conftest.periode_2026
skp_staf = aktivitas_conftest.skp_staf
rhk_staf = aktivitas_conftest.rhk_staf

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_middleware(settings):
    settings.MIDDLEWARE = ["bench.kueri_hitung.HitungKueriMiddleware", *settings.MIDDLEWARE]


def catat(org, rhk, jam: int, uraian: str = "Mengarsip laporan"):
    d = data(rhk=rhk, tanggal=HARI, mulai=(jam, 0), selesai=(jam + 1, 0), uraian=uraian)
    return akt.catat_aktivitas(org.staf, org.staf, d, kunci())[0]


def test_header_jumlah_kueri_sama_dengan_kueri_permintaan(client, org, bench_middleware):
    client.force_login(org.staf)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get("/aktivitas/minggu/")
    assert r.status_code == 200
    assert int(r[HEADER]) == len(ctx.captured_queries) > 0


def test_tanpa_middleware_tidak_ada_header(client, org):
    assert "bench.kueri_hitung.HitungKueriMiddleware" not in settings.MIDDLEWARE
    client.force_login(org.staf)
    assert HEADER not in client.get("/aktivitas/minggu/")


def test_realisasi_dibaca_dari_halaman_lalu_diajukan_dan_dibukukan(client, org, rhk_staf):
    catat(org, rhk_staf, 8)
    client.force_login(org.staf)
    sejak = timezone.now()
    halaman = client.get("/aktivitas/realisasi/", {"bulan": "2026-03"})
    url, isian, n = isian_realisasi(halaman.content, PENANDA)
    assert urlsplit(url).path == "/aktivitas/realisasi/ajukan/"
    assert "bulan=2026-03" in url and n == 1
    # The prefilled text travels back as it was on the page (nothing emptied or invented).
    baris = RealisasiBulanan.objects.get(skp__pegawai=org.staf, tahun=2026, bulan=3)
    assert dict(isian)[f"r{baris.pk}-realisasi"] == baris.realisasi != ""
    r = client.post(url, dict(isian))
    assert r.status_code == 302
    niat = Niat()
    niat.tambah("realisasi diajukan", n)
    buku = pembukuan(niat, [org.staf.pk], [org.kasi.pk], sejak, PENANDA)
    assert buku["realisasi diajukan"] == (1, 1)


def test_isian_realisasi_kosong_diisi_dan_tanpa_tombol_tidak_ada_url(client, org, rhk_staf):
    client.force_login(org.staf)
    halaman = client.get("/aktivitas/realisasi/", {"bulan": "2026-03"})  # no activity: empty
    _url, isian, n = isian_realisasi(halaman.content, PENANDA)
    teks = [v for k, v in isian if k.endswith("-realisasi")]
    assert n == 1 and teks and all(v.endswith(PENANDA) for v in teks)
    client.force_login(org.kasi)  # reads the staf's month: no button for him
    halaman = client.get("/aktivitas/realisasi/", {"bulan": "2026-03", "pegawai": org.staf.pk})
    assert isian_realisasi(halaman.content, PENANDA) == ("", [], 0)


def test_antrean_massal_dan_kembalikan_dibukukan(client, org, rhk_staf):
    tiga = [catat(org, rhk_staf, j, f"Kegiatan {j} {PENANDA}") for j in (8, 9, 10)]
    sejak = timezone.now()
    client.force_login(org.kasi)
    ids = pilihan_antrean(client.get("/aktivitas/tinjau/").content)
    assert sorted(ids) == sorted(a.pk for a in tiga)
    setujui, kembali = ids[:2], ids[-1]
    r = client.post("/aktivitas/tinjau/setujui-massal/", {"ids": setujui, "yakin": "1"})
    assert r.status_code == 302
    r = client.post(f"/aktivitas/tinjau/{kembali}/kembalikan/", {"catatan": "Lengkapi"})
    assert r.status_code == 302
    niat = Niat()
    niat.tambah("aktivitas disetujui", 2)
    niat.tambah("aktivitas dikembalikan")
    niat.tambah("aktivitas", 3)  # entered before ``sejak``: none of them counts as written
    buku = pembukuan(niat, [org.staf.pk], [org.kasi.pk], sejak, PENANDA)
    assert buku["aktivitas disetujui"] == (2, 2)
    assert buku["aktivitas dikembalikan"] == (1, 1)
    assert buku["aktivitas"] == (3, 0)


def test_pembukuan_aktivitas_hanya_yang_bertanda_dan_sesudah_mulai(org, rhk_staf):
    sejak = timezone.now() - dt.timedelta(seconds=1)
    catat(org, rhk_staf, 8, f"Menyusun laporan {PENANDA}")
    catat(org, rhk_staf, 9, "Bukan dari uji beban")
    niat = Niat()
    niat.tambah("aktivitas", 2)
    buku = pembukuan(niat, [org.staf.pk], [org.kasi.pk], sejak, PENANDA)
    assert buku["aktivitas"] == (2, 1)  # one meant but not written: the report says TIDAK
    assert Aktivitas.objects.filter(pegawai=org.staf).count() == 2


def test_kode_otp_lolos_pemeriksaan_django_otp(org):
    assert siapkan_dua_langkah(org.instansi.pk) == 2  # the admin and the operator
    assert siapkan_dua_langkah(org.instansi.pk) == 0  # idempotent
    assert kode_otp(org.staf.nip) is None  # no device: no second step to answer
    perangkat = TOTPDevice.objects.get(user=org.admin, name=NAMA_PERANGKAT)
    assert perangkat.verify_token(kode_otp(org.admin.nip))
    # A second login in the same time step gets the next step's code, which also passes.
    perangkat.refresh_from_db()
    assert perangkat.verify_token(kode_otp(org.admin.nip))
