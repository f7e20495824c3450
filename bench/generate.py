"""Generate a kabupaten: ``python -m bench.generate --pegawai 8000 --bulan 12 [--seed 1]``.

Writes into the database of ``DATABASE_URL`` (PostgreSQL expected; SQLite only for tiny
sizes): one instansi (kode ``BENCH``), ~40 OPD with their unit and jabatan trees, the
pegawai with definitif assignments, one period with one SKP ditetapkan per pegawai (2–4 RHK
cascading to the penilai's, an indicator each, perilaku kerja), and the daily activities of
the last ``--bulan`` months of that period up to today (8,000 pegawai × 12 months ≈ 5 M rows).

Everything happens in one transaction: a failure leaves the database as it was.  A second run
refuses while the data is there; ``--reset`` deletes it first, ``--lewati-bila-ada`` keeps it.
Every generated pegawai logs in with :data:`SANDI_BENCH`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

KODE_INSTANSI = "BENCH"
SANDI_BENCH = "bench-kinerja-2026"
SQLITE_MAKS_PEGAWAI = 200  # a SQLite file is for tests and tries, not for a kabupaten
SQLITE_MAKS_BULAN = 3
MUAT_CEPAT_MULAI = 200_000  # expected activity rows from which indexes are rebuilt after
HASIL_DIR = Path(__file__).resolve().parent / "hasil"


class BenchGagal(Exception):
    """A refusal with a message for the operator (no traceback)."""


@dataclass
class Hasil:
    jumlah: dict[str, int] = field(default_factory=dict)
    detik: dict[str, float] = field(default_factory=dict)
    ukuran: list[dict] = field(default_factory=list)
    dilewati: bool = False


def periksa_ukuran(vendor: str, pegawai: int, bulan: int) -> None:
    if not 1 <= bulan <= 12:
        raise BenchGagal("--bulan harus 1 sampai 12 (satu periode kinerja).")
    if vendor != "postgresql" and (pegawai > SQLITE_MAKS_PEGAWAI or bulan > SQLITE_MAKS_BULAN):
        raise BenchGagal(
            f"Ukuran ini ({pegawai} pegawai, {bulan} bulan) hanya untuk PostgreSQL; basis data "
            f"sekarang {vendor}. Setel DATABASE_URL, mis. "
            "postgres://postgres@127.0.0.1:5432/ekinerja_bench "
            f"(SQLite paling banyak {SQLITE_MAKS_PEGAWAI} pegawai, {SQLITE_MAKS_BULAN} bulan)."
        )


def mundur_bulan(tanggal: dt.date, bulan: int) -> dt.date:
    """The day after the same date ``bulan`` months earlier (a window of ``bulan`` months)."""
    indeks = tanggal.year * 12 + tanggal.month - 1 - bulan
    tahun, bln = divmod(indeks, 12)
    hari = min(
        tanggal.day, [31, 29 if tahun % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][bln]
    )
    return dt.date(tahun, bln + 1, hari) + dt.timedelta(days=1)


def buat_data(
    *,
    pegawai: int,
    bulan: int,
    seed: int = 1,
    hari_ini: dt.date | None = None,
    sekarang: dt.datetime | None = None,
    reset: bool = False,
    lewati_bila_ada: bool = False,
    muat_cepat: bool | None = None,
    cetak: Callable[[str], None] = print,
) -> Hasil:
    """Generate the bench kabupaten (see the module doc); return counts and timings."""
    from django.db import connection, transaction

    from pegawai.models import Instansi

    periksa_ukuran(connection.vendor, pegawai, bulan)
    hasil = Hasil()
    ada = Instansi.objects.filter(kode=KODE_INSTANSI).first()
    if ada is not None and not reset:
        if lewati_bila_ada:
            cetak(f"Data bench sudah ada ({ada.pegawai.count():,} pegawai); tidak diubah.")
            hasil.dilewati = True
            hasil.jumlah = hitung(ada)
            return hasil
        raise BenchGagal(
            f"Data bench sudah ada ({ada.pegawai.count():,} pegawai). Pakai --reset untuk "
            "membuat ulang, atau --lewati-bila-ada untuk memakainya."
        )
    mulai_semua = time.perf_counter()
    with transaction.atomic():
        if ada is not None:
            t = time.perf_counter()
            hapus_data_bench(ada, cetak)
            hasil.detik["reset"] = time.perf_counter() - t
        _isi(hasil, pegawai, bulan, seed, hari_ini, sekarang, muat_cepat, cetak)
        t = time.perf_counter()
    hasil.detik["commit"] = time.perf_counter() - t
    hasil.detik["total"] = time.perf_counter() - mulai_semua
    return hasil


def _isi(hasil, n_pegawai, bulan, seed, hari_ini, sekarang, muat_cepat, cetak) -> None:
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from aktivitas import rules as aturan
    from aktivitas.models import Aktivitas
    from aktivitas.selectors.pengaturan import pengaturan_kinerja
    from inti import partisi
    from kalender.selectors import hari_libur
    from pegawai.models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, UnitKerja
    from skp.models import EkspektasiPerilaku, IndikatorKinerja, RencanaHasilKerja, Skp
    from skp.services import penyusunan as layanan_skp

    from . import isi
    from .organisasi import bangun
    from .penulis import Penulis

    sekarang = sekarang or timezone.now()
    zona = ZoneInfo(settings.TIME_ZONE)
    hari_ini = hari_ini or sekarang.astimezone(zona).date()
    waktu = isi.Waktu(zona, min(sekarang, _akhir_hari(hari_ini, zona)))
    rnd = random.Random(seed)
    tulis = Penulis(cetak=cetak)
    kini = waktu.teks(waktu.hari_ini, waktu.menit_kini)

    def langkah(nama: str, model, kolom, baris, **kw) -> int:
        t = time.perf_counter()
        n = tulis.tulis(model, kolom, baris, **kw)
        hasil.detik[nama] = time.perf_counter() - t
        hasil.jumlah[nama] = n
        cetak(f"  {nama:<12} {n:>12,} baris  {hasil.detik[nama]:>7.1f} detik")
        return n

    cetak(
        f"Membuat kabupaten bench: {n_pegawai:,} pegawai, {bulan} bulan, seed {seed}, "
        f"basis data {connection.vendor} ({connection.settings_dict['NAME']})"
    )
    instansi = Instansi.objects.create(
        kode=KODE_INSTANSI,
        nama="Pemerintah Kabupaten Sukamakmur (bench)",
        jenis=Instansi.Jenis.KABUPATEN,
        kota="Sukamakmur",
        ppk_nama="Bupati Sukamakmur",
        ppk_jabatan="Bupati Sukamakmur",
        alamat="Jl. Bench No. 1, Sukamakmur",
    )
    pengaturan = pengaturan_kinerja(instansi.pk)
    t = time.perf_counter()
    org = bangun(
        n_pegawai,
        rnd,
        hari_ini.year,
        {
            "unit": tulis.id_awal(UnitKerja),
            "jabatan": tulis.id_awal(Jabatan),
            "pegawai": tulis.id_awal(Pegawai),
        },
    )
    hasil.detik["organisasi (memori)"] = time.perf_counter() - t
    langkah("unit_kerja", UnitKerja, isi.KOLOM_UNIT, isi.baris_unit(org, instansi.pk))
    langkah("jabatan", Jabatan, isi.KOLOM_JABATAN, isi.baris_jabatan(org, instansi.pk))
    sandi = make_password(SANDI_BENCH)  # once: hashing 8,000 times would take an hour
    langkah("pegawai", Pegawai, isi.KOLOM_PEGAWAI, isi.baris_pegawai(org, instansi.pk, sandi, kini))
    langkah("penugasan", Penugasan, isi.KOLOM_PENUGASAN, isi.baris_penugasan(org, kini))
    langkah("operator", OperatorUnit, isi.KOLOM_OPERATOR, isi.baris_operator(org, kini))

    admin = Pegawai.objects.get(pk=next(o.id for o in org.pegawai if o.admin))
    periode = layanan_skp.buka_periode(admin, instansi, hari_ini.year)
    info = isi.InstansiInfo(
        instansi.nama, instansi.kota, instansi.ppk_nama, instansi.ppk_jabatan, instansi.ppk_nip
    )
    t = time.perf_counter()
    rencana = isi.rencana_skp(
        org,
        isi.Periode(periode.pk, periode.mulai, periode.selesai),
        info,
        waktu,
        rnd,
        {"skp": tulis.id_awal(Skp), "rhk": tulis.id_awal(RencanaHasilKerja)},
    )
    hasil.detik["skp (memori)"] = time.perf_counter() - t
    langkah("skp", Skp, isi.KOLOM_SKP, rencana.skp)
    langkah("rhk", RencanaHasilKerja, isi.KOLOM_RHK, rencana.rhk)
    langkah("indikator", IndikatorKinerja, isi.KOLOM_INDIKATOR, rencana.indikator)
    langkah("perilaku", EkspektasiPerilaku, isi.KOLOM_PERILAKU, rencana.perilaku)

    awal = max(periode.mulai, mundur_bulan(hari_ini, bulan))
    n_terlambat = pengaturan.batas_hari_kerja_terlambat
    libur = hari_libur(instansi.pk, awal, hari_ini + dt.timedelta(days=90))
    hari = isi.hari_kerja(awal, hari_ini, libur)
    batas = {h: aturan.batas_entri(h, n_terlambat, libur) for h in hari}
    perkiraan = isi.perkiraan_aktivitas(n_pegawai, len(hari))
    cetak(
        f"  aktivitas: {len(hari)} hari kerja {awal:%d-%m-%Y}–{hari_ini:%d-%m-%Y}, "
        f"± {perkiraan:,} baris"
    )
    # Each month of the window gets its partition before the rows come (issue 13): a row of
    # a month with none would land in the default partition.  A no-op on SQLite.
    dibuat = partisi.siapkan(Aktivitas._meta.db_table, "tanggal", awal, hari_ini)
    if dibuat:
        cetak(f"  partisi aktivitas dibuat: {', '.join(f'{b:%Y-%m}' for b in dibuat)}")
    baris = isi.baris_aktivitas(
        isi.peserta(org, rencana), hari, batas, waktu, rnd, tulis.id_awal(Aktivitas)
    )
    laporan = max(100_000, perkiraan // 10)
    cepat = tulis.pg and (muat_cepat if muat_cepat is not None else perkiraan >= MUAT_CEPAT_MULAI)
    t = time.perf_counter()
    if cepat:
        with tulis.tanpa_indeks(Aktivitas):
            langkah("aktivitas", Aktivitas, isi.KOLOM_AKTIVITAS, baris, laporan_setiap=laporan)
        hasil.detik["aktivitas + indeks"] = time.perf_counter() - t
    else:
        langkah("aktivitas", Aktivitas, isi.KOLOM_AKTIVITAS, baris, laporan_setiap=laporan)
    tulis.setel_sequence([UnitKerja, Jabatan, Pegawai, Skp, RencanaHasilKerja, Aktivitas])
    hasil.jumlah["hari_kerja"] = len(hari)


def _akhir_hari(hari_ini: dt.date, zona) -> dt.datetime:
    return dt.datetime.combine(hari_ini, dt.time(23, 59), tzinfo=zona)


def hitung(instansi) -> dict[str, int]:
    """Counts of the bench data (for the summary and the test)."""
    from django.db.models import Count, Q

    from aktivitas.models import Aktivitas
    from pegawai.models import Jabatan, Pegawai, Penugasan, UnitKerja
    from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

    pegawai = Pegawai.objects.filter(instansi=instansi)
    akt = Aktivitas.objects.filter(pegawai__instansi=instansi).aggregate(
        semua=Count("pk"),
        menunggu=Count("pk", filter=Q(status="menunggu")),
        disetujui=Count("pk", filter=Q(status="disetujui")),
        dikembalikan=Count("pk", filter=Q(status="dikembalikan")),
        terlambat=Count("pk", filter=Q(terlambat=True)),
    )
    return {
        "pegawai": pegawai.count(),
        "unit_kerja": UnitKerja.objects.filter(instansi=instansi).count(),
        "jabatan": Jabatan.objects.filter(instansi=instansi).count(),
        "penugasan": Penugasan.objects.filter(pegawai__instansi=instansi).count(),
        "skp": Skp.objects.filter(pegawai__instansi=instansi).count(),
        "rhk": RencanaHasilKerja.objects.filter(skp__pegawai__instansi=instansi).count(),
        "indikator": IndikatorKinerja.objects.filter(rhk__skp__pegawai__instansi=instansi).count(),
        **{f"aktivitas_{k}" if k != "semua" else "aktivitas": v for k, v in akt.items()},
    }


def hapus_data_bench(instansi, cetak: Callable[[str], None] = print) -> None:
    """Delete everything generated for the bench instansi (and what benchmarks added)."""
    from django.contrib.admin.models import LogEntry
    from django.db import connection
    from django.db.models import Q

    from aktivitas.models import (
        Aktivitas,
        BuktiDukung,
        PengaturanKinerja,
        RealisasiBulanan,
        RencanaAksi,
        UmpanBalik,
    )
    from kalender.models import HariLibur
    from pegawai.models import (
        Instansi,
        Jabatan,
        OperatorUnit,
        Pegawai,
        Penugasan,
        Riwayat,
        UnitKerja,
    )
    from skp.models import (
        Dokumen,
        EkspektasiPerilaku,
        IndikatorKinerja,
        LampiranSkp,
        Periode,
        PustakaRhk,
        RencanaHasilKerja,
        Skp,
    )

    t = time.perf_counter()
    milik = {"pegawai__instansi": instansi}
    skp = {"skp__pegawai__instansi": instansi}
    sendiri = not Pegawai.objects.exclude(instansi=instansi).exists()
    q = connection.ops.quote_name
    if connection.vendor == "postgresql" and sendiri:
        # The database holds nothing else: TRUNCATE the big tables instead of deleting 5 M rows.
        tabel = [m._meta.db_table for m in (Aktivitas, BuktiDukung, Riwayat)]
        with connection.cursor() as cur:
            # Pending deferred FK checks block TRUNCATE (only inside a longer transaction).
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute(f"TRUNCATE {', '.join(q(n) for n in tabel)}")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
    langkah = [
        BuktiDukung.objects.filter(aktivitas__pegawai__instansi=instansi),
        Aktivitas.objects.filter(**milik),
        RealisasiBulanan.objects.filter(**skp),
        UmpanBalik.objects.filter(rhk__skp__pegawai__instansi=instansi),
        RencanaAksi.objects.filter(rhk__skp__pegawai__instansi=instansi),
        EkspektasiPerilaku.objects.filter(**skp),
        LampiranSkp.objects.filter(**skp),
        IndikatorKinerja.objects.filter(rhk__skp__pegawai__instansi=instansi),
        RencanaHasilKerja.objects.filter(**skp),
        Dokumen.objects.filter(**milik),
        Skp.objects.filter(**milik),
        PustakaRhk.objects.filter(jabatan__instansi=instansi),
        Riwayat.objects.filter(Q(pelaku__instansi=instansi) | Q(subjek__instansi=instansi)),
        Periode.objects.filter(instansi=instansi),
        Penugasan.objects.filter(**milik),
        OperatorUnit.objects.filter(**milik),
        Pegawai.groups.through.objects.filter(**milik),
        Pegawai.user_permissions.through.objects.filter(**milik),
        LogEntry.objects.filter(user__instansi=instansi),
        Pegawai.objects.filter(instansi=instansi),
        Jabatan.objects.filter(instansi=instansi),
        UnitKerja.objects.filter(instansi=instansi),
        PengaturanKinerja.objects.filter(instansi=instansi),
        HariLibur.objects.filter(instansi=instansi),
        Instansi.objects.filter(pk=instansi.pk),
    ]
    for qs in langkah:
        # _raw_delete: one DELETE … WHERE id IN (subquery) per table, no row-by-row collector.
        qs._raw_delete(qs.db)
    cetak(f"  data bench lama dihapus ({time.perf_counter() - t:.1f} detik)")


def ukuran_tabel() -> list[dict]:
    """Sizes of the big tables (PostgreSQL): total, heap, indexes, estimated rows, summed over
    the partitions of a partitioned table (and how many it has)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    from aktivitas.models import Aktivitas
    from pegawai.models import Pegawai, Penugasan, Riwayat
    from skp.models import EkspektasiPerilaku, IndikatorKinerja, RencanaHasilKerja, Skp

    nama = [
        m._meta.db_table
        for m in (
            Aktivitas,
            Pegawai,
            Penugasan,
            Skp,
            RencanaHasilKerja,
            IndikatorKinerja,
            EkspektasiPerilaku,
            Riwayat,
        )
    ]
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT c.relname, sum(pg_total_relation_size(t.relid))::bigint,
                   sum(pg_relation_size(t.relid))::bigint, sum(pg_indexes_size(t.relid))::bigint,
                   sum(greatest(k.reltuples, 0))::bigint, count(*)
            FROM pg_class c CROSS JOIN LATERAL pg_partition_tree(c.oid) t
            JOIN pg_class k ON k.oid = t.relid
            WHERE c.relname = ANY(%s) AND t.isleaf
            GROUP BY c.relname ORDER BY 2 DESC
            """,
            [nama],
        )
        return [
            {
                "tabel": r[0],
                "total_mb": round(r[1] / 2**20, 1),
                "data_mb": round(r[2] / 2**20, 1),
                "indeks_mb": round(r[3] / 2**20, 1),
                "baris_perkiraan": r[4],
                "partisi": r[5] if r[5] > 1 else 0,
            }
            for r in cur.fetchall()
        ]


def analyze(cetak: Callable[[str], None] = print) -> float:
    """VACUUM ANALYZE (visibility map for index-only scans, planner statistics), as
    autovacuum would have done long before a real table got this big."""
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cur:
        # The whole (dedicated) database: a --reset leaves dead rows in the small tables too.
        cur.execute("VACUUM (ANALYZE)")
    detik = time.perf_counter() - t
    cetak(f"  VACUUM ANALYZE: {detik:.1f} detik")
    return detik


# --- command line ---------------------------------------------------------------------------
def siapkan_database(cetak: Callable[[str], None] = print) -> None:
    """Create the PostgreSQL database of DATABASE_URL when missing, then migrate it."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise BenchGagal("--siapkan-database perlu DATABASE_URL PostgreSQL.")
    cfg = dj_database_url.parse(url)
    sambung = {
        "host": cfg["HOST"] or None,
        "port": cfg["PORT"] or None,
        "user": cfg["USER"],
        "password": cfg["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in sambung.items() if v is not None}) as conn:
        ada = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if not ada:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))
            cetak(f"Basis data {cfg['NAME']} dibuat.")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    cetak(f"Migrasi {cfg['NAME']} mutakhir.")


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("--pegawai", type=int, default=8000)
    p.add_argument("--bulan", type=int, default=12, help="bulan aktivitas sampai hari ini")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--hari-ini",
        type=dt.date.fromisoformat,
        default=None,
        help="tanggal 'hari ini' (bawaan: tanggal sekarang di zona instansi)",
    )
    p.add_argument("--reset", action="store_true", help="hapus data bench lama lebih dulu")
    p.add_argument(
        "--lewati-bila-ada",
        action="store_true",
        help="bila data bench sudah ada, pakai saja (tanpa galat)",
    )
    p.add_argument(
        "--siapkan-database",
        action="store_true",
        help="buat basis data PostgreSQL DATABASE_URL bila belum ada, lalu migrate",
    )
    p.add_argument("--tanpa-analyze", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

    def cetak(teks: str) -> None:
        print(teks, flush=True)

    try:
        if args.siapkan_database:
            siapkan_database(cetak)
        import django

        django.setup()
        hasil = buat_data(
            pegawai=args.pegawai,
            bulan=args.bulan,
            seed=args.seed,
            hari_ini=args.hari_ini,
            reset=args.reset,
            lewati_bila_ada=args.lewati_bila_ada,
            cetak=cetak,
        )
    except BenchGagal as e:
        print(f"bench.generate: {e}", file=sys.stderr)
        return 2
    if hasil.dilewati:
        return 0
    from pegawai.models import Instansi

    if not args.tanpa_analyze:
        from django.db import connection

        if connection.vendor == "postgresql":
            hasil.detik["vacuum_analyze"] = analyze(cetak)
    hasil.jumlah = {**hasil.jumlah, **hitung(Instansi.objects.get(kode=KODE_INSTANSI))}
    hasil.ukuran = ukuran_tabel()
    _laporkan(hasil, args, cetak)
    return 0


def _laporkan(hasil: Hasil, args: argparse.Namespace, cetak: Callable[[str], None]) -> None:
    cetak("\nJumlah:")
    for k, v in hasil.jumlah.items():
        cetak(f"  {k:<24} {v:>12,}")
    cetak("Waktu (detik):")
    for k, v in hasil.detik.items():
        cetak(f"  {k:<24} {v:>12.1f}")
    if hasil.ukuran:
        cetak("Ukuran tabel (MB): tabel / total / data / indeks / baris")
        for u in hasil.ukuran:
            cetak(
                f"  {u['tabel']:<32} {u['total_mb']:>9} {u['data_mb']:>9} "
                f"{u['indeks_mb']:>9} {u['baris_perkiraan']:>12,}"
            )
    HASIL_DIR.mkdir(exist_ok=True)
    berkas = HASIL_DIR / f"{dt.datetime.now():%Y%m%d-%H%M}-generate.json"
    berkas.write_text(
        json.dumps(
            {
                "argumen": {k: str(v) for k, v in vars(args).items()},
                "jumlah": hasil.jumlah,
                "detik": {k: round(v, 1) for k, v in hasil.detik.items()},
                "ukuran": hasil.ukuran,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    cetak(f"Ringkasan tersimpan: {berkas.relative_to(HASIL_DIR.parent.parent)}")


if __name__ == "__main__":
    sys.exit(main())
