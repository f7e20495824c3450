"""The static Celery beat schedule (issue 6: "worker + beat with a static schedule in settings").

Each app owns its own block below; times are in ``CELERY_TIMEZONE`` (Asia/Jakarta).
"""

from __future__ import annotations

from celery.schedules import crontab  # noqa: F401

CELERY_BEAT_SCHEDULE: dict = {
    # --- notifikasi ---
    "notifikasi-proses-riwayat": {
        "task": "notifikasi.proses_riwayat",
        "schedule": crontab(minute="*"),
    },
    "notifikasi-kirim-email": {
        "task": "notifikasi.kirim_email",
        "schedule": crontab(minute="*"),
    },
    "notifikasi-pengingat-aktivitas": {
        # hourly on weekdays; each instansi's own hour and holidays are checked by the rule
        "task": "notifikasi.pengingat_aktivitas",
        "schedule": crontab(minute=5, hour="7-21", day_of_week="mon-fri"),
    },
    "notifikasi-pengingat-harian": {
        # realisation, pending reviews, SKP and appraisal deadlines: once a day, early
        "task": "notifikasi.pengingat_harian",
        "schedule": crontab(minute=15, hour=7),
    },
    # --- pemantauan ---
    "pemantauan-perbarui-ringkasan": {
        "task": "pemantauan.perbarui_ringkasan",
        "schedule": crontab(minute="*/5"),
    },
    "pemantauan-bangun-ringkasan-malam": {
        "task": "pemantauan.bangun_ringkasan",
        "schedule": crontab(hour=1, minute=30),
    },
}
