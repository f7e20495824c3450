"""HariLibur moves here from the aktivitas app without touching its table.

The state gains the model (with its old table name); the database is left as it is. The
content type of the old model is renamed, so history rows that point at a holiday keep
pointing at it. ``aktivitas.0004`` then drops the model from the aktivitas state.
"""

import django.db.models.deletion
from django.db import migrations, models


def pindahkan_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="aktivitas", model="harilibur").update(
        app_label="kalender"
    )


def kembalikan_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="kalender", model="harilibur").update(
        app_label="aktivitas"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("aktivitas", "0003_bukti_realisasi"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pegawai", "0001_awal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HariLibur",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("tanggal", models.DateField(verbose_name="tanggal")),
                        ("nama", models.CharField(max_length=200, verbose_name="keterangan")),
                        (
                            "jenis",
                            models.CharField(
                                choices=[
                                    ("libur_nasional", "Libur nasional"),
                                    ("cuti_bersama", "Cuti bersama"),
                                    ("libur_daerah", "Libur daerah"),
                                ],
                                max_length=20,
                                verbose_name="jenis",
                            ),
                        ),
                        (
                            "instansi",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="hari_libur",
                                to="pegawai.instansi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hari libur",
                        "verbose_name_plural": "hari libur",
                        "db_table": "aktivitas_harilibur",
                        "ordering": ["tanggal"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("tanggal", "instansi"),
                                name="hari_libur_unik",
                                nulls_distinct=False,
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(pindahkan_content_type, kembalikan_content_type),
    ]
