"""Forms of the activity import: the upload, the column mapping, the confirmation."""

from __future__ import annotations

import openpyxl
from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from aktivitas.services.impor import KOLOM, KOLOM_WAJIB, LABEL_KOLOM, cocokkan_kepala
from pegawai.forms.impor import ImporForm

# Headers people commonly give these columns in their own spreadsheets: only a first guess
# for the mapping form, which the user confirms.
_SEBUTAN_LAIN = {
    "tanggal": ("tgl", "tanggal kegiatan", "tanggal aktivitas", "hari/tanggal", "date"),
    "jam_mulai": ("mulai", "jam awal", "waktu mulai", "dari", "start"),
    "jam_selesai": ("selesai", "jam akhir", "waktu selesai", "sampai", "end"),
    "uraian": ("kegiatan", "uraian kegiatan", "aktivitas", "deskripsi", "keterangan"),
    "jumlah_output": ("jumlah", "output", "volume", "kuantitas", "jml"),
    "satuan_output": ("satuan", "unit"),
    "rhk": ("no rhk", "nomor rhk", "rencana hasil kerja"),
    "bukti_tautan": ("bukti", "tautan", "link", "url", "link bukti", "bukti dukung"),
}


class ImporAktivitasForm(ImporForm):
    """The pegawai import's upload form (CSV/XLSX, size limit), with this page's wording."""

    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        help_text=_(
            "Satu baris per aktivitas, dengan baris judul kolom. Berkas diperiksa dahulu; "
            "tidak ada yang disimpan sebelum Anda menekan Simpan semua aktivitas."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class PemetaanForm(forms.Form):
    """Which column of the user's own spreadsheet holds each of our fields."""

    langkah = forms.CharField(widget=forms.HiddenInput, initial="pemetaan")
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)

    def __init__(self, kepala: list[str], *args, contoh: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kepala = kepala
        pilihan = [(str(i), _label(i, teks, contoh or [])) for i, teks in enumerate(kepala)]
        tebakan = _tebak(kepala)
        for kolom in KOLOM:
            wajib = kolom in KOLOM_WAJIB
            self.fields[kolom] = forms.ChoiceField(
                label=LABEL_KOLOM[kolom],
                choices=[("", _("— pilih kolom —") if wajib else _("— tidak ada —")), *pilihan],
                required=wajib,
                initial=str(tebakan[kolom]) if kolom in tebakan else "",
                error_messages={"required": _("Pilih kolom yang berisi isian ini.")},
            )

    def clean(self):
        data = super().clean()
        dipakai: dict[str, str] = {}
        for kolom in KOLOM:
            nilai = data.get(kolom)
            if not nilai:
                continue
            if nilai in dipakai:
                self.add_error(
                    kolom,
                    _("Kolom ini sudah dipilih untuk %(lain)s.")
                    % {"lain": LABEL_KOLOM[dipakai[nilai]]},
                )
            else:
                dipakai[nilai] = kolom
        return data

    def pemetaan(self) -> dict[str, int]:
        return {k: int(v) for k in KOLOM if (v := self.cleaned_data.get(k))}


def _label(i: int, judul: str, contoh: list[str]) -> str:
    """``C: Mulai (mis. 08:00)``: the column letter as in Excel, its header, a first value."""
    label = openpyxl.utils.get_column_letter(i + 1)
    if judul:
        label += f": {judul}"
    nilai = contoh[i].strip() if i < len(contoh) else ""
    if nilai:
        label += " " + _("(mis. %(nilai)s)") % {"nilai": Truncator(nilai).chars(30)}
    return label


def _tebak(kepala: list[str]) -> dict[str, int]:
    tebakan = cocokkan_kepala(kepala)
    for i, teks in enumerate(kepala):
        kunci = " ".join(teks.casefold().replace("_", " ").split())
        for kolom, sebutan in _SEBUTAN_LAIN.items():
            if kolom not in tebakan and kunci in sebutan and i not in tebakan.values():
                tebakan[kolom] = i
    return tebakan


class KonfirmasiForm(forms.Form):
    """Names the previewed file by its SHA-256, so that only what was shown gets written."""

    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
