# The (pegawai, tanggal) index is covered by the unique key (pegawai, tanggal, kunci), which the
# partitioned table's plans already chose (bench/hasil, issue 13): one index less per insert.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('aktivitas', '0008_partisi_bulanan'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='aktivitas',
            name='aktivitas_a_pegawai_d8f766_idx',
        ),
    ]
