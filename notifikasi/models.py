"""Notifications, their e-mail outbox, preferences and per-instansi reminder thresholds."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Jenis(models.TextChoices):
    AKTIVITAS_KOSONG = "aktivitas_kosong", _("Aktivitas hari ini belum dicatat")
    REALISASI_MENJELANG = "realisasi_menjelang", _("Batas realisasi bulanan mendekat")
    REALISASI_TERLEWAT = "realisasi_terlewat", _("Batas realisasi bulanan terlewat")
    TINJAUAN_TERTUNDA = "tinjauan_tertunda", _("Tinjauan tertunda")
    TINJAUAN_ESKALASI = "tinjauan_eskalasi", _("Bawahan Anda belum meninjau")
    SKP_MENJELANG = "skp_menjelang", _("Batas penetapan SKP mendekat")
    SKP_TERLEWAT = "skp_terlewat", _("Batas penetapan SKP terlewat")
    PENILAIAN_MENJELANG = "penilaian_menjelang", _("Jendela penilaian segera ditutup")
    PREDIKAT_DITERIMA = "predikat_diterima", _("Predikat kinerja diterima")
    KEBERATAN_DIAJUKAN = "keberatan_diajukan", _("Keberatan diajukan")
    KEBERATAN_DIPUTUS = "keberatan_diputus", _("Keberatan diputus")
    AKTIVITAS_DIKEMBALIKAN = "aktivitas_dikembalikan", _("Aktivitas dikembalikan")
    MANUAL = "manual", _("Pengingat dari pengelola")
    MASUK_PERANGKAT_BARU = "masuk_perangkat_baru", _("Masuk dari perangkat baru")
    UMPAN_BALIK_DIMINTA = "umpan_balik_diminta", _("Permintaan umpan balik rekan kerja")
    PERTANYAAN = "pertanyaan", _("Pertanyaan dan jawaban bantuan")
    LAPORAN_ATASAN = "laporan_atasan", _("Laporan atasan dijawab")
    SINKRON_SIASN = "sinkron_siasn", _("Sinkronisasi SIASN menunggu persetujuan")


#: Kinds a user cannot switch off (deadlines with consequences and decisions about him).
JENIS_WAJIB = frozenset(
    {
        Jenis.REALISASI_TERLEWAT,
        Jenis.SKP_TERLEWAT,
        Jenis.PENILAIAN_MENJELANG,
        Jenis.PREDIKAT_DITERIMA,
        Jenis.KEBERATAN_DIPUTUS,
        Jenis.KEBERATAN_DIAJUKAN,
        Jenis.MANUAL,
        Jenis.MASUK_PERANGKAT_BARU,  # a security alert: the stolen password's only witness
        Jenis.PERTANYAAN,  # the answer to his own question, or a question he must answer
        Jenis.LAPORAN_ATASAN,  # a decision about his own assignment
        Jenis.SINKRON_SIASN,  # the admin's approval holds the organisation's data
    }
)


class Notifikasi(models.Model):
    # No index of its own: (penerima, dibaca_pada) and the unique (penerima, jenis, kunci) lead
    # with it (docs/keputusan/0006).
    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifikasi",
        db_index=False,
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=Jenis.choices)
    kunci = models.CharField(_("kunci periode"), max_length=60)
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "jenis", "kunci"], name="notifikasi_sekali_per_periode"
            )
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"])]

    def __str__(self) -> str:
        return f"{self.jenis}:{self.kunci} → {self.penerima_id}"


class EmailKeluar(models.Model):
    """Outbox row: one e-mail for one notification, sent at most once after success."""

    class Status(models.TextChoices):
        ANTRE = "antre", _("antre")
        TERKIRIM = "terkirim", _("terkirim")
        GAGAL = "gagal", _("gagal")

    notifikasi = models.OneToOneField(Notifikasi, on_delete=models.CASCADE, related_name="email")
    alamat = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRE)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat_terakhir = models.TextField(blank=True)
    terkirim_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail keluar")
        verbose_name_plural = _("e-mail keluar")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.alamat} ({self.status})"


class PreferensiNotifikasi(models.Model):
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_notifikasi"
    )
    jenis = models.CharField(max_length=30, choices=Jenis.choices)
    aplikasi = models.BooleanField(_("di aplikasi"), default=True)
    email = models.BooleanField(_("lewat e-mail"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pegawai", "jenis"], name="preferensi_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai_id}:{self.jenis}"


class PengaturanPengingat(models.Model):
    instansi = models.OneToOneField(
        "pegawai.Instansi", on_delete=models.CASCADE, related_name="pengaturan_pengingat"
    )
    jam_pengingat_aktivitas = models.TimeField(_("jam pengingat aktivitas"), default=dt.time(16, 0))
    hari_sebelum_batas_realisasi = models.PositiveSmallIntegerField(
        _("hari sebelum batas realisasi"), default=2
    )
    hari_tinjauan_tertunda = models.PositiveSmallIntegerField(
        _("tinjauan dianggap tertunda setelah (hari kerja)"), default=3
    )
    hari_eskalasi_atasan = models.PositiveSmallIntegerField(
        _("diteruskan ke atasan penilai setelah tambahan (hari kerja)"),
        default=3,
        help_text=_(
            "Tinjauan yang masih tertunda sekian hari kerja lagi setelah batas tinjauan "
            "dilaporkan kepada atasan penilai dan tampil di dasbor pemantauan."
        ),
    )
    hari_sebelum_batas_skp = models.PositiveSmallIntegerField(
        _("hari sebelum batas penetapan SKP"), default=7
    )
    hari_sebelum_batas_penilaian = models.PositiveSmallIntegerField(
        _("hari sebelum batas penilaian"), default=3
    )

    class Meta:
        verbose_name = _("pengaturan pengingat")
        verbose_name_plural = _("pengaturan pengingat")

    def __str__(self) -> str:
        return str(self.instansi)


class PosisiRiwayat(models.Model):
    """Watermark of the Riwayat outbox: the last Riwayat id turned into notifications."""

    nama = models.CharField(max_length=30, unique=True)
    riwayat_terakhir = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.nama}: {self.riwayat_terakhir}"
