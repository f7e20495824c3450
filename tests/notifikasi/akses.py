"""Authorization rules for the notifikasi URLs (merged into tests/test_matriks_akses.py)."""

from __future__ import annotations

from tests.akses import Aturan

ATURAN: dict[str, Aturan] = {}


def siapkan(org) -> None:
    """Add the objects the notifikasi rules point at to the matrix's ``org``."""
