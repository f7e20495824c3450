"""Forms of the objection pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian.models import Keberatan
from penilaian.rules import LABEL_RATING

_RATING = [("", _("— tetap —"))] + [(str(k), v) for k, v in LABEL_RATING.items()]


class AjukanKeberatanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan keberatan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Alasan keberatan wajib diisi.")},
    )


class PutuskanKeberatanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (Keberatan.Status.DIPERTAHANKAN, _("Ditolak — predikat tetap")),
            (Keberatan.Status.DIUBAH, _("Diterima — rating diubah")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih keputusan.")},
    )
    alasan_keputusan = forms.CharField(
        label=_("Alasan keputusan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Alasan keputusan wajib diisi.")},
    )
    rating_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja baru"), choices=_RATING, required=False
    )
    rating_perilaku = forms.ChoiceField(
        label=_("Rating perilaku kerja baru"), choices=_RATING, required=False
    )
