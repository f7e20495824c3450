"""Work queued while the broker is away is kept, and sent again by the sweep (issue 22).

- A task whose publish fails waits in the database outbox; the sweep sends it once the
  broker is back, once.
- After a gap (no sweep ran for a while: the broker, the worker or beat was away) the sweep
  sends the notification outbox tasks and every scheduled task that fell due in the gap.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from ekinerja import tasks as tugas_ekinerja
from ekinerja.celery import app
from pegawai.models import Detak, TugasTertunda
from pegawai.services import antrean
from skp.tasks import buat_dokumen_skp, jadwalkan_dokumen_skp
from tests.notifikasi.worker_nyata import BROKER_MATI, arahkan_broker, pulihkan_broker


@pytest.fixture
def broker_mati(settings):
    arahkan_broker(BROKER_MATI)
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    pulihkan_broker()


def _rekam(monkeypatch) -> list[tuple[str, list]]:
    """The broker is back: what is published is recorded instead of sent."""
    daftar: list[tuple[str, list]] = []
    monkeypatch.setattr(
        app, "send_task", lambda nama, args=None, **kw: daftar.append((nama, list(args or [])))
    )
    return daftar


@pytest.fixture
def terkirim(monkeypatch):
    return _rekam(monkeypatch)


def test_tugas_saat_broker_mati_disimpan_lalu_dikirim_sekali(
    db, broker_mati, monkeypatch, django_capture_on_commit_callbacks
):
    class Skp:
        pk = 41

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        jadwalkan_dokumen_skp(Skp())
    t = TugasTertunda.objects.get()
    assert (t.nama, t.argumen) == (buat_dokumen_skp.name, [41])
    pulihkan_broker()
    terkirim = _rekam(monkeypatch)
    assert antrean.kirim_ulang_tertunda(app) == 1
    assert terkirim == [(buat_dokumen_skp.name, [41])]
    assert not TugasTertunda.objects.exists()
    assert antrean.kirim_ulang_tertunda(app) == 0
    assert len(terkirim) == 1


def test_broker_masih_mati_tugas_tetap_tersimpan(db, broker_mati):
    antrean.kirim_tugas(buat_dokumen_skp, 7)
    assert antrean.kirim_ulang_tertunda(app) == 0
    t = TugasTertunda.objects.get()
    assert t.percobaan == 1


def test_sapu_mencatat_detak_tanpa_susulan_bila_tidak_ada_jeda(db, terkirim, settings):
    antrean.catat_detak("beat", timezone.now() - dt.timedelta(seconds=2))
    hasil = tugas_ekinerja.sapu()
    assert hasil["susulan"] == []
    assert terkirim == []
    assert (timezone.now() - Detak.objects.get(nama="beat").waktu).total_seconds() < 2


def test_sapu_setelah_jeda_menyusulkan_yang_jatuh_tempo(db, terkirim):
    antrean.catat_detak("beat", timezone.now() - dt.timedelta(minutes=11))
    hasil = tugas_ekinerja.sapu()
    nama = [n for n, _ in terkirim]
    # The notification outbox at once, and what beat dropped: the per-minute and 5-minute
    # tasks certainly fell due within 11 minutes.
    assert nama[:2] == ["notifikasi.proses_riwayat", "notifikasi.kirim_email"]
    assert "pemantauan.perbarui_ringkasan" in nama
    assert "ekinerja.sapu" not in nama
    assert len(nama) == len(set(nama))
    assert hasil["susulan"] == nama
    # The next sweep sees no gap.
    terkirim.clear()
    assert tugas_ekinerja.sapu()["susulan"] == []


def test_jatuh_tempo_hanya_yang_terlewat():
    sejak = timezone.now() - dt.timedelta(seconds=1)
    # Nothing hourly or daily fell due in the last second (the per-minute ones may have).
    assert set(tugas_ekinerja.jatuh_tempo_sejak(sejak)) <= {
        "notifikasi.proses_riwayat",
        "notifikasi.kirim_email",
        "pemantauan.perbarui_ringkasan",
    }
