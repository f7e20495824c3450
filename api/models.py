"""Access tokens of the REST API (issue 18).

A token is shown once, when it is made; only its SHA-256 is kept, with a short visible
prefix (``ekn_1a2b3c4d``) so that its owner can tell his tokens apart.  Two kinds:

- **pribadi** — a pegawai's own token, made on his profile page; the API acts as him, with his
  rights and his scoping, nothing more;
- **layanan** — an instansi's service token for an integration (TPP, attendance), made by its
  admin instansi; the API acts as that admin, limited to the admin endpoints of that instansi,
  and stops working when he is no longer its admin.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi


class TokenAkses(models.Model):
    class Jenis(models.TextChoices):
        PRIBADI = "pribadi", _("pribadi")
        LAYANAN = "layanan", _("layanan instansi")

    class Cakupan(models.TextChoices):
        BACA = "baca", _("baca saja")
        TULIS = "tulis", _("baca dan tulis")

    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    nama = models.CharField(_("nama token"), max_length=100)
    cakupan = models.CharField(_("cakupan"), max_length=10, choices=Cakupan.choices)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="token_api",
        help_text=_("Pegawai yang diwakili token (untuk token layanan: admin pembuatnya)."),
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, null=True, blank=True, related_name="token_api"
    )
    awalan = models.CharField(_("awalan"), max_length=16)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    kedaluwarsa = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["pemilik", "jenis"]), models.Index(fields=["instansi"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jenis="pribadi") | models.Q(instansi__isnull=False),
                name="token_layanan_punya_instansi",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"

    def berlaku(self, waktu=None) -> bool:
        waktu = waktu or timezone.now()
        if self.dicabut_pada is not None:
            return False
        return self.kedaluwarsa is None or self.kedaluwarsa > waktu

    @property
    def boleh_menulis(self) -> bool:
        return self.cakupan == self.Cakupan.TULIS

    @property
    def is_layanan(self) -> bool:
        return self.jenis == self.Jenis.LAYANAN
