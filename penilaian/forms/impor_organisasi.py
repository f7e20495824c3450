"""Upload form of the predikat kinerja organisasi import (admin instansi)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ImporPredikatOrganisasiForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    berkas = forms.FileField(label=_("Berkas CSV/XLSX"))
    terapkan = forms.BooleanField(
        label=_("Simpan bila tidak ada kesalahan (tanpa centang: periksa saja)"), required=False
    )
