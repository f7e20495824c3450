"""Celery tasks of the pegawai app: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="pegawai.kirim_tautan_reset_sandi",
    bind=True,
    acks_late=True,
    # SMTP errors are OSErrors: a mail server that is down is tried again, nothing else is.
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def kirim_tautan_reset_sandi(self, nip: str, domain: str, protokol: str, bahasa: str) -> int:
    """The reset e-mail of a NIP, if it belongs to an active pegawai with an e-mail address.

    Run twice (an outbox resend), it sends one more link at most, within the hourly limit.
    """
    from pegawai.services.reset_sandi import kirim_tautan_reset

    return kirim_tautan_reset(
        nip,
        domain=domain,
        protokol=protokol,
        bahasa=bahasa,
        hitung_batas=self.request.retries == 0,
    )
