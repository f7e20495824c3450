"""Authorization rules for the notifikasi URLs (merged into tests/test_matriks_akses.py)."""

from __future__ import annotations

from notifikasi.models import Jenis, Notifikasi
from tests.akses import SEMUA_MASUK, Aturan, masuk_dulu

ATURAN: dict[str, Aturan] = {
    "notifikasi_daftar": Aturan(SEMUA_MASUK),
    # Only the recipient (the staf) may mark his notification; anyone else gets 404.
    "notifikasi_baca": Aturan(
        masuk_dulu(asn=302, atasan=404, operator=404, admin=404, superuser=404, lain=404),
        kwargs=lambda org: {"pk": org.notifikasi_staf.pk},
        metode="post",
    ),
    "notifikasi_baca_semua": Aturan(
        masuk_dulu(asn=302, atasan=302, operator=302, admin=302, superuser=302, lain=302),
        metode="post",
    ),
}


def siapkan(org) -> None:
    """Add the objects the notifikasi rules point at to the matrix's ``org``."""
    org.notifikasi_staf = Notifikasi.objects.create(
        penerima=org.staf, jenis=Jenis.MANUAL, kunci="matriks", judul="Uji"
    )
