"""Faults the product must survive (issue 22), on a stack of its own (see conftest.py and
docs/gangguan.md): PostgreSQL restarted under concurrent submits, Redis stopped while people
sign in and work, the worker SIGKILLed during a reminder run and during a PDF task.

Each asserts no loss, no duplicate and no 5xx once the service is back.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.error
import uuid

import pytest
from celery import Celery
from django.urls import reverse

from tests.gangguan.conftest import Peramban, tunggu

pytestmark = [pytest.mark.gangguan, pytest.mark.xdist_group("gangguan")]

HARI_INI = dt.date.today()


def _isian(kunci: str, i: int) -> dict:
    mulai = dt.datetime(2000, 1, 1, 6, 0) + dt.timedelta(minutes=7 * i)
    return {
        "tanggal": HARI_INI.isoformat(),
        "rhk": "",
        "jam_mulai": f"{mulai:%H:%M}",
        "jam_selesai": f"{mulai + dt.timedelta(minutes=5):%H:%M}",
        "uraian": f"Kiriman gangguan {kunci[:8]}",
        "jumlah_output": "1",
        "satuan_output": "laporan",
        "kunci": kunci,
    }


URL_HARIAN = reverse("aktivitas_harian") + f"?tanggal={HARI_INI.isoformat()}"


def _pengirim_celery(t) -> Celery:
    return Celery("gangguan", broker=t.redis.url_broker())


def _jumlah_dokumen(t, skp_id: int) -> int:
    return t.hitung(f"SELECT count(*) FROM skp_dokumen WHERE jenis='skp' AND object_id={skp_id}")


# --- 1. PostgreSQL restarts under concurrent submits ----------------------------------------
def test_postgres_dimulai_ulang_saat_kiriman_bersamaan(tumpukan):
    t = tumpukan
    pengguna = t.data["staf"][:4]
    berhenti = threading.Event()
    jawaban: list[tuple[float, int, str]] = []  # (start, status, body head)
    kunci_terkirim: dict[str, set[str]] = {nip: set() for nip in pengguna}
    galat: list[str] = []
    kunci_jawaban = threading.Lock()

    masuk = threading.Barrier(len(pengguna) + 1)

    def kirim(nip: str) -> None:
        b = Peramban(t.alamat)
        try:
            tunggu(lambda: b.masuk(nip, t.data["sandi"]) == 302, 30, 0.2, f"{nip} tidak masuk")
        finally:
            masuk.wait(60)
        i = 0
        while not berhenti.is_set() and i < 60:
            kunci = str(uuid.uuid4())
            for _ in range(200):  # retry the same key until it is answered with success
                mulai = time.monotonic()
                try:
                    status, badan = b.minta("POST", URL_HARIAN, _isian(kunci, i), timeout=15)
                except (urllib.error.URLError, OSError):
                    status, badan = 0, ""
                with kunci_jawaban:
                    jawaban.append((mulai, status, badan[:2000]))
                if status == 302:
                    kunci_terkirim[nip].add(kunci)
                    break
                if status == 200:  # the form again: a refusal, never expected here
                    galat.append(f"{nip} {kunci}: ditolak {badan[:300]}")
                    break
                time.sleep(0.1)
            i += 1
            time.sleep(0.03)

    utas = [threading.Thread(target=kirim, args=(nip,)) for nip in pengguna]
    for u in utas:
        u.start()
    masuk.wait(60)  # everyone signed in: the outage falls among the submits
    time.sleep(1.0)
    t.pg.berhenti("fast")
    time.sleep(1.0)
    t.pg.mulai()
    pulih = time.monotonic()
    time.sleep(2.5)
    berhenti.set()
    for u in utas:
        u.join(60)
    assert not galat, galat
    semua = {k for ks in kunci_terkirim.values() for k in ks}
    assert len(semua) >= 8, "too few submits to say anything"
    # No loss, no duplicate: every answered key is stored exactly once, nothing else is.
    baris = t.sql(
        "SELECT kunci, count(*) FROM aktivitas_aktivitas "
        f"WHERE tanggal='{HARI_INI.isoformat()}' AND uraian LIKE 'Kiriman gangguan%' "
        "GROUP BY kunci"
    ).splitlines()
    tersimpan = {b.split("|")[0]: int(b.split("|")[1]) for b in baris if b}
    assert set(tersimpan) == semua
    assert set(tersimpan.values()) == {1}
    # The outage was seen (some attempts failed), yet nothing after recovery is a 5xx.
    setelah = [(s, b) for m, s, b in jawaban if m > pulih + 1.0]
    assert setelah and all(s == 302 for s, _ in setelah), setelah[:3]
    gagal = [b for _, s, b in jawaban if s >= 500]
    for b in gagal:  # no error text leaks to the user
        assert "Traceback" not in b and "psycopg" not in b and "OperationalError" not in b
    assert t.get("/readyz")[0] == 200


# --- 2. Redis stops: people sign in and work; queued work arrives once it is back ------------
def test_redis_mati_masuk_bekerja_dan_antrean_pulih(tumpukan):
    t = tumpukan
    sandi = t.data["sandi"]
    nip_staf, nip_kunci = t.data["staf"][4], t.data["staf"][5]
    skp_antre = t.data["skp_dokumen"][0]
    t.redis.berhenti()
    assert not t.redis.hidup()

    staf = Peramban(t.alamat)
    assert staf.masuk(nip_staf, sandi) == 302
    for nama in ("beranda", "aktivitas_harian", "profil"):
        assert staf.minta("GET", reverse(nama))[0] == 200, nama
    kunci = str(uuid.uuid4())
    assert staf.minta("POST", URL_HARIAN, _isian(kunci, 90))[0] == 302
    # The throttle keeps counting without Redis: five failures lock the NIP.
    penebak = Peramban(t.alamat)
    for _ in range(5):
        assert penebak.masuk(nip_kunci, "salah-sekali") == 200
    assert penebak.masuk(nip_kunci, sandi) == 200  # locked: even the right password
    assert staf.minta("POST", reverse("keluar"), {})[0] == 302
    assert staf.minta("GET", reverse("beranda"))[0] == 302  # signed out

    # Work queued during the outage (by the services, in a process of its own): the kasi
    # returns the activity (its notification goes through the history outbox) and an SKP
    # document is queued after commit.
    aktivitas_id = t.hitung(f"SELECT id FROM aktivitas_aktivitas WHERE kunci='{kunci}'")
    t.python(
        "-c",
        "import django; django.setup()\n"
        "from django.db import transaction\n"
        "from aktivitas.services.harian import kembalikan_aktivitas\n"
        "from pegawai.models import Pegawai\n"
        "from skp.models import Skp\n"
        "from skp.tasks import jadwalkan_dokumen_skp\n"
        f"kasi = Pegawai.objects.get(nip='{t.data['kasi']}')\n"
        f"kembalikan_aktivitas(kasi, [{aktivitas_id}], 'Perbaiki.')\n"
        "with transaction.atomic():\n"
        f"    jadwalkan_dokumen_skp(Skp.objects.get(pk={skp_antre}))\n",
    )
    assert t.hitung("SELECT count(*) FROM pegawai_tugastertunda") == 1
    status, badan = t.get("/readyz")
    assert status == 200 and '"broker": {"ok": false' in badan
    assert t.get("/healthz")[0] == 200
    assert _jumlah_dokumen(t, skp_antre) == 0

    t.redis.mulai()
    kembali = time.monotonic()
    staf_id = t.hitung(f"SELECT id FROM pegawai_pegawai WHERE nip='{nip_staf}'")
    tunggu(
        lambda: t.hitung(
            "SELECT count(*) FROM notifikasi_notifikasi "
            f"WHERE penerima_id={staf_id} AND jenis='aktivitas_dikembalikan'"
        ),
        15,
        0.2,
        "notifikasi tidak sampai dalam 15 detik setelah Redis kembali",
    )
    tunggu(
        lambda: _jumlah_dokumen(t, skp_antre),
        max(0.5, 15 - (time.monotonic() - kembali)),
        0.2,
        "dokumen yang diantrekan saat Redis mati tidak dibuat dalam 15 detik",
    )
    time.sleep(2)
    assert _jumlah_dokumen(t, skp_antre) == 1
    assert t.hitung("SELECT count(*) FROM pegawai_tugastertunda") == 0
    assert (
        t.hitung(
            "SELECT count(*) FROM notifikasi_notifikasi "
            f"WHERE penerima_id={staf_id} AND jenis='aktivitas_dikembalikan'"
        )
        == 1
    )
    assert staf.masuk(nip_staf, sandi) == 302
    for nama in ("beranda", "aktivitas_harian"):
        assert staf.minta("GET", reverse(nama))[0] == 200


# --- 3./4. the worker SIGKILLed mid-task ----------------------------------------------------
def _bunuh_worker_saat(t, titik: str, kirim) -> None:
    """Hold the task at ``titik``, send it, SIGKILL the whole worker there, start another."""
    tahan = t.folder / "tahan" / f"tahan-{titik}"
    mulai = t.folder / "tahan" / f"mulai-{titik}"
    tahan.touch()
    try:
        kirim()
        tunggu(mulai.exists, 30, 0.1, f"tugas tidak mencapai titik {titik}")
        t.bunuh(t.worker)  # SIGKILL to the process group: parent and pool children
    finally:
        tahan.unlink(missing_ok=True)
    t.mulai_worker()


def _hari_pengingat(mulai: dt.date) -> dt.date:
    hari = mulai
    while hari.weekday() >= 5 or hari == HARI_INI:
        hari += dt.timedelta(days=1)
    return hari


def test_worker_dibunuh_saat_pengingat_tidak_hilang_tidak_ganda(tumpukan):
    t = tumpukan
    hari = _hari_pengingat(dt.date.fromisoformat(t.data["periode_mulai"]))
    sql_notif = (
        "SELECT count(*) FROM notifikasi_notifikasi "
        f"WHERE jenis='aktivitas_kosong' AND kunci='{hari.isoformat()}'"
    )
    # Who must be reminded: every active pegawai with an SKP that day (none logged anything).
    harapan = t.hitung(
        "SELECT count(DISTINCT s.pegawai_id) FROM skp_skp s "
        "JOIN pegawai_pegawai p ON p.id = s.pegawai_id "
        f"WHERE s.mulai <= '{hari}' AND s.selesai >= '{hari}' AND s.status <> 'digantikan' "
        "AND p.is_active"
    )
    assert harapan >= 6
    celery = _pengirim_celery(t)
    _bunuh_worker_saat(
        t,
        "pengingat",
        lambda: celery.send_task(
            "notifikasi.pengingat_aktivitas", kwargs={"sekarang": f"{hari.isoformat()}T20:00:00"}
        ),
    )
    assert t.hitung(sql_notif) == 0  # killed inside the transaction: nothing half-written
    # Redelivered (visibility timeout) to the new worker, and run once.
    tunggu(lambda: t.hitung(sql_notif) == harapan, 60, 0.3, "pengingat tidak dikirim ulang")
    time.sleep(3)
    assert t.hitung(sql_notif) == harapan
    assert (
        t.hitung(
            "SELECT count(*) FROM (SELECT penerima_id FROM notifikasi_notifikasi "
            f"WHERE jenis='aktivitas_kosong' AND kunci='{hari.isoformat()}' "
            "GROUP BY penerima_id HAVING count(*) > 1) x"
        )
        == 0
    )


def test_worker_dibunuh_saat_dokumen_pdf_dikirim_ulang_sekali(tumpukan):
    t = tumpukan
    skp_id = t.data["skp_dokumen"][1]
    celery = _pengirim_celery(t)
    _bunuh_worker_saat(
        t, "dokumen", lambda: celery.send_task("skp.tasks.buat_dokumen_skp", args=[skp_id])
    )
    assert _jumlah_dokumen(t, skp_id) == 0
    tunggu(lambda: _jumlah_dokumen(t, skp_id), 60, 0.3, "dokumen tidak dibuat ulang")
    time.sleep(3)
    assert _jumlah_dokumen(t, skp_id) == 1
    # The web answers throughout.
    assert t.get("/readyz")[0] == 200
