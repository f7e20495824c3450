"""The SIASN synchronisation: where an instansi's SIASN data comes from, and each batch.

A batch (:class:`SinkronSiasn`) keeps the rows read from SIASN (normalised), the difference
they make against our data at the moment of the check (new, changed, moved, no longer in
SIASN, new and changed units) and a fingerprint of that data.  It is applied only when an
admin instansi approves it and only while the fingerprint still matches (docs/sinkron-siasn.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi


class SumberSiasn(models.Model):
    """An HTTP source of an instansi's SIASN export, fetched by hand or every night."""

    class Autentikasi(models.TextChoices):
        TANPA = "tanpa", _("Tanpa autentikasi")
        BASIC = "basic", _("Nama pengguna dan kata sandi (HTTP Basic)")
        TOKEN = "token", _("Token (Authorization: Bearer)")

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="sumber_siasn")
    url = models.CharField(
        _("alamat (URL)"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Alamat yang menjawab dengan ekspor SIASN (CSV, XLSX atau JSON)."),
    )
    autentikasi = models.CharField(
        _("autentikasi"), max_length=10, choices=Autentikasi.choices, default=Autentikasi.BASIC
    )
    nama_pengguna = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    # Sent to the source as it is, so it is stored as it is; never shown back in full.
    rahasia = models.CharField(_("kata sandi / token"), max_length=500, blank=True)
    batas_waktu = models.PositiveSmallIntegerField(
        _("batas waktu (detik)"), default=30, help_text=_("Paling lama menunggu jawaban.")
    )
    terjadwal = models.BooleanField(
        _("ambil setiap malam"),
        default=True,
        help_text=_("Setiap malam selisihnya dihitung dan menunggu persetujuan Anda."),
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sumber SIASN")
        verbose_name_plural = _("sumber SIASN")

    def __str__(self) -> str:
        return self.url

    @property
    def rahasia_tersamar(self) -> str:
        """What the page shows of the secret: never more than its last two characters."""
        if not self.rahasia:
            return ""
        if len(self.rahasia) < 8:
            return "••••"
        return "••••" + self.rahasia[-2:]


class SinkronSiasn(models.Model):
    class Status(models.TextChoices):
        DIPERIKSA = "diperiksa", _("Diperiksa")
        MENUNGGU = "menunggu", _("Menunggu persetujuan")
        DITERAPKAN = "diterapkan", _("Diterapkan")
        DITOLAK = "ditolak", _("Ditolak")
        GAGAL = "gagal", _("Gagal")

    class Asal(models.TextChoices):
        BERKAS = "berkas", _("Berkas unggahan")
        HTTP = "http", _("Sumber HTTP")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DIPERIKSA
    )
    asal = models.CharField(_("asal"), max_length=10, choices=Asal.choices)
    nama_sumber = models.CharField(_("sumber"), max_length=500)
    sha256 = models.CharField(max_length=64)
    baris = models.JSONField(default=list)  # the incoming rows, normalised (sinkron.rules)
    selisih = models.JSONField(default=dict)  # kind -> entries (sinkron.rules.hitung_selisih)
    kesalahan = models.JSONField(default=list)  # [{"baris", "kolom", "pesan"}]
    sidik_data = models.CharField(max_length=64, blank=True)  # our data when checked
    jumlah_baris = models.PositiveIntegerField(default=0)
    jumlah_baru = models.PositiveIntegerField(default=0)
    jumlah_berubah = models.PositiveIntegerField(default=0)
    jumlah_pindah = models.PositiveIntegerField(default=0)
    jumlah_keluar = models.PositiveIntegerField(default=0)
    jumlah_unit_baru = models.PositiveIntegerField(default=0)
    jumlah_unit_berubah = models.PositiveIntegerField(default=0)
    jumlah_kesalahan = models.PositiveIntegerField(default=0)
    pesan = models.TextField(_("keterangan"), blank=True)
    diambil_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dihitung_pada = models.DateTimeField(null=True, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sinkronisasi SIASN")
        verbose_name_plural = _("sinkronisasi SIASN")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["instansi", "-dibuat_pada"])]

    def __str__(self) -> str:
        return f"SIASN #{self.pk} ({self.status})"

    @property
    def ada_perubahan(self) -> bool:
        return bool(
            self.jumlah_baru
            + self.jumlah_berubah
            + self.jumlah_pindah
            + self.jumlah_keluar
            + self.jumlah_unit_baru
            + self.jumlah_unit_berubah
        )
