"""The activity table's monthly partitions kept ready (issue 13; docs/keputusan/0002).

Run by ``migrate`` (the app's post_migrate hook) and by the daily beat task
``aktivitas.siapkan_partisi``: the partitions of the current month and of
``inti.partisi.BULAN_DI_MUKA`` months after it exist, and any row the default partition
caught (an import of an old month, a clock gone wrong) is moved into its month's partition.
A no-op on SQLite, where the table is a plain table.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from inti import partisi

from ..models import Aktivitas

logger = logging.getLogger(__name__)

TABEL = Aktivitas._meta.db_table
KOLOM = "tanggal"


def siapkan_partisi(hari_ini: dt.date | None = None, using: str = "default") -> list[dt.date]:
    hari_ini = hari_ini or timezone.localdate()
    dibuat = partisi.siapkan(
        TABEL, KOLOM, hari_ini, partisi.tambah_bulan(hari_ini, partisi.BULAN_DI_MUKA), using
    )
    if dibuat:
        logger.info("Partisi %s dibuat: %s", TABEL, ", ".join(f"{b:%Y-%m}" for b in dibuat))
    return dibuat


def keadaan_partisi(hari_ini: dt.date | None = None, using: str = "default") -> partisi.Keadaan:
    return partisi.keadaan(TABEL, hari_ini or timezone.localdate(), using)


def analisis_partisi(using: str = "default") -> bool:
    """The statistics of the table as a whole (see :func:`inti.partisi.analisis`)."""
    return partisi.analisis(TABEL, using)
