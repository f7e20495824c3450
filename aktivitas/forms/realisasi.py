"""Forms of the monthly realisation page (aktivitas/realisasi/)."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from aktivitas.models import RealisasiBulanan

FORM_ID = "form-realisasi"
POLA_BULAN = re.compile(r"^(\d{4})-(\d{1,2})$")
PANJANG_MAKS = _("Paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")


def parse_bulan(teks: str | None) -> tuple[int, int] | None:
    """``"2026-03"`` → ``(2026, 3)``; anything else → None."""
    m = POLA_BULAN.match((teks or "").strip())
    if not m:
        return None
    tahun, bulan = int(m.group(1)), int(m.group(2))
    return (tahun, bulan) if 2000 <= tahun <= 2100 and 1 <= bulan <= 12 else None


def geser_bulan(tahun: int, bulan: int, n: int) -> tuple[int, int]:
    indeks = tahun * 12 + (bulan - 1) + n
    return indeks // 12, indeks % 12 + 1


class BulanField(forms.CharField):
    """A month as ``YYYY-MM`` (an ``<input type="month">``; typed text on older browsers)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})
    default_error_messages = {
        "invalid": _("Tulis bulan sebagai TTTT-BB, mis. 2026-03."),
        "required": _("Pilih bulan."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        hasil = parse_bulan(value)
        if hasil is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return hasil

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return f"{value[0]:04d}-{value[1]:02d}"
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return value


class PilihBulanForm(forms.Form):
    bulan = BulanField(label=_("Bulan"), required=False)


class RealisasiForm(forms.Form):
    """One indicator's row of the month (prefix ``r<pk>``)."""

    realisasi = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Terisi otomatis dari aktivitas bulan ini; sesuaikan seperlunya."),
        error_messages={"max_length": PANJANG_MAKS},
    )
    nilai = forms.DecimalField(
        label=_("Nilai realisasi"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Tulis angka, mis. 12 atau 12,5."),
            "min_value": _("Nilai realisasi tidak boleh negatif."),
            "max_digits": _("Angka terlalu besar."),
            "max_decimal_places": _("Paling banyak 2 angka di belakang koma."),
        },
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kendala atau penjelasan untuk atasan (boleh kosong)."),
        error_messages={"max_length": PANJANG_MAKS},
    )

    def __init__(self, *args, baris: RealisasiBulanan, kuantitatif: bool, **kwargs):
        kwargs.setdefault("prefix", f"r{baris.pk}")
        kwargs.setdefault(
            "initial",
            {"realisasi": baris.realisasi, "nilai": baris.nilai, "catatan": baris.catatan},
        )
        super().__init__(*args, **kwargs)
        self.baris = baris
        # The fields sit in the page's sections; they belong to the one form of the month
        # (HTML form attribute), so the atasan's own forms can sit beside them unnested.
        for f in self.fields.values():
            f.widget.attrs["form"] = FORM_ID
        if kuantitatif:
            satuan = baris.indikator.satuan
            if satuan:
                self.fields["nilai"].help_text = _("Dalam satuan: %(satuan)s") % {"satuan": satuan}
        else:
            del self.fields["nilai"]
