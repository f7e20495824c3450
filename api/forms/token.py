"""The form that makes an API token (personal or service)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from api import rules
from api.models import TokenAkses


def _pilihan_masa() -> list[tuple[str, str]]:
    pilihan = [
        (str(h), ngettext_lazy("%(n)d hari", "%(n)d hari", h) % {"n": h})
        for h in rules.MASA_BERLAKU_HARI
    ]
    return [*pilihan, ("", _("Tanpa batas (tidak disarankan)"))]


class TokenForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_('Untuk apa token ini, mis. "Impor aktivitas dari Excel".'),
        error_messages={"required": _("Nama token wajib diisi.")},
    )
    cakupan = forms.ChoiceField(
        label=_("Cakupan"),
        choices=TokenAkses.Cakupan.choices,
        initial=TokenAkses.Cakupan.BACA,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih cakupan token.")},
    )
    kedaluwarsa = forms.TypedChoiceField(
        label=_("Masa berlaku"),
        choices=_pilihan_masa,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
