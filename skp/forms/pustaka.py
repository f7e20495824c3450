"""Forms of the RHK library pages (skp/pustaka/).

An entry's indicators are a short list stored as JSON; the page shows them as a few rows
of a formset (no JavaScript): a row left blank is ignored, a row started must be complete.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.forms import fields
from pegawai.models import Jabatan, UnitKerja
from skp.models import IndikatorKinerja, PustakaRhk
from skp.services.pustaka import KOLOM_INDIKATOR, MAKS_INDIKATOR

BARIS_KOSONG = 2  # blank rows offered after the existing indicators
BARIS_MINIMAL = 3


class PilihUnitField(fields.PilihUnitField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{'— ' * obj.kedalaman}{obj.nama}"


class PilihJabatanField(fields.PilihJabatanField):
    def label_from_instance(self, obj: Jabatan) -> str:
        return obj.nama


class PustakaFilterForm(forms.Form):
    unit = PilihUnitField(
        label=_("Unit kerja (termasuk sub-unit)"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    jabatan = PilihJabatanField(
        label=_("Jabatan"),
        queryset=Jabatan.objects.none(),
        required=False,
        empty_label=_("Semua jabatan"),
    )
    q = forms.CharField(label=_("Cari"), required=False, max_length=100, widget=forms.SearchInput())

    def __init__(self, *args, units, jabatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["jabatan"].queryset = jabatan
        self.fields["q"].widget.attrs["placeholder"] = _("kata dalam RHK")

    def nilai(self, nama: str, default=None):
        """The cleaned value of a filter, or ``default`` when absent or invalid."""
        self.is_valid()  # a foreign id is simply not applied
        return self.cleaned_data.get(nama) or default


class PustakaForm(forms.ModelForm):
    jabatan = PilihJabatanField(
        label=_("Jabatan"),
        queryset=Jabatan.objects.none(),
        empty_label=_("Pilih jabatan"),
        error_messages={
            "required": _("Pilih jabatan."),
            "invalid_choice": _("Jabatan ini tidak termasuk unit yang Anda kelola."),
        },
    )

    class Meta:
        model = PustakaRhk
        fields = ["jabatan", "teks"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"teks": {"required": _("Rencana hasil kerja wajib diisi.")}}

    def __init__(self, *args, jabatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = jabatan


class IndikatorPustakaForm(forms.Form):
    teks = forms.CharField(label=_("Indikator"), required=False, max_length=500)
    aspek = forms.ChoiceField(
        label=_("Aspek"),
        required=False,
        choices=[("", "—"), *IndikatorKinerja.Aspek.choices],
    )
    target = forms.CharField(
        label=_("Target"),
        required=False,
        max_length=255,
        help_text=_('Teks, angka, atau rentang "10-12".'),
    )
    satuan = forms.CharField(label=_("Satuan"), required=False, max_length=50)

    def clean(self):
        data = super().clean()
        if not any((data.get(k) or "").strip() for k in KOLOM_INDIKATOR):
            return data  # a blank row: ignored
        if not (data.get("teks") or "").strip():
            self.add_error("teks", _("Indikator wajib diisi."))
        if not data.get("aspek"):
            self.add_error("aspek", _("Pilih aspek."))
        if not (data.get("target") or "").strip():
            self.add_error("target", _("Target wajib diisi."))
        return data

    @property
    def terisi(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any((data.get(k) or "").strip() for k in KOLOM_INDIKATOR)


class _IndikatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(f.terisi for f in self.forms):
            raise forms.ValidationError(_("Isi minimal satu indikator."))

    def daftar(self) -> list[dict]:
        """The filled rows as the JSON list stored on the entry."""
        return [
            {k: (f.cleaned_data.get(k) or "").strip() for k in KOLOM_INDIKATOR}
            for f in self.forms
            if f.terisi
        ]


def indikator_formset(data=None, *, awal: list[dict] | None = None) -> _IndikatorFormSet:
    awal = list(awal or [])
    kelas = forms.formset_factory(
        IndikatorPustakaForm,
        formset=_IndikatorFormSet,
        extra=max(BARIS_MINIMAL - len(awal), BARIS_KOSONG),
        max_num=MAKS_INDIKATOR,
        absolute_max=MAKS_INDIKATOR,
    )
    return kelas(data, initial=awal or None, prefix="indikator")
