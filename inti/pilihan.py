"""A choice of a model object among those a page has already read."""

from __future__ import annotations

from django import forms


class PilihanTermuat(forms.ModelChoiceField):
    """A ModelChoiceField that first looks a value up among the objects the page already read
    (the choices it offers) and asks the database only for a value outside them: the usual
    entry validates its RHK and action plan without a query."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.termuat: dict[int, object] = {}

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                obj = self.termuat.get(int(value))
            except (TypeError, ValueError):
                obj = None
            if obj is not None:
                return obj
        return super().to_python(value)

    def muat(self, daftar) -> None:
        """Offer exactly these objects (read once by the caller): the options are rendered
        from them and a value among them is validated without a query."""
        daftar = list(daftar)
        self.termuat = {o.pk: o for o in daftar}
        pilihan = [(o.pk, self.label_from_instance(o)) for o in daftar]
        if self.empty_label is not None:
            pilihan.insert(0, ("", self.empty_label))
        self.widget.choices = pilihan
