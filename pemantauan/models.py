"""Summary tables of the dashboards (architecture.md §3: dashboards read summaries, not raw
activities).

``RingkasanPegawaiBulan`` holds, per pegawai and month, what the completion and workload
pages need from the big ``aktivitas_aktivitas`` table and from ``RealisasiBulanan``.  It is
rebuilt from raw rows by :mod:`pemantauan.services` (nightly, and incrementally every few
minutes from the ``Riwayat`` rows of the execution actions).  SKP, penilaian and keberatan
are one row per pegawai per period already: the dashboard reads their own tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi, UnitKerja


class RingkasanPegawaiBulan(models.Model):
    class Realisasi(models.TextChoices):
        TEPAT = "tepat", _("Tepat waktu")
        TERLAMBAT = "terlambat", _("Terlambat")
        BELUM = "belum", _("Belum dikirim (lewat batas)")
        BELUM_JATUH_TEMPO = "menunggu_batas", _("Belum jatuh tempo")
        TIDAK_WAJIB = "tidak_wajib", _("Tidak wajib (tanpa SKP ditetapkan)")

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    # The pegawai's unit when the row was built (denormalised: the dashboards select by
    # ``unit_path LIKE '/1/5/%'`` without a join; the nightly rebuild follows moves).
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True)
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField()
    hari_kerja = models.PositiveSmallIntegerField(default=0)  # workdays up to the build date
    hari_berisi = models.PositiveSmallIntegerField(default=0)  # workdays with ≥ 1 activity
    hari_kosong = models.CharField(max_length=100, blank=True)  # "3,4,17": missing workdays
    jumlah_aktivitas = models.PositiveIntegerField(default=0)
    menit = models.PositiveIntegerField(default=0)
    menunggu = models.PositiveIntegerField(default=0)
    disetujui = models.PositiveIntegerField(default=0)
    dikembalikan = models.PositiveIntegerField(default=0)
    terlambat = models.PositiveIntegerField(default=0)
    realisasi = models.CharField(max_length=16, choices=Realisasi.choices)
    # Days after the deadline: of the submission (terlambat) or up to the build date (belum).
    realisasi_hari_telat = models.PositiveSmallIntegerField(default=0)
    diperbarui_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ringkasan pegawai per bulan")
        verbose_name_plural = _("ringkasan pegawai per bulan")
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "bulan"], name="ringkasan_pegawai_bulan_unik"
            )
        ]
        indexes = [
            models.Index(fields=["instansi", "tahun", "bulan"], name="ringkasan_instansi_bulan"),
            models.Index(fields=["unit", "tahun", "bulan"], name="ringkasan_unit_bulan"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.bulan:02d}/{self.tahun}"

    @property
    def jam(self) -> float:
        return self.menit / 60

    @property
    def daftar_hari_kosong(self) -> list[int]:
        return [int(h) for h in self.hari_kosong.split(",") if h]


class TandaRingkasan(models.Model):
    """The incremental update's watermark: the last ``Riwayat`` id taken into account and
    the date of the last build (a new day changes the workdays of the running month)."""

    nama = models.CharField(max_length=40, unique=True)
    riwayat_id = models.PositiveBigIntegerField(default=0)
    tanggal = models.DateField(null=True, blank=True)
    diperbarui_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tanda ringkasan")
        verbose_name_plural = _("tanda ringkasan")

    def __str__(self) -> str:
        return f"{self.nama}: {self.riwayat_id}"
