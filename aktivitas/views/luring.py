"""Answers to the day page's offline queue (static/js/luring.js, docs/luring.md).

The queue posts an entry to the normal day-page endpoint, with the same form fields, files
and idempotency key, plus the header ``X-Antrean-Luring: 1``.  For such a post the view
answers JSON instead of a page: the activity's id when it is stored (or was stored by an
earlier attempt whose answer was lost), or 422 with the messages of each refused field, which
the queue keeps beside the entry for the user to fix or discard.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse

from aktivitas.models import Aktivitas

HEADER = "X-Antrean-Luring"


def dari_antrean(request: HttpRequest) -> bool:
    """Is this post an entry sent by the offline queue?"""
    return request.headers.get(HEADER) == "1"


def jawab_tersimpan(aktivitas: Aktivitas, dibuat: bool) -> JsonResponse:
    """The entry is on the server (``dibuat`` False: an earlier attempt had stored it)."""
    return JsonResponse(
        {"id": aktivitas.pk, "dibuat": dibuat, "tanggal": aktivitas.tanggal.isoformat()}
    )


def jawab_ditolak(form: forms.BaseForm) -> JsonResponse:
    """422 with, per refused field, its label and messages (the form's top errors: label "")."""
    galat = []
    for nama, pesan in form.errors.items():
        label = str(form.fields[nama].label) if nama in form.fields else ""
        galat.append({"kolom": nama if nama in form.fields else "", "label": label, "pesan": pesan})
    return JsonResponse({"galat": galat}, status=422)
