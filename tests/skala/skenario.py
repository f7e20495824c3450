"""Requests of the scale tests, run in a subprocess against the private PostgreSQL, its
replica or PgBouncer (``python -m tests.skala.skenario <babak> <data json>``; prints JSON).

Every query is recorded with the alias of the connection that ran it
(``connection.execute_wrapper``), so a test can say which server answered a page.

Babak (phases):
- ``replika``: a dashboard twice (the second one is the measured one), then a request that
  writes and renders the dashboard after its write;
- ``replika_mati``: the dashboard with the replica stopped (and the warning logged);
- ``pgbouncer``: an activity entry (transaction + advisory lock), a page streaming a queryset
  with ``.iterator()``, the summary rebuild (``.iterator()`` in a service), the review
  queue, the time zone of every connection;
- ``pgbouncer_tanpa_pengaturan``: the same ``.iterator()`` page without the pooler settings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
import uuid

import django


class Perekam:
    def __init__(self):
        self.kueri: list[tuple[str, str]] = []

    @contextlib.contextmanager
    def rekam(self):
        from django.db import connections

        def pembungkus(alias):
            def bungkus(execute, sql, params, many, context):
                self.kueri.append((alias, sql.strip()[:120]))
                return execute(sql, params, many, context)

            return bungkus

        with contextlib.ExitStack() as tumpukan:
            for alias in connections:
                tumpukan.enter_context(connections[alias].execute_wrapper(pembungkus(alias)))
            yield self

    def per_alias(self) -> dict[str, int]:
        hasil: dict[str, int] = {}
        for alias, _ in self.kueri:
            hasil[alias] = hasil.get(alias, 0) + 1
        return hasil


def _minta(klien, metode: str, jalur: str, data=None):
    perekam = Perekam()
    with perekam.rekam():
        r = (
            getattr(klien, metode)(jalur, data)
            if data is not None
            else getattr(klien, metode)(jalur)
        )
        if getattr(r, "streaming", False):
            badan = b"".join(r.streaming_content).decode()
        else:
            badan = r.content.decode(errors="replace")
    return r.status_code, badan, perekam


def _klien(nip: str):
    from django.test import Client

    from akun.rules import SESI_LOLOS
    from pegawai.models import Pegawai

    klien = Client()
    klien.force_login(Pegawai.objects.get(nip=nip))
    sesi = klien.session  # past the second step of login, as tests/conftest.py does
    sesi[SESI_LOLOS] = True
    sesi.save()
    return klien


def babak_replika(data: dict) -> dict:
    from django.core.cache import cache
    from django.db import connections
    from django.urls import reverse

    hasil: dict = {}
    for alias in connections:
        with connections[alias].cursor() as cur:
            cur.execute("SELECT pg_is_in_recovery()")
            hasil.setdefault("pemulihan", {})[alias] = cur.fetchone()[0]
    admin = _klien(data["admin"])
    url = reverse("pemantauan_dasbor")
    _minta(admin, "get", url)  # the first page of a session may write (last seen, …)
    # The dashboard keeps its per-pegawai counts per scope (pemantauan.selectors.dasbor.
    # angka_orang): forgotten, so that this visit reads everything the dashboard reads.
    cache.clear()
    status, _, p = _minta(admin, "get", url)
    hasil["dasbor"] = {"status": status, "per_alias": p.per_alias(), "kueri": p.kueri}
    cache.clear()  # (again: every read of the dashboard, after the write)
    status, badan, p = _minta(admin, "get", "/uji-skala/tulis-lalu-dasbor/")
    hasil["tulis"] = {"status": status, "kueri": p.kueri, "dasbor": "pemantauan" in badan}
    return hasil


def babak_replika_mati(data: dict) -> dict:
    from django.urls import reverse

    catatan: list[str] = []

    class Penampung(logging.Handler):
        def emit(self, record):
            catatan.append(f"{record.levelname} {record.name} {record.getMessage()}")

    logging.getLogger("ekinerja.replika").addHandler(Penampung())
    admin = _klien(data["admin"])
    status, _, p = _minta(admin, "get", reverse("pemantauan_dasbor"))
    return {"status": status, "per_alias": p.per_alias(), "log": catatan}


def _isian(i: int) -> dict:
    mulai = dt.datetime(2000, 1, 1, 6, 0) + dt.timedelta(minutes=7 * i)
    return {
        "tanggal": dt.date.today().isoformat(),
        "rhk": "",
        "jam_mulai": f"{mulai:%H:%M}",
        "jam_selesai": f"{mulai + dt.timedelta(minutes=5):%H:%M}",
        "uraian": f"Kiriman lewat pgbouncer {i}",
        "jumlah_output": "1",
        "satuan_output": "laporan",
        "kunci": str(uuid.uuid4()),
    }


def babak_pgbouncer(data: dict) -> dict:
    from django.db import connection
    from django.urls import reverse

    from aktivitas.models import Aktivitas
    from pemantauan import services as pemantauan_services

    hasil: dict = {
        "tanpa_kursor_server": connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"],
    }
    connection.ensure_connection()
    hasil["prepare_threshold"] = connection.connection.prepare_threshold
    staf = _klien(data["staf"][0])
    url = reverse("aktivitas_harian") + f"?tanggal={dt.date.today().isoformat()}"
    isian = [_isian(i) for i in range(8)]  # more than psycopg's prepare threshold (5)
    hasil["kiriman"] = [_minta(staf, "post", url, x)[0] for x in isian]
    hasil["tersimpan"] = Aktivitas.objects.filter(kunci__in=[x["kunci"] for x in isian]).count()
    status, badan, _ = _minta(staf, "get", "/uji-skala/iterasi/")
    hasil["iterasi"] = {"status": status, "baris": len(badan.split())}
    tahun = dt.date.today().year
    hasil["ringkasan"] = pemantauan_services.bangun_ringkasan(tahun=tahun)
    hasil["ringkasan_unit"] = pemantauan_services.bangun_ringkasan_unit(tahun)
    kasi = _klien(data["kasi"])
    hasil["tinjau"] = _minta(kasi, "get", reverse("aktivitas_tinjau"))[0]
    zona = set()
    for _ in range(6):
        with connection.cursor() as cur:
            cur.execute("SHOW TIME ZONE")
            zona.add(cur.fetchone()[0])
    hasil["zona_waktu"] = sorted(zona)
    return hasil


def babak_pgbouncer_tanpa_pengaturan(data: dict) -> dict:
    staf = _klien(data["staf"][0])
    try:
        status, badan, _ = _minta(staf, "get", "/uji-skala/iterasi/")
    except Exception as galat:  # noqa: BLE001 - the error is the result
        return {"galat": f"{type(galat).__name__}: {galat}"[:300]}
    return {"status": status, "baris": len(badan.split())}


def main() -> None:
    django.setup()
    babak, data = sys.argv[1], json.loads(sys.argv[2])
    hasil = globals()[f"babak_{babak}"](data)
    print(json.dumps(hasil, default=str))


if __name__ == "__main__":
    main()
