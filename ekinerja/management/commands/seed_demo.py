"""``manage.py seed_demo``: the demo kabupaten (Pemerintah Kabupaten Sukamaju) and its logins.

It lives in the project package because it loads every app's demo data (organisation,
then planning); the apps themselves never import each other upwards.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ekinerja.demo import organisasi as demo
from ekinerja.demo.pemantauan import muat_demo_pemantauan
from ekinerja.demo.penilaian import muat_demo_penilaian
from ekinerja.demo.skp import muat_demo_skp
from pegawai.services import organisasi as pegawai_services
from pegawai.sinyal import organisasi_berubah


class Command(BaseCommand):
    help = (
        "Mengisi data demo Pemerintah Kabupaten Sukamaju (unit, jabatan, lebih dari 80 pegawai, "
        "Plt, Plh, operator, admin instansi) lalu mencetak akun demo. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="Izinkan walau DEBUG=false (akun demo memakai kata sandi yang diketahui umum).",
        )

    def handle(self, *args, **options):
        # Demo accounts share a published password: never create them by accident in production.
        if not settings.DEBUG and not options["paksa"]:
            raise CommandError(
                "DEBUG=false: akun demo memakai kata sandi yang diketahui umum. "
                "Tambahkan --paksa bila memang untuk server demo."
            )
        mulai = time.perf_counter()
        # The demo's assignments come before any activity: nothing to re-route, so the
        # assignment listeners would only fill the task queue (hundreds of no-op tasks that
        # `make run`'s worker then drains before the first reminder).
        pendengar = list(pegawai_services.PENDENGAR_PENUGASAN)
        pegawai_services.PENDENGAR_PENUGASAN.clear()
        try:
            hasil = demo.muat_demo()
        finally:
            pegawai_services.PENDENGAR_PENUGASAN.extend(pendengar)
            organisasi_berubah()  # the seed writes pegawai in bulk, past the signals
        skp_dibuat = muat_demo_skp()
        skp_dibuat += muat_demo_penilaian()  # evaluation windows and a few ratings
        skp_dibuat += muat_demo_pemantauan()  # activities (if none yet), then the summaries
        detik = time.perf_counter() - mulai
        if hasil.ada_perubahan:
            rincian = ", ".join(f"{n} {jenis}" for jenis, n in hasil.dibuat.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Data demo dibuat: {rincian} ({detik:.1f} d)."))
        elif not skp_dibuat:
            self.stdout.write(f"Data demo sudah lengkap; tidak ada yang diubah ({detik:.1f} d).")
        if skp_dibuat:
            self.stdout.write(self.style.SUCCESS("Data SKP demo dibuat: " + ", ".join(skp_dibuat)))
        self.stdout.write("")
        self._cetak_akun()

    def _cetak_akun(self) -> None:
        baris = [("Peran", "NIP", "Nama", "Jabatan / keterangan")]
        for akun, pegawai, jabatan in demo.akun_demo():
            nama = pegawai.nama_lengkap if pegawai else "-"
            ket = "; ".join(x for x in (jabatan, akun.catatan) if x)
            baris.append((akun.peran, akun.nip, nama, ket))
        lebar = [max(len(b[i]) for b in baris) for i in range(3)]
        for i, (peran, nip, nama, ket) in enumerate(baris):
            self.stdout.write(
                f"{peran:<{lebar[0]}}  {nip:<{lebar[1]}}  {nama:<{lebar[2]}}  {ket}".rstrip()
            )
            if i == 0:
                self.stdout.write("  ".join("-" * n for n in [*lebar, 20]))
        self.stdout.write("")
        self.stdout.write(f"Kata sandi semua akun demo: {demo.DEMO_SANDI}")
