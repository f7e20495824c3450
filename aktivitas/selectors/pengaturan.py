"""The instansi's performance settings, read once and cached until they change.

Every entry, day page and evidence upload needs them (the late-entry limit, the realisation
deadline, the evidence size limit); they change a few times a year.  Cached under the version
``"pengaturan-kinerja"``, which ``aktivitas.sinyal`` bumps when a settings row is saved."""

from __future__ import annotations

from aktivitas.models import PengaturanKinerja
from inti.cache_versi import ambil

VERSI = "pengaturan-kinerja"


def pengaturan_kinerja(instansi_id: int | None) -> PengaturanKinerja:
    """The instansi's settings, or the defaults (unsaved) when it has none.  Read only: the
    object is shared by every reader of the cache, never save it."""
    if instansi_id is None:
        return PengaturanKinerja()
    return ambil(VERSI, str(instansi_id), lambda: _baca(instansi_id))


def _baca(instansi_id: int) -> PengaturanKinerja:
    ada = PengaturanKinerja.objects.filter(instansi_id=instansi_id).first()
    return ada or PengaturanKinerja(instansi_id=instansi_id)
