"""Celery tasks of the notifikasi app: thin, idempotent wrappers over services.

Every task may run twice or be retried: the unique ``Notifikasi`` key and the e-mail
outbox claimed with ``SKIP LOCKED`` make that harmless.
"""

from __future__ import annotations

from celery import shared_task

OPSI = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": False,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 180,
}


@shared_task(name="notifikasi.proses_riwayat", **OPSI)
def proses_riwayat(self) -> int:
    from notifikasi.services.kirim import proses_riwayat as jalankan

    return jalankan()


@shared_task(name="notifikasi.kirim_email", **OPSI)
def kirim_email(self) -> int:
    from notifikasi.services.kirim import kirim_email_antre

    return kirim_email_antre()


@shared_task(name="notifikasi.pengingat_aktivitas", **OPSI)
def pengingat_aktivitas(self, sekarang: str | None = None) -> int:
    """``sekarang`` (ISO date-time) only for replays and tests; beat passes nothing."""
    import datetime as dt

    from django.utils import timezone

    from notifikasi.services.kirim import ingatkan_aktivitas_kosong

    waktu = None
    if sekarang:
        waktu = dt.datetime.fromisoformat(sekarang)
        if timezone.is_naive(waktu):
            waktu = timezone.make_aware(waktu)
    return ingatkan_aktivitas_kosong(waktu)


@shared_task(name="notifikasi.pengingat_harian", **OPSI)
def pengingat_harian(self, tanggal: str | None = None) -> dict[str, int]:
    """The daily deadline rules (realisation, pending reviews, SKP, appraisal windows).
    ``tanggal`` (ISO date) only for replays and tests; beat passes nothing."""
    import datetime as dt

    from notifikasi.services import pengingat as s

    hari = dt.date.fromisoformat(tanggal) if tanggal else None
    return {
        "realisasi": s.ingatkan_realisasi(hari),
        "tinjauan": s.ingatkan_tinjauan_tertunda(hari),
        "eskalasi": s.ingatkan_eskalasi_tinjauan(hari),
        "skp": s.ingatkan_skp(hari),
        "penilaian": s.ingatkan_penilaian(hari),
        "umpan_balik_rekan": s.ingatkan_umpan_balik_rekan(hari),
    }
