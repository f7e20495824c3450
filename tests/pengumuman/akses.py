"""Authorization rules for announcements and declared outages (issue 16; merged into
tests/test_matriks_akses.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kalender.models import GangguanLayanan
from pengumuman.models import Pengumuman
from tests.akses import HANYA_ADMIN, Aturan, pk, semua

ATURAN: dict[str, Aturan] = {
    "pengumuman_daftar": Aturan(HANYA_ADMIN),
    "pengumuman_baru": Aturan(HANYA_ADMIN),
    # The instansi's announcement: its admin and the superuser; no one else.
    "pengumuman_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.pengumuman)),
    "pengumuman_akhiri": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.pengumuman)),
    # Closing a banner only touches one's own session (the login page's too).
    "pengumuman_tutup": Aturan(semua(302), kwargs=pk(lambda o: o.pengumuman), metode="post"),
    "gangguan_daftar": Aturan(HANYA_ADMIN),
    "gangguan_hapus": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.gangguan)),
}


def siapkan(org) -> None:
    sekarang = timezone.now()
    org.pengumuman = Pengumuman.objects.create(
        instansi=org.instansi,
        jenis=Pengumuman.Jenis.PENGUMUMAN,
        isi="Uji",
        mulai=sekarang - dt.timedelta(hours=1),
        selesai=sekarang + dt.timedelta(days=1),
        dibuat_oleh=org.admin,
    )
    org.gangguan = GangguanLayanan.objects.create(
        instansi=org.instansi,
        mulai=dt.date(2026, 3, 2),
        selesai=dt.date(2026, 3, 3),
        alasan="Server mati",
        dicatat_oleh=org.admin,
    )
