"""HariLibur now belongs to the kalender app (see kalender.0001): drop it from this app's
state only; the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("aktivitas", "0003_bukti_realisasi"),
        ("kalender", "0001_awal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="HariLibur")],
            database_operations=[],
        ),
    ]
