"""The bench generator (``python -m bench.generate``) writes a consistent kabupaten.

Run small (40 pegawai, one month) on whichever database the suite uses: the bulk writer
takes ``COPY`` on PostgreSQL and batched inserts on SQLite, and both must give trees with
right paths, one definitif assignment each, SKPs ditetapkan that cascade, and activities whose
``penilai`` is what ``rantai_penilai`` says.
"""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.hashers import check_password
from django.db import connection
from django.utils import timezone

from aktivitas import rules as aturan
from aktivitas.models import Aktivitas
from bench.generate import (
    KODE_INSTANSI,
    SANDI_BENCH,
    BenchGagal,
    buat_data,
    hitung,
    periksa_ukuran,
)
from bench.organisasi import bangun
from inti import partisi
from pegawai.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja
from pegawai.rules import validasi_nip
from pegawai.selectors.hierarki import rantai_penilai
from skp.models import RencanaHasilKerja, Skp
from skp.services import penyusunan as layanan_skp
from tests.factories import PegawaiFactory

ZONA = ZoneInfo("Asia/Jakarta")
HARI_INI = dt.date(2026, 3, 11)  # a Wednesday
SEKARANG = dt.datetime(2026, 3, 11, 17, 30, tzinfo=ZONA)


def diam(_teks: str) -> None:
    pass


def buat(**kw):
    return buat_data(
        pegawai=40, bulan=1, seed=7, hari_ini=HARI_INI, sekarang=SEKARANG, cetak=diam, **kw
    )


@pytest.fixture
def instansi(db) -> Instansi:
    buat()
    return Instansi.objects.get(kode=KODE_INSTANSI)


def test_pegawai_punya_satu_penugasan_definitif_dan_nip_valid(instansi):
    pegawai = list(Pegawai.objects.filter(instansi=instansi))
    assert len(pegawai) == 40
    penugasan = defaultdict(list)
    for p in Penugasan.objects.filter(pegawai__instansi=instansi).select_related("jabatan"):
        penugasan[p.pegawai_id].append(p)
    for p in pegawai:
        (tugas,) = penugasan[p.pk]
        assert tugas.jenis == Penugasan.Jenis.DEFINITIF
        assert tugas.selesai is None and tugas.mulai < dt.date(2026, 1, 1)
        assert p.unit_kerja_id == tugas.jabatan.unit_id
        assert p.is_active and not p.wajib_ganti_sandi
        assert validasi_nip(p.nip, p.status_kepegawaian, p.jenis_kelamin) == p.nip
    assert check_password(SANDI_BENCH, pegawai[0].password)
    assert sum(p.is_admin_instansi for p in pegawai) == 1


@pytest.mark.parametrize("model", [UnitKerja, Jabatan])
def test_path_pohon_seperti_yang_dibuat_pohon_save(instansi, model):
    node = {n.pk: n for n in model.objects.filter(instansi=instansi)}
    for n in node.values():
        induk = node.get(n.induk_id)
        assert n.path == f"{induk.path if induk else '/'}{n.pk}/"
        assert n.kedalaman == n.path.count("/") - 2
    # Saving through Pohon.save recomputes the same path (nothing to fix).
    daun = max(node.values(), key=lambda n: n.kedalaman)
    lama = daun.path
    daun.save()
    daun.refresh_from_db()
    assert daun.path == lama and daun.kedalaman >= 2
    # The subtree query the app uses finds exactly the descendants.
    akar = next(n for n in node.values() if n.induk_id is None)
    turunan = {n.pk for n in node.values() if akar.pk in n.id_leluhur or n.pk == akar.pk}
    assert set(model.objects.filter(path__startswith=akar.path).values_list("pk", flat=True)) == (
        turunan
    )


def test_jabatan_berada_di_unit_bawah_unit_atasannya(instansi):
    for j in Jabatan.objects.filter(instansi=instansi, induk__isnull=False).select_related(
        "unit", "induk__unit"
    ):
        assert j.unit.path.startswith(j.induk.unit.path)


def test_skp_ditetapkan_dengan_penilai_dan_rhk_yang_berjenjang(instansi, monkeypatch):
    monkeypatch.setattr(layanan_skp, "hari_ini", lambda: HARI_INI)
    skp_list = list(
        Skp.objects.filter(pegawai__instansi=instansi).select_related("pegawai", "jabatan")
    )
    assert len(skp_list) == 40
    assert len({s.pegawai_id for s in skp_list}) == 40
    for skp in skp_list:
        rantai = rantai_penilai(skp.pegawai, HARI_INI)
        penilai = rantai.pejabat_penilai
        assert skp.status == Skp.Status.DITETAPKAN
        assert skp.jabatan_id == rantai.jabatan.pk and skp.unit_id == rantai.jabatan.unit_id
        assert skp.penilai_id == (penilai.pegawai.pk if penilai.pegawai else None)
        assert skp.snapshot["pejabat_penilai"]["pegawai_id"] == skp.penilai_id
        assert layanan_skp.kekurangan_pengajuan(skp) == []
        rhk = list(skp.rhk.prefetch_related("indikator"))
        assert 2 <= len(rhk) <= 4
        boleh = set(layanan_skp.rhk_atasan_yang_boleh(skp, rantai).values_list("pk", flat=True))
        for r in rhk:
            assert len(r.indikator.all()) == 1
            if r.rhk_atasan_id:
                assert r.rhk_atasan_id in boleh
            if skp.jabatan.is_jpt:
                assert r.perspektif and r.jenis == RencanaHasilKerja.Jenis.UTAMA
    # Some of them really cascade (not every rhk_atasan left empty).
    assert (
        RencanaHasilKerja.objects.filter(
            skp__pegawai__instansi=instansi, rhk_atasan__isnull=False
        ).count()
        > 20
    )


def test_penilai_aktivitas_sesuai_rantai_penilai(instansi):
    per_pegawai = defaultdict(set)
    for pegawai_id, penilai_id, skp_id in Aktivitas.objects.filter(
        pegawai__instansi=instansi
    ).values_list("pegawai_id", "penilai_id", "skp_id"):
        per_pegawai[pegawai_id].add((penilai_id, skp_id))
    skp = dict(Skp.objects.filter(pegawai__instansi=instansi).values_list("pegawai_id", "pk"))
    pegawai = list(Pegawai.objects.filter(instansi=instansi))
    assert len(per_pegawai) == len(pegawai)
    tanpa_atasan = 0
    for p in pegawai:
        penilai = rantai_penilai(p, HARI_INI).pejabat_penilai
        harapan = penilai.pegawai.pk if penilai.pegawai else None
        tanpa_atasan += harapan is None
        assert per_pegawai[p.pk] == {(harapan, skp[p.pk])}
    # The two OPD heads are rated by the PPK; one vacant post sends staff one level up.
    assert tanpa_atasan == 2


def test_struktur_kecil_memuat_jabatan_kosong():
    import random

    org = bangun(40, random.Random(7), 2026, {"unit": 1, "jabatan": 1, "pegawai": 1})
    kosong = [j for j in org.jabatan if j.tingkat != "staf" and not j.pemangku]
    assert kosong, "the small tree should exercise the walk past a vacant jabatan"
    staf_di_bawah = [o for o in org.pegawai if o.jabatan.induk in kosong]
    assert staf_di_bawah and all(o.penilai is not None for o in staf_di_bawah)
    assert all(o.penilai.jabatan is kosong[0].induk for o in staf_di_bawah)


def test_aktivitas_hari_kerja_tanpa_tumpang_tindih_dan_status_wajar(instansi):
    rows = list(
        Aktivitas.objects.filter(pegawai__instansi=instansi).values(
            "pegawai_id",
            "tanggal",
            "jam_mulai",
            "jam_selesai",
            "status",
            "terlambat",
            "dientri_pada",
            "ditinjau_pada",
            "rhk_id",
            "rhk__skp__pegawai_id",
        )
    )
    assert len(rows) > 40 * 15 * 2
    awal_menunggu = HARI_INI - dt.timedelta(days=14)
    per_hari = defaultdict(list)
    for r in rows:
        assert r["tanggal"].weekday() < 5 and dt.date(2026, 2, 12) <= r["tanggal"] <= HARI_INI
        assert r["rhk_id"] is None or r["rhk__skp__pegawai_id"] == r["pegawai_id"]
        dientri = timezone.localtime(r["dientri_pada"], ZONA)
        assert r["tanggal"] <= dientri.date() and r["dientri_pada"] <= SEKARANG
        assert r["terlambat"] == aturan.is_terlambat(r["tanggal"], dientri.date(), 3, set())
        if r["tanggal"] >= awal_menunggu:
            assert r["status"] == Aktivitas.Status.MENUNGGU
        if r["status"] == Aktivitas.Status.MENUNGGU:
            assert r["ditinjau_pada"] is None
        else:
            assert r["dientri_pada"] < r["ditinjau_pada"] <= SEKARANG
        per_hari[(r["pegawai_id"], r["tanggal"])].append((r["jam_mulai"], r["jam_selesai"]))
    for jam in per_hari.values():
        jam.sort()
        for (m1, s1), (m2, s2) in zip(jam, jam[1:]):
            assert m1 < s1 <= m2 < s2
        assert 2 <= len(jam) <= 4
    status = {r["status"] for r in rows}
    assert {Aktivitas.Status.MENUNGGU, Aktivitas.Status.DISETUJUI} <= status
    assert any(r["terlambat"] for r in rows)


def test_jalan_kedua_menolak_lalu_reset_membuat_ulang(instansi):
    sebelum = hitung(instansi)
    with pytest.raises(BenchGagal, match="--reset"):
        buat()
    assert buat(lewati_bila_ada=True).dilewati
    buat(reset=True)
    baru = Instansi.objects.get(kode=KODE_INSTANSI)
    assert baru.pk != instansi.pk
    assert hitung(baru) == sebelum  # same seed, same kabupaten
    assert not Pegawai.objects.filter(instansi_id=instansi.pk).exists()
    assert Instansi.objects.filter(kode=KODE_INSTANSI).count() == 1


def test_reset_tidak_menyentuh_instansi_lain(instansi):
    # Another instansi in the same database: the reset deletes row by row, scoped.
    lain = PegawaiFactory(nama="Pegawai instansi lain")
    buat(reset=True)
    assert Pegawai.objects.filter(pk=lain.pk).exists()
    baru = Instansi.objects.get(kode=KODE_INSTANSI)
    assert hitung(baru)["pegawai"] == 40
    assert not Aktivitas.objects.filter(pegawai__instansi_id=instansi.pk).exists()


def test_ukuran_kabupaten_ditolak_di_sqlite():
    with pytest.raises(BenchGagal, match="PostgreSQL"):
        periksa_ukuran("sqlite", 8000, 12)
    periksa_ukuran("sqlite", 40, 1)
    periksa_ukuran("postgresql", 8000, 12)
    with pytest.raises(BenchGagal):
        periksa_ukuran("postgresql", 8000, 13)


def _indeks_dan_batasan() -> set[tuple[str, str]]:
    tabel = Aktivitas._meta.db_table
    with connection.cursor() as cur:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [tabel])
        hasil = set(cur.fetchall())
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass",
            [tabel],
        )
        return hasil | set(cur.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and DDL are PostgreSQL's")
def test_muat_cepat_memasang_kembali_semua_indeks_dan_batasan(db):
    sebelum = _indeks_dan_batasan()
    assert len(sebelum) > 8
    buat(muat_cepat=True)
    assert _indeks_dan_batasan() == sebelum
    with connection.cursor() as cur:
        # Rebuilt on the partitioned table, each index reaches every partition (an index
        # made "ON ONLY" the parent stays invalid and serves no query), and no row of the
        # generated months fell into the default partition (issue 13).
        cur.execute(
            "SELECT count(*) FROM pg_index WHERE indrelid = %s::regclass AND NOT indisvalid",
            ["aktivitas_aktivitas"],
        )
        assert cur.fetchone()[0] == 0
    assert partisi.hitung_default("aktivitas_aktivitas") == 0
    instansi = Instansi.objects.get(kode=KODE_INSTANSI)
    assert hitung(instansi)["aktivitas"] > 1000
    # The sequence moved past the explicit ids: a new row gets a fresh id.
    contoh = Aktivitas.objects.filter(pegawai__instansi=instansi).first()
    contoh.pk, contoh.kunci = None, "00000000-0000-4000-8000-000000000001"
    contoh.save()
    assert contoh.pk > Aktivitas.objects.exclude(pk=contoh.pk).order_by("-pk").first().pk
