"""``migrate`` under a PostgreSQL advisory lock.

Several web containers started together (``docker compose up --scale web=3``) would otherwise
run the same migrations at once.  The lock is held by this session only, so it disappears if
the process dies.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

KUNCI_MIGRASI = 736_501  # any constant shared by every replica


def main() -> None:
    pakai_kunci = connection.vendor == "postgresql"
    if pakai_kunci:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", [KUNCI_MIGRASI])
    try:
        call_command("migrate", interactive=False)
    finally:
        if pakai_kunci:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", [KUNCI_MIGRASI])


if __name__ == "__main__":
    main()
