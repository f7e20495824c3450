"""Authorization rules for the notifikasi URLs (merged into tests/test_matriks_akses.py)."""

from __future__ import annotations

import datetime as dt

from kalender.models import HariLibur
from notifikasi.models import Jenis, Notifikasi
from tests.akses import HANYA_ADMIN, SEMUA_MASUK, Aturan, masuk_dulu

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
    "notifikasi_preferensi": Aturan(SEMUA_MASUK),
    "notifikasi_pengaturan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
    ),
    # The workday calendar (aktivitas app, built with the reminders).
    "libur_daftar": Aturan(HANYA_ADMIN),
    "libur_templat": Aturan(HANYA_ADMIN),
    "libur_impor": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=400, superuser=400, lain=403),
        metode="post",
    ),
    "libur_hapus": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=404, lain=403),
        kwargs=lambda org: {"pk": org.libur_instansi.pk},
        metode="post",
    ),
}


def siapkan(org) -> None:
    """Add the objects the notifikasi rules point at to the matrix's ``org``."""
    org.libur_instansi = HariLibur.objects.create(
        tanggal=dt.date(2026, 8, 1),
        nama="HUT Kabupaten",
        jenis="libur_daerah",
        instansi=org.instansi,
    )
    org.notifikasi_staf = Notifikasi.objects.create(
        penerima=org.staf, jenis=Jenis.MANUAL, kunci="matriks", judul="Uji"
    )
