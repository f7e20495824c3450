"""``manage.py import_pegawai FILE --instansi KODE [--terapkan] [--nip NIP]``.

The same import as the "Impor data" page (``pegawai.services.impor``), for a server operator with
a SIASN export in hand.  Without ``--terapkan`` it only checks the file (a dry run).  The
actor recorded in the history is the system (``Riwayat.sebagai = sistem``), or with
``--nip`` that pegawai, who must then be an admin of the instansi (or a superuser).
Exits non-zero when the file has errors; nothing is written then.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from pegawai.models import Instansi, Pegawai
from pegawai.rules import normalisasi_nip
from pegawai.services.impor import HasilImpor, impor_pegawai


class Command(BaseCommand):
    help = (
        "Impor pegawai, unit kerja dan jabatan dari berkas CSV/XLSX (format: "
        "docs/format-impor.md). Tanpa --terapkan hanya memeriksa berkas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help="berkas .csv atau .xlsx")
        parser.add_argument("--instansi", required=True, help="kode instansi tujuan")
        parser.add_argument(
            "--terapkan",
            action="store_true",
            help="simpan perubahan (tanpa ini: uji coba, tidak ada yang disimpan)",
        )
        parser.add_argument(
            "--nip",
            help="NIP admin instansi yang dicatat sebagai pelaku (tanpa ini: sistem)",
        )

    def handle(self, *args, **opsi) -> None:
        instansi = Instansi.objects.filter(kode=opsi["instansi"]).first()
        if instansi is None:
            raise CommandError(
                _("Instansi dengan kode %(kode)s tidak ada.") % {"kode": opsi["instansi"]}
            )
        aktor = None
        if opsi["nip"]:
            aktor = Pegawai.objects.filter(nip=normalisasi_nip(opsi["nip"])).first()
            if aktor is None:
                raise CommandError(
                    _("Pegawai dengan NIP %(nip)s tidak ada.") % {"nip": opsi["nip"]}
                )
        jalur = Path(opsi["berkas"])
        try:
            with jalur.open("rb") as f:
                # One byte over the limit is enough for the import to refuse a file too large.
                data = f.read(settings.IMPORT_MAX_BYTES + 1)
        except OSError as e:
            raise CommandError(_("Berkas tidak dapat dibaca: %(galat)s") % {"galat": e}) from e
        try:
            hasil = impor_pegawai(aktor, instansi, data, jalur.name, terapkan=opsi["terapkan"])
        except PermissionDenied as e:
            raise CommandError(str(e)) from e
        if not hasil.berhasil:
            for k in hasil.kesalahan:
                self.stderr.write(str(k))
            raise CommandError(
                _("%(n)d kesalahan pada %(berkas)s; tidak ada yang disimpan.")
                % {"n": len(hasil.kesalahan), "berkas": jalur.name}
            )
        self._ringkasan(hasil, instansi)

    def _ringkasan(self, h: HasilImpor, instansi: Instansi) -> None:
        baris = [
            _("Berkas: %(berkas)s (SHA-256 %(sha)s)") % {"berkas": h.nama_berkas, "sha": h.sha256},
            _("Instansi: %(nama)s (%(kode)s)") % {"nama": instansi.nama, "kode": instansi.kode},
            _("Baris data: %(n)d") % {"n": h.jumlah_baris},
            _("Pegawai: %(baru)d baru, %(berubah)d berubah, %(tetap)d tetap")
            % {"baru": h.pegawai_baru, "berubah": h.pegawai_berubah, "tetap": h.pegawai_tetap},
            _("Unit kerja: %(baru)d baru, %(berubah)d berubah")
            % {"baru": h.unit_baru, "berubah": h.unit_berubah},
            _("Jabatan: %(baru)d baru, %(berubah)d berubah")
            % {"baru": h.jabatan_baru, "berubah": h.jabatan_berubah},
            _("Penugasan: %(baru)d baru, %(akhir)d diakhiri")
            % {"baru": h.penugasan_baru, "akhir": h.penugasan_diakhiri},
        ]
        for b in baris:
            self.stdout.write(b)
        if h.diterapkan:
            self.stdout.write(self.style.SUCCESS(_("Impor diterapkan.")))
        else:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Uji coba: tidak ada yang disimpan. Jalankan lagi dengan --terapkan "
                        "untuk menyimpan."
                    )
                )
            )
