"""The codes of the second step."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class KodeForm(forms.Form):
    """The 6 digits shown by the authenticator app (spaces allowed, as apps show 123 456)."""

    kode = forms.CharField(
        label=_("Kode dari aplikasi autentikator"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Ketik kode 6 angka dari aplikasi autentikator.")},
    )

    def clean_kode(self) -> str:
        kode = re.sub(r"\s+", "", self.cleaned_data["kode"])
        if not re.fullmatch(r"\d{6,8}", kode):
            raise forms.ValidationError(_("Kode terdiri atas 6 angka."), code="format")
        return kode


class KodePemulihanForm(forms.Form):
    """One of the recovery codes printed or saved when the app was set up."""

    kode = forms.CharField(
        label=_("Kode pemulihan"),
        max_length=24,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Ketik salah satu kode pemulihan Anda.")},
    )

    def clean_kode(self) -> str:
        kode = re.sub(r"[\s-]+", "", self.cleaned_data["kode"]).lower()
        if not re.fullmatch(r"[a-z2-7]{8,16}", kode):
            raise forms.ValidationError(
                _("Kode pemulihan terdiri atas 8 huruf dan angka, seperti yang Anda simpan."),
                code="format",
            )
        return kode
