"""The pegawai's self-assessment form: per RHK an account, the evidence he points at and a
proposed rating; per BerAKHLAK value a proposed rating; and the two overall proposals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian import rules
from penilaian.models import PILIHAN_RATING
from skp.rules import BERAKHLAK

PILIHAN_USULAN = [("", _("— tidak mengusulkan —")), *PILIHAN_RATING]


class PenilaianDiriForm(forms.Form):
    usulan_rating_hasil_kerja = forms.ChoiceField(
        label=_("Usulan rating hasil kerja"), choices=PILIHAN_USULAN, required=False
    )
    usulan_rating_perilaku = forms.ChoiceField(
        label=_("Usulan rating perilaku kerja"), choices=PILIHAN_USULAN, required=False
    )

    def __init__(self, *args, bahan: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.bahan = bahan
        for b in bahan["rhk"]:
            pk = b.rhk.pk
            self.fields[f"uraian_{pk}"] = forms.CharField(
                label=_("Uraian realisasi"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=rules.MAKS_URAIAN_DIRI,
            )
            self.fields[f"usulan_{pk}"] = forms.ChoiceField(
                label=_("Usulan rating RHK ini"), choices=PILIHAN_USULAN, required=False
            )
            self.fields[f"bukti_{pk}"] = forms.MultipleChoiceField(
                label=_("Bukti dukung yang dirujuk"),
                choices=[(x.pk, x.nama_asli or x.tautan or x.pk) for x in b.bukti],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        for n in BERAKHLAK:
            self.fields[f"perilaku_{n.kode}"] = forms.ChoiceField(
                label=n.nama, choices=PILIHAN_USULAN, required=False
            )

    @classmethod
    def awal(cls, diri) -> dict:
        if diri is None:
            return {}
        awal = {
            "usulan_rating_hasil_kerja": diri.usulan_rating_hasil_kerja,
            "usulan_rating_perilaku": diri.usulan_rating_perilaku,
        }
        for pk, isian in (diri.hasil_kerja or {}).items():
            awal[f"uraian_{pk}"] = isian.get("uraian", "")
            awal[f"usulan_{pk}"] = isian.get("usulan", "")
            awal[f"bukti_{pk}"] = [str(x) for x in isian.get("bukti") or []]
        for kode, usulan in (diri.perilaku or {}).items():
            awal[f"perilaku_{kode}"] = usulan
        return awal

    def per_rhk(self):
        """(BahanRhk, account field, proposal field, evidence field) for the template."""
        return [
            (b, self[f"uraian_{b.rhk.pk}"], self[f"usulan_{b.rhk.pk}"], self[f"bukti_{b.rhk.pk}"])
            for b in self.bahan["rhk"]
        ]

    def per_perilaku(self):
        return [self[f"perilaku_{n.kode}"] for n in BERAKHLAK]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "hasil_kerja": {
                b.rhk.pk: {
                    "uraian": d[f"uraian_{b.rhk.pk}"],
                    "usulan": d[f"usulan_{b.rhk.pk}"],
                    "bukti": d[f"bukti_{b.rhk.pk}"],
                }
                for b in self.bahan["rhk"]
            },
            "perilaku": {n.kode: d[f"perilaku_{n.kode}"] for n in BERAKHLAK},
            "usulan_rating_hasil_kerja": d["usulan_rating_hasil_kerja"],
            "usulan_rating_perilaku": d["usulan_rating_perilaku"],
        }
