"""Reads of the appraisal, scoped to the user where a user is involved.

``skp_wajib_dinilai`` and ``tanggal_penilaian`` are shared with notifikasi (reminders) and
pemantauan (dashboards): they define which SKP a window must rate and on which date the
pejabat penilai is determined.  Keep their signatures."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from skp.models import Skp

from .models import PeriodePenilaian


def skp_wajib_dinilai(pp: PeriodePenilaian) -> QuerySet[Skp]:
    """The SKPs that window ``pp`` must rate: the ditetapkan version of every SKP of the
    period whose validity overlaps the window (a pegawai who changed jabatan mid-window is
    rated on each SKP for its part; a superseded version is not rated, its revision is)."""
    return Skp.objects.filter(
        periode_id=pp.periode_id,
        status=Skp.Status.DITETAPKAN,
        mulai__lte=pp.selesai,
        selesai__gte=pp.mulai,
    )


def tanggal_penilaian(pp: PeriodePenilaian, skp: Skp) -> dt.date:
    """The date whose pejabat penilai rates ``skp`` in ``pp``: the end of the stretch rated
    (the window's end, or the SKP's end when it was cut earlier by a jabatan change)."""
    return min(pp.selesai, skp.selesai)
