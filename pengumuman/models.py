"""Announcements and scheduled maintenance notices, shown as a banner on every page of their
audience while they are in force (issue 16 point 3).

An announcement belongs to one instansi (its admin writes it) or, with ``instansi`` empty, to
the whole installation (the superuser's: a maintenance of the server concerns everyone)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi, UnitKerja


class Pengumuman(models.Model):
    class Jenis(models.TextChoices):
        PENGUMUMAN = "pengumuman", _("Pengumuman")
        PEMELIHARAAN = "pemeliharaan", _("Pemeliharaan terjadwal")

    class Peran(models.TextChoices):
        ATASAN = "atasan", _("Atasan (pejabat penilai)")
        OPERATOR = "operator", _("Operator unit")
        ADMIN = "admin", _("Admin instansi")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, null=True, blank=True, related_name="pengumuman"
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    isi = models.TextField(_("isi pengumuman"), max_length=500)
    # An announcement: shown from ``mulai`` until ``selesai``.  A maintenance notice: the
    # maintenance window itself, announced ``hari_sebelum`` days ahead.
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    hari_sebelum = models.PositiveSmallIntegerField(
        _("ditampilkan berapa hari sebelumnya"), default=0
    )
    # The audience: everyone when both are empty; else the pegawai of these units (and their
    # sub-units) and/or holding one of these roles (both given: both must hold).
    unit = models.ManyToManyField(
        UnitKerja, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    peran = models.JSONField(_("peran"), default=list, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diakhiri_pada = models.DateTimeField(_("diakhiri pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["instansi", "selesai"], name="pengumuman_instansi_selesai")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=F("mulai")), name="pengumuman_selesai_setelah_mulai"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.mulai:%d-%m-%Y}"
