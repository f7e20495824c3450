"""Every write of the help: a question to the operator, its answer, closing it, and the
first-use steps' box.  One transaction each, the actor's right checked, history written."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.cache_versi import berubah
from notifikasi.models import Jenis
from notifikasi.services.kirim import Rencana, buat_notifikasi
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat

from .models import MulaiPengguna, Pertanyaan
from .selectors import boleh_menjawab, pic, versi_langkah

MAKS_PER_JAM = 5


def halaman_aman(halaman: str) -> str:
    """Keep only a path of this site (a question's page is shown as a link)."""
    halaman = (halaman or "").strip()[:300]
    if not halaman.startswith("/") or halaman.startswith("//") or "\\" in halaman:
        return ""
    return halaman


def kirim_pertanyaan(penanya: Pegawai, teks: str, halaman: str = "") -> Pertanyaan:
    """The pegawai asks the operator(s) of his unit about a page; they are notified."""
    if not penanya.instansi_id:
        raise PermissionDenied(_("Akun ini tidak terdaftar pada instansi mana pun."))
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Tulis pertanyaan Anda.")})
    sejam = timezone.now() - dt.timedelta(hours=1)
    if Pertanyaan.objects.filter(penanya=penanya, dibuat_pada__gte=sejam).count() >= MAKS_PER_JAM:
        raise ValidationError(
            {
                "teks": _(
                    "Anda sudah mengirim %(n)d pertanyaan dalam satu jam terakhir; "
                    "tunggu jawabannya dahulu."
                )
                % {"n": MAKS_PER_JAM}
            }
        )
    penerima = pic(penanya)
    with transaction.atomic():
        p = Pertanyaan.objects.create(
            penanya=penanya,
            instansi_id=penanya.instansi_id,
            unit_id=penanya.unit_kerja_id,
            halaman=halaman_aman(halaman),
            teks=teks,
        )
        catat_riwayat(
            pelaku=penanya,
            objek=p,
            aksi="bantuan.ditanyakan",
            subjek=penanya,
            ke_status=p.status,
            keterangan=teks[:200],
            data={"halaman": p.halaman, "penerima": [o["id"] for o in penerima]},
        )
        tautan = reverse("bantuan_pertanyaan", args=[p.pk])
        buat_notifikasi(
            Rencana(
                o["id"],
                Jenis.PERTANYAAN,
                f"tanya:{p.pk}",
                _("Pertanyaan dari %(nama)s") % {"nama": penanya.nama_lengkap},
                teks[:500],
                tautan,
            )
            for o in penerima
            if o["id"] != penanya.pk
        )
    return p


def jawab_pertanyaan(penjawab: Pegawai, pertanyaan: Pertanyaan, jawaban: str) -> Pertanyaan:
    """An operator (or admin) of the asker's unit answers; the asker is notified."""
    jawaban = (jawaban or "").strip()
    if not jawaban:
        raise ValidationError({"jawaban": _("Tulis jawaban Anda.")})
    with transaction.atomic():
        p = Pertanyaan.objects.select_for_update().get(pk=pertanyaan.pk)
        if not boleh_menjawab(penjawab, p):
            raise PermissionDenied(_("Pertanyaan ini bukan dari pegawai unit Anda."))
        if p.status == Pertanyaan.Status.SELESAI:
            raise ValidationError(_("Pertanyaan ini sudah selesai."))
        dari = p.status
        p.jawaban, p.penjawab, p.dijawab_pada = jawaban, penjawab, timezone.now()
        p.status = Pertanyaan.Status.DIJAWAB
        p.save(update_fields=["jawaban", "penjawab", "dijawab_pada", "status"])
        r = catat_riwayat(
            pelaku=penjawab,
            objek=p,
            aksi="bantuan.dijawab",
            subjek=p.penanya,
            dari_status=dari,
            ke_status=p.status,
            keterangan=jawaban[:200],
        )
        buat_notifikasi(
            [
                Rencana(
                    p.penanya_id,
                    Jenis.PERTANYAAN,
                    f"tanya:{p.pk}:jawab:{r.pk}",
                    _("Pertanyaan Anda sudah dijawab oleh %(nama)s")
                    % {"nama": penjawab.nama_lengkap},
                    jawaban[:500],
                    reverse("bantuan_pertanyaan", args=[p.pk]),
                )
            ]
        )
    return p


def selesaikan_pertanyaan(aktor: Pegawai, pertanyaan: Pertanyaan) -> Pertanyaan:
    """The asker (or whoever answers it) closes the question."""
    with transaction.atomic():
        p = Pertanyaan.objects.select_for_update().get(pk=pertanyaan.pk)
        if p.penanya_id != aktor.pk and not boleh_menjawab(aktor, p):
            raise PermissionDenied(_("Anda tidak dapat menutup pertanyaan ini."))
        if p.status == Pertanyaan.Status.SELESAI:
            return p
        dari = p.status
        p.status = Pertanyaan.Status.SELESAI
        p.save(update_fields=["status"])
        catat_riwayat(
            pelaku=aktor,
            objek=p,
            aksi="bantuan.selesai",
            subjek=p.penanya,
            dari_status=dari,
            ke_status=p.status,
        )
    return p


def atur_langkah_awal(user: Pegawai, *, ditutup: bool) -> None:
    """The user closes (or reopens) his three-steps box on the home page."""
    with transaction.atomic():
        m, _baru = MulaiPengguna.objects.get_or_create(pegawai=user)
        if m.ditutup == ditutup:
            return
        m.ditutup = ditutup
        m.save(update_fields=["ditutup", "diubah_pada"])
        berubah(versi_langkah(user.pk))
        catat_riwayat(
            pelaku=user,
            objek=m,
            aksi="bantuan.langkah_ditutup" if ditutup else "bantuan.langkah_dibuka",
            subjek=user,
        )
