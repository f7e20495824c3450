"""Account security records: the login history, the sessions a user can see and end, and the
instansi's account settings.  The second-step devices themselves are django-otp's models
(``otp_totp.TOTPDevice`` for the authenticator app, ``otp_static.StaticDevice`` for the
recovery codes)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import rules


class _Perangkat(models.Model):
    """Where a login came from: the address, its network, and the browser and system."""

    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    jaringan = models.CharField(_("jaringan"), max_length=50, blank=True)
    peramban = models.CharField(_("peramban"), max_length=30, blank=True)
    sistem = models.CharField(_("sistem operasi"), max_length=30, blank=True)
    komputer_bersama = models.BooleanField(_("komputer bersama"), default=False)

    class Meta:
        abstract = True

    @property
    def perangkat(self) -> str:
        """ "Chrome di Android", for people (the columns stay language-neutral)."""
        peramban = self.peramban or gettext("Peramban tidak dikenal")
        if not self.sistem:
            return peramban
        return gettext("%(peramban)s di %(sistem)s") % {
            "peramban": peramban,
            "sistem": self.sistem,
        }


class RiwayatMasuk(_Perangkat):
    """One login step, failed login or logout of a pegawai."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", _("Masuk (kata sandi)")
        DUA_LANGKAH = "dua_langkah", _("Verifikasi dua langkah")
        KELUAR = "keluar", _("Keluar")

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="riwayat_masuk"
    )
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    jenis = models.CharField(_("jenis"), max_length=15, choices=Jenis.choices)
    berhasil = models.BooleanField(_("berhasil"), default=True)
    # Set on the password-step row when the same session then passed the second step.
    dengan_dua_langkah = models.BooleanField(_("dengan verifikasi dua langkah"), default=False)

    class Meta:
        verbose_name = _("riwayat masuk")
        verbose_name_plural = _("riwayat masuk")
        ordering = ["-waktu", "-id"]
        indexes = [
            models.Index(fields=["pegawai", "-waktu"], name="riwayat_masuk_pegawai"),
            # The admin's list: the newest rows of many pegawai.
            models.Index(fields=["-waktu"], name="riwayat_masuk_waktu"),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.jenis} {self.pegawai_id}"


class SesiPengguna(_Perangkat):
    """A logged-in session as its owner sees it; ending it deletes Django's session row."""

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sesi_pengguna"
    )
    kunci_sesi = models.CharField(max_length=40, unique=True)
    dibuat = models.DateTimeField(_("masuk pada"), default=timezone.now)
    terakhir_aktif = models.DateTimeField(_("terakhir aktif"), default=timezone.now)
    berakhir = models.DateTimeField(_("berakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("sesi pengguna")
        verbose_name_plural = _("sesi pengguna")
        ordering = ["-terakhir_aktif", "-id"]
        indexes = [models.Index(fields=["pegawai", "berakhir"], name="sesi_pegawai_berakhir")]

    def __str__(self) -> str:
        return f"{self.pegawai_id}:{self.kunci_sesi[:6]}…"


class PengaturanAkun(models.Model):
    """An instansi's account rules (the defaults apply until its admin changes them)."""

    instansi = models.OneToOneField(
        "pegawai.Instansi", on_delete=models.CASCADE, related_name="pengaturan_akun"
    )
    lama_sesi_jam = models.PositiveSmallIntegerField(
        _("lama sesi (jam)"),
        default=12,
        validators=[
            MinValueValidator(rules.LAMA_SESI_MIN_JAM),
            MaxValueValidator(rules.LAMA_SESI_MAKS_JAM),
        ],
        help_text=_(
            "Sesi berakhir sekian jam setelah masuk. Sesi dari komputer bersama tetap berakhir "
            "setelah 30 menit tanpa aktivitas."
        ),
    )
    wajib_dua_langkah_atasan = models.BooleanField(
        _("wajibkan verifikasi dua langkah bagi atasan"),
        default=False,
        help_text=_(
            "Admin instansi, operator, dan superuser selalu wajib; pegawai lain boleh memilih."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan akun")
        verbose_name_plural = _("pengaturan akun")

    def __str__(self) -> str:
        return str(self.instansi)
