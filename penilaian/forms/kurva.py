"""Form of the predikat kinerja organisasi (admin instansi)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian.rules import LABEL_PREDIKAT_ORGANISASI, MIN_JUSTIFIKASI


class PredikatOrganisasiForm(forms.Form):
    predikat = forms.ChoiceField(
        label=_("Predikat kinerja organisasi"), choices=list(LABEL_PREDIKAT_ORGANISASI.items())
    )
    nomor_penetapan = forms.CharField(
        label=_("Nomor penetapan"),
        required=False,
        max_length=100,
        help_text=_("Nomor keputusan/berita acara yang menetapkan capaian kinerja organisasi."),
    )
    tanggal_penetapan = forms.DateField(
        label=_("Tanggal penetapan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tanggal tidak dikenali; tulis 2026-01-01.")},
    )
    catatan = forms.CharField(
        label=_("Dasar penetapan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class JustifikasiForm(forms.Form):
    """The pimpinan's written justification for finalising a unit outside its curve."""

    justifikasi = forms.CharField(
        label=_("Justifikasi pimpinan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kurva distribusi adalah pertimbangan bagi pimpinan. Tuliskan mengapa predikat "
            "pegawai unit ini ditetapkan di luar kurva (paling sedikit %(min)s karakter); "
            "justifikasi disimpan dan ditampilkan bersama hasil unit ini."
        )
        % {"min": MIN_JUSTIFIKASI},
    )
