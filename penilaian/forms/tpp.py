"""Forms of the follow-up pages: the TPP formula, base TPP per kelas, angka kredit
coefficients, the attendance upload, and the recap filters."""

from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from pegawai.forms.impor import ImporForm
from penilaian.models import BesaranTpp, KoefisienAngkaKredit, PengaturanTpp
from penilaian.rules_tindak_lanjut import LABEL_JENJANG
from penilaian.services.tpp import KOLOM_PENGATURAN


class PengaturanTppForm(forms.ModelForm):
    class Meta:
        model = PengaturanTpp
        fields = KOLOM_PENGATURAN

    def clean(self):
        data = super().clean()
        k, d = data.get("porsi_kinerja"), data.get("porsi_disiplin")
        if k is not None and d is not None and k + d != 100:
            self.add_error(
                "porsi_disiplin",
                _("Porsi kinerja + porsi disiplin harus 100%% (sekarang %(n)s%%).") % {"n": k + d},
            )
        return data


class BesaranTppForm(forms.ModelForm):
    class Meta:
        model = BesaranTpp
        fields = ("kelas_jabatan", "jumlah")

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi = instansi

    def clean_kelas_jabatan(self):
        kelas = self.cleaned_data["kelas_jabatan"]
        if not 1 <= kelas <= 17:
            raise forms.ValidationError(_("Kelas jabatan harus 1 sampai 17."))
        lain = BesaranTpp.objects.filter(instansi=self.instansi, kelas_jabatan=kelas)
        if self.instance.pk:
            lain = lain.exclude(pk=self.instance.pk)
        if lain.exists():
            raise forms.ValidationError(_("Besaran untuk kelas jabatan ini sudah ada; ubah saja."))
        return kelas


class KoefisienForm(forms.ModelForm):
    jenjang = forms.ChoiceField(label=_("Jenjang"), choices=list(LABEL_JENJANG.items()))

    class Meta:
        model = KoefisienAngkaKredit
        fields = ("jenjang", "koefisien")


class ImporKehadiranForm(ImporForm):
    berkas = forms.FileField(
        label=_("Berkas kehadiran (.xlsx atau .csv)"),
        help_text=_(
            "Satu baris per pegawai per bulan, dengan baris judul kolom seperti pada templat. "
            "Berkas diperiksa dahulu; tidak ada yang disimpan sebelum Anda menekan Terapkan."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class KonfirmasiForm(forms.Form):
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)


class BulanForm(forms.Form):
    """The recap's filter: unit, year and month (GET)."""

    unit = forms.TypedChoiceField(label=_("Unit kerja"), coerce=int)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    bulan = forms.TypedChoiceField(label=_("Bulan"), coerce=int, choices=list(MONTHS.items()))

    def __init__(self, *args, unit_daftar: list, **kwargs):
        # The units the user may see, read once by the view (a ModelChoiceField would read
        # them again to validate and once more to render the options).
        super().__init__(*args, **kwargs)
        self._unit = {u.pk: u for u in unit_daftar}
        self.fields["unit"].choices = [(u.pk, str(u)) for u in unit_daftar]

    def clean_unit(self):
        return self._unit[self.cleaned_data["unit"]]
