"""Forms of "atasan saya salah" (issue 17 §7): the pegawai's report and the admin's answer."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pegawai.models import Jabatan
from skp.forms.penyusunan import TANGGAL
from skp.rules import KEPUTUSAN_PERBAIKI as PERBAIKI
from skp.rules import KEPUTUSAN_TOLAK as TOLAK


class LaporanAtasanForm(forms.Form):
    nip_diusulkan = forms.CharField(
        label=_("NIP atasan yang seharusnya"),
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Kosongkan bila tidak tahu; admin akan memeriksa data jabatan Anda."),
    )
    catatan = forms.CharField(
        label=_("Keterangan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            'Contoh: "Sejak Maret saya pindah ke Seksi Surveilans; atasan saya Kepala Seksi '
            'Surveilans, bukan Kepala Seksi Imunisasi".'
        ),
        error_messages={
            "required": _("Jelaskan mengapa atasan yang tercatat salah, dan siapa seharusnya.")
        },
    )


class PilihJabatanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Jabatan) -> str:
        return f"{obj.nama} — {obj.unit.nama}"


class JawabLaporanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (PERBAIKI, _("Perbaiki data penugasan")),
            (TOLAK, _("Tolak: data yang tercatat sudah benar")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih perbaiki atau tolak.")},
    )
    jabatan = PilihJabatanField(
        label=_("Pindahkan ke jabatan definitif"),
        queryset=Jabatan.objects.none(),
        required=False,
        empty_label=_("— tidak memindahkan jabatan pegawai —"),
        help_text=_(
            "Bila jabatan pegawai yang salah: penugasan definitifnya berakhir sehari sebelum "
            "tanggal mulai dan penugasan baru dimulai. Bila yang salah adalah jabatan atasan "
            "(induk jabatan), perbaiki di halaman Jabatan lalu tuliskan jawabannya di bawah."
        ),
    )
    mulai = forms.DateField(
        label=_("Mulai menjabat"), required=False, widget=TANGGAL, help_text=_("Bawaan: hari ini.")
    )
    jawaban = forms.CharField(
        label=_("Jawaban untuk pegawai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Wajib bila menolak (alasannya) atau memperbaiki tanpa memindahkan jabatan."),
    )

    def __init__(self, *args, jabatan_qs: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = jabatan_qs
