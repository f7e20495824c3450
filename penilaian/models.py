"""Appraisal: evaluation windows, ratings and predikat, predikat kinerja organisasi and its
distribution curve, objections (keberatan), and the follow-up data (TPP, attendance, angka
kredit).  The evaluation document is a ``skp.Dokumen`` of jenis ``evaluasi`` pointing at a
``Penilaian``."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi, Jabatan, UnitKerja
from skp.models import Periode, Skp

from . import rules, rules_tindak_lanjut

PERSEN = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _pilihan(label: dict) -> list[tuple[str, object]]:
    return [(str(k), v) for k, v in label.items()]


PILIHAN_RATING = _pilihan(rules.LABEL_RATING)
PILIHAN_PREDIKAT = _pilihan(rules.LABEL_PREDIKAT)
PILIHAN_PREDIKAT_ORGANISASI = _pilihan(rules.LABEL_PREDIKAT_ORGANISASI)
PILIHAN_JENIS_PERIODE = _pilihan(rules.LABEL_JENIS_PERIODE)
PILIHAN_JENIS_PERIODIK = [p for p in PILIHAN_JENIS_PERIODE if p[0] != rules.JenisPeriode.TAHUNAN]


class PengaturanPenilaian(models.Model):
    """Per-instansi numbers of the appraisal (domain.md §4, *configurable*)."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="pengaturan_penilaian"
    )
    jenis_periodik = models.CharField(
        _("penilaian periodik"),
        max_length=10,
        choices=PILIHAN_JENIS_PERIODIK,
        default=rules.JenisPeriode.TRIWULAN,
        help_text=_(
            "Triwulan menurut PermenPANRB 6/2022; bulanan atau semester bila instansi memilih."
        ),
    )
    hari_batas_periodik = models.PositiveSmallIntegerField(
        _("batas penilaian periodik (hari setelah periode berakhir)"),
        default=rules.HARI_BATAS_PERIODIK,
    )
    hari_batas_tahunan = models.PositiveSmallIntegerField(
        _("batas penilaian tahunan (hari setelah tahun berakhir)"),
        default=rules.HARI_BATAS_TAHUNAN,
    )
    kurva_ketat = models.BooleanField(
        _("kurva distribusi ketat"),
        default=False,
        help_text=_(
            "Bawaan: kurva adalah pertimbangan bagi pimpinan, sehingga unit di luar kurva tetap "
            "dapat difinalkan dengan justifikasi tertulis pimpinan. Centang untuk menolak "
            "finalisasi unit yang di luar kurva."
        ),
    )
    # Issue 17.  On by default: the self-assessment binds no one and costs the pegawai
    # nothing if he skips it, while the penilai gains the pegawai's own account of his work
    # (fewer ratings made on memory alone); an instansi that does not want it switches it off.
    penilaian_diri_aktif = models.BooleanField(
        _("penilaian diri pegawai"),
        default=True,
        help_text=_(
            "Pegawai dapat menulis uraian realisasi per RHK dan mengusulkan rating sendiri "
            "sebelum dinilai. Tidak mengikat pejabat penilai."
        ),
    )
    maks_umpan_balik_rekan = models.PositiveSmallIntegerField(
        _("umpan balik rekan kerja paling banyak (orang)"),
        default=rules.MAKS_UMPAN_BALIK_REKAN,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "Jumlah rekan kerja yang dapat dimintai umpan balik perilaku untuk seorang pegawai "
            "pada satu jendela penilaian; 0 berarti fitur ini tidak dipakai."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan penilaian")
        verbose_name_plural = _("pengaturan penilaian")

    def __str__(self) -> str:
        return str(self.instansi)


class PeriodePenilaian(models.Model):
    """One evaluation window of a period: a quarter (or month/semester) or the whole year.

    ``mulai``–``selesai`` is the stretch of work being rated; the pejabat penilai may rate
    from ``dibuka`` and must be done by ``batas``."""

    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="penilaian")
    jenis = models.CharField(_("jenis"), max_length=10, choices=PILIHAN_JENIS_PERIODE)
    urutan = models.PositiveSmallIntegerField(_("ke-"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    dibuka = models.DateField(_("penilaian dibuka"))
    batas = models.DateField(_("batas penilaian"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["periode", "selesai", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "jenis", "urutan"], name="periode_penilaian_unik"
            ),
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="periode_penilaian_rentang"
            ),
            models.CheckConstraint(
                condition=Q(batas__gte=models.F("dibuka")), name="periode_penilaian_batas"
            ),
        ]

    def __str__(self) -> str:
        if self.jenis == rules.JenisPeriode.TAHUNAN:
            return f"{self.get_jenis_display()} {self.periode.tahun}"
        return f"{self.get_jenis_display()} {self.urutan} {self.periode.tahun}"

    @property
    def is_tahunan(self) -> bool:
        return self.jenis == rules.JenisPeriode.TAHUNAN


class Penilaian(models.Model):
    """The pejabat penilai's rating of one SKP for one evaluation window.

    One row per (window, SKP): a pegawai who changed jabatan mid-year is rated on each SKP
    for its part of the window.  ``predikat`` is always ``rules.predikat(hasil, perilaku)``
    (or the keberatan decision); it is stored because reports and the curve read it.

    States: ``draft`` (being filled) → ``dinilai`` (the penilai is done) → ``final``
    (frozen).  A periodic rating is finalised by the penilai himself; an annual one when its
    unit's distribution is finalised against the curve (``PredikatKinerjaOrganisasi``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DINILAI = "dinilai", _("Sudah dinilai")
        FINAL = "final", _("Final")

    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="penilaian"
    )
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="penilaian")
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="penilaian"
    )
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="penilaian")
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penilaian_diberikan",
        help_text=_("Kosong bila penilainya PPK (dicatat admin instansi atas nama PPK)."),
    )
    rating_hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=10, choices=PILIHAN_RATING, blank=True
    )
    hasil_kerja_dari_organisasi = models.BooleanField(
        _("rating hasil kerja mengikuti predikat kinerja organisasi"), default=False
    )
    rating_perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=10, choices=PILIHAN_RATING, blank=True
    )
    predikat = models.CharField(
        _("predikat kinerja"), max_length=20, choices=PILIHAN_PREDIKAT, blank=True
    )
    catatan_hasil_kerja = models.TextField(_("umpan balik hasil kerja"), blank=True)
    catatan_perilaku = models.JSONField(
        _("umpan balik perilaku per nilai dasar"), default=dict, blank=True
    )
    rekomendasi_pengembangan = models.TextField(_("rekomendasi pengembangan"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    difinalkan_pada = models.DateTimeField(null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["periode_penilaian", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode_penilaian", "skp"], name="penilaian_unik_per_skp"
            ),
            models.CheckConstraint(
                condition=~Q(status="final") | ~Q(predikat=""), name="penilaian_final_berpredikat"
            ),
        ]
        indexes = [
            models.Index(fields=["penilai", "status"], name="penilaian_penilai_status"),
            models.Index(fields=["unit", "periode_penilaian"], name="penilaian_unit_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.periode_penilaian}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    # The stretch rated (the window, cut to the SKP's validity): the public verification page
    # of the evaluation document prints it.
    @property
    def mulai(self):
        return max(self.periode_penilaian.mulai, self.skp.mulai)

    @property
    def selesai(self):
        return min(self.periode_penilaian.selesai, self.skp.selesai)


class PredikatKinerjaOrganisasi(models.Model):
    """Predikat kinerja organisasi of a unit for a year or for one periodic window of it
    (``jenis``/``urutan`` as in ``PeriodePenilaian``: SE MenPANRB 3/2023 stage 1, capaian
    kinerja organisasi "periodik dan tahunan"; domain.md §4), set by the admin.

    It fixes the distribution curve of that window for the pegawai of the unit and of every
    sub-unit without one of its own, and the rating hasil kerja of the unit's head in that
    window.  ``difinalkan_pada`` marks the unit's annual predikat as finalised (every annual
    rating of the group frozen at once)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="predikat_organisasi"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=PILIHAN_JENIS_PERIODE, default=rules.JenisPeriode.TAHUNAN
    )
    urutan = models.PositiveSmallIntegerField(_("ke-"), default=1)
    predikat = models.CharField(
        _("predikat kinerja organisasi"), max_length=20, choices=PILIHAN_PREDIKAT_ORGANISASI
    )
    nomor_penetapan = models.CharField(_("nomor penetapan"), max_length=100, blank=True)
    tanggal_penetapan = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    catatan = models.TextField(_("dasar penetapan"), blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(auto_now=True)
    difinalkan_pada = models.DateTimeField(null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    distribusi_final = models.JSONField(default=dict, blank=True, editable=False)
    # Finalised outside the curve (allowed unless the instansi chose the strict mode): the
    # pimpinan's written justification and the limits it was outside of, as shown then.
    justifikasi = models.TextField(_("justifikasi pimpinan"), blank=True, editable=False)
    pelanggaran_kurva = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        ordering = ["-tahun", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "tahun", "jenis", "urutan"], name="predikat_organisasi_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.nama_jendela}: {self.get_predikat_display()}"

    @property
    def is_tahunan(self) -> bool:
        return self.jenis == rules.JenisPeriode.TAHUNAN

    @property
    def nama_jendela(self) -> str:
        """ "2026" for the year, "Triwulan 2 2026" for a window (as ``PeriodePenilaian``)."""
        if self.is_tahunan:
            return str(self.tahun)
        return f"{self.get_jenis_display()} {self.urutan} {self.tahun}"


class Keberatan(models.Model):
    """A pegawai's objection to his annual predikat, decided by the atasan pejabat penilai.

    One per rating.  The decision keeps the predikat (``dipertahankan``) or changes the
    ratings (``diubah``); the rating's predikat then follows the decision and both the old
    and the new predikat stay here."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIPERTAHANKAN = "dipertahankan", _("Ditolak — predikat tetap")
        DIUBAH = "diubah", _("Diterima — predikat diubah")

    penilaian = models.OneToOneField(Penilaian, on_delete=models.PROTECT, related_name="keberatan")
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="keberatan"
    )
    alasan = models.TextField(_("alasan keberatan"))
    diajukan_pada = models.DateTimeField(auto_now_add=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pemutus = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="keberatan_diputus",
        help_text=_("Atasan pejabat penilai; kosong bila PPK (dicatat admin atas nama PPK)."),
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DIAJUKAN)
    predikat_semula = models.CharField(max_length=20, choices=PILIHAN_PREDIKAT)
    rating_hasil_kerja_semula = models.CharField(max_length=10, choices=PILIHAN_RATING)
    rating_perilaku_semula = models.CharField(max_length=10, choices=PILIHAN_RATING)
    predikat_akhir = models.CharField(
        max_length=20, choices=PILIHAN_PREDIKAT, blank=True, editable=False
    )
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True)
    diputus_pada = models.DateTimeField(null=True, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diajukan_pada"]
        indexes = [models.Index(fields=["pemutus", "status"], name="keberatan_pemutus_status")]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.penilaian.periode_penilaian}"


class KoefisienAngkaKredit(models.Model):
    """The yearly angka kredit coefficient of a jabatan fungsional (domain.md §5)."""

    jabatan = models.OneToOneField(
        Jabatan, on_delete=models.CASCADE, related_name="koefisien_angka_kredit"
    )
    jenjang = models.CharField(_("jenjang"), max_length=20)
    koefisien = models.DecimalField(
        _("koefisien tahunan"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        verbose_name = _("koefisien angka kredit")
        verbose_name_plural = _("koefisien angka kredit")

    def __str__(self) -> str:
        return f"{self.jabatan}: {self.koefisien}"


class PengaturanTpp(models.Model):
    """The instansi's TPP formula (domain.md §5, set by each pemda; the defaults are an
    example, shown as such in the UI).  Percentages are of the pegawai's base TPP."""

    class DasarKinerja(models.TextChoices):
        PREDIKAT = "predikat", _("Predikat penilaian periodik")
        REALISASI = "realisasi", _("Realisasi bulanan disetujui")

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="tpp")
    porsi_kinerja = models.DecimalField(
        _("porsi kinerja (%)"), max_digits=5, decimal_places=2, default=60, validators=PERSEN
    )
    porsi_disiplin = models.DecimalField(
        _("porsi disiplin (%)"), max_digits=5, decimal_places=2, default=40, validators=PERSEN
    )
    dasar_kinerja = models.CharField(
        _("dasar porsi kinerja"),
        max_length=10,
        choices=DasarKinerja.choices,
        default=DasarKinerja.PREDIKAT,
    )
    persen_sangat_baik = models.DecimalField(
        _("Sangat Baik (%)"), max_digits=5, decimal_places=2, default=100, validators=PERSEN
    )
    persen_baik = models.DecimalField(
        _("Baik (%)"), max_digits=5, decimal_places=2, default=100, validators=PERSEN
    )
    persen_butuh_perbaikan = models.DecimalField(
        _("Butuh Perbaikan (%)"), max_digits=5, decimal_places=2, default=75, validators=PERSEN
    )
    persen_kurang = models.DecimalField(
        _("Kurang/Misconduct (%)"), max_digits=5, decimal_places=2, default=50, validators=PERSEN
    )
    persen_sangat_kurang = models.DecimalField(
        _("Sangat Kurang (%)"), max_digits=5, decimal_places=2, default=25, validators=PERSEN
    )
    potong_tanpa_realisasi = models.BooleanField(
        _("porsi kinerja hilang bila realisasi tidak dikirim tepat waktu"), default=True
    )
    potongan_terlambat = models.DecimalField(
        _("potongan per keterlambatan masuk (% porsi disiplin)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=PERSEN,
    )
    potongan_pulang_cepat = models.DecimalField(
        _("potongan per pulang sebelum waktunya (% porsi disiplin)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=PERSEN,
    )
    potongan_tanpa_keterangan = models.DecimalField(
        _("potongan per hari tanpa keterangan (% porsi disiplin)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("3"),
        validators=PERSEN,
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan TPP")
        verbose_name_plural = _("pengaturan TPP")

    def __str__(self) -> str:
        return str(self.instansi)


class BesaranTpp(models.Model):
    """Base monthly TPP per kelas jabatan of an instansi (set by the pemda's regulation)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="besaran_tpp")
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"))
    jumlah = models.DecimalField(
        _("TPP dasar per bulan (Rp)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("besaran TPP")
        verbose_name_plural = _("besaran TPP")
        ordering = ["-kelas_jabatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kelas_jabatan"], name="besaran_tpp_unik_per_kelas"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instansi} kelas {self.kelas_jabatan}"


class Kehadiran(models.Model):
    """A pegawai's attendance faults in a month, imported from the attendance system."""

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kehadiran"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    hari_kerja = models.PositiveSmallIntegerField(_("hari kerja"))
    terlambat = models.PositiveSmallIntegerField(_("terlambat masuk (kali)"), default=0)
    pulang_cepat = models.PositiveSmallIntegerField(_("pulang sebelum waktunya (kali)"), default=0)
    tanpa_keterangan = models.PositiveSmallIntegerField(_("tanpa keterangan (hari)"), default=0)
    diimpor_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    diimpor_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kehadiran bulanan")
        verbose_name_plural = _("kehadiran bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "bulan"], name="kehadiran_unik_per_bulan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} {self.bulan:02d}/{self.tahun}"


class PenilaianDiri(models.Model):
    """The pegawai's self-assessment of one SKP for one evaluation window (issue 17): per RHK
    his account of the realisation, the evidence he points at and the rating he proposes,
    and per BerAKHLAK value the rating he proposes.

    Kept with the rating (same key: window + SKP) and printed on its evaluation document.
    Never binding: nothing of it is copied into the ``Penilaian``.  Frozen once the penilai
    is done (``rules.alasan_tutup_penilaian_diri``).

    ``hasil_kerja``: ``{"<rhk id>": {"uraian": str, "usulan": rating, "bukti": [ids]}}``;
    ``perilaku``: ``{"<kode nilai dasar>": rating}``."""

    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="penilaian_diri"
    )
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="penilaian_diri")
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="penilaian_diri"
    )
    hasil_kerja = models.JSONField(_("uraian hasil kerja per RHK"), default=dict, blank=True)
    perilaku = models.JSONField(_("usulan rating per nilai dasar"), default=dict, blank=True)
    usulan_rating_hasil_kerja = models.CharField(
        _("usulan rating hasil kerja"), max_length=10, choices=PILIHAN_RATING, blank=True
    )
    usulan_rating_perilaku = models.CharField(
        _("usulan rating perilaku kerja"), max_length=10, choices=PILIHAN_RATING, blank=True
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penilaian diri")
        verbose_name_plural = _("penilaian diri")
        constraints = [
            models.UniqueConstraint(
                fields=["periode_penilaian", "skp"], name="penilaian_diri_unik_per_skp"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.periode_penilaian}"


class PermintaanUmpanBalik(models.Model):
    """The penilai asks a named colleague (or subordinate) of the pegawai for feedback on the
    seven BerAKHLAK values in a window (issue 17, umpan balik berkelanjutan).

    The answer is read only by the penilai and only aggregated
    (``rules.ringkas_umpan_balik``): never with the writer's name, never by the pegawai,
    never in an export.  ``jawaban``: ``{"<kode>": {"skala": 1..5 | None, "teks": str}}``."""

    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="permintaan_umpan_balik"
    )
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="permintaan_umpan_balik")
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responden = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="permintaan_umpan_balik",
    )
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    jawaban = models.JSONField(default=dict, blank=True)
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("permintaan umpan balik rekan kerja")
        verbose_name_plural = _("permintaan umpan balik rekan kerja")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode_penilaian", "skp", "responden"],
                name="umpan_balik_rekan_sekali",
            ),
        ]
        indexes = [
            models.Index(fields=["responden", "dijawab_pada"], name="umpan_balik_rekan_masuk"),
        ]

    def __str__(self) -> str:
        return f"{self.responden_id} → {self.pegawai_id} ({self.periode_penilaian_id})"

    @property
    def is_dijawab(self) -> bool:
        return self.dijawab_pada is not None


class RekomendasiPengembangan(models.Model):
    """One structured development recommendation of a rating (issue 17): the kind
    (``rules_tindak_lanjut.JENIS_PENGEMBANGAN``) and a free text.  Written by the penilai
    with the rating and frozen with it; the final ones are collected for BKPSDM per unit
    and window and shown on the pegawai's profile.  ``Penilaian.rekomendasi_pengembangan``
    stays the general note."""

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="rekomendasi")
    urutan = models.PositiveSmallIntegerField(default=1)
    jenis = models.CharField(
        _("jenis pengembangan"),
        max_length=30,
        choices=list(rules_tindak_lanjut.JENIS_PENGEMBANGAN.items()),
    )
    uraian = models.CharField(
        _("uraian"), max_length=rules_tindak_lanjut.MAKS_URAIAN_REKOMENDASI, blank=True
    )

    class Meta:
        verbose_name = _("rekomendasi pengembangan")
        verbose_name_plural = _("rekomendasi pengembangan")
        ordering = ["penilaian", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["penilaian", "urutan"], name="rekomendasi_pengembangan_urutan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.uraian}"
