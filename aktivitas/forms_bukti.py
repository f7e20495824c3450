"""Input of the evidence forms.  What a file or a link must be is decided by
:mod:`aktivitas.bukti` (called again by the services, which have the last word)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import bukti


class UnggahBuktiForm(forms.Form):
    berkas = forms.FileField(
        label=_("Unggah berkas"),
        # An empty file gets the service's own message ("Berkas kosong."), not Django's.
        allow_empty_file=True,
        error_messages={"required": _("Pilih berkas yang akan diunggah.")},
    )

    def __init__(self, *args, terlalu_besar_bytes: int | None = None, **kwargs):
        """``terlalu_besar_bytes``: the upload was cut off past this limit (see the view)."""
        super().__init__(*args, **kwargs)
        self.terlalu_besar_bytes = terlalu_besar_bytes
        if terlalu_besar_bytes:
            self.fields["berkas"].required = False  # say "too big", not "choose a file"

    def clean_berkas(self):
        if self.terlalu_besar_bytes:
            raise ValidationError(bukti.pesan_terlalu_besar(self.terlalu_besar_bytes))
        return self.cleaned_data["berkas"]


class TautanBuktiForm(forms.Form):
    tautan = forms.CharField(
        label=_("Atau tempel tautan (http/https)"),
        max_length=bukti.PANJANG_TAUTAN_MAKS,
        error_messages={"required": _("Tautan wajib diisi.")},
    )

    def clean_tautan(self) -> str:
        return bukti.periksa_tautan(self.cleaned_data["tautan"])
