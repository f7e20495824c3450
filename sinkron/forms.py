"""Forms of the SIASN synchronisation pages; messages in Bahasa Indonesia."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import SumberSiasn


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas ekspor SIASN"),
        help_text=_("CSV (UTF-8), Excel .xlsx atau JSON, dengan kolom seperti di panduan."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar; paling besar %(maks)s.")
                % {"maks": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return berkas


class SumberForm(forms.ModelForm):
    rahasia_baru = forms.CharField(
        label=_("Kata sandi / token"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Kosongkan untuk tetap memakai yang tersimpan."),
    )

    class Meta:
        model = SumberSiasn
        fields = ["url", "autentikasi", "nama_pengguna", "batas_waktu", "terjadwal"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}

    def clean_batas_waktu(self):
        detik = self.cleaned_data["batas_waktu"]
        if not 1 <= detik <= 300:
            raise forms.ValidationError(_("Isi antara 1 dan 300 detik."))
        return detik

    def clean(self):
        data = super().clean()
        jenis = data.get("autentikasi")
        ada_rahasia = bool(data.get("rahasia_baru") or self.instance.rahasia)
        if jenis == SumberSiasn.Autentikasi.BASIC and not data.get("nama_pengguna"):
            self.add_error("nama_pengguna", _("Wajib diisi untuk autentikasi HTTP Basic."))
        if jenis in (SumberSiasn.Autentikasi.BASIC, SumberSiasn.Autentikasi.TOKEN) and not (
            ada_rahasia
        ):
            self.add_error("rahasia_baru", _("Wajib diisi untuk autentikasi ini."))
        return data


class TolakForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan (tidak wajib)"), required=False, max_length=500, widget=forms.Textarea
    )
