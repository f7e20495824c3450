"""Authorization rules for the akun URLs (merged into tests/test_matriks_akses.py).

``force_login`` stands for a session past both login steps (tests/conftest.py); what a
session still owing the second step may reach is tested in tests/akun/test_wajib_dua_langkah.py.
"""

from __future__ import annotations

from akun.models import SesiPengguna
from tests.akses import HANYA_ADMIN, PERAN, SEMUA_MASUK, Aturan, masuk_dulu, staf

SEMUA = PERAN[1:]

ATURAN: dict[str, Aturan] = {
    "akun_dua_langkah": Aturan(SEMUA_MASUK),
    "akun_dua_langkah_setel": Aturan(SEMUA_MASUK),
    # Already past the step: both pages send him on.
    "akun_dua_langkah_verifikasi": Aturan(masuk_dulu(**dict.fromkeys(SEMUA, 302))),
    "akun_dua_langkah_pemulihan": Aturan(masuk_dulu(**dict.fromkeys(SEMUA, 302))),
    # Nobody here has an app: no recovery codes to renew; nothing to turn off (no code given).
    "akun_dua_langkah_kode_baru": Aturan(masuk_dulu(**dict.fromkeys(SEMUA, 403))),
    "akun_dua_langkah_matikan": Aturan(masuk_dulu(**dict.fromkeys(SEMUA, 400)), metode="post"),
    "akun_riwayat": Aturan(SEMUA_MASUK),
    "akun_sesi": Aturan(SEMUA_MASUK),
    # The staf's own session: only he may end it; for anyone else it does not exist.
    "akun_sesi_akhiri": Aturan(
        masuk_dulu(asn=200, atasan=404, operator=404, admin=404, superuser=404, lain=404),
        kwargs=lambda org: {"pk": org.sesi_staf.pk},
    ),
    "akun_riwayat_instansi": Aturan(HANYA_ADMIN),
    "akun_riwayat_pegawai": Aturan(HANYA_ADMIN, kwargs=staf),
    "akun_dua_langkah_reset": Aturan(HANYA_ADMIN, kwargs=staf),
    "akun_pengaturan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
    ),
}


def siapkan(org) -> None:
    """Add the objects the akun rules point at to the matrix's ``org``."""
    org.sesi_staf = SesiPengguna.objects.create(pegawai=org.staf, kunci_sesi="matriks-sesi-staf")
