"""Creating notifications at most once, the Riwayat outbox and the e-mail outbox."""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from notifikasi.models import (
    JENIS_WAJIB,
    EmailKeluar,
    Jenis,
    Notifikasi,
    PosisiRiwayat,
    PreferensiNotifikasi,
)
from notifikasi.services import skp as notifikasi_skp
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import peran
from pegawai.services.organisasi import catat_riwayat
from penilaian.models import Penilaian
from penilaian.services.keberatan import batas_keberatan

log = logging.getLogger(__name__)

MAKS_PERCOBAAN_EMAIL = 5


@dataclass(frozen=True)
class Rencana:
    """The decision "send ``jenis`` to ``penerima_id`` for period ``kunci``"."""

    penerima_id: int
    jenis: str
    kunci: str
    judul: str
    pesan: str = ""
    tautan: str = ""


def _preferensi(penerima_ids: set[int]) -> dict[tuple[int, str], PreferensiNotifikasi]:
    return {
        (p.pegawai_id, p.jenis): p
        for p in PreferensiNotifikasi.objects.filter(pegawai_id__in=penerima_ids)
    }


def buat_notifikasi(rencana: Iterable[Rencana]) -> list[Notifikasi]:
    """Write the notifications that do not exist yet (unique per recipient, kind, period)
    and queue their e-mails, in one transaction.  Returns the rows created now."""
    rencana = list({(r.penerima_id, r.jenis, r.kunci): r for r in rencana}.values())
    if not rencana:
        return []
    ids = {r.penerima_id for r in rencana}
    pref = _preferensi(ids)
    rencana = [
        r
        for r in rencana
        if r.jenis in JENIS_WAJIB
        or (pref.get((r.penerima_id, r.jenis)) is None or pref[(r.penerima_id, r.jenis)].aplikasi)
    ]
    with transaction.atomic():
        ada = set(
            Notifikasi.objects.filter(
                penerima_id__in=ids, kunci__in={r.kunci for r in rencana}
            ).values_list("penerima_id", "jenis", "kunci")
        )
        baru = [
            Notifikasi(
                penerima_id=r.penerima_id,
                jenis=r.jenis,
                kunci=r.kunci,
                judul=r.judul[:200],
                pesan=r.pesan,
                tautan=r.tautan,
            )
            for r in rencana
            if (r.penerima_id, r.jenis, r.kunci) not in ada
        ]
        Notifikasi.objects.bulk_create(baru, ignore_conflicts=True)
        # ignore_conflicts gives no ids: read back what exists now and was not there before.
        dibuat = [
            n
            for n in Notifikasi.objects.filter(
                penerima_id__in={n.penerima_id for n in baru},
                kunci__in={n.kunci for n in baru},
            ).select_related("penerima")
            if (n.penerima_id, n.jenis, n.kunci) not in ada
        ]
        email = []
        for n in dibuat:
            p = pref.get((n.penerima_id, n.jenis))
            mau = n.jenis in JENIS_WAJIB or p is None or p.email
            if mau and n.penerima.email:
                email.append(EmailKeluar(notifikasi=n, alamat=n.penerima.email))
        EmailKeluar.objects.bulk_create(email, ignore_conflicts=True)
    return dibuat


def tandai_dibaca(user, notifikasi_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns rows changed."""
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if notifikasi_id is not None:
        qs = qs.filter(pk=notifikasi_id)
    return qs.update(dibaca_pada=timezone.now())


# --- the Riwayat outbox ------------------------------------------------------------------


def _dari_riwayat(r: Riwayat) -> list[Rencana]:
    kunci = f"riwayat:{r.id}"
    if r.aksi == "keberatan.diputus" and r.subjek_id:
        return [
            Rencana(
                r.subjek_id,
                Jenis.KEBERATAN_DIPUTUS,
                kunci,
                _("Keberatan Anda telah diputus"),
                r.keterangan,
            )
        ]
    if r.aksi == "keberatan.diajukan":
        from penilaian.models import Keberatan

        k = Keberatan.objects.filter(pk=r.object_id).only("pemutus_id").first()
        if k is not None and k.pemutus_id:
            return [
                Rencana(
                    k.pemutus_id,
                    Jenis.KEBERATAN_DIAJUKAN,
                    kunci,
                    _("Keberatan menunggu keputusan Anda"),
                    r.keterangan,
                )
            ]
    if r.aksi == "umpan_balik_rekan.diminta" and r.subjek_id:
        # The subject is the colleague asked (penilaian.services.umpan_balik_rekan).
        return [
            Rencana(
                r.subjek_id,
                Jenis.UMPAN_BALIK_DIMINTA,
                kunci,
                _("Anda dimintai umpan balik perilaku kerja rekan"),
                _("Pejabat penilai meminta pendapat Anda tentang nilai-nilai BerAKHLAK rekan."),
                reverse("umpan_balik_rekan_masuk"),
            )
        ]
    if r.aksi == "aktivitas.dikembalikan" and r.subjek_id:
        return [
            Rencana(
                r.subjek_id,
                Jenis.AKTIVITAS_DIKEMBALIKAN,
                kunci,
                _("Aktivitas Anda dikembalikan oleh atasan"),
                r.keterangan,
            )
        ]
    if r.aksi in notifikasi_skp.AKSI:  # issue 17 §7: the cascade reminder, the admin's answer
        return notifikasi_skp.dari_riwayat(r, Rencana)
    return []


AKSI_DIPANTAU = (
    "keberatan.diputus",
    "keberatan.diajukan",
    "aktivitas.dikembalikan",
    "penilaian.difinalkan",
    "umpan_balik_rekan.diminta",
    *notifikasi_skp.AKSI,
)


def _predikat_diterima(baris: list[Riwayat]) -> list[Rencana]:
    """The pegawai receives his final predikat; an annual one says the last day to object
    (PP 30/2019 Pasal 59: 14 days after receiving it).  One query for the whole batch."""
    ids = [r.object_id for r in baris if r.aksi == "penilaian.difinalkan"]
    if not ids:
        return []
    nilai = {
        p.pk: p
        for p in Penilaian.objects.filter(pk__in=ids, status=Penilaian.Status.FINAL)
        .select_related("periode_penilaian__periode")
        .only(
            "id",
            "pegawai_id",
            "predikat",
            "difinalkan_pada",
            "periode_penilaian__jenis",
            "periode_penilaian__urutan",
            "periode_penilaian__periode__tahun",
        )
    }
    rencana = []
    for r in baris:
        p = nilai.get(r.object_id) if r.aksi == "penilaian.difinalkan" else None
        if p is None or not p.difinalkan_pada:
            continue
        pesan = _("Predikat kinerja %(jendela)s Anda: %(predikat)s.") % {
            "jendela": p.periode_penilaian,
            "predikat": p.get_predikat_display(),
        }
        if p.periode_penilaian.is_tahunan:
            batas = batas_keberatan(p)  # the objection service's own date
            pesan += " " + _(
                "Bila tidak sependapat, keberatan dapat diajukan paling lambat %(batas)s."
            ) % {"batas": formats.date_format(batas, "j F Y")}
        rencana.append(
            Rencana(
                p.pegawai_id,
                Jenis.PREDIKAT_DITERIMA,
                f"riwayat:{r.id}",
                _("Predikat kinerja Anda sudah final"),
                pesan,
                reverse("penilaian_detail", args=[p.pk]),
            )
        )
    return rencana


def proses_riwayat(batas: int = 500) -> int:
    """Turn new Riwayat rows into notifications, after the stored watermark.

    The watermark row is locked for the whole batch, so two workers never process the same
    rows concurrently; and the notification's unique key (``riwayat:<id>``) makes a replay
    after a crash harmless.  Returns the number of notifications created.
    """
    with transaction.atomic():
        posisi, _dibuat = PosisiRiwayat.objects.get_or_create(nama="riwayat")
        posisi = PosisiRiwayat.objects.select_for_update().get(pk=posisi.pk)
        baris = list(
            Riwayat.objects.filter(id__gt=posisi.riwayat_terakhir)
            .order_by("id")
            .only("id", "aksi", "subjek_id", "object_id", "keterangan")[:batas]
        )
        if not baris:
            return 0
        rencana = [x for r in baris if r.aksi in AKSI_DIPANTAU for x in _dari_riwayat(r)]
        rencana += _predikat_diterima(baris)
        dibuat = buat_notifikasi(rencana)
        posisi.riwayat_terakhir = baris[-1].id
        posisi.save(update_fields=["riwayat_terakhir"])
    return len(dibuat)


# --- the e-mail outbox -------------------------------------------------------------------


def _kirim(email: EmailKeluar) -> None:
    n = email.notifikasi
    konteks = {"notifikasi": n, "situs": getattr(settings, "SITUS_URL", "")}
    pesan = EmailMultiAlternatives(
        subject=n.judul,
        body=render_to_string("emails/notifikasi_pesan.txt", konteks),
        to=[email.alamat],
    )
    pesan.attach_alternative(render_to_string("emails/notifikasi_pesan.html", konteks), "text/html")
    pesan.send()


def kirim_email_antre(batas: int = 50) -> int:
    """Send queued e-mails, each row claimed with ``SKIP LOCKED`` and marked sent in the same
    transaction, so a duplicated or retried task never sends an e-mail twice after success.
    Returns the number sent; a failure is recorded and retried on the next run."""
    terkirim = 0
    for _i in range(batas):
        with transaction.atomic():
            email = (
                EmailKeluar.objects.select_for_update(skip_locked=True)
                .select_related("notifikasi")
                .filter(status=EmailKeluar.Status.ANTRE)
                .order_by("id")
                .first()
            )
            if email is None:
                break
            try:
                _kirim(email)
            except Exception as exc:  # noqa: BLE001 — any transport error: record and retry
                log.warning("e-mail notifikasi %s gagal: %s", email.pk, exc)
                gagal = email.percobaan + 1 >= MAKS_PERCOBAAN_EMAIL
                EmailKeluar.objects.filter(pk=email.pk).update(
                    percobaan=F("percobaan") + 1,
                    galat_terakhir=str(exc)[:1000],
                    status=EmailKeluar.Status.GAGAL if gagal else EmailKeluar.Status.ANTRE,
                )
                galat = exc
            else:
                galat = None
                EmailKeluar.objects.filter(pk=email.pk).update(
                    status=EmailKeluar.Status.TERKIRIM,
                    percobaan=F("percobaan") + 1,
                    terkirim_pada=timezone.now(),
                )
                terkirim += 1
        if galat is not None:
            # Recorded (committed) above; raising lets the task retry with backoff.
            raise galat
    return terkirim


# --- manual reminder (called by the dashboards) ------------------------------------------


def kirim_pengingat_manual(
    pelaku,
    penerima_ids: Iterable[int],
    judul: str,
    pesan: str,
    tautan: str = "",
    *,
    kunci: str | None = None,
) -> int:
    """Remind pegawai by hand.  The actor must be admin of their instansi, operator of their
    unit or their atasan today; otherwise ``PermissionDenied``.  Returns the number created:
    the same ``kunci`` (a confirmation's one-time token) sends once per recipient; without
    one, a double click within the same minute creates one notification."""
    ids = set(penerima_ids)
    penerima = list(Pegawai.objects.filter(pk__in=ids).select_related("unit_kerja"))
    if len(penerima) != len(ids):
        raise PermissionDenied(_("Penerima tidak ditemukan."))
    p = peran(pelaku)
    for orang in penerima:
        boleh = (
            p.is_superuser
            or (p.is_admin and orang.instansi_id == pelaku.instansi_id)
            or p.mengoperatori(orang)
            or orang.pk in p.bawahan_ids
        )
        if not boleh:
            raise PermissionDenied(
                _("Anda tidak berwenang mengingatkan %(nama)s.") % {"nama": orang}
            )
    if kunci is None:
        menit = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        kunci = f"{pelaku.pk}:{menit}:{zlib.crc32(judul.encode()):08x}"
    else:
        kunci = f"{pelaku.pk}:{kunci}"
    with transaction.atomic():
        dibuat = buat_notifikasi(
            Rencana(orang.pk, Jenis.MANUAL, kunci, judul, pesan, tautan) for orang in penerima
        )
        for n in dibuat:
            catat_riwayat(
                pelaku=pelaku,
                objek=n,
                aksi="notifikasi.pengingat_manual",
                subjek=n.penerima,
                keterangan=judul,
            )
    return len(dibuat)


def hari_ini() -> dt.date:
    from skp.services.penyusunan import hari_ini as _hari_ini

    return _hari_ini()


# --- reminders ---------------------------------------------------------------------------


def pengaturan_pengingat(instansi_id: int):
    from notifikasi.models import PengaturanPengingat

    obj, _created = PengaturanPengingat.objects.get_or_create(instansi_id=instansi_id)
    return obj


def ingatkan_aktivitas_kosong(sekarang: dt.datetime | None = None) -> int:
    """Remind every active pegawai with a valid SKP today and no activity today, in every
    instansi whose reminder hour has passed on a workday.  Returns the number created."""
    from aktivitas.models import Aktivitas
    from notifikasi import rules
    from pegawai.models import Instansi
    from skp.models import Skp

    sekarang = timezone.localtime(sekarang) if sekarang else timezone.localtime()
    hari = sekarang.date()
    rencana: list[Rencana] = []
    for instansi_id in Instansi.objects.values_list("pk", flat=True):
        from kalender.selectors import hari_libur

        atur = pengaturan_pengingat(instansi_id)
        kunci = rules.kunci_aktivitas_kosong(
            sekarang.replace(tzinfo=None),
            atur.jam_pengingat_aktivitas,
            hari_libur(instansi_id, hari, hari),
        )
        if kunci is None:
            continue
        penerima = (
            Pegawai.objects.filter(instansi_id=instansi_id, is_active=True)
            .filter(
                pk__in=Skp.objects.filter(mulai__lte=hari, selesai__gte=hari)
                .exclude(status=Skp.Status.DIGANTIKAN)
                .values("pegawai_id")
            )
            .exclude(pk__in=Aktivitas.objects.filter(tanggal=hari).values("pegawai_id"))
            .values_list("pk", flat=True)
        )
        rencana += [
            Rencana(
                pk,
                Jenis.AKTIVITAS_KOSONG,
                kunci,
                _("Anda belum mencatat aktivitas hari ini"),
                _("Catat aktivitas tanggal %(tanggal)s sebelum terlambat.") % {"tanggal": kunci},
            )
            for pk in penerima
        ]
    return len(buat_notifikasi(rencana))


# --- settings -------------------------------------------------------------------------------
def simpan_preferensi(pegawai: Pegawai, pilihan: dict[str, tuple[bool, bool]]) -> None:
    """Store (in-app, e-mail) per non-mandatory kind; mandatory kinds cannot be turned off."""
    from notifikasi.models import JENIS_WAJIB, PreferensiNotifikasi

    with transaction.atomic():
        for jenis, (aplikasi, email) in pilihan.items():
            if jenis in JENIS_WAJIB or jenis not in Jenis.values:
                continue
            PreferensiNotifikasi.objects.update_or_create(
                pegawai=pegawai, jenis=jenis, defaults={"aplikasi": aplikasi, "email": email}
            )
        catat_riwayat(
            pelaku=pegawai, subjek=pegawai, objek=pegawai, aksi="notifikasi.preferensi_diubah"
        )


def simpan_pengaturan_pengingat(aktor: Pegawai, pengaturan) -> None:
    """The instansi's reminder thresholds (admin instansi only)."""
    from pegawai.permissions import is_admin_instansi

    if not is_admin_instansi(aktor, pengaturan.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang dapat mengatur pengingat."))
    with transaction.atomic():
        pengaturan.save()
        catat_riwayat(pelaku=aktor, objek=pengaturan, aksi="notifikasi.pengaturan_diubah")
