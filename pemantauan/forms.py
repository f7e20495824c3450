"""The period and unit filter of the dashboards (GET)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pemantauan.selectors.dasbor import NAMA_BULAN

PILIHAN_BULAN = [("", _("Semua bulan"))] + [(str(i), NAMA_BULAN[i]) for i in range(1, 13)]
PILIHAN_TRIWULAN = [("", _("Semua triwulan"))] + [(str(i), f"TW {i}") for i in range(1, 5)]


class SaringanForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"), choices=PILIHAN_TRIWULAN, coerce=int, required=False, empty_value=None
    )
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), choices=PILIHAN_BULAN, coerce=int, required=False, empty_value=None
    )
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("bulan") and data.get("triwulan"):
            tw = (data["bulan"] - 1) // 3 + 1
            if tw != data["triwulan"]:
                self.add_error("bulan", _("Bulan ini tidak termasuk triwulan yang dipilih."))
        return data
