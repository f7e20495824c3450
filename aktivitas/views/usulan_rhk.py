"""Work outside the SKP (issue 17 §5): the one-click "usulkan RHK tambahan" of an activity.

Thin: the activity through the scoped selector (a foreign id answers 404), the service checks
the right (403) and says what keeps it from proposing (a message), then the SKP page where the
proposed RHK waits for its indicator and the submission to the atasan.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aktivitas.selectors.harian import get_aktivitas
from aktivitas.services.usulan_rhk import usulkan_rhk_tambahan


@login_required
@require_POST
def usulkan_rhk(request: HttpRequest, pk: int) -> HttpResponse:
    aktivitas = get_aktivitas(request.user, pk)
    try:
        rhk = usulkan_rhk_tambahan(request.user, aktivitas)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        params = {"tanggal": aktivitas.tanggal.isoformat()}
        if aktivitas.pegawai_id != request.user.pk:
            params["pegawai"] = aktivitas.pegawai_id
        return redirect(reverse("aktivitas_harian") + "?" + urlencode(params))
    messages.success(
        request,
        _(
            "RHK tambahan diusulkan dari aktivitas ini. Periksa teksnya, tambahkan indikator, "
            "lalu ajukan SKP agar disetujui atasan."
        ),
    )
    return redirect(reverse("skp_detail", args=[rhk.skp_id]) + f"#rhk-{rhk.pk}")
