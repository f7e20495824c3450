"""Forms of the admin instansi's period pages (skp/periode/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.models import Instansi
from skp.models import Periode

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BukaPeriodeForm(forms.Form):
    instansi = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Instansi.objects.none(),
        empty_label=_("Pilih instansi"),
        error_messages={
            "required": _("Pilih instansi."),
            "invalid_choice": _("Instansi tidak dikenal."),
        },
    )
    tahun = forms.IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Tahun wajib diisi."),
            "invalid": _("Tahun harus berupa angka, misalnya 2025."),
            "min_value": _("Tahun paling awal 2000."),
            "max_value": _("Tahun paling akhir 2100."),
        },
    )
    nama = forms.CharField(
        label=_("Nama periode"),
        max_length=100,
        required=False,
        help_text=_('Boleh dikosongkan: menjadi "Periode Kinerja <tahun>".'),
    )
    mulai = forms.DateField(
        label=_("Mulai"),
        required=False,
        widget=TANGGAL,
        help_text=_("Kosongkan untuk 1 Januari tahun itu."),
    )
    selesai = forms.DateField(
        label=_("Selesai"),
        required=False,
        widget=TANGGAL,
        help_text=_("Kosongkan untuk 31 Desember tahun itu."),
    )
    batas_penetapan_skp = forms.DateField(
        label=_("Batas penetapan SKP"),
        required=False,
        widget=TANGGAL,
        help_text=_(
            "Tanggal SKP paling lambat ditetapkan. Kosongkan untuk memakai batas bawaan: "
            "akhir Januari tahun periode (31 Januari)."
        ),
    )

    def __init__(self, *args, instansi_pilihan=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a superuser (several instansi) chooses; an admin opens periods of his own.
        if instansi_pilihan is None:
            del self.fields["instansi"]
        else:
            self.fields["instansi"].queryset = instansi_pilihan

    def clean(self):
        data = super().clean()
        tahun, mulai, selesai = data.get("tahun"), data.get("mulai"), data.get("selesai")
        if mulai and tahun and mulai.year != tahun:
            self.add_error("mulai", _("Tanggal mulai harus di tahun periode."))
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", _("Tanggal selesai harus sesudah tanggal mulai."))
        batas = data.get("batas_penetapan_skp")
        if batas and tahun and batas.year != tahun:
            self.add_error("batas_penetapan_skp", _("Batas penetapan SKP harus di tahun periode."))
        return data


class StatusPeriodeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Periode.Status.choices,
        error_messages={"invalid_choice": _("Status periode tidak dikenal.")},
    )

    def __init__(self, *args, periode: Periode, **kwargs):
        super().__init__(*args, **kwargs)
        self.periode = periode

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status == self.periode.status:
            raise forms.ValidationError(
                _("Periode %(nama)s sudah berstatus %(status)s.")
                % {"nama": self.periode.nama, "status": self.periode.get_status_display()}
            )
        return status
