"""Form fields shared by the apps' forms: units as a tree, jabatan grouped by unit."""

from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator

from pegawai.models import Jabatan, UnitKerja


class PilihUnitField(forms.ModelChoiceField):
    """Units as an indented tree (the queryset is ordered by ``path``)."""

    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{'— ' * obj.kedalaman}{obj.nama} ({obj.kode})"


class _JabatanPerUnit(ModelChoiceIterator):
    """Yields one <optgroup> per unit: the queryset is ordered by unit, then jabatan."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit, grup in groupby(self.queryset, key=lambda j: j.unit):
            yield (unit.nama, [self.choice(j) for j in grup])


class PilihJabatanField(forms.ModelChoiceField):
    iterator = _JabatanPerUnit

    def label_from_instance(self, obj: Jabatan) -> str:
        return f"{obj.nama} — {obj.get_jenis_display()}"
