"""Input of the help pages, with messages in Bahasa Indonesia."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PertanyaanForm(forms.Form):
    teks = forms.CharField(
        label=_("Pertanyaan Anda"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Tulis apa yang ingin Anda lakukan dan apa yang terjadi. "
            'Contoh: "Tombol Ajukan tidak muncul di SKP saya."'
        ),
        error_messages={"required": _("Tulis pertanyaan Anda.")},
    )
    halaman = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)


class JawabanForm(forms.Form):
    jawaban = forms.CharField(
        label=_("Jawaban"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tulis jawaban Anda.")},
    )


class SaringKotakForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua"))],
    )

    def __init__(self, *args, **kwargs):
        from .models import Pertanyaan

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua")), *Pertanyaan.Status.choices]
