# Notifikasi: no single-column index on penerima, covered by (penerima, dibaca_pada) and the
# unique (penerima, jenis, kunci) (docs/keputusan/0006).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifikasi', '0004_eskalasi'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='notifikasi',
            name='penerima',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='notifikasi', to=settings.AUTH_USER_MODEL),
        ),
    ]
