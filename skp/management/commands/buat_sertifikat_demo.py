"""``manage.py buat_sertifikat_demo``: a demo CA and signing certificate for signed documents."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inti import tanda_tangan
from pegawai.models import Instansi


class Command(BaseCommand):
    help = (
        "Membuat CA demo dan sertifikat penanda tangan dokumen untuk instansi (PKCS#12 di "
        "EKINERJA_SIGN_P12, beserta sertifikat CA dalam PEM di sebelahnya). Hanya untuk "
        "percobaan: bukan sertifikat elektronik tersertifikasi. Tidak mengubah apa pun bila "
        "berkasnya sudah ada, kecuali dengan --paksa."
    )

    def add_arguments(self, parser):
        parser.add_argument("--instansi", metavar="KODE", help="Kode instansi pemilik sertifikat.")
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="Timpa sertifikat yang sudah ada (dokumen lama tetap sah terhadap CA lama).",
        )

    def handle(self, *args, **options):
        p12 = tanda_tangan.lokasi_p12()
        if p12.exists() and not options["paksa"]:
            self.stdout.write(
                f"Sertifikat sudah ada di {p12}; tidak ada yang diubah (--paksa untuk menimpa)."
            )
            return
        nama = self._nama_instansi(options["instansi"])
        hasil = tanda_tangan.buat_sertifikat_demo(p12, tanda_tangan.sandi_p12(), nama)
        self.stdout.write(self.style.SUCCESS(f"Sertifikat demo dibuat: {hasil.nama}"))
        self.stdout.write(f"  PKCS#12 : {hasil.p12}")
        self.stdout.write(
            f"  CA (PEM): {hasil.ca}  — impor sebagai sertifikat tepercaya untuk "
            "memeriksa tanda tangan"
        )
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG=false: sertifikat demo bukan sertifikat elektronik tersertifikasi. "
                    "Untuk produksi pasang sertifikat instansi (lihat docs/tanda-tangan.md)."
                )
            )

    @staticmethod
    def _nama_instansi(kode: str | None) -> str:
        if kode:
            instansi = Instansi.objects.filter(kode=kode).first()
            if instansi is None:
                raise CommandError(f"Instansi dengan kode {kode!r} tidak ditemukan.")
            return instansi.nama
        semua = list(Instansi.objects.order_by("kode")[:2])
        if len(semua) == 1:
            return semua[0].nama
        if not semua:
            return settings.EKINERJA_NAMA_APLIKASI
        raise CommandError("Ada lebih dari satu instansi: sebutkan --instansi KODE.")
