"""Forms and the services' refusals."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def terapkan_galat(
    form: forms.BaseForm, galat: ValidationError, alias: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the form: next to the field it names (``alias``:
    the service's name of a field -> the form's), else on top. What the user typed stays."""
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat.messages)
        return
    for kunci, daftar in galat.message_dict.items():
        kunci = (alias or {}).get(kunci, kunci)
        form.add_error(kunci if kunci in form.fields else None, daftar)
