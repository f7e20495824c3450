"""The announcement form (messages in Bahasa Indonesia, next to the fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.models import UnitKerja

from .models import Pengumuman

WAKTU = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMAT_WAKTU = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class PengumumanForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=Pengumuman.Jenis.choices)
    isi = forms.CharField(
        label=_("Isi"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Paling banyak 500 karakter; tampil sebagai spanduk di atas setiap halaman."),
    )
    mulai = forms.DateTimeField(label=_("Mulai"), widget=WAKTU, input_formats=FORMAT_WAKTU)
    selesai = forms.DateTimeField(label=_("Selesai"), widget=WAKTU, input_formats=FORMAT_WAKTU)
    hari_sebelum = forms.IntegerField(
        label=_("Tampilkan berapa hari sebelum pemeliharaan"),
        min_value=0,
        max_value=30,
        initial=3,
        required=False,
        help_text=_("Hanya untuk pemeliharaan terjadwal; juga tampil di halaman masuk."),
    )
    unit = forms.ModelMultipleChoiceField(
        label=_("Hanya untuk unit kerja (termasuk sub-unitnya)"),
        queryset=UnitKerja.objects.none(),
        required=False,
        help_text=_("Kosongkan untuk semua unit."),
    )
    peran = forms.MultipleChoiceField(
        label=_("Hanya untuk peran"),
        choices=Pengumuman.Peran.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk semua pegawai."),
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["unit"].queryset = unit

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", _("Waktu selesai harus setelah waktu mulai."))
        if data.get("hari_sebelum") is None:
            data["hari_sebelum"] = 0
        return data


def awal_dari(p: Pengumuman) -> dict:
    """The form's initial values from a stored announcement."""
    return {
        "jenis": p.jenis,
        "isi": p.isi,
        "mulai": p.mulai,
        "selesai": p.selesai,
        "hari_sebelum": p.hari_sebelum,
        "unit": list(p.unit.all()),
        "peran": p.peran,
    }
