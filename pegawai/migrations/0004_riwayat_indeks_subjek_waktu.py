# Riwayat: the pegawai's history read from (subjek, waktu); the single-column indexes on subjek
# and content_type go, each covered by a composite that leads with it (docs/keputusan/0006).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('pegawai', '0003_sebagai_kuasa'),
    ]

    # The new index first: the profile's history is never without one (docs/keputusan/0006).
    operations = [
        migrations.AddIndex(
            model_name='riwayat',
            index=models.Index(fields=['subjek', 'waktu'], name='pegawai_riw_subjek__fab02e_idx'),
        ),
        migrations.AlterField(
            model_name='riwayat',
            name='content_type',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='riwayat',
            name='subjek',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='riwayat_tentang', to=settings.AUTH_USER_MODEL),
        ),
    ]
