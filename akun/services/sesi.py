"""The login history, the user's sessions and the instansi's account settings: every write."""

from __future__ import annotations

import datetime as dt
import ipaddress
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from akun import rules
from akun.models import PengaturanAkun, RiwayatMasuk, SesiPengguna
from akun.selectors.dua_langkah import tahap
from notifikasi.models import Jenis
from notifikasi.services.kirim import Rencana, buat_notifikasi
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.services.organisasi import catat_riwayat


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def perangkat_permintaan(request: HttpRequest) -> dict:
    """The columns of ``_Perangkat`` read from a request."""
    meta = request.META
    ip = rules.ip_klien(
        meta.get("REMOTE_ADDR"),
        meta.get("HTTP_X_FORWARDED_FOR"),
        getattr(settings, "EKINERJA_PROKSI_TEPERCAYA", 0),
    )
    try:
        ip = str(ipaddress.ip_address(ip)) if ip else None
    except ValueError:
        ip = None
    peramban, sistem = rules.ringkas_user_agent(meta.get("HTTP_USER_AGENT", "")[:1000])
    return {"ip": ip, "jaringan": rules.jaringan_ip(ip), "peramban": peramban, "sistem": sistem}


def lama_sesi_detik(pegawai: Pegawai) -> int:
    """The instansi's session length, or the server's when it has none."""
    jam = None
    if pegawai.instansi_id is not None:
        jam = (
            PengaturanAkun.objects.filter(instansi_id=pegawai.instansi_id)
            .values_list("lama_sesi_jam", flat=True)
            .first()
        )
    return jam * 3600 if jam else settings.SESSION_COOKIE_AGE


def _perangkat_dikenal(pegawai: Pegawai) -> set[tuple[str, str, str]]:
    return set(
        RiwayatMasuk.objects.filter(
            pegawai=pegawai, jenis=RiwayatMasuk.Jenis.MASUK, berhasil=True, ip__isnull=False
        )
        .values_list("peramban", "sistem", "jaringan")
        .distinct()
    )


def _kabari_perangkat_baru(pegawai: Pegawai, masuk: RiwayatMasuk) -> None:
    waktu = formats.date_format(timezone.localtime(masuk.waktu), "j F Y H:i")
    buat_notifikasi(
        [
            Rencana(
                pegawai.pk,
                Jenis.MASUK_PERANGKAT_BARU,
                f"masuk:{masuk.pk}",
                _("Akun Anda dipakai masuk dari perangkat baru"),
                _(
                    "Masuk dari %(perangkat)s (jaringan %(jaringan)s) pada %(waktu)s. Bila itu "
                    "bukan Anda, akhiri sesinya di halaman Sesi aktif lalu ganti kata sandi."
                )
                % {"perangkat": masuk.perangkat, "jaringan": masuk.jaringan, "waktu": waktu},
                reverse("akun_sesi"),
            )
        ]
    )


@transaction.atomic
def catat_masuk(request: HttpRequest, pegawai: Pegawai, *, komputer_bersama: bool) -> RiwayatMasuk:
    """After the password step: record the login and the session, set how long the session
    lives, decide what the second step asks, and tell the user about a new device."""
    sesi = request.session
    # A new password step always asks for the second one again (cycle_key keeps the data).
    for kunci in (rules.SESI_LOLOS, rules.SESI_BERSAMA, DEVICE_ID_SESSION_KEY):
        sesi.pop(kunci, None)
    if komputer_bersama:
        sesi.set_expiry(rules.IDLE_KOMPUTER_BERSAMA_DETIK)
        sesi[rules.SESI_BERSAMA] = True
    else:
        # A fixed end (a date, not an age): the saves of later requests do not extend it.
        sesi.set_expiry(timezone.now() + dt.timedelta(seconds=lama_sesi_detik(pegawai)))
    if sesi.session_key is None:  # the login flushed another user's session
        sesi.save()
    perangkat = perangkat_permintaan(request)
    dikenal = _perangkat_dikenal(pegawai) if perangkat["ip"] else set()
    masuk = RiwayatMasuk.objects.create(
        pegawai=pegawai,
        jenis=RiwayatMasuk.Jenis.MASUK,
        komputer_bersama=komputer_bersama,
        **perangkat,
    )
    sekarang = timezone.now()
    baris, _dibuat = SesiPengguna.objects.update_or_create(
        kunci_sesi=sesi.session_key,
        defaults={
            "pegawai": pegawai,
            "dibuat": sekarang,
            "terakhir_aktif": sekarang,
            "berakhir": None,
            "komputer_bersama": komputer_bersama,
            **perangkat,
        },
    )
    sesi[rules.SESI_BARIS] = baris.pk
    sesi[rules.SESI_MASUK] = masuk.pk
    sesi[rules.SESI_AKTIF] = sesi[rules.SESI_DISENTUH] = timezone.now().timestamp()
    sesi[rules.SESI_TAHAP] = [tahap(pegawai), timezone.now().timestamp()]
    kunci = (perangkat["peramban"], perangkat["sistem"], perangkat["jaringan"])
    if perangkat["ip"] and rules.perangkat_baru(kunci, dikenal, pernah_masuk=bool(dikenal)):
        _kabari_perangkat_baru(pegawai, masuk)
    return masuk


def catat_gagal(request: HttpRequest, nip: str) -> RiwayatMasuk | None:
    """A wrong password for an existing NIP (an unknown NIP has nobody to show it to)."""
    pegawai = Pegawai.objects.filter(nip=nip).only("pk").first()
    if pegawai is None:
        return None
    return RiwayatMasuk.objects.create(
        pegawai=pegawai,
        jenis=RiwayatMasuk.Jenis.MASUK,
        berhasil=False,
        **perangkat_permintaan(request),
    )


def catat_dua_langkah(request: HttpRequest, pegawai: Pegawai, *, berhasil: bool) -> None:
    """A code given at the second step; a right one marks the session's login row."""
    RiwayatMasuk.objects.create(
        pegawai=pegawai,
        jenis=RiwayatMasuk.Jenis.DUA_LANGKAH,
        berhasil=berhasil,
        komputer_bersama=bool(request.session.get(rules.SESI_BERSAMA)),
        **perangkat_permintaan(request),
    )
    if berhasil and request.session.get(rules.SESI_MASUK):
        RiwayatMasuk.objects.filter(pk=request.session[rules.SESI_MASUK], pegawai=pegawai).update(
            dengan_dua_langkah=True
        )


@transaction.atomic
def catat_keluar(request: HttpRequest, pegawai: Pegawai) -> None:
    RiwayatMasuk.objects.create(
        pegawai=pegawai,
        jenis=RiwayatMasuk.Jenis.KELUAR,
        komputer_bersama=bool(request.session.get(rules.SESI_BERSAMA)),
        **perangkat_permintaan(request),
    )
    if request.session.session_key:
        SesiPengguna.objects.filter(
            pegawai=pegawai, kunci_sesi=request.session.session_key, berakhir__isnull=True
        ).update(berakhir=timezone.now())


def sentuh_sesi(request: HttpRequest) -> None:
    """Record that the session is in use (at most once a minute, see the middleware).  A
    session whose key changed (a password change cycles it) or that began before this was
    installed gets its row here."""
    sesi = request.session
    if sesi.session_key is None:
        return
    sekarang = timezone.now()
    diubah = SesiPengguna.objects.filter(
        pk=sesi.get(rules.SESI_BARIS, 0), pegawai=request.user, berakhir__isnull=True
    ).update(terakhir_aktif=sekarang, kunci_sesi=sesi.session_key)
    if not diubah:
        baris, _dibuat = SesiPengguna.objects.update_or_create(
            kunci_sesi=sesi.session_key,
            defaults={
                "pegawai": request.user,
                "terakhir_aktif": sekarang,
                "berakhir": None,
                "komputer_bersama": bool(sesi.get(rules.SESI_BERSAMA)),
                **perangkat_permintaan(request),
            },
        )
        sesi[rules.SESI_BARIS] = baris.pk
    sesi[rules.SESI_DISENTUH] = timezone.now().timestamp()


def _hapus_sesi_django(kunci_sesi: str) -> None:
    _session_store()(session_key=kunci_sesi).delete()


@transaction.atomic
def akhiri_sesi(aktor: Pegawai, baris: SesiPengguna, kunci_sesi_ini: str | None) -> None:
    """End one of the actor's other sessions: its Django session row is deleted, so that
    client's next request is anonymous (sent to the login page)."""
    if baris.pegawai_id != aktor.pk:
        raise PermissionDenied(_("Anda hanya dapat mengakhiri sesi Anda sendiri."))
    if baris.kunci_sesi == kunci_sesi_ini:
        raise ValidationError(_("Ini sesi yang sedang Anda pakai; gunakan tombol Keluar."))
    if baris.berakhir is not None:
        return
    _hapus_sesi_django(baris.kunci_sesi)
    baris.berakhir = timezone.now()
    baris.save(update_fields=["berakhir"])
    catat_riwayat(
        pelaku=aktor,
        objek=baris,
        aksi="akun.sesi_diakhiri",
        subjek=aktor,
        keterangan=baris.perangkat,
    )


def akhiri_semua_sesi(pegawai: Pegawai) -> int:
    """End every open session of ``pegawai`` (after his second step was reset)."""
    baris = list(SesiPengguna.objects.filter(pegawai=pegawai, berakhir__isnull=True))
    for b in baris:
        _hapus_sesi_django(b.kunci_sesi)
    SesiPengguna.objects.filter(pk__in=[b.pk for b in baris]).update(berakhir=timezone.now())
    return len(baris)


# --- the instansi's settings ------------------------------------------------------------------
def pengaturan_instansi(instansi_id: int) -> PengaturanAkun:
    """The instansi's account settings (the defaults when it never changed them)."""
    pengaturan, _dibuat = PengaturanAkun.objects.get_or_create(instansi_id=instansi_id)
    return pengaturan


def ubah_pengaturan(aktor: Pegawai, pengaturan: PengaturanAkun) -> PengaturanAkun:
    """Save the (validated) account settings of the admin's own instansi."""
    if aktor.instansi_id != pengaturan.instansi_id or not is_admin_instansi(
        aktor, pengaturan.instansi_id
    ):
        raise PermissionDenied(_("Hanya admin instansi ini yang boleh mengubah pengaturan akun."))
    pengaturan.full_clean()
    with transaction.atomic():
        pengaturan.save()
        catat_riwayat(
            pelaku=aktor,
            objek=pengaturan,
            aksi="akun.pengaturan_diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={
                "lama_sesi_jam": pengaturan.lama_sesi_jam,
                "wajib_dua_langkah_atasan": pengaturan.wajib_dua_langkah_atasan,
            },
        )
    return pengaturan
