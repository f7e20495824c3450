"""Forms of the account pages: login by NIP, passwords, and the pegawai list filter."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from pegawai.models import Pegawai, UnitKerja
from pegawai.rules import NIP_LENGTH, normalisasi_nip


# --- throttling -----------------------------------------------------------------------------
def _kunci_cache(jenis: str, nip: str) -> str:
    # Hashed: whatever was typed becomes a safe cache key of fixed length.
    return f"akun:{jenis}:{hashlib.sha256(nip.encode()).hexdigest()[:40]}"


class PembatasMasuk:
    """Failed logins per NIP, counted in the cache; too many lock the NIP for a while.

    Per NIP rather than per address: civil servants of one office often share one public
    IP, and the attack to stop is guessing one colleague's password.
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
        return cache.get(_kunci_cache("kunci", nip)) is not None

    @classmethod
    def catat_gagal(cls, nip: str) -> bool:
        """Count one failure; return True when it locks the NIP."""
        kunci = _kunci_cache("gagal", nip)
        cache.add(kunci, 0, timeout=cls.detik())
        try:
            jumlah = cache.incr(kunci)
        except ValueError:  # expired between add and incr
            cache.set(kunci, 1, timeout=cls.detik())
            jumlah = 1
        if jumlah < cls.batas():
            return False
        cache.set(_kunci_cache("kunci", nip), True, timeout=cls.detik())
        cache.delete(kunci)
        return True

    @classmethod
    def berhasil(cls, nip: str) -> None:
        cache.delete(_kunci_cache("gagal", nip))


def _boleh_kirim_reset(nip: str) -> bool:
    """At most a few reset e-mails per NIP an hour, so nobody can flood a colleague's inbox."""
    kunci = _kunci_cache("reset", nip)
    cache.add(kunci, 0, timeout=60 * 60)
    try:
        return cache.incr(kunci) <= getattr(settings, "EKINERJA_RESET_BATAS_PER_JAM", 3)
    except ValueError:
        return True


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


class ResetSandiForm(PasswordResetForm):
    """Ask for the NIP (pegawai know it by heart; many share or forget their e-mail)."""

    email = None
    nip = forms.CharField(label=_("NIP"), help_text=BANTUAN_NIP, widget=NipInput())

    def clean_nip(self) -> str:
        nip = normalisasi_nip(self.cleaned_data["nip"])
        if not nip.isdigit() or len(nip) != NIP_LENGTH:
            raise ValidationError(_("NIP terdiri atas 18 angka."), code="format")
        return nip

    def get_users(self, nip: str):
        # Unlike Django's default, also pegawai whose password was never set: the link is
        # how a newly registered pegawai with an e-mail chooses his first password.
        return Pegawai.objects.filter(nip=nip, is_active=True).exclude(email="")

    def save(
        self,
        domain_override=None,
        subject_template_name="emails/reset_sandi_subjek.txt",
        email_template_name="emails/reset_sandi.txt",
        use_https=False,
        token_generator=default_token_generator,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ) -> None:
        nip = self.cleaned_data["nip"]
        domain = domain_override or get_current_site(request).domain
        for pegawai in self.get_users(nip):
            if not _boleh_kirim_reset(nip):
                return
            context = {
                "email": pegawai.email,
                "domain": domain,
                "uid": urlsafe_base64_encode(force_bytes(pegawai.pk)),
                "user": pegawai,
                "token": token_generator.make_token(pegawai),
                "protocol": "https" if use_https else "http",
                **(extra_email_context or {}),
            }
            self.send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                pegawai.email,
                html_email_template_name=html_email_template_name,
            )


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
