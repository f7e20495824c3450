"""Authorization rules of "atasan saya salah" (merged into tests/test_matriks_akses.py).

The report form is the staf's SKP's (the owner and his unit's operator; a foreign SKP is 404);
the queue and the answer page are the admin instansi's (and the superuser's)."""

from __future__ import annotations

from skp.models import LaporanAtasan
from tests.akses import HANYA_ADMIN, Aturan, masuk_dulu, skp

UBAH_SKP = masuk_dulu(asn=200, atasan=403, operator=200, admin=403, superuser=403, lain=404)

ATURAN: dict[str, Aturan] = {
    "skp_laporan_atasan": Aturan(HANYA_ADMIN),
    "skp_laporan_atasan_buat": Aturan(UBAH_SKP, kwargs=skp),
    "skp_laporan_atasan_jawab": Aturan(
        HANYA_ADMIN, kwargs=lambda org: {"pk": org.laporan_atasan_staf.pk}
    ),
}


def siapkan(org) -> None:
    org.laporan_atasan_staf = LaporanAtasan.objects.create(
        pelapor=org.staf, instansi=org.instansi, skp=org.skp_staf, catatan="Atasan saya salah"
    )
