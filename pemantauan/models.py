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
    # Who entered the month's activities (issue 14): an operator on the pegawai's behalf, or a
    # colleague under his kuasa pengisian; the rest he entered himself.
    diisi_operator = models.PositiveIntegerField(default=0)
    diisi_kuasa = models.PositiveIntegerField(default=0)
    # Activities linked to no RHK (issue 17 §5: work outside the SKP).
    di_luar_skp = models.PositiveIntegerField(default=0)
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
    def diisi_sendiri(self) -> int:
        return self.jumlah_aktivitas - self.diisi_operator - self.diisi_kuasa

    @property
    def daftar_hari_kosong(self) -> list[int]:
        return [int(h) for h in self.hari_kosong.split(",") if h]


class RingkasanUnit(models.Model):
    """Per unit and month, quarter and year: the per-pegawai rows added up (issue 12).

    The instansi dashboard reads some 600 units × one range instead of adding up 8,000
    pegawai × 12 months, so its cost does not grow with the number of pegawai.  Kept by
    :mod:`pemantauan.services` together with the per-pegawai rows (the same incremental run
    rebuilds the units those pegawai are in, and were in).  The sums of a quarter or a year
    are those of its months; the two pegawai counts are distinct over the range (a pegawai
    with an empty workday in two months of a quarter counts once in the quarter)."""

    # rentang: 1..12 a month, 21..24 a quarter, 30 the year
    TRIWULAN = 20
    TAHUN = 30

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    tahun = models.PositiveSmallIntegerField()
    rentang = models.PositiveSmallIntegerField()
    pegawai = models.PositiveIntegerField(default=0)  # distinct pegawai with a row in the range
    pegawai_hari_kosong = models.PositiveIntegerField(default=0)  # ≥ 1 empty workday (distinct)
    hari_kerja = models.PositiveIntegerField(default=0)
    hari_berisi = models.PositiveIntegerField(default=0)
    jumlah_aktivitas = models.PositiveIntegerField(default=0)
    menit = models.PositiveBigIntegerField(default=0)
    menunggu = models.PositiveIntegerField(default=0)
    disetujui = models.PositiveIntegerField(default=0)
    dikembalikan = models.PositiveIntegerField(default=0)
    terlambat = models.PositiveIntegerField(default=0)
    diisi_operator = models.PositiveIntegerField(default=0)
    diisi_kuasa = models.PositiveIntegerField(default=0)
    di_luar_skp = models.PositiveIntegerField(default=0)
    # pegawai-months by realisation status (a quarter counts each month of each pegawai)
    realisasi_tepat = models.PositiveIntegerField(default=0)
    realisasi_terlambat = models.PositiveIntegerField(default=0)
    realisasi_belum = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ringkasan unit")
        verbose_name_plural = _("ringkasan unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_path", "tahun", "rentang"], name="ringkasan_unit_rentang_unik"
            )
        ]
        indexes = [
            models.Index(fields=["instansi", "tahun", "rentang"], name="ringkasan_unit_instansi"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.tahun}/{self.rentang}"

    @classmethod
    def rentang_triwulan(cls, triwulan: int) -> int:
        return cls.TRIWULAN + triwulan

    @classmethod
    def bulan_rentang(cls, rentang: int) -> tuple[int, ...]:
        if rentang == cls.TAHUN:
            return tuple(range(1, 13))
        if rentang > cls.TRIWULAN:
            t = rentang - cls.TRIWULAN
            return (3 * t - 2, 3 * t - 1, 3 * t)
        return (rentang,)


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
