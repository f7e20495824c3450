"""Bulk writing for the generator: ``COPY`` on PostgreSQL, batched ``INSERT`` on SQLite.

Rows are tuples in the order of the given columns; every other column of the model gets
its default (computed once), so a field added later with a default does not break the
generator.  Ids are given explicitly (children need their parents' ids before anything is
written); :meth:`Penulis.setel_sequence` moves the sequences past them afterwards.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connections, models
from django.db.models import Max
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from inti import partisi

Cetak = Callable[[str], None]


class Penulis:
    def __init__(self, using: str = "default", cetak: Cetak | None = None) -> None:
        self.conn = connections[using]
        self.pg = self.conn.vendor == "postgresql"
        self.cetak = cetak or (lambda _teks: None)
        self.kini = timezone.now()

    def id_awal(self, model: type[models.Model]) -> int:
        return (model.objects.using(self.conn.alias).aggregate(m=Max("pk"))["m"] or 0) + 1

    # --- writing ----------------------------------------------------------------------------
    def tulis(
        self,
        model: type[models.Model],
        kolom: Sequence[str],
        baris: Iterable[tuple],
        *,
        laporan_setiap: int = 0,
    ) -> int:
        """Write ``baris`` into ``model``'s table; return the number of rows."""
        per_attname = {f.attname: f for f in model._meta.concrete_fields}
        diberi = [per_attname[k] for k in kolom]
        lain = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in kolom and not isinstance(f, AutoFieldMixin)
        ]
        bidang = diberi + lain
        ekor = tuple(self._bawaan(f) for f in lain)
        tabel = self.conn.ops.quote_name(model._meta.db_table)
        nama_kolom = ", ".join(self.conn.ops.quote_name(f.column) for f in bidang)
        mulai = time.perf_counter()
        if self.pg:
            n = self._copy(tabel, nama_kolom, bidang, diberi, ekor, baris, laporan_setiap, mulai)
        else:
            n = self._insert(tabel, nama_kolom, bidang, ekor, baris)
        return n

    def _copy(self, tabel, nama_kolom, bidang, diberi, ekor, baris, laporan_setiap, mulai) -> int:
        ekor = tuple(_untuk_pg(f, v) for f, v in zip(bidang[len(diberi) :], ekor, strict=True))
        json_idx = [i for i, f in enumerate(diberi) if isinstance(f, models.JSONField)]
        n = 0
        with self.conn.cursor() as cur, cur.copy(f"COPY {tabel} ({nama_kolom}) FROM STDIN") as cp:
            tulis = cp.write_row
            for row in _dengan_json(baris, json_idx):
                tulis(row + ekor if ekor else row)
                n += 1
                if laporan_setiap and n % laporan_setiap == 0:
                    detik = time.perf_counter() - mulai
                    self.cetak(f"    {n:>12,} baris  {n / detik:>10,.0f} baris/detik")
        return n

    def _insert(self, tabel, nama_kolom, bidang, ekor, baris) -> int:
        tanda = ", ".join(["%s"] * len(bidang))
        sql = f"INSERT INTO {tabel} ({nama_kolom}) VALUES ({tanda})"
        n, kumpulan = 0, []
        with self.conn.cursor() as cur:
            for row in baris:
                kumpulan.append(
                    tuple(
                        f.get_db_prep_save(f.to_python(v), self.conn)
                        for f, v in zip(bidang, row + ekor, strict=True)
                    )
                )
                if len(kumpulan) >= 2000:
                    cur.executemany(sql, kumpulan)
                    n += len(kumpulan)
                    kumpulan.clear()
            if kumpulan:
                cur.executemany(sql, kumpulan)
                n += len(kumpulan)
        return n

    def _bawaan(self, f: models.Field):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.kini
        return f.get_default()

    def setel_sequence(self, daftar: Iterable[type[models.Model]]) -> None:
        """Move the id sequences past the explicit ids (PostgreSQL; SQLite does it itself)."""
        with self.conn.cursor() as cur:
            for sql in self.conn.ops.sequence_reset_sql(no_style(), list(daftar)):
                cur.execute(sql)

    # --- the big table --------------------------------------------------------------------
    @contextmanager
    def tanpa_indeks(self, model: type[models.Model]) -> Iterator[None]:
        """Load a big table without its secondary indexes, unique and foreign-key constraints,
        then rebuild them from their own definitions (PostgreSQL, inside the transaction).

        Keeping them would cost a random B-tree insert per index per row and, since Django's
        foreign keys are DEFERRABLE INITIALLY DEFERRED, one queued trigger event per key per
        row.  Re-adding the constraints validates every row, so the data is checked anyway.
        """
        tabel = model._meta.db_table
        with self.conn.cursor() as cur:
            indeks, batasan = partisi.indeks_dan_batasan(cur, tabel)
            q = self.conn.ops.quote_name
            # Rows written earlier in this transaction hold deferred FK checks, and PostgreSQL
            # refuses ALTER TABLE on a table with pending trigger events: run them now.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for nama, _definisi in batasan:
                cur.execute(f"ALTER TABLE {q(tabel)} DROP CONSTRAINT {q(nama)}")
            for nama, _definisi in indeks:
                cur.execute(f"DROP INDEX {q(nama)}")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
        self.cetak(f"  {len(indeks)} indeks dan {len(batasan)} batasan {tabel} dilepas sementara")
        yield
        with self.conn.cursor() as cur:
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for nama, definisi in indeks:
                t = time.perf_counter()
                # on the whole table: every partition of a partitioned one (issue 13)
                cur.execute(partisi.indeks_untuk(definisi, q(tabel)))
                self.cetak(f"  indeks {nama}: {time.perf_counter() - t:.1f} detik")
            # Unique first (indeks_dan_batasan's order): re-adding the foreign keys needs none.
            for nama, definisi in batasan:
                t = time.perf_counter()
                cur.execute(f"ALTER TABLE {q(tabel)} ADD CONSTRAINT {q(nama)} {definisi}")
                self.cetak(f"  batasan {nama}: {time.perf_counter() - t:.1f} detik")


def _untuk_pg(f: models.Field, v):
    if isinstance(f, models.JSONField) and v is not None:
        return json.dumps(v)
    return v


def _dengan_json(baris: Iterable[tuple], json_idx: list[int]) -> Iterable[tuple]:
    if not json_idx:
        return baris
    return (
        tuple(json.dumps(v) if i in json_idx and v is not None else v for i, v in enumerate(r))
        for r in baris
    )
