"""The workday calendar: national holidays and cuti bersama, and an instansi's own days off.

The lowest app above ``pegawai`` (it needs ``Instansi``): daily activities, reminders,
appraisal and dashboards all read it, so it sits below them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi


class HariLibur(models.Model):
    """National holidays and cuti bersama (instansi empty), or an instansi's own days off."""

    class Jenis(models.TextChoices):
        LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        LIBUR_DAERAH = "libur_daerah", _("Libur daerah")

    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("keterangan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, null=True, blank=True, related_name="hari_libur"
    )

    class Meta:
        # Moved from the aktivitas app without copying rows: the table keeps its name.
        db_table = "aktivitas_harilibur"
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["tanggal", "instansi"],
                name="hari_libur_unik",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class GangguanLayanan(models.Model):
    """A declared service outage (issue 16): days on which the application could not be
    used.  Activities of those days are not late, outage days do not count as workdays for
    the entry deadline, and the realisation deadline of an affected month moves by the
    outage's workdays (``aktivitas.rules``).  ``instansi`` empty: the whole installation."""

    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gangguan_layanan",
    )
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    alasan = models.CharField(_("alasan"), max_length=300)
    dicatat_oleh = models.ForeignKey(
        "pegawai.Pegawai", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gangguan layanan")
        verbose_name_plural = _("gangguan layanan")
        ordering = ["-mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__gte=models.F("mulai")),
                name="gangguan_selesai_tidak_sebelum_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mulai:%d-%m-%Y}–{self.selesai:%d-%m-%Y} {self.alasan}"
