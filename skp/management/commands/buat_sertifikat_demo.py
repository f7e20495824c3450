"""``manage.py buat_sertifikat_demo``: demo CAs and signing certificates for signed documents.

One certificate per instansi in the database (``<kode>.p12`` in ``EKINERJA_SIGN_P12_DIR``,
subject O = the instansi's name), so that each instansi's documents are sealed in its own
name, and the single certificate ``EKINERJA_SIGN_P12`` used for an instansi without one.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inti import tanda_tangan
from pegawai.models import Instansi


class Command(BaseCommand):
    help = (
        "Membuat CA demo dan sertifikat penanda tangan dokumen: satu untuk setiap instansi "
        "(<kode>.p12 di EKINERJA_SIGN_P12_DIR, bawaan: folder EKINERJA_SIGN_P12), atas nama "
        "instansi itu, dan satu sertifikat cadangan di EKINERJA_SIGN_P12 untuk instansi yang "
        "belum punya; masing-masing beserta sertifikat CA dalam PEM di sebelahnya. Hanya untuk "
        "percobaan: bukan sertifikat elektronik tersertifikasi. Sertifikat yang sudah ada tidak "
        "diubah, kecuali dengan --paksa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--instansi",
            metavar="KODE",
            help="Hanya sertifikat instansi ini (dan sertifikat cadangan bila belum ada).",
        )
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="Timpa sertifikat yang sudah ada (dokumen lama tetap sah terhadap CA lama).",
        )

    def handle(self, *args, **options):
        paksa = options["paksa"]
        if options["instansi"]:
            instansi = Instansi.objects.filter(kode=options["instansi"]).first()
            if instansi is None:
                raise CommandError(f"Instansi dengan kode {options['instansi']!r} tidak ditemukan.")
            daftar = [instansi]
            # The fallback is named after this instansi when it is first made, never replaced
            # here: --paksa with --instansi renews that instansi's certificate only.
            nama_cadangan, timpa_cadangan = instansi.nama, False
        else:
            daftar = list(Instansi.objects.order_by("kode"))
            # With several instansi the fallback belongs to none of them: it carries the name
            # of the application, and a document sealed with it logs a warning.
            nama_cadangan = daftar[0].nama if len(daftar) == 1 else settings.EKINERJA_NAMA_APLIKASI
            timpa_cadangan = paksa
        for instansi in daftar:
            self._buat(
                tanda_tangan.lokasi_p12_instansi(instansi.kode),
                tanda_tangan.sandi_p12(instansi.kode),
                instansi.nama,
                paksa=paksa,
                untuk=f"instansi {instansi.kode}",
            )
        self._buat(
            tanda_tangan.lokasi_p12(),
            tanda_tangan.sandi_p12(),
            nama_cadangan,
            paksa=timpa_cadangan,
            untuk="cadangan (EKINERJA_SIGN_P12)",
        )
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG=false: sertifikat demo bukan sertifikat elektronik tersertifikasi. "
                    "Untuk produksi pasang sertifikat instansi (lihat docs/tanda-tangan.md)."
                )
            )

    def _buat(self, p12: Path, sandi: bytes | None, nama: str, *, paksa: bool, untuk: str):
        if p12.exists() and not paksa:
            self.stdout.write(
                f"Sertifikat {untuk} sudah ada di {p12}; tidak ada yang diubah "
                "(--paksa untuk menimpa)."
            )
            return
        hasil = tanda_tangan.buat_sertifikat_demo(p12, sandi, nama)
        self.stdout.write(self.style.SUCCESS(f"Sertifikat demo {untuk} dibuat: {hasil.nama}"))
        self.stdout.write(f"  PKCS#12 : {hasil.p12}")
        self.stdout.write(
            f"  CA (PEM): {hasil.ca}  — impor sebagai sertifikat tepercaya untuk "
            "memeriksa tanda tangan"
        )
