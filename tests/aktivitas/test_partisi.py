"""The activity table partitioned by month on PostgreSQL (issue 13; docs/keputusan/0002).

The suite's own PostgreSQL database was built by the migrations, so every other test already
reads and writes the partitioned table; these check the partitions themselves: made ahead
by ``migrate`` and by the beat task, a row in a month without a partition caught by the
default partition and moved out, the health check that tells it, the conversion and its way
back with the data, and the pages' queries pruned to the months they need.
"""

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.services import partisi as layanan
from ekinerja.jadwal import CELERY_BEAT_SCHEDULE
from inti import partisi
from tests.aktivitas.conftest import HARI, data, kunci

TABEL = "aktivitas_aktivitas"
pg = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions are PostgreSQL's (CI runs it there)"
)


# --- pure date arithmetic ---------------------------------------------------------------------
def test_bulan_ditambah_melewati_tahun():
    assert partisi.tambah_bulan(dt.date(2026, 11, 30), 1) == dt.date(2026, 12, 1)
    assert partisi.tambah_bulan(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 1)
    assert partisi.tambah_bulan(dt.date(2026, 1, 31), -1) == dt.date(2025, 12, 1)
    assert partisi.rentang_bulan(dt.date(2026, 11, 15), dt.date(2027, 1, 2)) == [
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
    ]
    assert partisi.rentang_bulan(dt.date(2026, 5, 1), dt.date(2026, 4, 1)) == []
    assert partisi.nama_partisi(TABEL, dt.date(2027, 2, 1)) == "aktivitas_aktivitas_p2027_02"


def test_tugas_harian_terjadwal_di_antrean_bawaan():
    from ekinerja.antrean import BAWAAN, RUTE

    tugas = [e["task"] for e in CELERY_BEAT_SCHEDULE.values()]
    assert "aktivitas.siapkan_partisi" in tugas
    assert RUTE["aktivitas.siapkan_partisi"] == BAWAAN


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's plain table")
def test_sqlite_tabel_biasa_tanpa_partisi(db):
    assert not partisi.berpartisi(TABEL)
    assert layanan.siapkan_partisi() == []
    k = layanan.keadaan_partisi()
    assert k.ok and not k.berpartisi


# --- PostgreSQL ---------------------------------------------------------------------------------
def _buat(pegawai, tanggal: dt.date) -> Aktivitas:
    return Aktivitas.objects.create(
        pegawai=pegawai,
        tanggal=tanggal,
        jam_mulai=dt.time(8),
        jam_selesai=dt.time(9),
        uraian=f"Kerja {tanggal}",
        jumlah_output=Decimal(1),
        satuan_output="dokumen",
        dientri_pada=timezone.now(),
        diisi_oleh=pegawai,
        kunci=uuid.uuid4(),
    )


def _partisi_baris(pk: int) -> str:
    with connection.cursor() as cur:
        cur.execute(f"SELECT tableoid::regclass::text FROM {TABEL} WHERE id = %s", [pk])
        return cur.fetchone()[0]


@pg
def test_migrate_membuat_tabel_berpartisi_dengan_bulan_di_muka(db):
    hari_ini = timezone.localdate()
    assert partisi.berpartisi(TABEL)
    bulan = partisi.daftar_bulan(TABEL)
    for n in range(partisi.BULAN_DI_MUKA + 1):  # this month and three ahead
        assert partisi.tambah_bulan(hari_ini, n) in bulan
    k = layanan.keadaan_partisi()
    assert k.bulan_di_muka >= partisi.BULAN_DI_MUKA
    with connection.cursor() as cur:
        # The key holds the partition column; Django's id still comes from one sequence.
        cur.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'p'",
            [TABEL],
        )
        assert cur.fetchone()[0] == "PRIMARY KEY (id, tanggal)"
        cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABEL])
        assert cur.fetchone()[0] == "public.aktivitas_aktivitas_id_seq"
        # Nothing points at the table with a database key (evidence cascades in Django).
        cur.execute("SELECT count(*) FROM pg_constraint WHERE confrelid = %s::regclass", [TABEL])
        assert cur.fetchone()[0] == 0
    assert BuktiDukung._meta.get_field("aktivitas").db_constraint is False


@pg
def test_baris_bulan_tanpa_partisi_tertampung_default_lalu_dipindah(client, org):
    hari_ini = timezone.localdate()
    jauh = partisi.tambah_bulan(hari_ini, -30)  # 2½ years back: no partition for it
    assert jauh not in partisi.daftar_bulan(TABEL)
    a = _buat(org.staf, jauh.replace(day=14))
    assert _partisi_baris(a.pk) == "aktivitas_aktivitas_default"

    # The health check (and the admin's status page) tells it; readiness stays the database's.
    resp = client.get(reverse("readyz"))
    assert resp.status_code == 200
    laporan = resp.json()["partisi"]
    assert laporan == {
        "ok": False,
        "berpartisi": True,
        "tabel": TABEL,
        "jumlah": laporan["jumlah"],
        "bulan_pertama": laporan["bulan_pertama"],
        "bulan_terakhir": f"{partisi.tambah_bulan(hari_ini, partisi.BULAN_DI_MUKA):%Y-%m}",
        "bulan_di_muka": partisi.BULAN_DI_MUKA,
        "baris_default": 1,
    }
    client.force_login(org.admin)
    html = client.get(reverse("status_layanan")).content.decode()
    assert "Partisi tabel aktivitas" in html
    assert "1 baris tertampung" in html

    # The daily task makes the month's partition and moves the row into it, id unchanged.
    assert layanan.siapkan_partisi() == [jauh]
    assert _partisi_baris(a.pk) == partisi.nama_partisi(TABEL, jauh)
    assert Aktivitas.objects.get(pk=a.pk).uraian == a.uraian
    assert partisi.hitung_default(TABEL) == 0
    assert client.get(reverse("readyz")).json()["partisi"]["ok"] is True
    assert "kosong" in client.get(reverse("status_layanan")).content.decode()
    # Run again: nothing to do.
    assert layanan.siapkan_partisi() == []

    # A row moves with its date (PostgreSQL moves it between partitions on UPDATE).
    Aktivitas.objects.filter(pk=a.pk).update(tanggal=hari_ini)
    assert _partisi_baris(a.pk) == partisi.nama_partisi(TABEL, hari_ini)


@pg
def test_tugas_beat_menyiapkan_bulan_baru_di_muka(org, monkeypatch):
    from aktivitas import tasks

    hari_ini = timezone.localdate()
    _buat(org.staf, hari_ini)
    nanti = partisi.tambah_bulan(hari_ini, 5)  # five months on: two more months needed
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: nanti)
    dibuat = tasks.siapkan_partisi()
    ada = partisi.daftar_bulan(TABEL)
    for n in range(partisi.BULAN_DI_MUKA + 1):
        assert partisi.tambah_bulan(nanti, n) in ada
    assert f"{partisi.tambah_bulan(nanti, partisi.BULAN_DI_MUKA):%Y-%m}" in dibuat
    assert partisi.keadaan(TABEL, nanti).bulan_di_muka >= partisi.BULAN_DI_MUKA
    # ...and the statistics of the table as a whole, which autovacuum never gathers.
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_statistic WHERE starelid = %s::regclass AND stainherit",
            [TABEL],
        )
        assert cur.fetchone()[0] > 0


@pg
def test_ubah_ke_tabel_biasa_dan_kembali_menjaga_data(org):
    """The migration's two directions on data: rows, ids, indexes and constraints kept, the
    partitions back to the oldest row's month, and new ids after the old ones."""
    hari_ini = timezone.localdate()
    tua = partisi.tambah_bulan(hari_ini, -40)
    lama = [_buat(org.staf, d) for d in (tua, hari_ini, partisi.tambah_bulan(hari_ini, -1))]
    bukti = BuktiDukung.objects.create(
        aktivitas=lama[1], tautan="https://contoh.go.id/bukti", diunggah_oleh=org.staf
    )

    def indeks() -> set[str]:
        with connection.cursor() as cur:
            cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [TABEL])
            return {r[0] for r in cur.fetchall()}

    sebelum = indeks()
    with connection.schema_editor() as editor:
        partisi.jadikan_biasa(editor, TABEL, "tanggal", hari_ini)
    assert not partisi.berpartisi(TABEL)
    assert indeks() == sebelum
    assert set(Aktivitas.objects.values_list("pk", flat=True)) >= {a.pk for a in lama}

    with connection.schema_editor() as editor:
        partisi.jadikan_berpartisi(editor, TABEL, "tanggal", hari_ini)
    assert partisi.berpartisi(TABEL)
    assert indeks() == sebelum
    bulan = partisi.daftar_bulan(TABEL)
    assert bulan[0] == tua and partisi.tambah_bulan(hari_ini, partisi.BULAN_DI_MUKA) in bulan
    assert partisi.hitung_default(TABEL) == 0
    for a in lama:
        assert Aktivitas.objects.get(pk=a.pk).tanggal == a.tanggal
    assert bukti.pemilik.pk == lama[1].pk
    baru = _buat(org.staf, hari_ini)
    assert baru.pk > max(a.pk for a in lama)
    # The idempotency key is still unique (it holds the date).
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Aktivitas.objects.create(
            **{
                f.attname: getattr(baru, f.attname)
                for f in Aktivitas._meta.concrete_fields
                if f.attname != "id"
            }
        )


def _partisi_dibaca(sql: str) -> set[str]:
    with connection.cursor() as cur:
        cur.execute("EXPLAIN " + sql)
        rencana = "\n".join(r[0] for r in cur.fetchall())
    return set(re.findall(r" on (aktivitas_aktivitas_(?:p\d{4}_\d{2}|default))\b", rencana))


@pg
def test_halaman_hari_dan_bulan_hanya_membaca_bulannya(client, org, rhk_staf):
    """The day, week and month pages read the partition of their month, and the entry form's
    prefill (the units used lately) the month before it too — never the whole table."""
    from aktivitas.services import harian as akt

    sebelumnya = partisi.tambah_bulan(HARI, -1)
    partisi.siapkan(TABEL, "tanggal", partisi.tambah_bulan(HARI, -3), HARI)
    for d in (HARI, HARI - dt.timedelta(days=1), sebelumnya.replace(day=20)):
        akt.catat_aktivitas(org.staf, org.staf, data(tanggal=d, rhk=rhk_staf), kunci())
    boleh = {partisi.nama_partisi(TABEL, HARI), partisi.nama_partisi(TABEL, sebelumnya)}
    client.force_login(org.staf)
    for url in (
        reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}",
        reverse("aktivitas_minggu") + f"?tanggal={HARI.isoformat()}",
        reverse("aktivitas_bulan") + f"?bulan={HARI:%Y-%m}",
    ):
        client.get(url)  # caches warm
        with CaptureQueriesContext(connection) as tangkap:
            assert client.get(url).status_code == 200
        dibaca = [
            _partisi_dibaca(q["sql"])
            for q in tangkap.captured_queries
            if q["sql"].startswith("SELECT") and TABEL in q["sql"]
        ]
        assert dibaca, url  # the page does read the table
        for partisi_kueri in dibaca:
            assert partisi_kueri and partisi_kueri <= boleh, (url, partisi_kueri)


@pg
def test_agregat_per_aktivitas_dikelompokkan_dengan_semua_kolom(org):
    """Django groups by the selected model's key; the partitioned table's key is (id, tanggal),
    so PostgreSQL would refuse ``GROUP BY id`` — the project's backend groups by every selected
    column instead (inti/postgresql/base.py)."""
    from django.db.models import Count

    assert connection.settings_dict["ENGINE"] == "inti.postgresql"
    hari_ini = timezone.localdate()
    a, b = _buat(org.staf, hari_ini), _buat(org.staf, hari_ini)
    BuktiDukung.objects.create(aktivitas=a, tautan="https://contoh.go.id/1", diunggah_oleh=org.staf)
    tanpa_bukti = (
        Aktivitas.objects.filter(pegawai=org.staf)
        .annotate(n=Count("bukti"))
        .filter(n=0)
        .order_by("pegawai_id", "-tanggal")
        .values_list("pegawai_id", "pk")
    )
    assert list(tanpa_bukti) == [(org.staf.pk, b.pk)]
    assert {x.pk: x.n for x in Aktivitas.objects.annotate(n=Count("bukti"))} == {a.pk: 1, b.pk: 0}
