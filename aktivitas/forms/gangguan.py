"""Declaring a service outage (messages in Bahasa Indonesia, next to the fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalender.rules import MAKS_HARI_GANGGUAN

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GangguanForm(forms.Form):
    mulai = forms.DateField(label=_("Tanggal mulai"), widget=TANGGAL)
    selesai = forms.DateField(label=_("Tanggal selesai"), widget=TANGGAL)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=300,
        help_text=_("Contoh: server tidak dapat diakses karena pemadaman listrik."),
    )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai:
            if selesai < mulai:
                self.add_error("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
            elif (selesai - mulai).days + 1 > MAKS_HARI_GANGGUAN:
                self.add_error(
                    "selesai",
                    _("Satu gangguan paling lama %(n)s hari.") % {"n": MAKS_HARI_GANGGUAN},
                )
        return data
