"""Form of the predikat kinerja organisasi (admin instansi)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian.rules import LABEL_PREDIKAT_ORGANISASI


class PredikatOrganisasiForm(forms.Form):
    predikat = forms.ChoiceField(
        label=_("Predikat kinerja organisasi"), choices=list(LABEL_PREDIKAT_ORGANISASI.items())
    )
    catatan = forms.CharField(
        label=_("Dasar penetapan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
