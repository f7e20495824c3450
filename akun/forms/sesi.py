"""The instansi's account settings and the history filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from akun.models import PengaturanAkun


class PengaturanAkunForm(forms.ModelForm):
    class Meta:
        model = PengaturanAkun
        fields = ["lama_sesi_jam", "wajib_dua_langkah_atasan"]
        error_messages = {
            "lama_sesi_jam": {
                "min_value": _("Lama sesi paling sedikit %(limit_value)s jam."),
                "max_value": _("Lama sesi paling lama %(limit_value)s jam (satu minggu)."),
                "required": _("Isi lama sesi dalam jam."),
                "invalid": _("Isi lama sesi dengan bilangan bulat."),
            }
        }


class CariRiwayatForm(forms.Form):
    q = forms.CharField(
        label=_("Cari NIP atau nama"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    def cari(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
