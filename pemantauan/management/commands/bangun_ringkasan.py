"""``python manage.py bangun_ringkasan [--tahun 2026] [--instansi KODE]``: rebuild the
dashboards' summary tables from raw rows (nightly, after the demo data, in the bench)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from pegawai.models import Instansi, Riwayat
from pemantauan import services
from pemantauan.models import TandaRingkasan
from skp.services import penyusunan as skp_services


class Command(BaseCommand):
    help = "Bangun ulang tabel ringkasan dasbor pemantauan dari data mentah."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, help="Bawaan: tahun berjalan.")
        parser.add_argument("--instansi", help="Kode instansi (bawaan: semua).")

    def handle(self, *args, **options):
        hari_ini = skp_services.hari_ini()
        tahun = options["tahun"] or hari_ini.year
        instansi_id = None
        if options["instansi"]:
            instansi = Instansi.objects.filter(kode=options["instansi"]).first()
            if instansi is None:
                raise CommandError(f"Instansi {options['instansi']} tidak ada.")
            instansi_id = instansi.pk
        mulai = time.perf_counter()
        maks = Riwayat.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        n = services.bangun_ringkasan(tahun, instansi_id=instansi_id, hari_ini=hari_ini)
        if tahun == hari_ini.year and instansi_id is None:
            # Everything up to now is in: the incremental update starts from here.
            TandaRingkasan.objects.update_or_create(
                nama=services.TANDA, defaults={"riwayat_id": maks, "tanggal": hari_ini}
            )
        detik = time.perf_counter() - mulai
        self.stdout.write(f"Ringkasan {tahun}: {n} baris dibangun ({detik:.1f} d).")
