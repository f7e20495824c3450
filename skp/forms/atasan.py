"""Forms of the pejabat penilai's pages (skp/persetujuan/)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from skp import rules
from skp.models import Periode, Skp

PANJANG_MAKS = _("Paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")


class KembalikanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pengembalian"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tulis apa yang perlu diperbaiki; pegawai membacanya di SKP-nya."),
        error_messages={
            "required": _("Alasan pengembalian wajib diisi."),
            "max_length": PANJANG_MAKS,
        },
    )


class EkspektasiForm(forms.Form):
    """The ekspektasi khusus pimpinan: one optional text per BerAKHLAK value."""

    def __init__(self, *args, skp: Skp, **kwargs):
        awal = {p.kode: p.ekspektasi for p in skp.perilaku.all()}
        super().__init__(*args, initial=awal, **kwargs)
        for nilai in rules.BERAKHLAK:
            self.fields[nilai.kode] = forms.CharField(
                label=format_lazy("{}: {}", _("Ekspektasi khusus"), nilai.nama),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": PANJANG_MAKS},
            )

    def nilai_dan_field(self):
        """(nilai dasar with its 3 panduan, bound field) in the regulation's order."""
        return [(nilai, self[nilai.kode]) for nilai in rules.BERAKHLAK]


class PilihPeriodeForm(forms.Form):
    periode = forms.ModelChoiceField(
        label=_("Periode"), queryset=Periode.objects.none(), empty_label=None
    )

    def __init__(self, *args, periode_pilihan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].queryset = periode_pilihan
