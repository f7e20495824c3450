"""The activity table partitioned by month on ``tanggal`` (issue 13; docs/keputusan/0002).

PostgreSQL only: the table is copied into ``PARTITION BY RANGE (tanggal)`` with one partition
per month from its oldest row to three months ahead and a default partition, its indexes and
constraints carried over by name, and the names swapped, all in this migration's transaction
(the table is locked meanwhile: 5.5 M rows took 30 seconds on the bench, docs/operasi.md).  The
primary key becomes ``(id, tanggal)``; Django still sees ``id`` as the key (one sequence).
SQLite keeps a plain table.  The partitions after these are made by ``migrate`` (the
post_migrate hook of the aktivitas app) and by the daily beat task ``aktivitas.siapkan_partisi``.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

from inti import partisi

TABEL, KOLOM = "aktivitas_aktivitas", "tanggal"


def maju(apps, schema_editor):
    partisi.jadikan_berpartisi(schema_editor, TABEL, KOLOM, timezone.localdate())


def mundur(apps, schema_editor):
    partisi.jadikan_biasa(schema_editor, TABEL, KOLOM, timezone.localdate())


class Migration(migrations.Migration):

    dependencies = [
        ("aktivitas", "0007_antrean_per_pegawai"),
    ]

    operations = [
        # The only key that points at the table goes first (a key to a partitioned table
        # needs a unique key holding the date).
        migrations.AlterField(
            model_name="buktidukung",
            name="aktivitas",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="bukti",
                to="aktivitas.aktivitas",
            ),
        ),
        migrations.RunPython(maju, mundur, elidable=False),
    ]
