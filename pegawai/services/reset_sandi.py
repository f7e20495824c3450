"""The "forgot my kata sandi" e-mail: asked for on the request path, sent by a worker.

The page must tell nothing about a NIP (docs/operasi.md, "Header keamanan"): the request
does the same work for every well-formed NIP — it queues :func:`kirim_tautan_reset` and
answers — so neither the page, its status nor its timing says whether the NIP exists,
has an e-mail address or is still active.  Looking the pegawai up, the per-NIP limit and
the SMTP conversation all happen in the Celery worker.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pegawai.models import Pegawai
from pegawai.services.antrean import kirim_tugas

TEMPLATE_SUBJEK = "emails/reset_sandi_subjek.txt"
TEMPLATE_TEKS = "emails/reset_sandi.txt"
TEMPLATE_HTML = "emails/reset_sandi.html"


def minta_tautan_reset(nip: str, *, domain: str, protokol: str, bahasa: str) -> None:
    """The request path: queue the e-mail for any NIP, existing or not, and nothing else.

    Published at once (asking for a link writes nothing, so there is no commit to wait for);
    when the broker is away the task waits in the outbox like any other, for every NIP alike.
    """
    from pegawai.tasks import kirim_tautan_reset_sandi

    kirim_tugas(kirim_tautan_reset_sandi, nip, domain, protokol, bahasa)


def _penerima(nip: str):
    """Who may get a link: active, with an e-mail address.  Unlike Django's default, also a
    pegawai whose password was never set: the link is how a newly registered pegawai with an
    e-mail chooses his first password."""
    return Pegawai.objects.filter(nip=nip, is_active=True).exclude(email="")


def _boleh_kirim(nip: str) -> bool:
    """At most a few reset e-mails per NIP an hour, so nobody can flood a colleague's inbox.

    Counted in the shared cache (Redis in production) by the worker.
    """
    kunci = f"akun:reset:{hashlib.sha256(nip.encode()).hexdigest()[:40]}"
    cache.add(kunci, 0, timeout=60 * 60)
    try:
        return cache.incr(kunci) <= getattr(settings, "EKINERJA_RESET_BATAS_PER_JAM", 3)
    except ValueError:  # expired between add and incr
        return True


def kirim_tautan_reset(
    nip: str, *, domain: str, protokol: str, bahasa: str, hitung_batas: bool = True
) -> int:
    """Send the one-time link to the pegawai with this NIP, if there is one; the number sent.

    ``hitung_batas`` is False on a retry after a failed SMTP attempt, so that a flaky mail
    server does not use up the hourly limit.
    """
    terkirim = 0
    for pegawai in _penerima(nip):
        if hitung_batas and not _boleh_kirim(nip):
            break
        konteks = {
            "email": pegawai.email,
            "domain": domain,
            "uid": urlsafe_base64_encode(force_bytes(pegawai.pk)),
            "user": pegawai,
            "token": default_token_generator.make_token(pegawai),
            "protocol": protokol,
            "nama_aplikasi": settings.EKINERJA_NAMA_APLIKASI,
            "berlaku_jam": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
        }
        with translation.override(bahasa):
            # One line: a header must not contain newlines.
            subjek = "".join(render_to_string(TEMPLATE_SUBJEK, konteks).splitlines())
            pesan = EmailMultiAlternatives(
                subjek, render_to_string(TEMPLATE_TEKS, konteks), to=[pegawai.email]
            )
            pesan.attach_alternative(render_to_string(TEMPLATE_HTML, konteks), "text/html")
        pesan.send()
        terkirim += 1
    return terkirim
