"""Integration: a real Celery worker on the machine's Redis delivers each reminder exactly
once although the schedule's tasks are triggered twice and the first e-mail send fails (one
autoretry); and a web action made while the broker is down is notified once it is back.

Needs PostgreSQL (the worker reads the same test database) and Redis; CI has both, and there
``EKINERJA_WAJIB_LAYANAN_NYATA=1`` turns a skip into a failure.
"""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from notifikasi import tasks
from notifikasi.models import EmailKeluar, Jenis, Notifikasi
from tests.aktivitas.conftest import data, kunci
from tests.notifikasi.conftest import RABU
from tests.notifikasi.surel_uji import surel_terkirim
from tests.notifikasi.worker_nyata import (
    BROKER_MATI,
    arahkan_broker,
    perlu_layanan_nyata,
    redis_khusus,
    worker,  # noqa: F401  (fixture)
)

pytestmark = perlu_layanan_nyata


def _beri_email(org):
    for p in (org.kasi, org.staf):
        p.email = f"{p.nama.lower()}@contoh.go.id"
        p.save()


def _tunggu(kondisi, batas: float = 60) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if kondisi():
            return
        time.sleep(0.5)
    raise AssertionError("worker tidak menyelesaikan pekerjaan dalam batas waktu")


def _jumlah_subjek(folder) -> list[str]:
    return [
        baris
        for isi in surel_terkirim(folder)
        for baris in isi.splitlines()
        if baris.startswith("To: ")
    ]


@pytest.mark.django_db(transaction=True)
def test_jadwal_dua_kali_dan_retry_sekali_sampai(org, skp_2026, worker):  # noqa: F811
    _beri_email(org)
    a = akt.catat_aktivitas(org.staf, org.staf, data(tanggal=RABU), kunci())[0]
    akt.kembalikan_aktivitas(org.kasi, [a.pk], "Lampirkan notulen.")
    (worker.surel_dir / "gagal_pertama").touch()  # the first e-mail send raises once
    for _ in range(2):  # the schedule, triggered twice
        tasks.pengingat_aktivitas.delay("2026-03-11T16:30")
        tasks.proses_riwayat.delay()
        tasks.kirim_email.delay()

    def selesai():
        return (
            Notifikasi.objects.count() == 2
            and EmailKeluar.objects.filter(status=EmailKeluar.Status.TERKIRIM).count() == 2
        )

    _tunggu(selesai)
    tasks.kirim_email.delay()  # yet another run after everything was sent
    time.sleep(5)  # leave time for the autoretry (2 s backoff) and late duplicates
    assert set(Notifikasi.objects.values_list("penerima_id", "jenis")) == {
        (org.kasi.pk, Jenis.AKTIVITAS_KOSONG),
        (org.staf.pk, Jenis.AKTIVITAS_DIKEMBALIKAN),
    }
    assert not (worker.surel_dir / "gagal_pertama").exists()  # the failure did happen
    assert EmailKeluar.objects.filter(percobaan=2).count() == 1  # …and was retried
    assert sorted(_jumlah_subjek(worker.surel_dir)) == [
        "To: kasi@contoh.go.id",
        "To: staf@contoh.go.id",
    ]


@pytest.mark.django_db(transaction=True)
def test_broker_mati_aksi_web_tetap_berhasil_lalu_terkirim(client, org, worker):  # noqa: F811
    _beri_email(org)
    a = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    arahkan_broker(BROKER_MATI)
    with pytest.raises(OperationalError):  # the broker really is unreachable
        tasks.proses_riwayat.delay()
    client.force_login(org.kasi)
    r = client.post(reverse("aktivitas_kembalikan", args=[a.pk]), {"catatan": "Perbaiki."})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == Aktivitas.Status.DIKEMBALIKAN
    assert not Notifikasi.objects.exists()

    arahkan_broker(redis_khusus())  # the broker is back: beat triggers the outbox tasks
    for _ in range(2):
        tasks.proses_riwayat.delay()
        tasks.kirim_email.delay()
    _tunggu(lambda: EmailKeluar.objects.filter(status=EmailKeluar.Status.TERKIRIM).exists())
    time.sleep(3)
    n = Notifikasi.objects.get()
    assert (n.penerima, n.jenis, n.pesan) == (org.staf, Jenis.AKTIVITAS_DIKEMBALIKAN, "Perbaiki.")
    assert _jumlah_subjek(worker.surel_dir) == ["To: staf@contoh.go.id"]
