"""Celery queues by kind of work (issue 13; docs/operasi.md, "Antrean per jenis tugas").

Each queue gets its own worker service in docker-compose.yml, scaled on its own
(``docker compose up -d --scale worker-dokumen=3``): a month-end burst of PDF documents
does not hold the reminders, and a long nightly import does not hold anything else.
A worker started without ``-Q`` (``make run``) consumes every queue.

Every task is named here (tests/skala/test_antrean.py fails on a task with no queue): a new
task must choose one.  Pure data, no Django import: settings, tests and scripts read it.
"""

from __future__ import annotations

BAWAAN = "celery"  # Celery's default queue: small, urgent or housekeeping tasks
PENGINGAT = "pengingat"  # reminders, notifications and their e-mail
DOKUMEN = "dokumen"  # signed PDF documents (SKP, evaluasi)
RINGKASAN = "ringkasan"  # the dashboards' summary tables
IMPOR = "impor"  # imports and synchronisation from outside (SIASN)

SEMUA = (BAWAAN, PENGINGAT, DOKUMEN, RINGKASAN, IMPOR)

RUTE: dict[str, str] = {
    "notifikasi.pengingat_aktivitas": PENGINGAT,
    "notifikasi.pengingat_harian": PENGINGAT,
    "notifikasi.proses_riwayat": PENGINGAT,
    "notifikasi.kirim_email": PENGINGAT,
    "skp.tasks.buat_dokumen_skp": DOKUMEN,
    "penilaian.tasks.buat_dokumen_evaluasi": DOKUMEN,
    "pemantauan.perbarui_ringkasan": RINGKASAN,
    "pemantauan.bangun_ringkasan": RINGKASAN,
    "sinkron.ambil_siasn": IMPOR,
    # The default queue: the outbox sweep and beat's tick, login housekeeping, the password
    # reset link (someone is waiting for it), the rating-chain refresh after a move, the activity
    # table's partitions made ahead.
    "ekinerja.sapu": BAWAAN,
    "ekinerja.bersihkan_percobaan_masuk": BAWAAN,
    "pegawai.kirim_tautan_reset_sandi": BAWAAN,
    "aktivitas.tasks.perbarui_penilai": BAWAAN,
    "aktivitas.siapkan_partisi": BAWAAN,
}
