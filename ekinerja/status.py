"""The admin's status page: what /readyz tells, for a person (issue 22).

The platform's state — database, broker and its queues, the workers answering a ping,
beat's last tick and the outbox of tasks waiting for the broker — is the same for every
instansi and names nobody, so every admin instansi and the superuser may read it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pegawai.permissions import peran

from .health import laporan


@never_cache
@login_required
def status_layanan(request: HttpRequest) -> HttpResponse:
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
    data = laporan(batas_ping=1.0)
    beat = data["beat"]
    detak = parse_datetime(beat["detak_terakhir"]) if beat.get("detak_terakhir") else None
    return render(request, "ekinerja/status.html", {"data": data, "detak": detak})
