"""The static Celery beat schedule (issue 6: "worker + beat with a static schedule in settings").

Each app owns its own block below; times are in ``CELERY_TIMEZONE`` (Asia/Jakarta).
"""

from __future__ import annotations

from celery.schedules import crontab  # noqa: F401

CELERY_BEAT_SCHEDULE: dict = {
    # --- notifikasi ---
    # --- pemantauan ---
}
