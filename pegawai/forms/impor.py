"""Forms of the import page: the upload and the confirmation of a previewed file."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV atau Excel (.xlsx)"),
        help_text=_(
            "Satu baris per pegawai, dengan baris judul kolom seperti pada templat. "
            "Berkas diperiksa dahulu; tidak ada yang disimpan sebelum Anda menekan Terapkan."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if PurePath(berkas.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(_("Berkas harus berformat CSV (.csv) atau Excel (.xlsx)."))
        if berkas.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.")
                % {
                    "ukuran": filesizeformat(berkas.size),
                    "maks": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return berkas


class KonfirmasiImporForm(forms.Form):
    """Names the previewed file by its SHA-256, so that only what was shown gets applied."""

    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
