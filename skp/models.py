"""Planning: Periode, SKP (with its versions), RHK, indikator, perilaku kerja, lampiran."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi, Jabatan, UnitKerja

from . import rules


class Periode(models.Model):
    """A performance period of an instansi, normally a calendar year."""

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="periode")
    nama = models.CharField(_("nama"), max_length=100)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    batas_penetapan_skp = models.DateField(
        _("batas penetapan SKP"), help_text=_("Bawaan: akhir Januari tahun periode.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIBUKA)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-mulai"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="periode_unik_per_tahun"),
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")), name="periode_selesai_setelah_mulai"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class Skp(models.Model):
    """One version of a pegawai's SKP for one jabatan in one period.

    A change during the year is a new row (``versi`` + 1, ``versi_sebelumnya`` set) going
    through the same workflow; the old version stays and becomes ``digantikan`` when the new
    one is ditetapkan.  A pegawai who changes jabatan mid-year gets a new SKP (``mulai``).
    """

    class Status(models.TextChoices):
        DRAFT = rules.Status.DRAFT, _("Draf")
        DIAJUKAN = rules.Status.DIAJUKAN, _("Diajukan")
        DIKEMBALIKAN = rules.Status.DIKEMBALIKAN, _("Dikembalikan")
        DISETUJUI = rules.Status.DISETUJUI, _("Disetujui")
        DITETAPKAN = rules.Status.DITETAPKAN, _("Ditetapkan")
        DIGANTIKAN = rules.Status.DIGANTIKAN, _("Digantikan")

    class Pendekatan(models.TextChoices):
        KUALITATIF = "kualitatif", _("Kualitatif")
        KUANTITATIF = "kuantitatif", _("Kuantitatif")

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="skp"
    )
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="skp")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="skp")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="skp")
    mulai = models.DateField(_("berlaku mulai"))
    selesai = models.DateField(_("berlaku sampai"))
    pendekatan = models.CharField(
        _("pendekatan"), max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUALITATIF
    )
    versi = models.PositiveSmallIntegerField(default=1)
    versi_sebelumnya = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="versi_berikutnya"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Who must approve it: the pejabat penilai when it was submitted (re-checked on action).
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skp_dinilai",
    )
    alasan_pengembalian = models.TextField(_("alasan pengembalian"), blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    ditetapkan_pada = models.DateTimeField(null=True, blank=True)
    # Snapshot frozen at penetapan (domain.md §2; architecture §3): who and where, that day.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode__mulai", "-mulai", "-versi"]
        indexes = [
            models.Index(fields=["pegawai", "periode"]),
            models.Index(fields=["penilai", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="skp_selesai_setelah_mulai"
            ),
        ]

    def __str__(self) -> str:
        return f"SKP {self.periode.tahun} v{self.versi} — {self.jabatan.nama}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status in rules.STATUS_BISA_DIUBAH

    @property
    def is_jpt(self) -> bool:
        return self.jabatan.is_jpt


class RencanaHasilKerja(models.Model):
    class Jenis(models.TextChoices):
        UTAMA = "utama", _("Utama")
        TAMBAHAN = "tambahan", _("Tambahan")

    class Perspektif(models.TextChoices):
        PENERIMA_LAYANAN = "penerima_layanan", _("Perspektif Penerima Layanan")
        PENGUATAN_INTERNAL = "penguatan_internal", _("Perspektif Penguatan Internal")
        ANGGARAN = "anggaran", _("Perspektif Anggaran")
        PROSES_BISNIS = "proses_bisnis", _("Perspektif Proses Bisnis")

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.UTAMA)
    teks = models.TextField(_("rencana hasil kerja"))
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rhk_intervensi",
    )
    perspektif = models.CharField(
        _("perspektif"), max_length=20, choices=Perspektif.choices, blank=True
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        # "skp_id", not "skp": ordering by the foreign key would sort by the SKP's own
        # ordering and join skp and periode into every query of this table (and of each table
        # ordered by it: indicators, action plans, feedback).  Within one SKP — every list
        # shows one SKP's — the order is the same.
        ordering = ["skp_id", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks[:80]


class IndikatorKinerja(models.Model):
    """Indikator kinerja individu of an RHK, with its aspek and target."""

    class Aspek(models.TextChoices):
        KUANTITAS = "kuantitas", _("Kuantitas")
        KUALITAS = "kualitas", _("Kualitas")
        WAKTU = "waktu", _("Waktu")
        BIAYA = "biaya", _("Biaya")

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    teks = models.TextField(_("indikator kinerja individu"))
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices)
    # Kualitatif: the target as text.  Kuantitatif: a number (or a min–max range) and a unit.
    target_teks = models.CharField(_("target"), max_length=255, blank=True)
    target_min = models.DecimalField(
        _("target (minimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_maks = models.DecimalField(
        _("target (maksimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    satuan = models.CharField(_("satuan"), max_length=50, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["rhk", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_maks__isnull=True)
                | Q(target_min__isnull=True)
                | Q(target_maks__gte=models.F("target_min")),
                name="indikator_target_maks_gte_min",
            )
        ]

    def __str__(self) -> str:
        return self.teks[:80]

    @property
    def target_tampil(self) -> str:
        """The target as printed: text, a number, or a min–max range, with the unit."""
        if self.target_min is None:
            return self.target_teks
        angka = _angka(self.target_min)
        if self.target_maks is not None and self.target_maks != self.target_min:
            angka = f"{angka}–{_angka(self.target_maks)}"
        return f"{angka} {self.satuan}".strip()


def _angka(nilai) -> str:
    teks = f"{nilai:,.2f}".rstrip("0").rstrip(".")
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


class EkspektasiPerilaku(models.Model):
    """One BerAKHLAK value on an SKP, with the atasan's ekspektasi khusus pimpinan."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="perilaku")
    kode = models.CharField(_("nilai dasar"), max_length=30, choices=rules.PILIHAN_NILAI)
    ekspektasi = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("perilaku kerja")
        verbose_name_plural = _("perilaku kerja")
        constraints = [models.UniqueConstraint(fields=["skp", "kode"], name="perilaku_unik")]

    def __str__(self) -> str:
        return self.nilai.nama

    @property
    def nilai(self) -> rules.NilaiDasar:
        return rules.BERAKHLAK_PER_KODE[self.kode]

    @property
    def urutan(self) -> int:
        return [n.kode for n in rules.BERAKHLAK].index(self.kode)


class LampiranSkp(models.Model):
    class Jenis(models.TextChoices):
        DUKUNGAN_SUMBER_DAYA = "dukungan", _("Dukungan sumber daya")
        SKEMA_PERTANGGUNGJAWABAN = "skema", _("Skema pertanggungjawaban")
        KONSEKUENSI = "konsekuensi", _("Konsekuensi")

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="lampiran")
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    teks = models.TextField(_("isi"))
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")
        # "skp_id": see RencanaHasilKerja (ordering by "skp" joined skp and periode)
        ordering = ["skp_id", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks[:80]


class PustakaRhk(models.Model):
    """An RHK suggestion for a jabatan, kept by operators to help first-time users."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="pustaka_rhk")
    teks = models.TextField(_("rencana hasil kerja"))
    indikator = models.JSONField(
        _("indikator"),
        default=list,
        blank=True,
        help_text=_("Daftar indikator: teks, aspek, target, satuan."),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pustaka RHK")
        verbose_name_plural = _("pustaka RHK")
        ordering = ["jabatan", "id"]

    def __str__(self) -> str:
        return self.teks[:80]


class Dokumen(models.Model):
    """A signed PDF the system issued (SKP, later the evaluation document), verifiable by code.

    The public page ``/verifikasi/<kode>`` shows its identity, status and SHA-256, so anyone
    holding a printed or forwarded copy can check it.  A revised SKP marks the old document
    ``digantikan``.
    """

    class Jenis(models.TextChoices):
        SKP = "skp", _("Sasaran Kinerja Pegawai")
        EVALUASI = "evaluasi", _("Dokumen Evaluasi Kinerja Pegawai")

    class Status(models.TextChoices):
        BERLAKU = "berlaku", _("Berlaku")
        DIGANTIKAN = "digantikan", _("Digantikan")

    kode = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    judul = models.CharField(max_length=255)
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dokumen"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    berkas = models.FileField(upload_to="dokumen/%Y/%m/", max_length=255)
    sha256 = models.CharField(max_length=64)
    ukuran = models.PositiveIntegerField()
    penanda_tangan = models.CharField(_("ditandatangani secara elektronik oleh"), max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BERLAKU)
    digantikan_oleh = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["-dibuat_pada"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # One valid document per object.  An SKP version has one document for life; a
            # rating (evaluasi) gets a new one when an objection changes it, the old one then
            # being digantikan.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status="berlaku"),
                name="dokumen_satu_berlaku_per_objek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.kode})"


class LaporanAtasan(models.Model):
    """ "Atasan saya salah" (issue 17 §7): a pegawai reports, from his SKP page, that the
    pejabat penilai the system finds for him is wrong.  The request keeps the assignment data
    of the day it was made (unit, jabatan, the atasan recorded, the one he proposes) for the
    admin instansi's queue; the admin corrects the assignment (pegawai's own service) or
    rejects it with a reason, and the answer reaches the pegawai as a notification."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Menunggu admin")
        DIPERBAIKI = "diperbaiki", _("Diperbaiki")
        DITOLAK = "ditolak", _("Ditolak")

    pelapor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="laporan_atasan"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    skp = models.ForeignKey(
        Skp, on_delete=models.SET_NULL, null=True, blank=True, related_name="laporan_atasan"
    )
    # The assignment data of the day of the report (a snapshot: it is what was wrong).
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    atasan_tercatat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("atasan yang tercatat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    atasan_tercatat_teks = models.CharField(_("atasan yang tercatat"), max_length=255, blank=True)
    atasan_diusulkan = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("atasan yang seharusnya"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    catatan = models.TextField(_("catatan"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TERBUKA)
    jawaban = models.TextField(_("jawaban admin"), blank=True)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan atasan salah")
        verbose_name_plural = _("laporan atasan salah")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["instansi", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pelapor"],
                condition=Q(status="terbuka"),
                name="laporan_atasan_satu_terbuka",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pelapor_id}: {self.get_status_display()}"
