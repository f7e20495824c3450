"""Forms of the SKP drafting pages: input parsing, labels and plain-language help texts.

The rules themselves (cascading, perspektif, targets per pendekatan) live in
:mod:`skp.services.penyusunan`; these forms only parse what was typed.  Every choice is limited
to the queryset the view passes in, which comes from a scoped selector or service.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from skp.models import IndikatorKinerja, LampiranSkp, Periode, RencanaHasilKerja, Skp

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIDAK_DI_SKP_ATASAN = _("RHK atasan yang dipilih tidak ada di SKP atasan Anda pada periode ini.")


class PilihSkpField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skp) -> str:
        return _("SKP %(tahun)s versi %(versi)s — %(jabatan)s (%(status)s)") % {
            "tahun": obj.periode.tahun,
            "versi": obj.versi,
            "jabatan": obj.jabatan.nama,
            "status": obj.get_status_display(),
        }


class PilihRhkAtasanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RencanaHasilKerja) -> str:
        teks = obj.teks if len(obj.teks) <= 140 else obj.teks[:139] + "…"
        return teks


def _id_unik(kwargs: dict, awalan: str) -> None:
    """Several forms share the detail page: give each its own HTML ids (names stay plain)."""
    instance = kwargs.get("instance")
    kwargs.setdefault(
        "auto_id", f"{awalan}{instance.pk if instance and instance.pk else 'baru'}_%s"
    )


def _wajib(field: forms.Field, pesan: str) -> None:
    # The same words as the service's check, so the user reads one message for one rule.
    field.required = True
    field.error_messages["required"] = pesan


# --- creating an SKP ------------------------------------------------------------------------
class BuatSkpForm(forms.Form):
    periode = forms.ModelChoiceField(
        label=_("Periode"),
        queryset=Periode.objects.none(),
        empty_label=None,
        help_text=_("Periode kinerja yang dibuka oleh admin kepegawaian instansi Anda."),
    )
    pendekatan = forms.ChoiceField(
        label=_("Pendekatan"),
        choices=Skp.Pendekatan.choices,
        initial=Skp.Pendekatan.KUALITATIF,
        widget=forms.RadioSelect,
        help_text=_(
            'Kualitatif (bawaan): target ditulis sebagai uraian, misalnya "Laporan selesai '
            'tepat waktu dan tanpa revisi". Kuantitatif: setiap target berupa angka dengan '
            'satuan, misalnya "12 laporan" atau "90–100 %"; pilih ini hanya bila instansi '
            "atau jabatan fungsional Anda memintanya."
        ),
    )
    tanggal = forms.DateField(
        label=_("Berlaku mulai"),
        required=False,
        widget=TANGGAL,
        help_text=_(
            "Kosongkan untuk hari ini (atau awal periode). Isi bila Anda pindah jabatan di "
            "tengah tahun: SKP jabatan lama berakhir sehari sebelumnya."
        ),
    )
    salin_dari = PilihSkpField(
        label=_("Salin dari SKP periode sebelumnya"),
        queryset=Skp.objects.none(),
        required=False,
        empty_label=_("Tidak, mulai dari SKP kosong"),
        help_text=_(
            "RHK, indikator dan lampiran disalin sebagai titik awal yang dapat Anda ubah. "
            "Pilihan RHK atasan tidak ikut disalin karena SKP atasan tahun ini berbeda."
        ),
    )

    def __init__(self, *args, periode_qs: QuerySet, sumber_qs: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].queryset = periode_qs
        self.fields["salin_dari"].queryset = sumber_qs
        if not sumber_qs:
            del self.fields["salin_dari"]


class SalinSkpForm(forms.Form):
    sumber = PilihSkpField(
        label=_("Salin dari"),
        queryset=Skp.objects.none(),
        empty_label=None,
        help_text=_("RHK, indikator dan lampiran SKP ini disalin ke SKP yang masih kosong."),
    )

    def __init__(self, *args, sumber_qs: QuerySet, **kwargs):
        kwargs.setdefault("auto_id", "salin_%s")
        super().__init__(*args, **kwargs)
        self.fields["sumber"].queryset = sumber_qs


# --- content --------------------------------------------------------------------------------
class RhkForm(forms.ModelForm):
    rhk_atasan = PilihRhkAtasanField(
        label=_("RHK atasan yang diintervensi"),
        queryset=RencanaHasilKerja.objects.none(),
        required=False,
        empty_label=_("— pilih RHK atasan —"),
        error_messages={"invalid_choice": TIDAK_DI_SKP_ATASAN},
    )

    class Meta:
        model = RencanaHasilKerja
        fields = ["jenis", "teks", "rhk_atasan", "perspektif"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 3})}
        labels = {"teks": _("Rencana hasil kerja (RHK)"), "jenis": _("Jenis RHK")}
        help_texts = {
            "teks": _(
                "Hasil yang akan Anda capai dalam periode ini, ditulis sebagai hasil, bukan "
                'kegiatan. Contoh: "Tersusunnya laporan surveilans penyakit menular yang '
                'akurat dan tepat waktu".'
            ),
            "jenis": _(
                "Utama: hasil dari tugas jabatan Anda yang mendukung RHK atasan. Tambahan: "
                "hasil di luar tugas jabatan, misalnya tugas khusus dari atasan atau kepanitiaan."
            ),
        }

    def __init__(self, *args, skp: Skp, rhk_atasan_qs: QuerySet, **kwargs):
        _id_unik(kwargs, "rhk")
        super().__init__(*args, **kwargs)
        self.instance.skp = skp
        pilihan = self.fields["rhk_atasan"]
        pilihan.queryset = rhk_atasan_qs
        self.fields["teks"].error_messages["required"] = _("Rencana hasil kerja wajib diisi.")
        if skp.is_jpt:
            # Required for RHK utama only: the service says so next to the field.
            self.fields["perspektif"].help_text = _(
                "Untuk JPT: sudut pandang sasaran organisasi (balanced scorecard) yang "
                "dicapai RHK ini — penerima layanan, penguatan internal, anggaran, atau proses "
                "bisnis. Diambil dari perjanjian kinerja."
            )
            pilihan.help_text = _(
                "Boleh dikosongkan bila pejabat penilai Anda adalah PPK / pimpinan instansi."
            )
        else:
            del self.fields["perspektif"]
            pilihan.help_text = _(
                "RHK atasan langsung Anda yang didukung oleh hasil kerja ini (cascading). "
                "Pilihan diambil dari SKP atasan pada periode yang sama. Wajib untuk RHK utama "
                "sebelum SKP diajukan; kosongkan untuk RHK tambahan."
            )
            if not pilihan.queryset.exists():
                pilihan.help_text = _(
                    "SKP atasan Anda untuk periode ini belum berisi RHK utama. Anda dapat "
                    "menyimpan RHK ini dulu dan memilih RHK atasan sebelum mengajukan SKP."
                )


class IndikatorForm(forms.ModelForm):
    class Meta:
        model = IndikatorKinerja
        fields = ["teks", "aspek", "target_teks", "target_min", "target_maks", "satuan"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "teks": _("Indikator kinerja"),
            "target_teks": _("Target"),
            "target_min": _("Target (angka)"),
            "target_maks": _("Target maksimal (bila rentang)"),
        }
        help_texts = {
            "teks": _(
                'Ukuran untuk menilai apakah RHK tercapai. Contoh: "Jumlah laporan surveilans '
                'yang disampaikan" atau "Persentase laporan tanpa revisi".'
            ),
            "aspek": _(
                "Yang diukur: kuantitas (berapa banyak), kualitas (seberapa baik), waktu "
                "(kapan selesai) atau biaya."
            ),
            "target_teks": _(
                'Hasil yang diharapkan dalam kata-kata. Contoh: "12 laporan, disampaikan '
                'paling lambat tanggal 5 setiap bulan".'
            ),
            "target_min": _("Angka target. Contoh: 12. Untuk rentang, ini batas bawahnya."),
            "target_maks": _("Kosongkan bila target satu angka. Contoh rentang: 90 sampai 100."),
            "satuan": _("Contoh: laporan, dokumen, %, hari, rupiah."),
        }

    def __init__(self, *args, skp: Skp, **kwargs):
        _id_unik(kwargs, "indikator")
        super().__init__(*args, **kwargs)
        f = self.fields
        f["teks"].error_messages["required"] = _("Indikator wajib diisi.")
        f["aspek"].error_messages["required"] = _("Pilih aspek yang diukur.")
        if skp.pendekatan == Skp.Pendekatan.KUANTITATIF:
            del f["target_teks"]
            _wajib(f["target_min"], _("SKP kuantitatif: target wajib berupa angka."))
            _wajib(f["satuan"], _("SKP kuantitatif: satuan target wajib diisi."))
            for nama in ("target_min", "target_maks"):
                f[nama].widget.attrs.update({"step": "any", "inputmode": "decimal"})
        else:
            for nama in ("target_min", "target_maks", "satuan"):
                del f[nama]
            _wajib(f["target_teks"], _("Target wajib diisi."))

    def clean(self):
        data = super().clean()
        # Checked here (as in the service) so that the model's CheckConstraint, which the
        # ModelForm also validates, never shows its technical message: a field with an error
        # is left out of the model's validation.
        minimal, maksimal = data.get("target_min"), data.get("target_maks")
        if minimal is not None and maksimal is not None and maksimal < minimal:
            self.add_error("target_maks", _("Target maksimal tidak boleh di bawah minimal."))
        return data


class LampiranForm(forms.ModelForm):
    class Meta:
        model = LampiranSkp
        fields = ["jenis", "teks"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 2})}
        labels = {"jenis": _("Jenis lampiran"), "teks": _("Isi")}
        help_texts = {
            "jenis": _(
                "Dukungan sumber daya: yang Anda perlukan (anggaran, sarana, pelatihan). Skema "
                "pertanggungjawaban: cara hasil kerja dilaporkan. Konsekuensi: akibat bila "
                "target tercapai atau tidak."
            ),
            "teks": _(
                'Satu butir per isian. Contoh: "Akses aplikasi SKDR dan kuota internet bulanan".'
            ),
        }

    def __init__(self, *args, skp: Skp, **kwargs):
        _id_unik(kwargs, "lampiran")
        super().__init__(*args, **kwargs)
        self.instance.skp = skp
        self.fields["teks"].error_messages["required"] = _("Isi lampiran wajib diisi.")
