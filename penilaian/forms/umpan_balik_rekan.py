"""Forms of the colleagues' feedback: the penilai's request (NIPs) and the answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian import rules
from skp.rules import BERAKHLAK

PILIHAN_SKALA = [("", _("— tanpa skala —"))] + [
    (str(k), f"{k} — {v}") for k, v in rules.SKALA_UMPAN_BALIK.items()
]


class MintaUmpanBalikForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP rekan kerja atau bawahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu NIP per baris, atau dipisahkan koma. Harus dari instansi yang sama."),
    )


class JawabUmpanBalikForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in BERAKHLAK:
            self.fields[f"skala_{n.kode}"] = forms.ChoiceField(
                label=_("Skala"), choices=PILIHAN_SKALA, required=False
            )
            self.fields[f"teks_{n.kode}"] = forms.CharField(
                label=_("Catatan singkat"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=rules.MAKS_TEKS_UMPAN_BALIK,
            )

    @classmethod
    def awal(cls, jawaban: dict) -> dict:
        awal = {}
        for kode, isian in (jawaban or {}).items():
            awal[f"skala_{kode}"] = str(isian.get("skala") or "")
            awal[f"teks_{kode}"] = isian.get("teks", "")
        return awal

    def per_nilai(self):
        return [(n, self[f"skala_{n.kode}"], self[f"teks_{n.kode}"]) for n in BERAKHLAK]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            n.kode: {"skala": d[f"skala_{n.kode}"], "teks": d[f"teks_{n.kode}"]} for n in BERAKHLAK
        }
