"""With the broker unreachable a web action still succeeds (nothing in the request talks to
the broker); once tasks run again its notification is delivered exactly once."""

import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from ekinerja.celery import app
from notifikasi import tasks
from notifikasi.models import Jenis, Notifikasi
from tests.aktivitas.conftest import data, kunci
from tests.notifikasi.worker_nyata import BROKER_MATI, arahkan_broker, pulihkan_broker


@pytest.fixture
def broker_mati(settings):
    arahkan_broker(BROKER_MATI)
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    pulihkan_broker()


def test_kembalikan_aktivitas_saat_broker_mati(client, org, broker_mati):
    org.staf.email = "staf@contoh.go.id"
    org.staf.save()
    a = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    with pytest.raises(OperationalError):
        tasks.proses_riwayat.delay()
    client.force_login(org.kasi)
    r = client.post(reverse("aktivitas_kembalikan", args=[a.pk]), {"catatan": "Perbaiki."})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == Aktivitas.Status.DIKEMBALIKAN
    assert not Notifikasi.objects.exists()
    # The broker is back: the worker runs the outbox tasks (twice, as beat may).
    for _ in range(2):
        tasks.proses_riwayat.apply().get()
        tasks.kirim_email.apply().get()
    n = Notifikasi.objects.get()
    assert (n.penerima, n.jenis) == (org.staf, Jenis.AKTIVITAS_DIKEMBALIKAN)
    assert [m.to for m in mail.outbox] == [["staf@contoh.go.id"]]
