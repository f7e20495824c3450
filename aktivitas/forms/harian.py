"""Forms of the daily activity pages: input parsing, labels and help texts in Bahasa Indonesia.

The rules (future date, overlap, RHK of the SKP in force, output > 0) live in
:func:`aktivitas.services.harian.periksa_aktivitas`; these forms only parse what was typed, and the
view puts the service's errors next to the fields they name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from aktivitas import bukti
from aktivitas.forms.bukti import BanyakBerkasField
from aktivitas.models import RencanaAksi
from aktivitas.services.harian import DataAktivitas
from inti.pilihan import PilihanTermuat
from skp.models import RencanaHasilKerja

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TANPA_RHK = _("Tugas tambahan (di luar RHK)")
MAKS_TEKS_PILIHAN = 110


def _pendek(teks: str, maks: int = MAKS_TEKS_PILIHAN) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= maks else teks[: maks - 1] + "…"


def _angka(nilai: Decimal) -> str:
    """A Decimal as the number input shows it: 2.00 → "2", 2.50 → "2.5"."""
    teks = f"{nilai:f}"
    return teks.rstrip("0").rstrip(".") if "." in teks else teks


class AktivitasForm(forms.Form):
    """One activity, for the quick entry at the top of the day page and for the edit page.

    ``rhk_pilihan`` are the RHK offered (the SKP in force on the date, utama then tambahan);
    ``rhk_qs`` what is accepted (every RHK of the pegawai: the service then explains why one
    of another SKP does not fit).  ``rencana_aksi_pilihan`` are the month's action plans;
    the field disappears when there are none.
    """

    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    rhk = PilihanTermuat(
        label=_("RHK yang didukung"),
        queryset=RencanaHasilKerja.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Pilih RHK dari SKP Anda.")},
    )
    rencana_aksi = PilihanTermuat(
        label=_("Rencana aksi"),
        queryset=RencanaAksi.objects.none(),
        required=False,
        help_text=_("Boleh dikosongkan."),
        error_messages={"invalid_choice": _("Pilih rencana aksi bulan ini dari RHK Anda.")},
    )
    uraian = forms.CharField(
        label=_("Uraian kegiatan"),
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        help_text=_("Apa yang Anda kerjakan, misalnya: Menyusun laporan surveilans mingguan."),
        error_messages={"required": _("Uraian kegiatan wajib diisi.")},
    )
    jam_mulai = forms.TimeField(label=_("Jam mulai"), widget=JAM)
    jam_selesai = forms.TimeField(label=_("Jam selesai"), widget=JAM)
    jumlah_output = forms.DecimalField(
        label=_("Jumlah output"),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}),
        error_messages={"required": _("Jumlah output harus lebih dari nol.")},
    )
    satuan_output = forms.CharField(
        label=_("Satuan output"),
        max_length=50,
        widget=forms.TextInput(attrs={"list": "satuan-terakhir", "autocomplete": "off"}),
        error_messages={
            "required": _("Satuan output wajib diisi (mis. dokumen, laporan, kegiatan).")
        },
    )
    # Evidence sent with a new activity (the edit page has its own evidence section).
    berkas = BanyakBerkasField(label=_("Lampirkan berkas"), required=False, allow_empty_file=True)
    tautan = forms.CharField(
        label=_("Tautan bukti (http/https)"),
        required=False,
        max_length=bukti.PANJANG_TAUTAN_MAKS,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    # Made when the form is rendered and kept through validation errors; a post without one
    # (not from our form) gets a fresh key in the view.
    kunci = forms.UUIDField(required=False, widget=forms.HiddenInput(attrs={"autocomplete": "off"}))

    KOLOM_BUKTI = ("berkas", "tautan")

    def __init__(
        self,
        *args,
        rhk_pilihan: Iterable[RencanaHasilKerja] = (),
        rhk_qs: QuerySet[RencanaHasilKerja] | None = None,
        rencana_aksi_pilihan: Iterable[RencanaAksi] = (),
        rencana_aksi_qs: QuerySet[RencanaAksi] | None = None,
        hari_ini: dt.date | None = None,
        baru: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        if rhk_qs is not None:
            self.fields["rhk"].queryset = rhk_qs
        rhk_pilihan = list(rhk_pilihan)
        self.fields["rhk"].widget.choices = self._pilihan_rhk(rhk_pilihan)
        self.fields["rhk"].termuat = {r.pk: r for r in rhk_pilihan}
        rencana = list(rencana_aksi_pilihan)
        if rencana and rencana_aksi_qs is not None:
            self.fields["rencana_aksi"].queryset = rencana_aksi_qs
            self.fields["rencana_aksi"].termuat = {r.pk: r for r in rencana}
            self.fields["rencana_aksi"].widget.choices = self._pilihan_rencana(rencana)
        else:
            del self.fields["rencana_aksi"]
        if hari_ini is not None:
            self.fields["tanggal"].widget.attrs["max"] = hari_ini.isoformat()
        if not baru:
            # The edit page: one activity, no idempotency key (a second save changes nothing);
            # its evidence is changed in its own section.
            del self.fields["kunci"]
            for nama in self.KOLOM_BUKTI:
                del self.fields[nama]
            self.fields["uraian"].widget.attrs.pop("autofocus", None)

    def atur_bukti(self, jenis: list[str], maks_mb: int) -> None:
        """The instansi's accepted types and size on the evidence field, shown before choosing."""
        if "berkas" not in self.fields:
            return
        self.fields["berkas"].widget.attrs.update(
            {
                "accept": bukti.terima_atribut(jenis),
                "class": "berkas-pilih",
                "data-bukti-berkas": "",
                "multiple": True,
            }
        )
        self.fields["berkas"].help_text = bukti.teks_bantuan_bukti(jenis, maks_mb)

    def kolom_utama(self):
        """The visible fields except the evidence ones (rendered in their own group)."""
        return [f for f in self.visible_fields() if f.name not in self.KOLOM_BUKTI]

    def kolom_bukti(self):
        return [self[n] for n in self.KOLOM_BUKTI if n in self.fields]

    def clean_tautan(self) -> str:
        url = (self.cleaned_data.get("tautan") or "").strip()
        return bukti.periksa_tautan(url) if url else ""

    @staticmethod
    def _pilihan_rhk(rhk: list[RencanaHasilKerja]) -> list:
        UTAMA = RencanaHasilKerja.Jenis.UTAMA
        utama = [(r.pk, _pendek(r.teks)) for r in rhk if r.jenis == UTAMA]
        tambahan = [(r.pk, _pendek(r.teks)) for r in rhk if r.jenis != UTAMA]
        pilihan: list = []
        if utama:
            pilihan.append((_("RHK utama"), utama))
        if tambahan:
            pilihan.append((_("RHK tambahan"), tambahan))
        # Last: a browser selects the first option, and most work serves an RHK.
        pilihan.append(("", TANPA_RHK))
        return pilihan

    @staticmethod
    def _pilihan_rencana(rencana: list[RencanaAksi]) -> list:
        per_rhk: dict[int, tuple[str, list]] = {}
        for ra in rencana:
            label = _pendek(ra.rhk.teks, 60)
            per_rhk.setdefault(ra.rhk_id, (label, []))[1].append((ra.pk, _pendek(ra.teks)))
        return [("", "—"), *per_rhk.values()]

    def data_aktivitas(self) -> DataAktivitas:
        d = self.cleaned_data
        return DataAktivitas(
            tanggal=d["tanggal"],
            jam_mulai=d["jam_mulai"],
            jam_selesai=d["jam_selesai"],
            uraian=d["uraian"],
            jumlah_output=d["jumlah_output"],
            satuan_output=d["satuan_output"],
            rhk=d.get("rhk"),
            rencana_aksi=d.get("rencana_aksi"),
        )

    def kunci_baru(self) -> None:
        """Give a bound form a fresh idempotency key (its typed values stay)."""
        data = self.data.copy()
        data[self.add_prefix("kunci")] = str(uuid.uuid4())
        self.data = data


def awal_dari_aktivitas(aktivitas) -> dict:
    """The edit form's initial values from a stored activity."""
    return {
        "tanggal": aktivitas.tanggal,
        "rhk": aktivitas.rhk_id,
        "rencana_aksi": aktivitas.rencana_aksi_id,
        "jam_mulai": aktivitas.jam_mulai,
        "jam_selesai": aktivitas.jam_selesai,
        "uraian": aktivitas.uraian,
        "jumlah_output": _angka(aktivitas.jumlah_output),
        "satuan_output": aktivitas.satuan_output,
    }


def sama_isinya(aktivitas, data: DataAktivitas) -> bool:
    """Whether a stored activity holds what was posted (a retried post) or something else
    (a form restored by the browser with the key of an earlier entry)."""
    rhk_id = data.rhk.pk if data.rhk else (data.rencana_aksi.rhk_id if data.rencana_aksi else None)
    return (
        aktivitas.tanggal == data.tanggal
        and aktivitas.jam_mulai == data.jam_mulai
        and aktivitas.jam_selesai == data.jam_selesai
        and aktivitas.uraian == data.uraian.strip()
        and aktivitas.jumlah_output == data.jumlah_output
        and aktivitas.satuan_output == data.satuan_output.strip()
        and aktivitas.rhk_id == rhk_id
    )


class RencanaAksiForm(forms.Form):
    teks = forms.CharField(
        label=_("Rencana aksi"),
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Langkah nyata untuk RHK ini, misalnya: Menyusun draf laporan triwulan."),
        error_messages={"required": _("Isi rencana aksinya.")},
    )
    target = forms.CharField(
        label=_("Target"),
        max_length=255,
        required=False,
        help_text=_("Boleh dikosongkan, misalnya: 1 dokumen."),
    )
    cakupan = forms.ChoiceField(
        label=_("Berlaku untuk"),
        choices=[("bulan", _("bulan ini")), ("triwulan", _("triwulan ini"))],
        initial="bulan",
    )

    def __init__(
        self,
        *args,
        rhk_pk: int | None = None,
        label_bulan: str = "",
        label_triwulan: str = "",
        **kwargs,
    ) -> None:
        # Each RHK card has its own form: give each its own HTML ids (the names stay plain).
        kwargs.setdefault("auto_id", f"ra{rhk_pk or 'x'}_%s")
        super().__init__(*args, **kwargs)
        if label_bulan and label_triwulan:
            self.fields["cakupan"].choices = [("bulan", label_bulan), ("triwulan", label_triwulan)]
