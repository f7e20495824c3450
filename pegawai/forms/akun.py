"""Forms of the account pages: login by NIP, passwords, and the pegawai list filter."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from pegawai.models import Pegawai, UnitKerja
from pegawai.rules import NIP_LENGTH, normalisasi_nip
from pegawai.services import masuk as services_masuk


# --- throttling -----------------------------------------------------------------------------
class PembatasMasuk:
    """Failed logins per NIP, counted in the database; too many lock the NIP for a while.

    Per NIP rather than per address: civil servants of one office often share one public
    IP, and the attack to stop is guessing one colleague's password.  In the database, not
    the cache: stopping Redis must neither block logins nor lift a lock
    (``pegawai.services.masuk``).
    """

    @staticmethod
    def batas() -> int:
        return getattr(settings, "EKINERJA_MASUK_BATAS_GAGAL", 5)

    @staticmethod
    def detik() -> int:
        """Both the window in which failures count and the length of the lock."""
        return getattr(settings, "EKINERJA_MASUK_JEDA_DETIK", 15 * 60)

    @classmethod
    def terkunci(cls, nip: str) -> bool:
        return services_masuk.terkunci(nip)

    @classmethod
    def catat_gagal(cls, nip: str) -> bool:
        """Count one failure; return True when it locks the NIP."""
        return services_masuk.catat_gagal(nip, batas=cls.batas(), detik=cls.detik())

    @classmethod
    def berhasil(cls, nip: str) -> None:
        services_masuk.berhasil(nip)


# --- fields ---------------------------------------------------------------------------------
class NipInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {
            "inputmode": "numeric",
            "autocomplete": "username",
            "autocapitalize": "none",
            "spellcheck": "false",
            # Room for the spaces people type between the parts of the NIP.
            "maxlength": NIP_LENGTH + 6,
        }
        super().__init__({**base, **(attrs or {})})


BANTUAN_NIP = _("18 angka, boleh ditulis dengan spasi (contoh: 19850314 201001 1 001).")


# --- login ----------------------------------------------------------------------------------
class MasukForm(AuthenticationForm):
    """Login with NIP and kata sandi; refuses inactive pegawai and throttles guessing."""

    error_messages = {
        "invalid_login": _(
            "NIP atau kata sandi salah. Periksa kembali NIP Anda (18 angka) dan kata sandi; "
            "huruf besar dan kecil dibedakan."
        ),
        "inactive": _(
            "Akun ini tidak dapat dipakai masuk karena status kepegawaiannya %(status)s. "
            "Riwayat kinerja tetap tersimpan. Bila status ini keliru, hubungi admin "
            "kepegawaian instansi Anda."
        ),
        "terkunci": _(
            "Terlalu banyak percobaan masuk yang gagal untuk NIP ini. Demi keamanan, coba "
            "lagi dalam %(menit)d menit, atau gunakan “Lupa kata sandi?”."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        nip = self.fields["username"]
        nip.label = _("NIP")
        nip.max_length = NIP_LENGTH + 6
        nip.help_text = BANTUAN_NIP
        nip.widget = NipInput(attrs={"autofocus": True})
        self.fields["password"].label = _("Kata sandi")
        # Read by the login's history (akun): such a session ends after 30 idle minutes.
        self.fields["komputer_bersama"] = forms.BooleanField(
            label=_("Ini komputer bersama (dipakai bergantian, warnet)"),
            help_text=_("Anda keluar otomatis setelah 30 menit tanpa aktivitas."),
            required=False,
        )

    def clean_username(self) -> str:
        return normalisasi_nip(self.cleaned_data["username"])

    @sensitive_variables("password")
    def clean(self):
        nip = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not nip or not password:
            return self.cleaned_data
        if PembatasMasuk.terkunci(nip):
            raise self._galat_terkunci()
        self.user_cache = authenticate(self.request, username=nip, password=password)
        if self.user_cache is None:
            self._tolak_bila_tidak_aktif(nip, password)
            if PembatasMasuk.catat_gagal(nip):
                raise self._galat_terkunci()
            raise self.get_invalid_login_error()
        PembatasMasuk.berhasil(nip)
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    @sensitive_variables("password")
    def _tolak_bila_tidak_aktif(self, nip: str, password: str) -> None:
        # The backend ignores inactive users; tell the right person (he knows the password)
        # why, instead of a misleading "wrong password".
        pegawai = Pegawai.objects.filter(nip=nip, is_active=False).first()
        if pegawai is not None and pegawai.check_password(password):
            raise ValidationError(
                self.error_messages["inactive"],
                code="inactive",
                params={"status": pegawai.get_status_display().lower()},
            )

    def confirm_login_allowed(self, user) -> None:
        if not user.is_active:
            raise ValidationError(
                self.error_messages["inactive"],
                code="inactive",
                params={"status": user.get_status_display().lower()},
            )

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def _galat_terkunci(self) -> ValidationError:
        return ValidationError(
            self.error_messages["terkunci"],
            code="terkunci",
            params={"menit": max(1, PembatasMasuk.detik() // 60)},
        )


# --- passwords ------------------------------------------------------------------------------
class _LabelSandiMixin:
    def _label_sandi(self) -> None:
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password2"].help_text = _("Ketik sekali lagi untuk memastikan.")


class GantiSandiForm(_LabelSandiMixin, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": _("Kedua isian kata sandi baru tidak sama."),
        "password_incorrect": _("Kata sandi lama salah. Silakan coba lagi."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["old_password"].help_text = _(
            "Kata sandi yang Anda pakai untuk masuk tadi, termasuk kata sandi sementara dari "
            "operator."
        )
        self._label_sandi()


class SetelSandiForm(_LabelSandiMixin, SetPasswordForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("Kedua isian kata sandi baru tidak sama."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_sandi()


class ResetSandiForm(forms.Form):
    """Ask for the NIP (pegawai know it by heart; many share or forget their e-mail).

    Only the NIP's form is checked here; whether it belongs to anyone is decided off the
    request path (:mod:`pegawai.services.reset_sandi`), so the answer tells nothing.
    """

    nip = forms.CharField(label=_("NIP"), help_text=BANTUAN_NIP, widget=NipInput())

    def clean_nip(self) -> str:
        nip = normalisasi_nip(self.cleaned_data["nip"])
        if not nip.isdigit() or len(nip) != NIP_LENGTH:
            raise ValidationError(_("NIP terdiri atas 18 angka."), code="format")
        return nip


# --- the pegawai list -----------------------------------------------------------------------
class PilihanUnit(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        # Indent by depth so the tree reads in a plain <select>.
        return f"{'· ' * obj.kedalaman}{obj.nama}"


class CariPegawaiForm(forms.Form):
    q = forms.CharField(
        label=_("Cari NIP atau nama"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    unit = PilihanUnit(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit ini tidak ada dalam daftar unit Anda.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *Pegawai.Status.choices],
        error_messages={"invalid_choice": _("Pilih status dari daftar.")},
    )

    def __init__(self, *args, unit_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_qs

    def saringan(self) -> dict:
        """The valid part of the filter (an invalid field is shown and ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "cari": data.get("q") or "",
            "unit": data.get("unit"),
            "status": data.get("status") or "",
        }
