from django import forms
from django.utils.translation import gettext_lazy as _

from kalender.models import HariLibur


class LiburForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    nama = forms.CharField(label=_("Keterangan"), max_length=200)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=HariLibur.Jenis.choices)


class ImporLiburForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas CSV/XLSX"))
    terapkan = forms.BooleanField(
        label=_("Simpan bila tidak ada kesalahan (tanpa centang: periksa saja)"), required=False
    )
