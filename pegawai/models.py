"""Organisation and people: Instansi, UnitKerja, Jabatan, Pegawai, Penugasan, roles, history."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Instansi(models.Model):
    class Jenis(models.TextChoices):
        KEMENTERIAN = "kementerian", _("Kementerian")
        LEMBAGA = "lembaga", _("Lembaga")
        PROVINSI = "provinsi", _("Pemerintah Provinsi")
        KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
        KOTA = "kota", _("Pemerintah Kota")

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    kota = models.CharField(
        _("tempat penandatanganan"), max_length=100, help_text=_("Dicetak pada dokumen.")
    )
    alamat = models.TextField(_("alamat"), blank=True)
    # Pejabat Pembina Kepegawaian: pejabat penilai of JPT (domain.md §1); often not an ASN.
    ppk_nama = models.CharField(_("nama PPK / pimpinan"), max_length=200)
    ppk_jabatan = models.CharField(_("jabatan PPK / pimpinan"), max_length=200)
    ppk_nip = models.CharField(_("NIP PPK"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Pohon(models.Model):
    """A node of a tree kept as a materialised path (``/12/40/57/``).

    Descendants are one indexed ``path LIKE '/12/%'`` query and ancestors are parsed from
    the path, on SQLite and PostgreSQL alike.  ``pegawai.services.organisasi`` keeps the paths right
    when a node is created or moved.
    """

    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    kedalaman = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Save, then make this node's path (and its subtree's, after a move) right."""
        induk = self.induk
        if induk is not None and self.pk is not None and f"/{self.pk}/" in induk.path:
            raise ValidationError(
                {"induk": _("Induk tidak boleh dirinya sendiri atau bawahannya.")}
            )
        super().save(*args, **kwargs)
        baru = f"{induk.path if induk else '/'}{self.pk}/"
        lama = self.path
        if baru == lama:
            return
        kelas = type(self)
        self.path, self.kedalaman = baru, baru.count("/") - 2
        kelas.objects.filter(pk=self.pk).update(path=baru, kedalaman=self.kedalaman)
        if lama:
            # A move: rewrite the subtree's paths (tens of rows; clarity beats cleverness).
            for anak in kelas.objects.filter(path__startswith=lama).exclude(pk=self.pk):
                anak.path = baru + anak.path[len(lama) :]
                anak.kedalaman = anak.path.count("/") - 2
                kelas.objects.filter(pk=anak.pk).update(path=anak.path, kedalaman=anak.kedalaman)

    def clean(self) -> None:
        super().clean()
        induk = self.induk
        if induk is not None and self.pk is not None and f"/{self.pk}/" in induk.path:
            raise ValidationError(
                {"induk": _("Induk tidak boleh dirinya sendiri atau bawahannya.")}
            )

    @property
    def id_leluhur(self) -> list[int]:
        """Ids from the root down to the parent (excluding self)."""
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class UnitKerja(Pohon):
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="unit_kerja")
    kode = models.CharField(_("kode unit"), max_length=40)
    nama = models.CharField(_("nama unit"), max_length=200)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_unit",
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="unit_kode_unik_per_instansi")
        ]

    def __str__(self) -> str:
        return self.nama


class Jabatan(Pohon):
    class Jenis(models.TextChoices):
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    JENIS_JPT = (Jenis.JPT_UTAMA, Jenis.JPT_MADYA, Jenis.JPT_PRATAMA)

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="jabatan")
    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="jabatan"
    )
    nama = models.CharField(_("nama jabatan"), max_length=255)
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("jabatan atasan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan",
        help_text=_("Pemangku jabatan ini adalah atasan langsung. Kosong untuk JPT tertinggi."),
    )
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True)
                | Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_jpt(self) -> bool:
        return self.jenis in self.JENIS_JPT


class PegawaiManager(BaseUserManager["Pegawai"]):
    use_in_migrations = True

    def create_user(self, nip: str, password: str | None = None, **extra) -> Pegawai:
        user = self.model(nip=nip, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, nip: str, password: str | None = None, **extra) -> Pegawai:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("nama", nip)
        return self.create_user(nip, password, **extra)


class Pegawai(AbstractBaseUser, PermissionsMixin):
    """An ASN (PNS or PPPK) and the user who logs in with the NIP."""

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    class StatusKepegawaian(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    class Status(models.TextChoices):
        AKTIF = "aktif", _("Aktif")
        CUTI = "cuti", _("Cuti")
        PENSIUN = "pensiun", _("Pensiun")
        BERHENTI = "berhenti", _("Berhenti")
        MENINGGAL = "meninggal", _("Meninggal")

    # Those who may still log in; the others keep their history but cannot.
    STATUS_BOLEH_MASUK = (Status.AKTIF, Status.CUTI)

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    gelar_depan = models.CharField(_("gelar depan"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True
    )
    pangkat_golongan = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    status_kepegawaian = models.CharField(
        _("status kepegawaian"),
        max_length=4,
        choices=StatusKepegawaian.choices,
        default=StatusKepegawaian.PNS,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="aktif")
    email = models.EmailField(_("e-mail"), blank=True)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, null=True, blank=True, related_name="pegawai"
    )
    # The unit of the pegawai's current definitif jabatan, kept by the services so that
    # scoping ("operator sees the pegawai of his units") is one indexed join.
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pegawai",
    )
    is_admin_instansi = models.BooleanField(_("admin instansi"), default=False)
    # Set when an operator or admin gives a temporary password: the pegawai must choose
    # his own at the next login (so a shared account does not stay shared).
    wajib_ganti_sandi = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    is_active = models.BooleanField(_("boleh masuk"), default=True, editable=False)
    is_staff = models.BooleanField(_("akses admin Django"), default=False)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)

    objects = PegawaiManager()

    USERNAME_FIELD = "nip"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nama"]

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [models.Index(fields=["instansi", "nama"]), models.Index(fields=["unit_kerja"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    def save(self, *args, **kwargs) -> None:
        self.is_active = self.status in self.STATUS_BOLEH_MASUK
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_active"}
        super().save(*args, **kwargs)

    @property
    def nama_lengkap(self) -> str:
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    def get_full_name(self) -> str:
        return self.nama_lengkap

    def get_short_name(self) -> str:
        return self.nama


class PenugasanQuerySet(models.QuerySet):
    def aktif_pada(self, tanggal: dt.date) -> PenugasanQuerySet:
        return self.filter(
            Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))
        )


class Penugasan(models.Model):
    """A pegawai holding a jabatan for a date range (inclusive), definitif or acting."""

    class Jenis(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PLT = "plt", _("Plt (pelaksana tugas)")
        PLH = "plh", _("Plh (pelaksana harian)")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penugasan")
    jenis = models.CharField(_("jenis penugasan"), max_length=10, choices=Jenis.choices)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["-mulai"]
        indexes = [
            models.Index(fields=["jabatan", "mulai"]),
            models.Index(fields=["pegawai", "mulai"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penugasan_selesai_setelah_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} — {self.get_jenis_display()} {self.jabatan.nama}"

    def aktif_pada(self, tanggal: dt.date) -> bool:
        return self.mulai <= tanggal and (self.selesai is None or self.selesai >= tanggal)


class OperatorUnit(models.Model):
    """An operator (pengelola kinerja) of a unit and, implicitly, all its sub-units."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="unit_operator")
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="operator")
    dibuat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("operator unit")
        verbose_name_plural = _("operator unit")
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "unit"], name="operator_unit_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} — {self.unit.nama}"


class Riwayat(models.Model):
    """Who did what to which object, for whom, and in which role — the audit trail.

    ``pelaku`` is the logged-in person; ``subjek`` is the pegawai the record concerns.  When
    an operator fills in for an ASN, ``sebagai`` is ``operator`` and the UI says so.
    """

    class Sebagai(models.TextChoices):
        SENDIRI = "sendiri", _("sendiri")
        ATASAN = "atasan", _("atasan")
        OPERATOR = "operator", _("operator")
        ADMIN = "admin", _("admin instansi")
        KUASA = "kuasa", _("atas kuasa pengisian")
        SISTEM = "sistem", _("sistem")

    waktu = models.DateTimeField(default=timezone.now, db_index=True)
    pelaku = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="riwayat_dilakukan",
    )
    # Two rows per activity (entered, reviewed): every index is paid at month end, so none is
    # kept that a composite below already leads with (docs/keputusan/0006).
    subjek = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="riwayat_tentang",
        db_index=False,
    )
    sebagai = models.CharField(max_length=10, choices=Sebagai.choices)
    aksi = models.CharField(max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, db_index=False)
    object_id = models.PositiveBigIntegerField()
    objek = GenericForeignKey("content_type", "object_id")
    dari_status = models.CharField(max_length=30, blank=True)
    ke_status = models.CharField(max_length=30, blank=True)
    keterangan = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat")
        verbose_name_plural = _("riwayat")
        ordering = ["-waktu", "-id"]
        indexes = [
            # An object's history, newest first (SKP, keberatan, pengumuman pages).
            models.Index(fields=["content_type", "object_id", "waktu"]),
            # A pegawai's history, newest first (the profile's "Riwayat"): the last rows
            # straight from the index instead of sorting every year of his rows.
            models.Index(fields=["subjek", "waktu"]),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi}"

    @property
    def aksi_tampil(self) -> str:
        from .riwayat import label_aksi

        return label_aksi(self.aksi)


# --- what the platform must keep when Redis is away (issue 22) -------------------------------
class PercobaanMasuk(models.Model):
    """Failed logins of one NIP (hashed), and its lock: in the database, so that stopping
    Redis never lifts a lockout (``pegawai.services.masuk``)."""

    kunci = models.CharField(max_length=64, unique=True)
    gagal = models.PositiveSmallIntegerField(default=0)
    sejak = models.DateTimeField(help_text=_("Kegagalan pertama dalam jendela hitungan."))
    terkunci_sampai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan masuk")
        verbose_name_plural = _("percobaan masuk")

    def __str__(self) -> str:
        return f"{self.kunci[:12]}… {self.gagal}"


class TugasTertunda(models.Model):
    """A Celery task that could not be published (the broker was away): the outbox the
    sweep sends again once the broker is back (``pegawai.services.antrean``)."""

    nama = models.CharField(max_length=200)
    argumen = models.JSONField(default=list, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    percobaan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tugas tertunda")
        verbose_name_plural = _("tugas tertunda")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.nama}{tuple(self.argumen)}"


class Detak(models.Model):
    """The last time a background process proved it runs (``beat``: the sweep it sends
    was executed by a worker).  Read by /readyz and the status page."""

    nama = models.CharField(max_length=40, unique=True)
    waktu = models.DateTimeField()

    class Meta:
        verbose_name = _("detak layanan")
        verbose_name_plural = _("detak layanan")

    def __str__(self) -> str:
        return f"{self.nama} {self.waktu:%Y-%m-%d %H:%M:%S}"
