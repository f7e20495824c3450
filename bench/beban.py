"""Load benchmark: ``python -m bench.beban [--worker 4] [--konkurensi 8] [--permintaan 2000]``.

Against the kabupaten of ``bench.generate`` (same ``DATABASE_URL``), it starts gunicorn on a
free loopback port with :mod:`bench.settings_bench`, logs in as many different pegawai (one
session each, through the real login page), and measures, one scenario after the other:

* ``lantai`` — the floor: a bare view doing one INSERT (``bench/lantai.py``), no session;
* ``entri_htmx`` — activity entry as the browser sends it (htmx POST to ``aktivitas_harian``,
  answered with the re-rendered day), and ``entri_biasa`` — the same as a plain form POST
  (answered 302);
* ``antrean_sibuk`` / ``antrean_biasa`` — the review queue (GET ``aktivitas_tinjau``) of the
  atasan with the most pending activities, and of atasan around the median;
* ``dasbor_instansi`` / ``dasbor_opd`` — the completion dashboard (GET ``pemantauan_dasbor``,
  the running year) of the admin instansi (all 8,000 pegawai) and of the operators of the
  largest OPD; it reads the summary tables (``python manage.py bangun_ringkasan`` first:
  ``bench/run.sh`` does it and times it, ``bench/ringkasan.py``).

Each scenario: a warm-up (not recorded), then a fixed number of requests from a fixed number
of client threads, bounded by a time limit.  p50/p95/p99, requests/s and errors are printed
and written to ``bench/hasil/<tanggal>-beban.{json,md}``, with the ratio of each to the floor.
The activities the benchmark adds are deleted at the end (the data stays as generated).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .klien import Klien

HASIL_DIR = Path(__file__).resolve().parent / "hasil"
AKAR = Path(__file__).resolve().parent.parent
PENANDA = "(uji beban)"  # in every uraian the benchmark enters, to find and delete them
JAM_BENCH = (16 * 60, 24 * 60 - 5)  # generated work ends by 16:00; bench entries come after


# --- measurement ----------------------------------------------------------------------------
@dataclass
class Hasil:
    nama: str
    keterangan: str
    permintaan: int = 0
    galat: int = 0
    detik: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    rata_ms: float = 0.0
    maks_ms: float = 0.0
    per_detik: float = 0.0
    contoh_galat: list[str] = field(default_factory=list)
    # The floor measured just before this scenario, and this scenario's ratios to it.
    lantai: dict[str, float] = field(default_factory=dict)
    rasio: dict[str, float] = field(default_factory=dict)
    # 1-minute load average of the machine before and after (others' work shows here).
    load: tuple[float, float] = (0.0, 0.0)
    pemanasan: int = 0
    galat_pemanasan: int = 0


def persentil(urut: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not urut:
        return 0.0
    return urut[max(0, math.ceil(p / 100 * len(urut)) - 1)]


class Pelaku:
    """Something that sends one request of a scenario and says whether it went right."""

    def satu(self) -> tuple[bool, str]:
        raise NotImplementedError


def jalankan(
    pelaku: Sequence[Pelaku], konkurensi: int, jumlah: int, batas_detik: float
) -> tuple[list[float], list[str], float]:
    """``jumlah`` requests from ``konkurensi`` threads; each thread owns every k-th pelaku."""
    nomor = itertools.count()
    kunci = threading.Lock()
    latensi: list[float] = []
    galat: list[str] = []
    akhir = time.monotonic() + batas_detik

    def kerja(milik: Sequence[Pelaku]) -> None:
        sendiri: list[float] = []
        salah: list[str] = []
        for p in itertools.cycle(milik):
            if next(nomor) >= jumlah or time.monotonic() > akhir:
                break
            t = time.perf_counter()
            try:
                ok, pesan = p.satu()
            except Exception as e:  # noqa: BLE001 - a failed request is a measured error
                ok, pesan = False, f"{type(e).__name__}: {e}"
            sendiri.append(time.perf_counter() - t)
            if not ok:
                salah.append(pesan)
        with kunci:
            latensi.extend(sendiri)
            galat.extend(salah)

    benang = [
        threading.Thread(target=kerja, args=(pelaku[i::konkurensi],), daemon=True)
        for i in range(min(konkurensi, len(pelaku)))
    ]
    mulai = time.perf_counter()
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    return latensi, galat, time.perf_counter() - mulai


def ukur(nama, keterangan, pelaku, args) -> Hasil:
    print(
        f"  {nama}: pemanasan {args.pemanasan}, lalu {args.permintaan} permintaan ...", flush=True
    )
    panas, galat_panas, _ = jalankan(pelaku, args.konkurensi, args.pemanasan, args.batas_detik)
    load_awal = os.getloadavg()[0]
    latensi, galat, detik = jalankan(pelaku, args.konkurensi, args.permintaan, args.batas_detik)
    urut = sorted(latensi)
    h = Hasil(
        nama,
        keterangan,
        permintaan=len(urut),
        galat=len(galat),
        detik=round(detik, 2),
        p50_ms=round(persentil(urut, 50) * 1000, 1),
        p95_ms=round(persentil(urut, 95) * 1000, 1),
        p99_ms=round(persentil(urut, 99) * 1000, 1),
        rata_ms=round(sum(urut) / len(urut) * 1000, 1) if urut else 0.0,
        maks_ms=round(urut[-1] * 1000, 1) if urut else 0.0,
        per_detik=round(len(urut) / detik, 1) if detik else 0.0,
        contoh_galat=sorted(set(galat))[:5],
        load=(round(load_awal, 2), round(os.getloadavg()[0], 2)),
        pemanasan=len(panas),
        galat_pemanasan=len(galat_panas),
    )
    print(
        f"    p50 {h.p50_ms} ms, p95 {h.p95_ms} ms, p99 {h.p99_ms} ms, "
        f"{h.per_detik} permintaan/detik, galat {h.galat}, load {h.load}",
        flush=True,
    )
    return h


# --- the scenarios --------------------------------------------------------------------------
class Lantai(Pelaku):
    def __init__(self, port: int, pegawai_id: int) -> None:
        self.klien, self.pegawai_id = Klien(port), pegawai_id

    def satu(self) -> tuple[bool, str]:
        j = self.klien.minta(
            "POST", "/bench/lantai/", {"pegawai": self.pegawai_id, "uraian": "lantai"}
        )
        return j.status == 200, f"HTTP {j.status}"


class Entri(Pelaku):
    """One pegawai entering activities in free 5-minute slots after 16:00 of recent days."""

    def __init__(
        self,
        klien: Klien,
        rhk_ids: list[int],
        slot: list[tuple[str, str, str]],
        htmx: bool,
        rnd: random.Random,
    ) -> None:
        self.klien, self.rhk_ids, self.slot, self.htmx, self.rnd = klien, rhk_ids, slot, htmx, rnd

    def satu(self) -> tuple[bool, str]:
        tanggal, mulai, selesai = self.slot.pop()
        data = {
            "csrfmiddlewaretoken": self.klien.csrf,
            "tanggal": tanggal,
            "rhk": self.rnd.choice(self.rhk_ids) if self.rhk_ids else "",
            "jam_mulai": mulai,
            "jam_selesai": selesai,
            "uraian": f"Menyusun laporan kegiatan harian {PENANDA}",
            "jumlah_output": "1",
            "satuan_output": "dokumen",
            "kunci": str(uuid.uuid4()),
        }
        jalur = f"/aktivitas/?tanggal={tanggal}"
        if self.htmx:
            header = {
                "HX-Request": "true",
                "HX-Target": "aktivitas-hari",
                "HX-Current-URL": f"http://127.0.0.1{jalur}",
            }
            j = self.klien.minta("POST", jalur, data, header)
            ok = j.status == 200 and b"field-error" not in j.isi and b"error-box" not in j.isi
        else:
            j = self.klien.minta("POST", jalur, data)
            ok = j.status == 302
        return ok, f"HTTP {j.status}" + ("" if ok or j.status != 200 else " (form ditolak)")


class Dasbor(Pelaku):
    def __init__(self, klien: Klien) -> None:
        self.klien = klien

    def satu(self) -> tuple[bool, str]:
        j = self.klien.minta("GET", "/pemantauan/")
        return j.status == 200 and b"kpi-angka" in j.isi, f"HTTP {j.status}"


class Antrean(Pelaku):
    def __init__(self, klien: Klien) -> None:
        self.klien = klien

    def satu(self) -> tuple[bool, str]:
        j = self.klien.minta("GET", "/aktivitas/tinjau/")
        return j.status == 200 and b"<table" in j.isi, f"HTTP {j.status}"


# --- preparation (in-process Django, same database) -----------------------------------------
@dataclass
class Persiapan:
    instansi_id: int
    entri: list[tuple[int, str, list[int]]]  # pegawai id, nip, RHK ids
    sibuk: list[tuple[str, int]]  # nip, pending activities
    biasa: list[tuple[str, int]]
    slot: dict[int, list[tuple[str, str, str]]]
    hari_ini: dt.date
    aktivitas: int
    admin: str = ""
    operator: list[tuple[str, int]] = field(default_factory=list)  # nip, pegawai of his units


def siapkan(args, rnd: random.Random) -> Persiapan:
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from aktivitas.models import Aktivitas
    from pegawai.models import Instansi, Pegawai
    from skp.models import RencanaHasilKerja, Skp

    from .generate import KODE_INSTANSI
    from .lantai import SQL_TABEL, TABEL

    if connection.vendor != "postgresql":
        raise SystemExit("bench.beban: DATABASE_URL harus PostgreSQL (lihat bench/README.md).")
    instansi = Instansi.objects.filter(kode=KODE_INSTANSI).first()
    if instansi is None:
        raise SystemExit("bench.beban: belum ada data bench; jalankan python -m bench.generate.")
    with connection.cursor() as cur:
        cur.execute(SQL_TABEL)
        cur.execute(f"TRUNCATE {TABEL}")  # noqa: S608
        cur.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [Aktivitas._meta.db_table]
        )
        n_aktivitas = cur.fetchone()[0]
    hari_ini = timezone.localdate()
    # Entry: random staff whose SKP is in force today.
    berlaku = Skp.objects.filter(
        pegawai__instansi=instansi,
        status=Skp.Status.DITETAPKAN,
        mulai__lte=hari_ini,
        selesai__gte=hari_ini,
    )
    calon = list(berlaku.values_list("pegawai_id", "pegawai__nip").order_by("pegawai_id"))
    if len(calon) < args.pengguna_entri:
        raise SystemExit(
            "bench.beban: terlalu sedikit pegawai dengan SKP berlaku hari ini "
            "(data dibuat untuk tahun lain?); jalankan generate --reset."
        )
    pilih = rnd.sample(calon, args.pengguna_entri)
    rhk: dict[int, list[int]] = {pid: [] for pid, _ in pilih}
    for pid, rid in RencanaHasilKerja.objects.filter(
        skp__in=berlaku, skp__pegawai_id__in=rhk.keys()
    ).values_list("skp__pegawai_id", "pk"):
        rhk[pid].append(rid)
    # Review: the busiest atasan, and atasan around the median.
    antre = list(
        Aktivitas.objects.filter(
            pegawai__instansi=instansi, status=Aktivitas.Status.MENUNGGU, penilai__isnull=False
        )
        .values("penilai_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "penilai_id")
    )
    nip = dict(
        Pegawai.objects.filter(pk__in=[a["penilai_id"] for a in antre]).values_list("pk", "nip")
    )
    k = args.pengguna_antrean
    tengah = len(antre) // 2
    sibuk = [(nip[a["penilai_id"]], a["n"]) for a in antre[:k]]
    biasa = [(nip[a["penilai_id"]], a["n"]) for a in antre[max(k, tengah - k // 2) :][:k]]
    slot = _slot_bebas([pid for pid, _ in pilih], hari_ini)
    # Dashboards: the admin instansi, and the operators of the OPD with the most pegawai.
    from pegawai.models import OperatorUnit

    admin = (
        Pegawai.objects.filter(instansi=instansi, is_admin_instansi=True)
        .values_list("nip", flat=True)
        .first()
        or ""
    )
    operator = []
    for nip_op, path in OperatorUnit.objects.filter(pegawai__instansi=instansi).values_list(
        "pegawai__nip", "unit__path"
    ):
        n = Pegawai.objects.filter(unit_kerja__path__startswith=path).count()
        operator.append((nip_op, n))
    operator.sort(key=lambda o: -o[1])
    return Persiapan(
        instansi.pk,
        [(pid, n, rhk[pid]) for pid, n in pilih],
        sibuk,
        biasa,
        slot,
        hari_ini,
        n_aktivitas,
        admin,
        operator[: args.pengguna_antrean],
    )


def _slot_bebas(pegawai_ids: list[int], hari_ini: dt.date) -> dict[int, list]:
    """Free 5-minute slots after 16:00 of the last 14 days, spread over the days."""
    from aktivitas.models import Aktivitas

    hari = [hari_ini - dt.timedelta(days=i) for i in range(14)]
    terpakai = {
        (p, t.isoformat(), m.strftime("%H:%M"))
        for p, t, m in Aktivitas.objects.filter(
            pegawai_id__in=pegawai_ids, tanggal__in=hari, jam_selesai__gt=dt.time(16, 0)
        ).values_list("pegawai_id", "tanggal", "jam_mulai")
    }
    hasil: dict[int, list] = {}
    for p in pegawai_ids:
        daftar = []
        for menit in range(JAM_BENCH[0], JAM_BENCH[1], 5):
            mulai, selesai = (
                f"{menit // 60:02d}:{menit % 60:02d}",
                (f"{(menit + 5) // 60:02d}:{(menit + 5) % 60:02d}"),
            )
            for t in hari:
                if (p, t.isoformat(), mulai) not in terpakai:
                    daftar.append((t.isoformat(), mulai, selesai))
        daftar.reverse()  # pop() from the end: earliest slot of each day first
        hasil[p] = daftar
    return hasil


def bersihkan(instansi_id: int, sejak: dt.datetime) -> int:
    """Delete what the benchmark entered (activities and their history rows)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from aktivitas.models import Aktivitas
    from pegawai.models import Riwayat

    from .lantai import TABEL

    with transaction.atomic():
        qs = Aktivitas.objects.filter(
            pegawai__instansi_id=instansi_id, dientri_pada__gte=sejak, uraian__endswith=PENANDA
        )
        ids = list(qs.values_list("pk", flat=True))
        Riwayat.objects.filter(
            content_type=ContentType.objects.get_for_model(Aktivitas), object_id__in=ids
        ).delete()
        Aktivitas.objects.filter(pk__in=ids).delete()
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {TABEL}")  # noqa: S608
    return len(ids)


# --- the server -----------------------------------------------------------------------------
def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn on 127.0.0.1 with the bench settings; stopped (by its own pid) on exit."""

    def __init__(self, worker: int) -> None:
        self.worker = worker
        self.port = port_bebas()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed with the server
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings_bench",
            PYTHONPATH=str(AKAR),
            SECRET_KEY=uuid.uuid4().hex + uuid.uuid4().hex,
        )
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ekinerja.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.worker),
                "--worker-class",
                "sync",
                "--timeout",
                "120",
                "--log-level",
                "warning",
                "--no-control-socket",
            ],
            cwd=AKAR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        batas = time.monotonic() + 60
        while time.monotonic() < batas:
            if self.proc.poll() is not None:
                break
            try:
                if Klien(self.port).minta("GET", "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn tidak siap; log: {self.log.name}\n{self.ekor_log()}")

    def ekor_log(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def __exit__(self, *_exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# --- report ---------------------------------------------------------------------------------
def lingkungan(args, siap: Persiapan) -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        versi = cur.fetchone()[0]
        cur.execute("SHOW shared_buffers")
        buffers = cur.fetchone()[0]
    import django

    return {
        "waktu": dt.datetime.now().isoformat(timespec="seconds"),
        "cpu": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": versi,
        "shared_buffers": buffers,
        "basis_data": connection.settings_dict["NAME"],
        "aktivitas_baris": siap.aktivitas,
        "gunicorn_worker": args.worker,
        "konkurensi_klien": args.konkurensi,
        "permintaan_per_skenario": args.permintaan,
        "pemanasan": args.pemanasan,
        "pengguna_entri": len(siap.entri),
        "antrean_sibuk_menunggu": [n for _, n in siap.sibuk],
        "antrean_biasa_menunggu": [n for _, n in siap.biasa],
        "dasbor_operator_pegawai": [n for _, n in siap.operator],
    }


def bandingkan(h: Hasil, lantai: Hasil) -> None:
    """Ratios to the floor measured next to it in time (background load drifts)."""
    h.lantai = {"p50_ms": lantai.p50_ms, "p95_ms": lantai.p95_ms, "per_detik": lantai.per_detik}
    if lantai.p50_ms and lantai.per_detik:
        h.rasio = {
            "p50": round(h.p50_ms / lantai.p50_ms, 1),
            "p95": round(h.p95_ms / lantai.p95_ms, 1),
            "per_detik": round(h.per_detik / lantai.per_detik, 3),
        }


def markdown(hasil: list[Hasil], env: dict, catatan: list[str]) -> str:
    baris = [
        f"# Uji beban e-Kinerja — {env['waktu']}",
        "",
        f"PostgreSQL {env['postgresql']} (shared_buffers {env['shared_buffers']}), "
        f"{env['aktivitas_baris']:,} baris aktivitas; gunicorn {env['gunicorn_worker']} worker "
        f"sync, {env['konkurensi_klien']} klien serentak di mesin yang sama ({env['cpu']} CPU); "
        f"{env['permintaan_per_skenario']} permintaan per skenario setelah "
        f"{env['pemanasan']} pemanasan.",
        "",
        "| skenario | permintaan | galat | p50 ms | p95 ms | p99 ms | permintaan/detik "
        "| lantai p50 / p95 ms, permintaan/detik | p50 × lantai | p95 × lantai "
        "| permintaan/detik ÷ lantai | load 1 mnt |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for h in hasil:
        r, la = h.rasio, h.lantai
        dekat = f"{la['p50_ms']} / {la['p95_ms']}, {la['per_detik']}" if la else "—"
        baris.append(
            f"| {h.nama} | {h.permintaan} | {h.galat} | {h.p50_ms} | {h.p95_ms} | {h.p99_ms} | "
            f"{h.per_detik} | {dekat} | {r.get('p50', '—')} | {r.get('p95', '—')} | "
            f"{r.get('per_detik', '—')} | {h.load[0]}→{h.load[1]} |"
        )
    baris += ["", *[f"- **{h.nama}**: {h.keterangan}" for h in hasil], ""]
    baris += [f"- {c}" for c in catatan]
    return "\n".join(baris) + "\n"


# --- main -----------------------------------------------------------------------------------
def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.beban", description=__doc__.split("\n")[0])
    p.add_argument("--worker", type=int, default=4, help="gunicorn workers (bawaan 4)")
    p.add_argument("--konkurensi", type=int, default=8, help="klien serentak (bawaan 8)")
    p.add_argument("--permintaan", type=int, default=2000, help="per skenario (bawaan 2000)")
    p.add_argument("--pemanasan", type=int, default=100)
    p.add_argument("--batas-detik", type=float, default=300.0, help="batas waktu per skenario")
    p.add_argument("--pengguna-entri", type=int, default=32)
    p.add_argument("--pengguna-antrean", type=int, default=16)
    p.add_argument(
        "--skenario",
        default="lantai,entri_htmx,entri_biasa,antrean_sibuk,antrean_biasa,"
        "dasbor_instansi,dasbor_opd",
        help="dipisah koma; lantai selalu dijalankan",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--tunggu-sepi",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="tunggu (paling lama 15 menit) sampai load 1 menit di bawah LOAD",
    )
    return p.parse_args(argv)


def tunggu_sepi(batas: float, maks_detik: float = 900) -> None:
    if batas <= 0:
        return
    akhir = time.monotonic() + maks_detik
    while os.getloadavg()[0] >= batas and time.monotonic() < akhir:
        print(f"  menunggu mesin sepi: load {os.getloadavg()[0]:.1f} ≥ {batas}", flush=True)
        time.sleep(30)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()
    from django.utils import timezone

    from .generate import SANDI_BENCH

    rnd = random.Random(args.seed)
    siap = siapkan(args, rnd)
    pilihan = {s.strip() for s in args.skenario.split(",")} | {"lantai"}
    # Two entry scenarios; a thread may send up to twice its share (uneven speeds).
    kebutuhan = 4 * (args.pemanasan + args.permintaan) // max(1, len(siap.entri)) + 1
    if any(len(s) < kebutuhan for s in siap.slot.values()):
        raise SystemExit("bench.beban: slot jam kosong tidak cukup; jalankan generate --reset.")
    tunggu_sepi(args.tunggu_sepi)
    sejak = timezone.now()
    hasil: list[Hasil] = []
    catatan: list[str] = []
    print(
        f"Uji beban: {siap.aktivitas:,} baris aktivitas, gunicorn {args.worker} worker, "
        f"{args.konkurensi} klien serentak",
        flush=True,
    )
    try:
        with Gunicorn(args.worker) as server:
            print(
                f"  gunicorn siap di 127.0.0.1:{server.port}; masuk sebagai "
                f"{len(siap.entri) + len(siap.sibuk) + len(siap.biasa)} pegawai ...",
                flush=True,
            )
            sesi = _masuk_semua(server.port, siap, SANDI_BENCH, args.konkurensi)
            skenario: list[tuple[str, str, Callable[[], list[Pelaku]]]] = [
                (
                    "lantai",
                    "view Django polos, satu INSERT, tanpa sesi (lantai)",
                    lambda: [Lantai(server.port, pid) for pid, _n, _r in siap.entri],
                ),
                (
                    "entri_htmx",
                    "POST htmx ke aktivitas_harian (isian cepat), dijawab bagian "
                    "hari yang dirender ulang — yang dikirim peramban",
                    lambda: _entri(sesi, siap, htmx=True, rnd=rnd),
                ),
                (
                    "entri_biasa",
                    "POST formulir biasa ke aktivitas_harian, dijawab 302 "
                    "(tanpa GET halaman tujuan)",
                    lambda: _entri(sesi, siap, htmx=False, rnd=rnd),
                ),
                (
                    "antrean_sibuk",
                    f"GET aktivitas_tinjau oleh {len(siap.sibuk)} atasan "
                    f"tersibuk ({_rentang(siap.sibuk)} aktivitas menunggu)",
                    lambda: [Antrean(sesi[n]) for n, _ in siap.sibuk],
                ),
                (
                    "antrean_biasa",
                    f"GET aktivitas_tinjau oleh {len(siap.biasa)} atasan sekitar "
                    f"median ({_rentang(siap.biasa)} aktivitas menunggu)",
                    lambda: [Antrean(sesi[n]) for n, _ in siap.biasa],
                ),
                (
                    "dasbor_instansi",
                    "GET pemantauan_dasbor oleh admin instansi (seluruh instansi, tahun "
                    "berjalan; dari tabel ringkasan)",
                    lambda: [Dasbor(k) for k in _sesi_ulang(server.port, siap.admin, args)],
                ),
                (
                    "dasbor_opd",
                    f"GET pemantauan_dasbor oleh {len(siap.operator)} operator OPD "
                    f"({_rentang(siap.operator)} pegawai per OPD)",
                    lambda: [Dasbor(sesi[n]) for n, _ in siap.operator],
                ),
            ]
            lantai_nama, lantai_ket, lantai_buat = skenario[0]
            lantai = ukur(lantai_nama, lantai_ket, lantai_buat(), args)
            hasil.append(lantai)
            for nama, keterangan, buat in skenario[1:]:
                if nama not in pilihan:
                    continue
                if len(hasil) > 1:  # the floor again, right before this scenario
                    lantai = ukur(lantai_nama, lantai_ket, lantai_buat(), args)
                h = ukur(nama, keterangan, buat(), args)
                bandingkan(h, lantai)
                hasil.append(h)
    finally:
        dihapus = bersihkan(siap.instansi_id, sejak)
    ok_entri = sum(
        h.permintaan - h.galat + h.pemanasan - h.galat_pemanasan
        for h in hasil
        if h.nama.startswith("entri")
    )
    catatan.append(
        f"Aktivitas yang tersimpan oleh uji ini: {dihapus}; permintaan entri yang berhasil "
        f"(termasuk pemanasan): {ok_entri}. Semuanya dihapus lagi sesudah uji."
    )
    catatan.append(
        "Klien, gunicorn dan PostgreSQL berbagi CPU yang sama; latensi termasuk antre di "
        "backlog gunicorn bila klien serentak lebih banyak dari worker. Rasio dihitung "
        "terhadap lantai yang diukur tepat sebelum skenario itu (beban mesin berubah-ubah)."
    )
    env = lingkungan(args, siap)
    _simpan(hasil, env, catatan)
    return 0 if all(h.galat == 0 for h in hasil) else 1


def _rentang(daftar: list[tuple[str, int]]) -> str:
    angka = [n for _, n in daftar]
    return f"{min(angka)}–{max(angka)}" if angka else "0"


def _sesi_ulang(port: int, nip: str, args) -> list[Klien]:
    """Several sessions of one user (the admin): one per client thread."""
    from .generate import SANDI_BENCH

    daftar = [Klien(port) for _ in range(args.konkurensi)]
    for k in daftar:
        k.masuk(nip, SANDI_BENCH)
    return daftar


def _masuk_semua(port: int, siap: Persiapan, sandi: str, paralel: int) -> dict[str, Klien]:
    nips = list(
        dict.fromkeys(
            [n for _, n, _ in siap.entri] + [n for n, _ in siap.sibuk + siap.biasa + siap.operator]
        )
    )
    sesi = {n: Klien(port) for n in nips}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(paralel) as pool:
        list(pool.map(lambda n: sesi[n].masuk(n, sandi), nips))
    return sesi


def _entri(sesi, siap: Persiapan, *, htmx: bool, rnd: random.Random) -> list[Pelaku]:
    return [
        Entri(sesi[nip], rhk, siap.slot[pid], htmx, random.Random(rnd.random()))
        for pid, nip, rhk in siap.entri
    ]


def _simpan(hasil: list[Hasil], env: dict, catatan: list[str]) -> None:
    HASIL_DIR.mkdir(exist_ok=True)
    dasar = HASIL_DIR / f"{dt.datetime.now():%Y%m%d-%H%M}-beban"
    md = markdown(hasil, env, catatan)
    Path(f"{dasar}.md").write_text(md)
    Path(f"{dasar}.json").write_text(
        json.dumps(
            {"lingkungan": env, "hasil": [asdict(h) for h in hasil], "catatan": catatan},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print("\n" + md)
    print(f"Tersimpan: {dasar.relative_to(AKAR)}.md dan .json")


if __name__ == "__main__":
    sys.exit(main())
