"""Query plans of the real pages on the big table: ``python -m bench.kueri``.

Renders the pages in-process (Django test client, bench settings, the bench database),
captures the SQL they send, and runs ``EXPLAIN (ANALYZE, BUFFERS)`` on every SELECT that reads
``aktivitas_aktivitas``: the review queue (busiest and median atasan), the day, week and month
pages, home (which reads it no more: its counts come from the summary tables), and the entry
POST (inside a transaction that is rolled back).  Says which index each plan uses — the unique
``(pegawai, tanggal, kunci)`` for a pegawai's days and ``(penilai, status, pegawai, tanggal)``
for the queue — and which monthly partitions it reads (issue 13), and writes
``bench/hasil/<tanggal>-kueri.md``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HASIL_DIR = Path(__file__).resolve().parent / "hasil"
POLA_INDEKS = re.compile(
    r"(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? "
    r"(?:using|on) (\S+)"
)
POLA_SEQ = re.compile(r"Seq Scan on (\S+)")
# The activity table is partitioned by month (issue 13): the partitions a plan reads (the
# captured SQL carries its values, so pruning happens at planning and the rest are absent).
POLA_PARTISI = re.compile(r" on (aktivitas_aktivitas_(?:p\d{4}_\d{2}|default))\b")
MAKS_BARIS_RENCANA = 30


@dataclass
class Rencana:
    halaman: str
    sql: str
    ms_halaman: float
    ms_eksekusi: float  # EXPLAIN ANALYZE's own figure (its timing adds overhead)
    ms_kueri: float  # the plain query, best of three
    indeks: list[str]
    seq: list[str]
    teks: list[str] = field(default_factory=list)
    partisi: list[str] = field(default_factory=list)  # partitions the plan reads
    # The same query with random_page_cost = 1.1 (SSD), when it took more than a few ms.
    ms_ssd: float | None = None
    indeks_ssd: list[str] = field(default_factory=list)


def _select(sql: str) -> str | None:
    """The SELECT of a captured statement (iterator cursors come as DECLARE … FOR SELECT)."""
    cocok = re.match(r"DECLARE .*? CURSOR .*? FOR (SELECT .*)", sql, re.S)
    sql = cocok.group(1) if cocok else sql
    if not sql.startswith("SELECT") or "aktivitas_aktivitas" not in sql:
        return None
    return sql


def _indeks_kolom() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            ["aktivitas_aktivitas"],
        )
        return {n: re.search(r"\((.*)\)", d).group(1) for n, d in cur.fetchall()}


def _induk_indeks() -> dict[str, str]:
    """A partition's index → the table's index it belongs to (one name for every month)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT anak.relname, induk.relname FROM pg_inherits i
            JOIN pg_class anak ON anak.oid = i.inhrelid
            JOIN pg_class induk ON induk.oid = i.inhparent
            JOIN pg_index x ON x.indexrelid = i.inhparent
            WHERE x.indrelid = to_regclass('aktivitas_aktivitas')
            """
        )
        return dict(cur.fetchall())


def _jumlah_partisi() -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass(%s)",
            ["aktivitas_aktivitas"],
        )
        return int(cur.fetchone()[0])


def _explain(cur, sql: str, induk: dict[str, str]) -> tuple[float, list[str], list[str], list[str]]:
    cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
    teks = [r[0] for r in cur.fetchall()]
    eksekusi = next(
        (
            float(re.search(r"([\d.]+) ms", t).group(1))
            for t in teks
            if t.startswith("Execution Time")
        ),
        0.0,
    )
    gabung = "\n".join(teks)
    return (
        eksekusi,
        sorted({induk.get(m.group(2), m.group(2)) for m in POLA_INDEKS.finditer(gabung)}),
        sorted({m.group(1) for m in POLA_SEQ.finditer(gabung)}),
        teks,
    )


def _partisi_dibaca(teks: list[str]) -> list[str]:
    gabung = "\n".join(teks)
    return sorted({m.group(1) for m in POLA_PARTISI.finditer(gabung)})


def _waktu(cur, sql: str) -> float:
    terbaik = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        cur.execute(sql)
        cur.fetchall()
        terbaik = min(terbaik, (time.perf_counter() - t) * 1000)
    return terbaik


def jelaskan(
    halaman: str, tangkapan, ms_halaman: float, induk: dict[str, str] | None = None
) -> list[Rencana]:
    """``induk``: a partition's index name -> the table's index (:func:`_induk_indeks`)."""
    induk = induk or {}
    from django.db import connection

    hasil = []
    for q in tangkapan:
        sql = _select(q["sql"])
        if sql is None:
            continue
        with connection.cursor() as cur:
            eksekusi, indeks, seq, teks = _explain(cur, sql, induk)
            r = Rencana(halaman, sql, ms_halaman, eksekusi, _waktu(cur, sql), indeks, seq, teks)
            r.partisi = _partisi_dibaca(teks)
            if r.ms_kueri > 5:
                cur.execute("SET LOCAL random_page_cost = 1.1")
                r.ms_ssd = _waktu(cur, sql)
                _e, r.indeks_ssd, _s, _t = _explain(cur, sql, induk)
                cur.execute("RESET random_page_cost")
        hasil.append(r)
    return hasil


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from aktivitas.models import Aktivitas
    from pegawai.models import Pegawai
    from skp.models import Skp

    from .generate import KODE_INSTANSI

    if connection.vendor != "postgresql":
        print("bench.kueri: perlu PostgreSQL (DATABASE_URL).", file=sys.stderr)
        return 2
    induk = _induk_indeks()
    antre = list(
        Aktivitas.objects.filter(
            pegawai__instansi__kode=KODE_INSTANSI, status="menunggu", penilai__isnull=False
        )
        .values("penilai_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "penilai_id")
    )
    if not antre:
        print("bench.kueri: belum ada data bench.", file=sys.stderr)
        return 2
    sibuk, median = antre[0], antre[len(antre) // 2]
    hari_ini = timezone.localdate()
    skp = (
        Skp.objects.filter(
            pegawai__instansi__kode=KODE_INSTANSI, jabatan__jenis="pelaksana", status="ditetapkan"
        )
        .select_related("pegawai")
        .order_by("pk")[len(antre) // 2]
    )
    kemarin = hari_ini - dt.timedelta(days=3 if hari_ini.weekday() == 0 else 1)
    halaman = [
        (
            f"antrean tinjau, atasan tersibuk ({sibuk['n']} menunggu)",
            sibuk["penilai_id"],
            "GET",
            "/aktivitas/tinjau/",
            None,
        ),
        (
            f"antrean tinjau, atasan median ({median['n']} menunggu)",
            median["penilai_id"],
            "GET",
            "/aktivitas/tinjau/",
            None,
        ),
        (
            "halaman hari (daftar hari itu)",
            skp.pegawai_id,
            "GET",
            f"/aktivitas/?tanggal={kemarin.isoformat()}",
            None,
        ),
        (
            "halaman minggu",
            skp.pegawai_id,
            "GET",
            f"/aktivitas/minggu/?tanggal={kemarin.isoformat()}",
            None,
        ),
        ("halaman bulan", skp.pegawai_id, "GET", f"/aktivitas/bulan/?bulan={kemarin:%Y-%m}", None),
        ("beranda", skp.pegawai_id, "GET", "/", None),
        (
            "entri (POST biasa, di-rollback)",
            skp.pegawai_id,
            "POST",
            f"/aktivitas/?tanggal={kemarin.isoformat()}",
            {
                "tanggal": kemarin.isoformat(),
                "rhk": skp.rhk.values_list("pk", flat=True).first(),
                "jam_mulai": "23:50",
                "jam_selesai": "23:55",
                "uraian": "rencana kueri (bench)",
                "jumlah_output": "1",
                "satuan_output": "dokumen",
                "kunci": str(uuid.uuid4()),
            },
        ),
    ]
    rencana: list[Rencana] = []
    for judul, pegawai_id, metode, url, data in halaman:
        klien = Client(HTTP_HOST="127.0.0.1")
        klien.force_login(Pegawai.objects.get(pk=pegawai_id))
        panggil = klien.get if metode == "GET" else klien.post
        if metode == "GET":
            panggil(url)  # warm the caches once, like a page already visited
        with transaction.atomic():
            with CaptureQueriesContext(connection) as tangkap:
                t = time.perf_counter()
                resp = panggil(url, data) if data else panggil(url)
                ms = (time.perf_counter() - t) * 1000
            if resp.status_code >= 400:
                print(f"{judul}: HTTP {resp.status_code}", file=sys.stderr)
            rencana += jelaskan(
                f"{judul} — {len(tangkap)} kueri, {ms:.0f} ms", tangkap.captured_queries, ms, induk
            )
            transaction.set_rollback(True)
    _tulis(rencana, _indeks_kolom(), _jumlah_partisi())
    return 0


def _tulis(rencana: list[Rencana], kolom: dict[str, str], n_partisi: int = 0) -> None:
    baris = [
        f"# Rencana kueri pada aktivitas_aktivitas — {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        (
            f"Tabel dipartisi per bulan: {n_partisi} partisi (termasuk default); kolom "
            "'partisi dibaca' menyebut yang benar-benar dibaca rencana (sisanya dipangkas)."
            if n_partisi
            else "Tabel tanpa partisi."
        ),
        "",
        "| halaman | kueri ms | EXPLAIN ANALYZE ms | indeks (kolom) | partisi dibaca | seq scan "
        "| kueri ms dengan random_page_cost 1.1 |",
        "|---|---:|---:|---|---|---|---|",
    ]
    for r in rencana:
        indeks = ", ".join(f"{n} ({kolom.get(n, '?')})" for n in r.indeks) or "—"
        ssd = (
            "—"
            if r.ms_ssd is None
            else (f"{r.ms_ssd:.2f} ({', '.join(r.indeks_ssd) or 'tanpa indeks'})")
        )
        dibaca = (
            f"{len(r.partisi)}: "
            + ", ".join(p.removeprefix("aktivitas_aktivitas_") for p in r.partisi)
            if r.partisi
            else "—"
        )
        baris.append(
            f"| {r.halaman} | {r.ms_kueri:.2f} | {r.ms_eksekusi:.2f} | {indeks} | {dibaca} | "
            f"{', '.join(r.seq) or '—'} | {ssd} |"
        )
    baris.append("")
    for r in rencana:
        baris += [
            f"## {r.halaman}",
            "",
            "```sql",
            r.sql[:1500],
            "```",
            "",
            "```",
            *r.teks[:MAKS_BARIS_RENCANA],
            "```",
            "",
        ]
    HASIL_DIR.mkdir(exist_ok=True)
    berkas = HASIL_DIR / f"{dt.datetime.now():%Y%m%d-%H%M}-kueri.md"
    berkas.write_text("\n".join(baris) + "\n")
    print("\n".join(baris[: 6 + len(rencana)]))
    print(f"\nTersimpan: {berkas}")


if __name__ == "__main__":
    sys.exit(main())
