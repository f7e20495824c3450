"""Execution: daily activities with evidence, rencana aksi, monthly realisation, feedback.

``Aktivitas`` is the big table (a kabupaten: ~5 M rows a year).  It is read by
(pegawai, tanggal) and by (penilai, status); no other table points at it except its evidence,
so on PostgreSQL it can be partitioned by month of ``tanggal`` (see
docs/keputusan/0002-aktivitas-partisi.md) without changing the code that uses it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

from . import bukti, rules


class PengaturanKinerja(models.Model):
    """Per-instansi numbers of domain.md §3 (the defaults are the regulation's/BKN's)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="pengaturan")
    batas_hari_kerja_terlambat = models.PositiveSmallIntegerField(
        _("batas hari kerja pengisian aktivitas"),
        default=rules.BATAS_HARI_KERJA_TERLAMBAT,
        help_text=_("Aktivitas yang diisi lebih dari N hari kerja setelah tanggalnya terlambat."),
    )
    batas_tanggal_realisasi = models.PositiveSmallIntegerField(
        _("batas tanggal realisasi bulanan"),
        default=rules.BATAS_TANGGAL_REALISASI,
        help_text=_("Realisasi bulan lalu wajib dikirim paling lambat tanggal ini."),
    )
    ukuran_bukti_maks_mb = models.PositiveSmallIntegerField(
        _("ukuran maksimal bukti dukung (MB)"), default=rules.UKURAN_BUKTI_MAKS_MB
    )
    jenis_bukti = models.CharField(
        _("jenis berkas bukti dukung"),
        max_length=100,
        default=",".join(rules.JENIS_BUKTI_DIIZINKAN),
        help_text=_("Ekstensi yang diterima, dipisah koma."),
    )

    class Meta:
        verbose_name = _("pengaturan kinerja")
        verbose_name_plural = _("pengaturan kinerja")

    def __str__(self) -> str:
        return str(self.instansi)

    @property
    def daftar_jenis_bukti(self) -> list[str]:
        return [j.strip().lower() for j in self.jenis_bukti.split(",") if j.strip()]

    @property
    def terima_atribut(self) -> str:
        """``accept`` of the evidence file inputs."""
        return bukti.terima_atribut(self.daftar_jenis_bukti)

    @property
    def teks_bantuan_bukti(self) -> str:
        """Accepted types, size and count, said before choosing a file."""
        return bukti.teks_bantuan_bukti(self.daftar_jenis_bukti, self.ukuran_bukti_maks_mb)


class RencanaAksi(models.Model):
    """A concrete action plan of an RHK for a month (or a quarter) of the period."""

    rhk = models.ForeignKey(
        RencanaHasilKerja, on_delete=models.CASCADE, related_name="rencana_aksi"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), null=True, blank=True)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    teks = models.TextField(_("rencana aksi"))
    target = models.CharField(_("target"), max_length=255, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["rhk", "tahun", "bulan", "triwulan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(bulan__isnull=False, triwulan__isnull=True, bulan__gte=1, bulan__lte=12)
                    | Q(
                        bulan__isnull=True, triwulan__isnull=False, triwulan__gte=1, triwulan__lte=4
                    )
                ),
                name="rencana_aksi_bulan_atau_triwulan",
            )
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class Kuasa(models.Model):
    """Kuasa pengisian: a pegawai lets a named colleague of his instansi enter and change his
    daily activities and realisation drafts for a period (issue 14), instead of handing over
    his password.  Never the right to submit, rate or approve.  Revoked, it stays as a record;
    every row entered under it points at it (``Aktivitas.kuasa``, ``RealisasiBulanan.kuasa``).
    """

    pemberi = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemberi kuasa"),
        on_delete=models.PROTECT,
        related_name="kuasa_diberikan",
    )
    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima kuasa"),
        on_delete=models.PROTECT,
        related_name="kuasa_diterima",
    )
    mulai = models.DateField(_("berlaku mulai"))
    selesai = models.DateField(_("berlaku sampai"))
    keperluan = models.CharField(_("keperluan"), max_length=200, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kuasa pengisian")
        verbose_name_plural = _("kuasa pengisian")
        ordering = ["-mulai", "-id"]
        indexes = [
            models.Index(fields=["penerima", "selesai"]),
            models.Index(fields=["pemberi", "selesai"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="kuasa_selesai_setelah_mulai"
            ),
            models.CheckConstraint(
                condition=~Q(pemberi=models.F("penerima")), name="kuasa_bukan_diri_sendiri"
            ),
        ]

    def __str__(self) -> str:
        masa = f"{self.mulai:%d-%m-%Y}–{self.selesai:%d-%m-%Y}"
        return f"{self.pemberi_id} → {self.penerima_id} {masa}"

    def keadaan(self, tanggal) -> str:
        """The state on ``tanggal``: dicabut, berakhir, akan_datang or berlaku."""
        if self.dicabut_pada is not None:
            return "dicabut"
        if tanggal > self.selesai:
            return "berakhir"
        if tanggal < self.mulai:
            return "akan_datang"
        return "berlaku"


class Aktivitas(models.Model):
    """One daily activity (progress harian) of a pegawai, with the time it was entered."""

    # Partitioned by month on PostgreSQL, key (id, tanggal) (docs/keputusan/0002): aggregate
    # queries group by every selected column, not by id alone (inti/postgresql/base.py).
    TABEL_BERPARTISI = True

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu persetujuan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    # No single-column index on pegawai or penilai: the composite indexes below lead with them,
    # and every index more is paid by every insert at month end (issue 12).
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="aktivitas",
        db_index=False,
    )
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rhk = models.ForeignKey(
        RencanaHasilKerja,
        verbose_name=_("RHK"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktivitas",
        help_text=_("Kosongkan untuk tugas tambahan di luar RHK."),
    )
    rencana_aksi = models.ForeignKey(
        RencanaAksi,
        verbose_name=_("rencana aksi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktivitas",
    )
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"))
    uraian = models.TextField(_("uraian kegiatan"))
    jumlah_output = models.DecimalField(_("jumlah output"), max_digits=10, decimal_places=2)
    satuan_output = models.CharField(_("satuan output"), max_length=50)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    # The pejabat penilai on the activity's date, kept for the review queue's index; the right
    # to approve is checked again on action (rantai_penilai on that date).
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktivitas_dinilai",
        db_index=False,
    )
    catatan_penilai = models.TextField(_("catatan atasan"), blank=True)
    ditinjau_pada = models.DateTimeField(null=True, blank=True)
    dientri_pada = models.DateTimeField(_("diisi pada"))
    terlambat = models.BooleanField(_("terlambat"), default=False)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Operator, bila diisi atas nama pegawai."),
    )
    # The kuasa pengisian it was entered under (changes under a kuasa are in its history); no
    # index of its own: read through the activity, never searched by (issue 12: every index
    # costs each insert).
    kuasa = models.ForeignKey(
        Kuasa,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    kunci = models.UUIDField(
        _("kunci idempotensi"), help_text=_("Dibuat di peramban: kiriman ulang tidak menggandakan.")
    )

    class Meta:
        verbose_name = _("aktivitas")
        verbose_name_plural = _("aktivitas")
        ordering = ["-tanggal", "-jam_mulai", "-id"]
        # The day, week and month pages read by (pegawai, tanggal): the unique key below
        # leads with them, so no index of their own (one index less per insert; issue 13).
        indexes = [
            # The review queue: the count per pegawai from the index alone, and a page of one
            # pegawai's rows in date order (aktivitas.selectors.tinjau.AntreanBertahap).
            models.Index(fields=["penilai", "status", "pegawai", "tanggal"]),
        ]
        constraints = [
            # The date is part of the key so that the constraint survives partitioning by
            # month (docs/keputusan/0002-aktivitas-partisi.md); a retried post carries the
            # same date, and the service looks the key up by (pegawai, kunci) first.
            models.UniqueConstraint(
                fields=["pegawai", "tanggal", "kunci"], name="aktivitas_kunci_unik"
            ),
            models.CheckConstraint(
                condition=Q(jam_selesai__gt=models.F("jam_mulai")),
                name="aktivitas_jam_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=Q(jumlah_output__gt=0), name="aktivitas_output_positif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.uraian[:60]}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status != self.Status.DISETUJUI

    @property
    def diisi_operator(self) -> bool:
        """Entered by an operator on the pegawai's behalf (not under a kuasa)."""
        return self.diisi_oleh_id != self.pegawai_id and self.kuasa_id is None

    @property
    def diisi_kuasa(self) -> bool:
        """Entered by a colleague under the pegawai's kuasa pengisian."""
        return self.kuasa_id is not None

    @property
    def durasi_menit(self) -> int:
        return (self.jam_selesai.hour * 60 + self.jam_selesai.minute) - (
            self.jam_mulai.hour * 60 + self.jam_mulai.minute
        )


class BuktiDukung(models.Model):
    """Evidence (an uploaded file, sniffed and hashed, or a link) of one activity or of one
    monthly realisation row: exactly one of the two owners is set."""

    # No database constraint: the activity table is partitioned by month, and PostgreSQL
    # allows a foreign key to it only through a key holding the date (docs/keputusan/0002).
    # Django still cascades a delete, and the services add and delete under the activity's
    # row lock (aktivitas.services.bukti._kunci, harian.hapus_aktivitas).
    aktivitas = models.ForeignKey(
        Aktivitas,
        on_delete=models.CASCADE,
        related_name="bukti",
        null=True,
        blank=True,
        db_constraint=False,
    )
    realisasi = models.ForeignKey(
        "RealisasiBulanan", on_delete=models.CASCADE, related_name="bukti", null=True, blank=True
    )
    berkas = models.FileField(upload_to="bukti/%Y/%m/", max_length=255, blank=True)
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    nama_asli = models.CharField(max_length=255, blank=True)
    jenis_konten = models.CharField(max_length=100, blank=True)
    ukuran = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(berkas="") & ~Q(tautan="")) | (~Q(berkas="") & Q(tautan="")),
                name="bukti_berkas_atau_tautan",
            ),
            models.CheckConstraint(
                condition=(Q(aktivitas__isnull=False) & Q(realisasi__isnull=True))
                | (Q(aktivitas__isnull=True) & Q(realisasi__isnull=False)),
                name="bukti_satu_pemilik",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli or self.tautan

    @property
    def pemilik(self):
        """The activity or the realisation row this evidence belongs to."""
        return self.aktivitas if self.aktivitas_id else self.realisasi


class RealisasiBulanan(models.Model):
    """What was achieved on one indicator in one month, submitted by the deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="realisasi")
    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.PROTECT, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField()
    realisasi = models.TextField(_("realisasi"))
    nilai = models.DecimalField(
        _("nilai realisasi"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    catatan = models.TextField(_("catatan"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    terlambat = models.BooleanField(default=False)
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="realisasi_dinilai",
    )
    catatan_penilai = models.TextField(_("catatan atasan"), blank=True)
    ditinjau_pada = models.DateTimeField(null=True, blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    kuasa = models.ForeignKey(
        Kuasa, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("realisasi bulanan")
        verbose_name_plural = _("realisasi bulanan")
        # "skp_id": see RencanaHasilKerja (the SKP's ordering joined two tables for nothing)
        ordering = ["skp_id", "tahun", "bulan", "indikator"]
        indexes = [models.Index(fields=["penilai", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "bulan"], name="realisasi_unik_per_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=12), name="realisasi_bulan_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bulan:02d}/{self.tahun} {self.indikator}"

    @property
    def bisa_diubah(self) -> bool:
        """Its text and evidence change while it is a draft or was returned."""
        return self.status in (self.Status.DRAFT, self.Status.DIKEMBALIKAN)


class UmpanBalik(models.Model):
    """One message of the feedback thread (umpan balik / dialog kinerja) on an RHK in a month."""

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="umpan_balik")
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField()
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    teks = models.TextField(_("umpan balik"))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["rhk", "tahun", "bulan", "dibuat_pada", "id"]
        indexes = [models.Index(fields=["rhk", "tahun", "bulan"])]

    def __str__(self) -> str:
        return self.teks[:80]
