"""Authorization rules for the API token pages (merged into tests/test_matriks_akses.py).

The REST endpoints under ``api/v1/`` answer tokens, not sessions: their matrix is
tests/api/test_otorisasi_api.py (every endpoint × every kind of token)."""

from __future__ import annotations

from api.services import token as services_token
from tests.akses import Aturan, masuk_dulu

ATURAN: dict[str, Aturan] = {
    "api_token": Aturan(
        masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=200)
    ),
    # The instansi's service tokens: its admin only (not the platform's superuser).
    "api_token_layanan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
    ),
    # The staf's own token: only he may revoke it; for anyone else it does not exist.
    "api_token_cabut": Aturan(
        masuk_dulu(asn=200, atasan=404, operator=404, admin=404, superuser=404, lain=404),
        kwargs=lambda org: {"pk": org.token_staf.pk},
    ),
}


def siapkan(org) -> None:
    """Add the objects the token rules point at to the matrix's ``org``."""
    org.token_staf = services_token.buat_token_pribadi(
        org.staf, "matriks", "baca", 30, wajib_dua_langkah=False, dua_langkah_lolos=True
    ).token
