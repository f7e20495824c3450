"""Forms of the appraisal pages: the instansi settings, a window's dates and the rating."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian import rules
from penilaian.models import PILIHAN_RATING, PengaturanPenilaian, PeriodePenilaian
from penilaian.rules_tindak_lanjut import (
    JENIS_PENGEMBANGAN,
    MAKS_REKOMENDASI,
    MAKS_URAIAN_REKOMENDASI,
)
from skp.rules import BERAKHLAK


class PengaturanPenilaianForm(forms.ModelForm):
    class Meta:
        model = PengaturanPenilaian
        fields = [
            "jenis_periodik",
            "hari_batas_periodik",
            "hari_batas_tahunan",
            "kurva_ketat",
            "penilaian_diri_aktif",
            "maks_umpan_balik_rekan",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty (or a form posted before the field existed): the default number.
        self.fields["maks_umpan_balik_rekan"].required = False

    def clean_maks_umpan_balik_rekan(self):
        nilai = self.cleaned_data.get("maks_umpan_balik_rekan")
        return rules.MAKS_UMPAN_BALIK_REKAN if nilai is None else nilai


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class JendelaForm(forms.ModelForm):
    class Meta:
        model = PeriodePenilaian
        fields = ["dibuka", "batas"]
        widgets = {"dibuka": TanggalInput(), "batas": TanggalInput()}

    def clean(self):
        data = super().clean()
        dibuka, batas = data.get("dibuka"), data.get("batas")
        if dibuka and batas and batas < dibuka:
            self.add_error(
                "batas", _("Batas penilaian tidak boleh sebelum tanggal penilaian dibuka.")
            )
        return data

    def _post_clean(self):
        # The service saves (with its own checks and history), not the ModelForm.
        pass


def nama_catatan(kode: str) -> str:
    return f"catatan_{kode}"


class PenilaianForm(forms.Form):
    """The penilai's rating.  Every field may be empty in a draft; ``tetapkan`` checks."""

    rating_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja"),
        choices=PILIHAN_RATING,
        widget=forms.RadioSelect,
        required=False,
    )
    catatan_hasil_kerja = forms.CharField(
        label=_("Umpan balik hasil kerja"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    rating_perilaku = forms.ChoiceField(
        label=_("Rating perilaku kerja"),
        choices=PILIHAN_RATING,
        widget=forms.RadioSelect,
        required=False,
    )
    rekomendasi_pengembangan = forms.CharField(
        label=_("Rekomendasi pengembangan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Kebutuhan pengembangan kompetensi pegawai."),
    )

    def __init__(self, *args, hasil_kerja_dari_organisasi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for nilai in BERAKHLAK:
            self.fields[nama_catatan(nilai.kode)] = forms.CharField(
                label=_("Catatan %(nilai)s") % {"nilai": nilai.nama},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        for i in range(1, MAKS_REKOMENDASI + 1):
            self.fields[f"pengembangan_jenis_{i}"] = forms.ChoiceField(
                label=_("Jenis pengembangan %(n)s") % {"n": i},
                choices=[("", _("— tidak ada —")), *JENIS_PENGEMBANGAN.items()],
                required=False,
            )
            self.fields[f"pengembangan_uraian_{i}"] = forms.CharField(
                label=_("Uraian pengembangan %(n)s") % {"n": i},
                required=False,
                max_length=MAKS_URAIAN_REKOMENDASI,
            )
        if hasil_kerja_dari_organisasi:
            self.fields["rating_hasil_kerja"].disabled = True

    @classmethod
    def awal(cls, penilaian) -> dict:
        if penilaian is None:
            return {}
        awal = {
            "rating_hasil_kerja": penilaian.rating_hasil_kerja,
            "rating_perilaku": penilaian.rating_perilaku,
            "catatan_hasil_kerja": penilaian.catatan_hasil_kerja,
            "rekomendasi_pengembangan": penilaian.rekomendasi_pengembangan,
        }
        for kode, teks in (penilaian.catatan_perilaku or {}).items():
            awal[nama_catatan(kode)] = teks
        for r in penilaian.rekomendasi.all():
            awal[f"pengembangan_jenis_{r.urutan}"] = r.jenis
            awal[f"pengembangan_uraian_{r.urutan}"] = r.uraian
        return awal

    def pengembangan(self):
        """(kind field, text field) per structured recommendation row, for the template."""
        return [
            (self[f"pengembangan_jenis_{i}"], self[f"pengembangan_uraian_{i}"])
            for i in range(1, MAKS_REKOMENDASI + 1)
        ]

    def perilaku(self):
        """(nilai dasar, its note field) for the template."""
        return [(n, self[nama_catatan(n.kode)]) for n in BERAKHLAK]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        data = {
            "rating_perilaku": d["rating_perilaku"],
            "catatan_hasil_kerja": d["catatan_hasil_kerja"],
            "rekomendasi_pengembangan": d["rekomendasi_pengembangan"],
            "catatan_perilaku": {n.kode: d[nama_catatan(n.kode)] for n in BERAKHLAK},
            "pengembangan": [
                (d[f"pengembangan_jenis_{i}"], d[f"pengembangan_uraian_{i}"])
                for i in range(1, MAKS_REKOMENDASI + 1)
            ],
        }
        if not self.fields["rating_hasil_kerja"].disabled:
            data["rating_hasil_kerja"] = d["rating_hasil_kerja"]
        return data
