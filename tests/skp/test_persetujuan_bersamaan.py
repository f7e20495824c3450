"""Approve and return at the same moment: exactly one wins, the other gets a clear refusal."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from skp.models import Skp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)


@pytest.mark.django_db(transaction=True)
def test_setujui_dan_kembalikan_bersamaan(org):
    import datetime as dt

    periode = services.buka_periode(org.admin, org.instansi, dt.date.today().year)
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk = isi_skp(org.kabid, kabid)[0]
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    isi_skp(org.kasi, kasi, rhk_atasan=rhk)
    kasi = services.ajukan_skp(org.kasi, kasi)

    mulai = threading.Barrier(2)
    hasil: dict[str, object] = {}

    def jalankan(nama, fungsi):
        try:
            mulai.wait(timeout=5)
            fungsi()
            hasil[nama] = "ok"
        except ValidationError as exc:
            hasil[nama] = exc
        finally:
            connections.close_all()

    t1 = threading.Thread(
        target=jalankan,
        args=("setujui", lambda: services.setujui_skp(org.kabid, Skp.objects.get(pk=kasi.pk))),
    )
    t2 = threading.Thread(
        target=jalankan,
        args=(
            "kembalikan",
            lambda: services.kembalikan_skp(
                org.kabid, Skp.objects.get(pk=kasi.pk), "Perbaiki target"
            ),
        ),
    )
    t1.start(), t2.start()
    t1.join(10), t2.join(10)

    menang = [k for k, v in hasil.items() if v == "ok"]
    kalah = [v for v in hasil.values() if isinstance(v, ValidationError)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    assert "tidak dapat" in kalah[0].messages[0]
    kasi.refresh_from_db()
    assert kasi.status == {"setujui": "disetujui", "kembalikan": "dikembalikan"}[menang[0]]
