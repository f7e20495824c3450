"""Bump the cached organisation data (roles, rating chains) when the organisation changes.

What every page reads about a user — his operator units, his subordinates, the chain of who
rates him — is cached under the version ``"organisasi"`` (``inti.cache_versi``).  Any save or
delete of a unit, a jabatan, an assignment, an operator assignment or a pegawai's own data
bumps it (``inti.cache_versi.berubah``: at once and again on commit).  A
login's ``last_login`` is no change of the organisation.  Bulk writes bypass these signals:
the import calls :func:`organisasi_berubah` itself.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from inti.cache_versi import berubah

from .models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, UnitKerja

VERSI = "organisasi"
_BUKAN_ORGANISASI = frozenset({"last_login", "password"})


def organisasi_berubah() -> None:
    berubah(VERSI)


def _berubah(sender, instance, **kwargs) -> None:
    kolom = kwargs.get("update_fields")
    if sender is Pegawai and kolom and set(kolom) <= _BUKAN_ORGANISASI:
        return
    organisasi_berubah()


for _model in (Instansi, UnitKerja, Jabatan, Pegawai, Penugasan, OperatorUnit):
    post_save.connect(_berubah, sender=_model, dispatch_uid=f"organisasi-{_model.__name__}")
    post_delete.connect(_berubah, sender=_model, dispatch_uid=f"organisasi-hapus-{_model.__name__}")
