"""Forms of the admin instansi's management pages ("Kelola").

Every choice (unit, jabatan, pegawai) is limited to the querysets the view passes in, which
come from the scoped selectors: a form never offers another instansi's objects.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pegawai.forms.fields import PilihJabatanField, PilihUnitField
from pegawai.models import Jabatan, Pegawai, Penugasan, UnitKerja
from pegawai.rules import NipTidakValid, normalisasi_nip, validasi_nip

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _nip_field(**kwargs) -> forms.CharField:
    # 30 characters: NIPs are often typed with spaces ("19800101 200501 1 001").
    return forms.CharField(
        label=_("NIP"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


# --- filters (GET) --------------------------------------------------------------------------
class _FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100, widget=forms.SearchInput())

    def nilai(self, nama: str, default=None):
        """The cleaned value of a filter, or ``default`` when absent or invalid."""
        self.is_valid()  # an invalid filter (e.g. a foreign unit id) is simply not applied
        return self.cleaned_data.get(nama) or default


class UnitFilterForm(_FilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("nama atau kode unit")


class JabatanFilterForm(_FilterForm):
    unit = PilihUnitField(
        label=_("Unit kerja (termasuk sub-unit)"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"),
        choices=[("", _("Semua jenis")), *Jabatan.Jenis.choices],
        required=False,
    )

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["q"].widget.attrs["placeholder"] = _("nama jabatan")


class PegawaiFilterForm(_FilterForm):
    unit = PilihUnitField(
        label=_("Unit kerja (termasuk sub-unit)"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *Pegawai.Status.choices],
        required=False,
    )

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["q"].widget.attrs["placeholder"] = _("NIP atau nama")


class OperatorFilterForm(_FilterForm):
    unit = PilihUnitField(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["q"].widget.attrs["placeholder"] = _("NIP atau nama operator")


# --- unit kerja ---------------------------------------------------------------------------
class UnitForm(forms.ModelForm):
    induk = PilihUnitField(
        label=_("Unit induk"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("— tidak ada (unit teratas) —"),
        help_text=_("Unit yang membawahi unit ini. Kosongkan untuk unit teratas (mis. dinas)."),
    )

    class Meta:
        model = UnitKerja
        fields = ["kode", "nama", "induk", "aktif"]
        help_texts = {
            "kode": _("Kode unik di instansi ini, mis. kode unit dari SIASN."),
            "aktif": _(
                "Unit nonaktif tidak muncul pada pilihan baru; data dan riwayatnya tetap ada."
            ),
        }

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].queryset = units

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        # The unique constraint is per instansi, which is not a form field: check it here.
        lain = (
            self.fields["induk"]
            .queryset.filter(kode=kode)
            .exclude(pk=self.instance.pk)
            .values_list("nama", flat=True)
            .first()
        )
        if lain is not None:
            raise forms.ValidationError(
                _("Kode “%(kode)s” sudah dipakai oleh unit %(nama)s di instansi ini."),
                params={"kode": kode, "nama": lain},
                code="unique",
            )
        return kode


# --- jabatan --------------------------------------------------------------------------------
class JabatanForm(forms.ModelForm):
    unit = PilihUnitField(label=_("Unit kerja"), queryset=UnitKerja.objects.none())
    induk = PilihJabatanField(
        label=_("Jabatan atasan"),
        queryset=Jabatan.objects.none(),
        required=False,
        empty_label=_("— tidak ada (JPT tertinggi) —"),
        help_text=_(
            "Pemangku jabatan atasan adalah atasan langsung sekaligus pejabat penilai kinerja "
            "pemangku jabatan ini. Kosongkan hanya untuk jabatan tertinggi (dinilai oleh PPK)."
        ),
    )
    kelas_jabatan = forms.IntegerField(
        label=_("Kelas jabatan"),
        required=False,
        min_value=1,
        max_value=17,
        error_messages={
            "min_value": _("Kelas jabatan antara 1 dan 17."),
            "max_value": _("Kelas jabatan antara 1 dan 17."),
        },
        help_text=_("1–17, sesuai peta jabatan. Boleh dikosongkan."),
    )

    class Meta:
        model = Jabatan
        fields = ["nama", "jenis", "unit", "induk", "kelas_jabatan", "aktif"]
        help_texts = {
            "aktif": _("Jabatan nonaktif tidak dapat dipilih untuk penugasan baru."),
        }

    def __init__(
        self, *args, units: QuerySet[UnitKerja], jabatan: QuerySet[Jabatan], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["induk"].queryset = jabatan


# --- pegawai --------------------------------------------------------------------------------
class PegawaiForm(forms.ModelForm):
    """Identity data.  The NIP is typed once, when the pegawai is added, and then read-only."""

    nip = _nip_field(
        help_text=_(
            "18 digit, boleh ditulis dengan spasi. NIP PNS memuat tanggal lahir, bulan "
            "pengangkatan dan kode jenis kelamin; semuanya diperiksa."
        )
    )

    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "jenis_kelamin",
            "pangkat_golongan",
            "status_kepegawaian",
            "email",
        ]
        help_texts = {
            "nama": _("Nama tanpa gelar."),
            "pangkat_golongan": _("Mis. Penata (III/c). Untuk PPPK: golongan, mis. IX."),
            "email": _("Untuk pengingat dan pemulihan kata sandi."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["nip"]
        self.fields["jenis_kelamin"].required = True

    def clean(self) -> dict:
        data = super().clean()
        status = data.get("status_kepegawaian")
        jk = data.get("jenis_kelamin") or ""
        if not status:
            return data
        if "nip" in self.fields:
            self._periksa_nip_baru(data, status, jk)
        elif jk:
            self._periksa_jenis_kelamin(status, jk)
        return data

    def _periksa_nip_baru(self, data: dict, status: str, jk: str) -> None:
        if not data.get("nip"):
            return
        try:
            nip = validasi_nip(data["nip"], status, jk)
        except NipTidakValid as e:
            self.add_error("nip", str(e))
            return
        data["nip"] = nip
        pemilik = Pegawai.objects.filter(nip=nip).only("nama", "instansi_id").first()
        if pemilik is None:
            return
        if pemilik.instansi_id == self.instance.instansi_id:
            pesan = _("NIP ini sudah terdaftar atas nama %(nama)s.") % {"nama": pemilik.nama}
        else:
            pesan = _(
                "NIP ini sudah terdaftar di instansi lain. Bila pegawai ini pindah ke instansi "
                "Anda, hubungi admin aplikasi."
            )
        self.add_error("nip", pesan)

    def _periksa_jenis_kelamin(self, status: str, jk: str) -> None:
        nip = self.instance.nip
        try:
            validasi_nip(nip, status)
        except NipTidakValid:
            return  # an old NIP that does not parse: nothing to compare the sex digit with
        try:
            validasi_nip(nip, status, jk)
        except NipTidakValid as e:
            self.add_error("jenis_kelamin", str(e))


class StatusPegawaiForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=Pegawai.Status.choices)
    keterangan = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. nomor SK pensiun atau tanggal mulai cuti. Dicatat di riwayat."),
    )


# --- penugasan ------------------------------------------------------------------------------
class PenugasanForm(forms.Form):
    jabatan = PilihJabatanField(
        label=_("Jabatan"),
        queryset=Jabatan.objects.none(),
        empty_label=_("— pilih jabatan —"),
        help_text=_("Hanya jabatan aktif instansi ini, dikelompokkan per unit kerja."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=Penugasan.Jenis.choices,
        initial=Penugasan.Jenis.DEFINITIF,
        help_text=_(
            "Plt untuk jabatan yang lowong; Plh untuk pejabat definitif yang berhalangan sementara."
        ),
    )
    mulai = forms.DateField(label=_("Mulai"), widget=TANGGAL, initial=dt.date.today)
    selesai = forms.DateField(
        label=_("Selesai"),
        widget=TANGGAL,
        required=False,
        help_text=_("Kosongkan bila belum diketahui (lazim untuk definitif)."),
    )
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args, jabatan: QuerySet[Jabatan], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = jabatan


class AkhiriPenugasanForm(forms.Form):
    selesai = forms.DateField(label=_("Tanggal selesai"), widget=TANGGAL, initial=dt.date.today)


# --- operator -------------------------------------------------------------------------------
class OperatorForm(forms.Form):
    nip = _nip_field(help_text=_("NIP pegawai instansi ini yang akan menjadi operator."))
    unit = PilihUnitField(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        empty_label=_("— pilih unit —"),
        help_text=_("Operator juga mengelola semua sub-unit dari unit ini."),
    )

    def __init__(
        self,
        *args,
        pegawai: QuerySet[Pegawai],
        units: QuerySet[UnitKerja],
        url_cari: str = "",
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pegawai_qs = pegawai
        self.pegawai: Pegawai | None = None
        self.fields["unit"].queryset = units
        if url_cari:
            # Suggestions while typing (htmx fills the <datalist>); plain typing still works.
            self.fields["nip"].widget.attrs.update(
                {
                    "list": "saran-nip",
                    "hx-get": url_cari,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#saran-nip",
                    "hx-swap": "innerHTML",
                }
            )

    def clean_nip(self) -> str:
        nip = normalisasi_nip(self.cleaned_data["nip"])
        self.pegawai = self._pegawai_qs.filter(nip=nip).first()
        if self.pegawai is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai dengan NIP %(nip)s di instansi ini."),
                params={"nip": nip},
                code="tidak_ada",
            )
        return nip
