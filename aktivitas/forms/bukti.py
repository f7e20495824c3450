"""Input of the evidence forms.  What a file or a link must be is decided by
:mod:`aktivitas.bukti` (called again by the services, which have the last word)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aktivitas import bukti


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files under one name (``<input type=file multiple>``): a list, maybe empty."""

    widget = BanyakBerkasInput

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, list | tuple):
            hasil = [tunggal(d, initial) for d in data if d]
        else:
            hasil = [tunggal(data, initial)] if data else []
        if self.required and not hasil:
            raise ValidationError(self.error_messages["required"], code="required")
        return hasil

    def bound_data(self, data, initial):
        return initial


class UnggahBuktiForm(forms.Form):
    berkas = BanyakBerkasField(
        label=_("Lampirkan berkas"),
        # An empty file gets the service's own message ("Berkas kosong."), not Django's.
        allow_empty_file=True,
        error_messages={"required": _("Pilih berkas yang akan diunggah.")},
    )

    def __init__(self, *args, ada_yang_ditolak: bool = False, **kwargs):
        """``ada_yang_ditolak``: files were already refused while receiving (too big): then
        an empty list is no "choose a file" error — the refusal says why."""
        super().__init__(*args, **kwargs)
        if ada_yang_ditolak:
            self.fields["berkas"].required = False


class TautanBuktiForm(forms.Form):
    tautan = forms.CharField(
        label=_("Atau tempel tautan (http/https)"),
        max_length=bukti.PANJANG_TAUTAN_MAKS,
        error_messages={"required": _("Tautan wajib diisi.")},
    )

    def clean_tautan(self) -> str:
        return bukti.periksa_tautan(self.cleaned_data["tautan"])
