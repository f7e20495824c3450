# ruff: noqa: S608 - every statement here is DDL on table and column names from code (quoted);
# the values (dates, bounds) are bound parameters.
"""Monthly range partitions of a PostgreSQL table (issue 13; docs/keputusan/0002).

A partitioned table has one partition per month, named ``<table>_pYYYY_MM``, plus a default
partition ``<table>_default`` that catches a row whose month has no partition yet (it holds
nothing in normal use: the partitions are made ahead by ``migrate`` and by a daily beat
task, and :func:`siapkan` moves any row the default caught into its month's partition).

Everything here is plain SQL on the catalogue, with no model import: a migration may call
it.  On SQLite (and on a table that is not partitioned) the functions do nothing and say
so — the table stays a plain table there.

A new month's partition is made as a table of its own and then *attached*: ``ATTACH
PARTITION`` takes a ``SHARE UPDATE EXCLUSIVE`` lock on the parent (pages keep reading and
writing), where ``CREATE TABLE … PARTITION OF`` would take an ``ACCESS EXCLUSIVE`` one; and
the DDL waits at most ``BATAS_KUNCI`` for its locks, so that a long transaction makes the
task fail (and retry) rather than queue every page behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connections, transaction

BULAN_DI_MUKA = 3  # partitions kept ready after the current month
BATAS_KUNCI = "5s"
POLA_BATAS = re.compile(r"FROM \('(\d{4}-\d{2}-\d{2})'\) TO \('(\d{4}-\d{2}-\d{2})'\)")


def awal_bulan(tanggal: dt.date) -> dt.date:
    return tanggal.replace(day=1)


def tambah_bulan(tanggal: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``tanggal``'s month."""
    indeks = tanggal.year * 12 + tanggal.month - 1 + n
    return dt.date(indeks // 12, indeks % 12 + 1, 1)


def rentang_bulan(dari: dt.date, sampai: dt.date) -> list[dt.date]:
    """The first days of every month from ``dari``'s month to ``sampai``'s, both included."""
    bulan, akhir, hasil = awal_bulan(dari), awal_bulan(sampai), []
    while bulan <= akhir:
        hasil.append(bulan)
        bulan = tambah_bulan(bulan, 1)
    return hasil


def nama_partisi(tabel: str, bulan: dt.date) -> str:
    return f"{tabel}_p{bulan:%Y_%m}"


def nama_default(tabel: str) -> str:
    return f"{tabel}_default"


@dataclass(frozen=True)
class Keadaan:
    """What the health check and the status page tell about one table."""

    tabel: str
    berpartisi: bool
    bulan: tuple[dt.date, ...] = ()  # the months that have a partition, oldest first
    baris_default: int = 0  # rows the default partition holds (counted up to a bound)
    bulan_di_muka: int = 0  # complete months ready after the current one

    @property
    def ok(self) -> bool:
        return not self.berpartisi or (
            self.baris_default == 0 and self.bulan_di_muka >= BULAN_DI_MUKA
        )


def _pg(using: str) -> bool:
    return connections[using].vendor == "postgresql"


def berpartisi(tabel: str, using: str = "default") -> bool:
    if not _pg(using):
        return False
    with connections[using].cursor() as cur:
        cur.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s))",
            [tabel],
        )
        return bool(cur.fetchone()[0])


def daftar_bulan(tabel: str, using: str = "default") -> list[dt.date]:
    """The months that have a partition (read from the partitions' bounds, not their names)."""
    with connections[using].cursor() as cur:
        cur.execute(
            """
            SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s)
            """,
            [tabel],
        )
        bulan = []
        for (batas,) in cur.fetchall():
            cocok = POLA_BATAS.search(batas or "")
            if cocok:
                bulan.append(dt.date.fromisoformat(cocok.group(1)))
        return sorted(bulan)


def hitung_default(tabel: str, using: str = "default", batas: int = 100_000) -> int:
    """The rows in the default partition, counted up to ``batas`` (it should be empty, and a
    health check must stay cheap even when it is not)."""
    q = connections[using].ops.quote_name
    with connections[using].cursor() as cur:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {q(nama_default(tabel))} LIMIT %s) AS d"
        cur.execute(sql, [batas])
        return int(cur.fetchone()[0])


def keadaan(tabel: str, hari_ini: dt.date, using: str = "default") -> Keadaan:
    if not berpartisi(tabel, using):
        return Keadaan(tabel=tabel, berpartisi=False)
    bulan = daftar_bulan(tabel, using)
    ada = set(bulan)
    di_muka, berikut = 0, tambah_bulan(hari_ini, 1)
    while berikut in ada:
        di_muka += 1
        berikut = tambah_bulan(berikut, 1)
    return Keadaan(
        tabel=tabel,
        berpartisi=True,
        bulan=tuple(bulan),
        baris_default=hitung_default(tabel, using),
        bulan_di_muka=di_muka,
    )


def _bulan_di_default(cur, tabel: str, kolom: str, q) -> list[dt.date]:
    bulan = f"date_trunc('month', {q(kolom)})::date"
    cur.execute(f"SELECT DISTINCT {bulan} FROM {q(nama_default(tabel))} ORDER BY 1")
    return [r[0] for r in cur.fetchall()]


def _ddl(cur, sql: str, params: list) -> None:
    """A DDL statement with values: PostgreSQL binds no parameter in DDL, so the values are
    written into the statement by the driver's own quoting (the connections bind parameters
    on the server: docs/operasi.md, "Pernyataan siap")."""
    cur.execute(cur.db.ops.compose_sql(sql, params))


def _buat_satu(cur, tabel: str, kolom: str, bulan: dt.date, q) -> None:
    """One month's partition: a table of its own, the default's rows of that month moved into
    it, then attached (see the module doc for the locks)."""
    nama, akhir = nama_partisi(tabel, bulan), tambah_bulan(bulan, 1)
    cur.execute(f"SET LOCAL lock_timeout = '{BATAS_KUNCI}'")
    cur.execute(
        f"CREATE TABLE {q(nama)} (LIKE {q(tabel)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
        "INCLUDING STORAGE)"
    )
    # The partition's bound as a CHECK first: ATTACH then need not scan the new table.
    _ddl(
        cur,
        f"ALTER TABLE {q(nama)} ADD CONSTRAINT {q(nama + '_batas')} "
        f"CHECK ({q(kolom)} IS NOT NULL AND {q(kolom)} >= %s AND {q(kolom)} < %s)",
        [bulan, akhir],
    )
    hapus = (
        f"DELETE FROM {q(nama_default(tabel))} WHERE {q(kolom)} >= %s AND {q(kolom)} < %s "
        "RETURNING *"
    )
    sql = f"WITH pindah AS ({hapus}) INSERT INTO {q(nama)} SELECT * FROM pindah"
    cur.execute(sql, [bulan, akhir])
    _ddl(
        cur,
        f"ALTER TABLE {q(tabel)} ATTACH PARTITION {q(nama)} FOR VALUES FROM (%s) TO (%s)",
        [bulan, akhir],
    )
    cur.execute(f"ALTER TABLE {q(nama)} DROP CONSTRAINT {q(nama + '_batas')}")


def siapkan(
    tabel: str,
    kolom: str,
    dari: dt.date,
    sampai: dt.date,
    using: str = "default",
) -> list[dt.date]:
    """Make the partitions of every month from ``dari`` to ``sampai`` that are missing, and of
    every month the default partition caught rows of (moving them); one transaction per month,
    so a long run holds no lock for long.  Returns the months made (none on SQLite)."""
    if not berpartisi(tabel, using):
        return []
    conn = connections[using]
    q = conn.ops.quote_name
    ada = set(daftar_bulan(tabel, using))
    with conn.cursor() as cur:
        tertangkap = _bulan_di_default(cur, tabel, kolom, q)
    perlu = sorted((set(rentang_bulan(dari, sampai)) | set(tertangkap)) - ada)
    for bulan in perlu:
        with transaction.atomic(using=using), conn.cursor() as cur:
            _buat_satu(cur, tabel, kolom, bulan, q)
    return perlu


def analisis(tabel: str, using: str = "default") -> bool:
    """``ANALYZE`` the partitioned table: autovacuum analyzes each partition but never the
    parent, whose statistics plan every query that is not pruned to one month (the review
    queue).  PostgreSQL 15 refreshes the partitions' own statistics in the same pass."""
    if not berpartisi(tabel, using):
        return False
    with connections[using].cursor() as cur:
        cur.execute(f"ANALYZE {connections[using].ops.quote_name(tabel)}")
    return True


# --- turning a plain table into a partitioned one (and back), for a migration ------------------


def indeks_dan_batasan(cur, tabel: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The table's indexes that back no constraint (name, definition) and its unique and
    foreign-key constraints (name, definition), unique ones first (a foreign key re-added
    after them finds its keys).  Also used by the bench's bulk load (bench/penulis.py)."""
    cur.execute(
        """
        SELECT c.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = to_regclass(%s) AND NOT EXISTS (
            SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid
              AND k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
        ORDER BY c.relname
        """,
        [tabel],
    )
    indeks = cur.fetchall()
    cur.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = to_regclass(%s) AND contype IN ('u', 'f') ORDER BY contype DESC, conname
        """,
        [tabel],
    )
    return indeks, cur.fetchall()


_POLA_ON = re.compile(r" ON (ONLY )?\S+ USING ")


def indeks_untuk(definisi: str, tabel_dikutip: str) -> str:
    """An index definition (``pg_get_indexdef``) rewritten for ``tabel_dikutip`` as a whole:
    a partitioned table's own definition reads ``ON ONLY`` (the parent alone, left invalid);
    built on the table, the index reaches every partition."""
    return _POLA_ON.sub(f" ON {tabel_dikutip} USING ", definisi, count=1)


def _yang_menunjuk(cur, tabel: str) -> list[str]:
    cur.execute(
        "SELECT conname || ' (' || conrelid::regclass::text || ')' FROM pg_constraint "
        "WHERE confrelid = to_regclass(%s) AND contype = 'f'",
        [tabel],
    )
    return [r[0] for r in cur.fetchall()]


def _ganti_tabel(schema_editor, tabel: str, kolom: str, partisi: bool, hari_ini: dt.date) -> None:
    """Copy ``tabel`` into a new table of the same columns, partitioned by month on ``kolom``
    (or plain), carry over its indexes and constraints by name, and swap the names; ``id``
    keeps its values and a sequence continues them.  Runs inside the migration's transaction."""
    q = schema_editor.quote_name
    lama = f"{tabel}_lama"
    with schema_editor.connection.cursor() as cur:
        menunjuk = _yang_menunjuk(cur, tabel)
        if menunjuk:
            # A foreign key to a partitioned table needs a unique key holding the partition
            # column; the keys that point here are made db_constraint=False first.
            raise RuntimeError(
                f"{tabel} masih ditunjuk kunci asing: {', '.join(menunjuk)}; "
                "jadikan db_constraint=False lebih dahulu."
            )
        indeks, batasan = indeks_dan_batasan(cur, tabel)
        # Rows written earlier in this transaction hold deferred key checks, and PostgreSQL
        # drops no table with pending trigger events: run them now (deferred again below).
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute(f"SELECT min({q(kolom)}), max(id) FROM {q(tabel)}")
        tertua, id_maks = cur.fetchone()
        cur.execute(f"ALTER TABLE {q(tabel)} RENAME TO {q(lama)}")
        cur.execute(
            f"CREATE TABLE {q(tabel)} (LIKE {q(lama)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
            "INCLUDING STORAGE INCLUDING COMMENTS)"
            + (f" PARTITION BY RANGE ({q(kolom)})" if partisi else "")
        )
        # id's default (an identity or a sequence) belongs to the old table: dropped with it.
        cur.execute(f"ALTER TABLE {q(tabel)} ALTER COLUMN id DROP DEFAULT")
        if partisi:
            cur.execute(f"CREATE TABLE {q(nama_default(tabel))} PARTITION OF {q(tabel)} DEFAULT")
            for bulan in rentang_bulan(tertua or hari_ini, tambah_bulan(hari_ini, BULAN_DI_MUKA)):
                _ddl(
                    cur,
                    f"CREATE TABLE {q(nama_partisi(tabel, bulan))} PARTITION OF {q(tabel)} "
                    "FOR VALUES FROM (%s) TO (%s)",
                    [bulan, tambah_bulan(bulan, 1)],
                )
        cur.execute(f"INSERT INTO {q(tabel)} SELECT * FROM {q(lama)}")
        cur.execute(f"DROP TABLE {q(lama)}")  # with its partitions, when it had them
        # The keys and indexes after the data: one sorted build each instead of a row-by-row
        # insert.  A partitioned table's primary key must hold the partition column.
        kunci = f"id, {q(kolom)}" if partisi else "id"
        pk = q(tabel + "_pkey")
        cur.execute(f"ALTER TABLE {q(tabel)} ADD CONSTRAINT {pk} PRIMARY KEY ({kunci})")
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for nama, definisi in batasan:
            cur.execute(f"ALTER TABLE {q(tabel)} ADD CONSTRAINT {q(nama)} {definisi}")
        for _nama, definisi in indeks:
            cur.execute(indeks_untuk(definisi, q(tabel)))
        cur.execute("SET CONSTRAINTS ALL DEFERRED")
        urutan = f"{tabel}_id_seq"
        if partisi:
            # No identity column on a partitioned table before PostgreSQL 17: a sequence owned
            # by the column (Django finds it with pg_get_serial_sequence, as for a serial).
            cur.execute(f"CREATE SEQUENCE {q(urutan)} AS bigint OWNED BY {q(tabel)}.id")
            _ddl(cur, f"ALTER TABLE {q(tabel)} ALTER COLUMN id SET DEFAULT nextval(%s)", [urutan])
            if id_maks:
                cur.execute("SELECT setval(%s, %s)", [urutan, id_maks])
        else:
            cur.execute(
                f"ALTER TABLE {q(tabel)} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY "
                f"(SEQUENCE NAME {q(urutan)} START WITH {int(id_maks or 0) + 1})"
            )


def jadikan_berpartisi(schema_editor, tabel: str, kolom: str, hari_ini: dt.date) -> None:
    """Partition ``tabel`` by month on ``kolom`` (PostgreSQL; a no-op elsewhere), with the
    months from its oldest row to ``BULAN_DI_MUKA`` after ``hari_ini`` and a default."""
    if schema_editor.connection.vendor == "postgresql" and not berpartisi(
        tabel, schema_editor.connection.alias
    ):
        _ganti_tabel(schema_editor, tabel, kolom, partisi=True, hari_ini=hari_ini)


def jadikan_biasa(schema_editor, tabel: str, kolom: str, hari_ini: dt.date) -> None:
    """The way back: one plain table again (PostgreSQL; a no-op elsewhere)."""
    if berpartisi(tabel, schema_editor.connection.alias):
        _ganti_tabel(schema_editor, tabel, kolom, partisi=False, hari_ini=hari_ini)
