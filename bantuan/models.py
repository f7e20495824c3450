"""Questions of a pegawai to the operator of his unit, and the first-use steps' state."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi, UnitKerja


class Pertanyaan(models.Model):
    """A question about one page ("Tanya operator"), answered by an operator of the asker's
    unit (or, with no operator, the admin instansi)."""

    class Status(models.TextChoices):
        BARU = "baru", _("Baru")
        DIJAWAB = "dijawab", _("Dijawab")
        SELESAI = "selesai", _("Selesai")

    penanya = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pertanyaan_bantuan"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    # The asker's unit when he asked: the operators of this unit and its parents answer.
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    halaman = models.CharField(_("halaman"), max_length=300, blank=True)
    teks = models.TextField(_("pertanyaan"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BARU
    )
    jawaban = models.TextField(_("jawaban"), blank=True)
    penjawab = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("ditanyakan pada"), auto_now_add=True)
    dijawab_pada = models.DateTimeField(_("dijawab pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pertanyaan")
        verbose_name_plural = _("pertanyaan")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["instansi", "status", "dibuat_pada"]),
            models.Index(fields=["penanya", "dibuat_pada"]),
        ]

    def __str__(self) -> str:
        return self.teks[:60]


class MulaiPengguna(models.Model):
    """A user's "three steps to start" box: closed by him (and reopened) on the home page."""

    pegawai = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mulai_bantuan"
    )
    ditutup = models.BooleanField(_("ditutup"), default=False)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("langkah awal pengguna")
        verbose_name_plural = _("langkah awal pengguna")

    def __str__(self) -> str:
        return f"{self.pegawai_id}: {'ditutup' if self.ditutup else 'terbuka'}"
