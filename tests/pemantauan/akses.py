"""Authorization rules for the pemantauan URLs (merged into tests/test_matriks_akses.py).

Monitoring is for the admin instansi (and the superuser), operators and atasan; a plain ASN
and a pegawai of another instansi without subordinates get 403.  A unit outside the scope
is 404 (tested in tests/pemantauan/test_cakupan_dasbor.py)."""

from __future__ import annotations

from tests.akses import Aturan, masuk_dulu

PEMANTAU = masuk_dulu(asn=403, atasan=200, operator=200, admin=200, superuser=200, lain=403)
# Nothing selected: back to the list with a message (the sending itself is tested apart).
PENGINGAT = masuk_dulu(asn=403, atasan=302, operator=302, admin=302, superuser=302, lain=403)


def _jenis(jenis):
    return lambda org: {"jenis": jenis}


ATURAN: dict[str, Aturan] = {
    "pemantauan_dasbor": Aturan(PEMANTAU),
    "pemantauan_beban": Aturan(PEMANTAU),
    "pemantauan_rincian": Aturan(PEMANTAU, kwargs=_jenis("hari_kosong")),
    "pemantauan_pengingat": Aturan(PENGINGAT, kwargs=_jenis("hari_kosong"), metode="post"),
    # Issue 17 §3: each penilai's timeliness (monitoring scope), his waiting items (the
    # kasi: himself, his unit's operator, the admin; 404 otherwise), and the atasan's list of
    # subordinates who have not reviewed (an atasan only).
    "pemantauan_ketepatan": Aturan(PEMANTAU),
    "pemantauan_ketepatan_rincian": Aturan(
        masuk_dulu(asn=404, atasan=200, operator=200, admin=200, superuser=200, lain=404),
        kwargs=lambda org: {"pk": org.kasi.pk},
    ),
    "pemantauan_eskalasi": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=403)
    ),
}


def siapkan(org) -> None:
    """The rules need no object beyond the matrix's ``org``."""
