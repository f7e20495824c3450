"""The static Celery beat schedule (issue 6: "worker + beat with a static schedule in settings").

Each app owns its own block below; times are in ``CELERY_TIMEZONE`` (Asia/Jakarta).
"""

from __future__ import annotations

import os
from datetime import timedelta

from celery.schedules import crontab

SAPU_DETIK = int(os.environ.get("EKINERJA_SAPU_DETIK") or 5)

CELERY_BEAT_SCHEDULE: dict = {
    # --- ekinerja ---
    "ekinerja-sapu": {
        # beat's tick, the outbox of tasks published while the broker was away, and the
        # catch-up after an outage (ekinerja/tasks.py); a sweep not run in time is dropped
        "task": "ekinerja.sapu",
        "schedule": timedelta(seconds=SAPU_DETIK),
        "options": {"expires": SAPU_DETIK},
    },
    "ekinerja-bersihkan-percobaan-masuk": {
        "task": "ekinerja.bersihkan_percobaan_masuk",
        "schedule": crontab(minute=45),
    },
    # --- aktivitas ---
    "aktivitas-siapkan-partisi": {
        # the activity table's monthly partitions, three months ahead (PostgreSQL; a no-op on
        # SQLite); at night, when no page waits on its short lock
        "task": "aktivitas.siapkan_partisi",
        "schedule": crontab(hour=0, minute=20),
    },
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
    # --- sinkron ---
    "sinkron-ambil-siasn": {
        # each configured SIASN source is fetched into a batch waiting for the admin's
        # approval (never applied by itself); before the night's dashboards
        "task": "sinkron.ambil_siasn",
        "schedule": crontab(hour=1, minute=0),
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
