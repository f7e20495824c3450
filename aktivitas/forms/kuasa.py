"""The form of the kuasa pengisian page (aktivitas/kuasa/): whom, from when, until when."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.models import Pegawai

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BeriKuasaForm(forms.Form):
    # The colleague is named by his NIP: an instansi has thousands of pegawai, too many for a
    # list on a light page; whether he may receive it is the service's call (next to this field).
    penerima = forms.CharField(
        label=_("NIP rekan yang diberi kuasa"),
        max_length=30,
        help_text=_("Rekan di instansi Anda yang akan mengisi aktivitas dan draf realisasi Anda."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("NIP rekan wajib diisi.")},
    )
    mulai = forms.DateField(
        label=_("Berlaku mulai"),
        widget=TANGGAL,
        error_messages={
            "required": _("Tanggal mulai wajib diisi."),
            "invalid": _("Tanggal tidak valid."),
        },
    )
    selesai = forms.DateField(
        label=_("Berlaku sampai"),
        widget=TANGGAL,
        help_text=_("Termasuk tanggal ini. Kuasa dapat dicabut kapan saja sebelumnya."),
        error_messages={
            "required": _("Tanggal berakhir wajib diisi."),
            "invalid": _("Tanggal tidak valid."),
        },
    )
    keperluan = forms.CharField(
        label=_("Keperluan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya: cuti melahirkan, diklat, dinas luar."),
        error_messages={"max_length": _("Paling banyak %(limit_value)d karakter.")},
    )

    def clean_penerima(self) -> Pegawai:
        nip = "".join(self.cleaned_data["penerima"].split())
        if not nip.isdigit():
            raise forms.ValidationError(_("NIP hanya berisi angka."))
        pegawai = Pegawai.objects.filter(nip=nip).select_related("instansi").first()
        if pegawai is None:
            raise forms.ValidationError(_("Tidak ada pegawai dengan NIP ini."))
        return pegawai
