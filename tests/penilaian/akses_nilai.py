"""Authorization rules for one area of the penilaian URLs (merged by akses.py)."""

from __future__ import annotations

from tests.akses import Aturan

ATURAN: dict[str, Aturan] = {}


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
