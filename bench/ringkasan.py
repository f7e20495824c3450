"""Build the dashboards' summary tables for the generated kabupaten and time it:
``python -m bench.ringkasan`` (after ``bench.generate``, before ``bench.beban``).

Writes ``bench/hasil/<tanggal>-ringkasan.json``: rows, seconds, rows of activities read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

HASIL_DIR = Path(__file__).resolve().parent / "hasil"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from aktivitas.models import Aktivitas

    if connection.vendor != "postgresql":
        raise SystemExit("bench.ringkasan: DATABASE_URL harus PostgreSQL (lihat bench/README.md).")
    mulai = time.perf_counter()
    call_command("bangun_ringkasan")
    detik = time.perf_counter() - mulai
    from pemantauan.models import RingkasanPegawaiBulan

    with connection.cursor() as cur:
        cur.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [Aktivitas._meta.db_table]
        )
        aktivitas = cur.fetchone()[0]
    hasil = {
        "waktu": dt.datetime.now().isoformat(timespec="seconds"),
        "baris_ringkasan": RingkasanPegawaiBulan.objects.count(),
        "aktivitas_baris": aktivitas,
        "detik": round(detik, 1),
        "cpu": os.cpu_count(),
    }
    HASIL_DIR.mkdir(exist_ok=True)
    berkas = HASIL_DIR / f"{dt.datetime.now():%Y%m%d-%H%M}-ringkasan.json"
    berkas.write_text(json.dumps(hasil, indent=2) + "\n")
    print(f"Ringkasan dibangun: {hasil}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
