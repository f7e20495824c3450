"""Forms of the atasan's review queue and of the feedback thread (aktivitas/tinjau/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inti.pilihan import PilihanTermuat
from pegawai.models import Pegawai

PANJANG_MAKS = _("Paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilterAntreanForm(forms.Form):
    """The queue's filter: a list of the pegawai who have work waiting — or, for a large
    team, a search by name or NIP (a list of 170 names is 12 KB on every page)."""

    BATAS_DAFTAR = 25

    pegawai = PilihanTermuat(
        label=_("Pegawai"),
        queryset=Pegawai.objects.none(),
        required=False,
        empty_label=_("Semua pegawai"),
        error_messages={"invalid_choice": _("Pegawai ini tidak memiliki aktivitas menunggu.")},
    )
    cari = forms.CharField(
        label=_("Cari pegawai"),
        required=False,
        max_length=60,
        help_text=_("Nama atau NIP."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=TANGGAL,
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=TANGGAL,
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )

    def __init__(self, *args, pegawai_pilihan, termuat: list | None = None, **kwargs):
        """``termuat``: the same pegawai, already read (in order), when the page has them."""
        super().__init__(*args, **kwargs)
        # One more than the limit tells "a large team" without reading all of it.
        daftar = (
            termuat[: self.BATAS_DAFTAR + 1]
            if termuat is not None
            else list(pegawai_pilihan[: self.BATAS_DAFTAR + 1])
        )
        self.fields["pegawai"].queryset = pegawai_pilihan
        self.pakai_cari = len(daftar) > self.BATAS_DAFTAR
        if self.pakai_cari:
            # A link naming one pegawai (?pegawai=) still works; it is checked in the database.
            self.fields["pegawai"].widget = forms.HiddenInput()
        else:
            del self.fields["cari"]
            self.fields["pegawai"].muat(daftar)

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and sampai < dari:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class KembalikanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan pengembalian"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tulis apa yang perlu diperbaiki; pegawai membacanya."),
        error_messages={
            "required": _("Catatan pengembalian wajib diisi."),
            "max_length": PANJANG_MAKS,
        },
    )


class IdsField(forms.Field):
    """The ids of the checked rows (``name="ids"``, repeated)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Pilih minimal satu aktivitas."),
        "invalid": _("Pilihan tidak valid."),
    }

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class PilihAktivitasForm(forms.Form):
    ids = IdsField(label=_("Aktivitas"))


class UmpanBalikForm(forms.Form):
    teks = forms.CharField(
        label=_("Tulis umpan balik"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Umpan balik wajib diisi."), "max_length": PANJANG_MAKS},
    )
