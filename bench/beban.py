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
  ``bench/run.sh`` does it and times it, ``bench/ringkasan.py``);
* every page an ASN or atasan opens daily (issue 12): ``beranda``, ``hari``, ``minggu``,
  ``bulan``, ``skp`` (his SKP), ``realisasi`` (the monthly realisation), ``penilaian`` (the
  atasan's rating form of a subordinate in the open window), ``notifikasi``, and ``bukti``
  (an evidence upload: a small JPEG or PDF made here, to one of his own pending activities);
* ``lonjakan`` — only when named: the month-end surge, every actor at once
  (``bench/lonjakan.py``).

Each scenario: a warm-up (not recorded), then a fixed number of requests from a fixed number
of client threads, bounded by a time limit.  p50/p95/p99, requests/s, errors, the answers'
uncompressed size and SQL queries (``bench/kueri_hitung.py``) are printed and written to
``bench/hasil/<tanggal>-beban.{json,md}``, with the ratio of each to the floor.  Admins and
operators pass the second step of login with a bench TOTP device (``siapkan_dua_langkah``).
Everything the benchmark writes is deleted or put back at the end (``bersihkan``): the data
stays as generated.
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

from .klien import Berkas, Klien

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
    # Median uncompressed size of the answers, and their SQL queries (bench/kueri_hitung.py).
    html_kb: float = 0.0
    kueri: int | None = None
    kueri_maks: int | None = None


def persentil(urut: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not urut:
        return 0.0
    return urut[max(0, math.ceil(p / 100 * len(urut)) - 1)]


class Pelaku:
    """Something that sends one request of a scenario and says whether it went right."""

    def satu(self) -> tuple[bool, str]:
        raise NotImplementedError


@dataclass
class Putaran:
    """What one run of a scenario's requests measured."""

    latensi: list[float] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    detik: float = 0.0
    ukuran: list[int] = field(default_factory=list)  # bytes of each answer, uncompressed
    kueri: list[int] = field(default_factory=list)  # SQL queries of each answer


def jalankan(pelaku: Sequence[Pelaku], konkurensi: int, jumlah: int, batas_detik: float) -> Putaran:
    """``jumlah`` requests from ``konkurensi`` threads; each thread owns every k-th pelaku."""
    nomor = itertools.count()
    kunci = threading.Lock()
    hasil = Putaran()
    akhir = time.monotonic() + batas_detik

    def kerja(milik: Sequence[Pelaku]) -> None:
        sendiri = Putaran()
        for p in itertools.cycle(milik):
            if next(nomor) >= jumlah or time.monotonic() > akhir:
                break
            t = time.perf_counter()
            try:
                ok, pesan = p.satu()
            except Exception as e:  # noqa: BLE001 - a failed request is a measured error
                ok, pesan = False, f"{type(e).__name__}: {e}"
            sendiri.latensi.append(time.perf_counter() - t)
            if not ok:
                sendiri.galat.append(pesan)
            j = getattr(getattr(p, "klien", None), "terakhir", None)
            if j is not None:
                sendiri.ukuran.append(len(j.isi))
                if j.kueri is not None:
                    sendiri.kueri.append(j.kueri)
        with kunci:
            for nama in ("latensi", "galat", "ukuran", "kueri"):
                getattr(hasil, nama).extend(getattr(sendiri, nama))

    benang = [
        threading.Thread(target=kerja, args=(pelaku[i::konkurensi],), daemon=True)
        for i in range(min(konkurensi, len(pelaku)))
    ]
    mulai = time.perf_counter()
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    hasil.detik = time.perf_counter() - mulai
    return hasil


def ringkas(
    nama: str, keterangan: str, putaran: Putaran, load: tuple[float, float] = (0.0, 0.0)
) -> Hasil:
    """The figures of one measured run (percentiles, rate, size and queries per answer)."""
    urut = sorted(putaran.latensi)
    detik = putaran.detik
    return Hasil(
        nama,
        keterangan,
        permintaan=len(urut),
        galat=len(putaran.galat),
        detik=round(detik, 2),
        p50_ms=round(persentil(urut, 50) * 1000, 1),
        p95_ms=round(persentil(urut, 95) * 1000, 1),
        p99_ms=round(persentil(urut, 99) * 1000, 1),
        rata_ms=round(sum(urut) / len(urut) * 1000, 1) if urut else 0.0,
        maks_ms=round(urut[-1] * 1000, 1) if urut else 0.0,
        per_detik=round(len(urut) / detik, 1) if detik else 0.0,
        contoh_galat=sorted(set(putaran.galat))[:5],
        load=load,
        html_kb=round(persentil(sorted(putaran.ukuran), 50) / 1024, 1),
        kueri=int(persentil(sorted(putaran.kueri), 50)) if putaran.kueri else None,
        kueri_maks=max(putaran.kueri) if putaran.kueri else None,
    )


def ukur(nama, keterangan, pelaku, args) -> Hasil:
    print(
        f"  {nama}: pemanasan {args.pemanasan}, lalu {args.permintaan} permintaan ...", flush=True
    )
    panas = jalankan(pelaku, args.konkurensi, args.pemanasan, args.batas_detik)
    load_awal = os.getloadavg()[0]
    putaran = jalankan(pelaku, args.konkurensi, args.permintaan, args.batas_detik)
    h = ringkas(nama, keterangan, putaran, (round(load_awal, 2), round(os.getloadavg()[0], 2)))
    h.pemanasan, h.galat_pemanasan = len(panas.latensi), len(panas.galat)
    print(
        f"    p50 {h.p50_ms} ms, p95 {h.p95_ms} ms, p99 {h.p99_ms} ms, "
        f"{h.per_detik} permintaan/detik, galat {h.galat}, HTML {h.html_kb} KB, "
        f"kueri {h.kueri}, load {h.load}",
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


def isian_entri(tanggal: str, mulai: str, selesai: str, rhk) -> dict:
    """The entry form's fields for one activity of the benchmark (marked, removed afterwards)."""
    return {
        "tanggal": tanggal,
        "rhk": rhk,
        "jam_mulai": mulai,
        "jam_selesai": selesai,
        "uraian": f"Menyusun laporan kegiatan harian {PENANDA}",
        "jumlah_output": "1",
        "satuan_output": "dokumen",
        "kunci": str(uuid.uuid4()),
    }


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
        rhk = self.rnd.choice(self.rhk_ids) if self.rhk_ids else ""
        data = {"csrfmiddlewaretoken": self.klien.csrf, **isian_entri(tanggal, mulai, selesai, rhk)}
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


class Halaman(Pelaku):
    """A page a pegawai opens every day: GET one of ``jalur`` in turn, answered 200 with a
    whole page (``penanda`` in it)."""

    def __init__(self, klien: Klien, jalur: Sequence[str], penanda: bytes = b"</html>") -> None:
        self.klien, self.jalur, self.penanda = klien, itertools.cycle(jalur), penanda

    def satu(self) -> tuple[bool, str]:
        jalur = next(self.jalur)
        j = self.klien.minta("GET", jalur)
        ok = j.status == 200 and self.penanda in j.isi
        return ok, f"HTTP {j.status} {jalur.split('?')[0]}" + (
            "" if ok or j.status != 200 else " (isi tak terduga)"
        )


def berkas_bukti(nomor: int) -> Berkas:
    """A small evidence file made here: a JPEG photo or a one-page PDF, in turn."""
    if nomor % 2:
        return Berkas("berkas", f"laporan-{nomor}.pdf", "application/pdf", pdf_kecil(nomor))
    return Berkas("berkas", f"foto-{nomor}.jpg", "image/jpeg", jpeg_kecil(nomor))


def jpeg_kecil(nomor: int) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    warna = (nomor * 37 % 256, nomor * 91 % 256, 120)
    Image.new("RGB", (64, 48), warna).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def pdf_kecil(nomor: int) -> bytes:
    """A valid one-page PDF (its xref offsets computed), text only."""
    teks = f"BT /F1 12 Tf 40 100 Td (Bukti dukung uji beban {nomor}) Tj ET".encode()
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(teks) + teks + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    isi = bytearray(b"%PDF-1.4\n")
    posisi = []
    for i, o in enumerate(objek, start=1):
        posisi.append(len(isi))
        isi += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(isi)
    isi += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    for pos in posisi:
        isi += b"%010d 00000 n \n" % pos
    isi += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objek) + 1,
        xref,
    )
    return bytes(isi)


class Unggah(Pelaku):
    """Evidence upload as the day page sends it (htmx multipart POST to bukti_unggah), to
    the pegawai's own pending activities in turn (at most 10 files each: the rule)."""

    def __init__(self, klien: Klien, aktivitas_ids: list[int]) -> None:
        self.klien, self.sasaran = klien, itertools.cycle(aktivitas_ids)
        self.nomor = itertools.count(1)

    def satu(self) -> tuple[bool, str]:
        pk = next(self.sasaran)
        jalur = f"/aktivitas/bukti/{pk}/unggah/"
        j = self.klien.minta(
            "POST",
            jalur,
            {"csrfmiddlewaretoken": self.klien.csrf, "next": "/aktivitas/"},
            {"HX-Request": "true", "HX-Target": f"bukti-{pk}", "X-CSRFToken": self.klien.csrf},
            berkas=[berkas_bukti(next(self.nomor))],
        )
        ok = j.status == 200 and b"field-error" not in j.isi and b"bukti" in j.isi
        return ok, f"HTTP {j.status}" + ("" if ok or j.status != 200 else " (berkas ditolak)")


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
    skp: dict[int, int] = field(default_factory=dict)  # pegawai id -> SKP in force today
    bukti: dict[int, list[int]] = field(default_factory=dict)  # pegawai id -> own activities
    # The rating page: atasan (nip) and the nilai_isi URLs of subordinates to rate.
    penilaian: list[tuple[str, list[str]]] = field(default_factory=list)
    jendela: str = ""  # the open evaluation window the rating pages are of
    awal: Awal | None = None  # what to put back afterwards (bersihkan)


@dataclass
class Awal:
    """The state before the run, for the clean-up: the highest id of each table the
    scenarios add to, and what the preparation itself added (evaluation windows)."""

    sejak: dt.datetime
    pk_maks: dict[str, int] = field(default_factory=dict)
    jendela_dibuat: list[int] = field(default_factory=list)
    pengaturan_penilaian_dibuat: bool = False


def skp_berlaku(instansi, hari_ini: dt.date):
    """The bench instansi's SKP ditetapkan and in force on ``hari_ini``."""
    from skp.models import Skp

    return Skp.objects.filter(
        pegawai__instansi=instansi,
        status=Skp.Status.DITETAPKAN,
        mulai__lte=hari_ini,
        selesai__gte=hari_ini,
    )


def antrean_per_penilai(instansi) -> list[dict]:
    """[{"penilai_id", "n"}] of the pending activities per pejabat penilai, busiest first."""
    from django.db.models import Count

    from aktivitas.models import Aktivitas

    return list(
        Aktivitas.objects.filter(
            pegawai__instansi=instansi, status=Aktivitas.Status.MENUNGGU, penilai__isnull=False
        )
        .values("penilai_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "penilai_id")
    )


def siapkan(args, rnd: random.Random) -> Persiapan:
    from django.db import connection
    from django.utils import timezone

    from aktivitas.models import Aktivitas
    from pegawai.models import Instansi, Pegawai
    from skp.models import RencanaHasilKerja

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
    berlaku = skp_berlaku(instansi, hari_ini)
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
    antre = antrean_per_penilai(instansi)
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
    siap = Persiapan(
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
    siap.awal = catat_awal(instansi.pk)
    siap.skp = dict(
        berlaku.filter(pegawai_id__in=rhk.keys()).values_list("pegawai_id", "pk").order_by("pk")
    )
    siap.bukti = _sasaran_bukti(list(rhk), hari_ini, args)
    siapkan_dua_langkah(instansi.pk)
    if "penilaian" in {n.strip() for n in args.skenario.split(",")}:
        siapkan_penilaian(siap, instansi, admin)
    return siap


def catat_awal(instansi_id: int) -> Awal:
    """The highest ids before the run: what is above them afterwards is the run's."""
    from django.db.models import Max
    from django.utils import timezone

    from aktivitas.models import BuktiDukung, RealisasiBulanan

    return Awal(
        timezone.now(),
        {
            m._meta.label: m.objects.aggregate(n=Max("pk"))["n"] or 0
            for m in (BuktiDukung, RealisasiBulanan)
        },
    )


def _sasaran_bukti(pegawai_ids: list[int], hari_ini: dt.date, args) -> dict[int, list[int]]:
    """Per pegawai, enough of his own pending activities of the last two weeks to take this
    run's evidence files (10 at most per activity, the rule; those with none yet)."""
    from django.db.models import Count

    from aktivitas import bukti as aturan
    from aktivitas.models import Aktivitas

    per_pegawai = 2 * (args.pemanasan + args.permintaan) // max(1, len(pegawai_ids)) + 1
    perlu = math.ceil(per_pegawai / (aturan.BUKTI_MAKS_PER_AKTIVITAS - 1)) + 1
    hasil: dict[int, list[int]] = {p: [] for p in pegawai_ids}
    for pid, pk in (
        Aktivitas.objects.filter(
            pegawai_id__in=pegawai_ids,
            status=Aktivitas.Status.MENUNGGU,
            tanggal__gte=hari_ini - dt.timedelta(days=14),
            tanggal__lte=hari_ini,
        )
        .exclude(uraian__endswith=PENANDA)
        .annotate(n=Count("bukti"))
        .filter(n=0)
        .order_by("pegawai_id", "-tanggal", "-jam_mulai")
        .values_list("pegawai_id", "pk")
    ):
        if len(hasil[pid]) < perlu:
            hasil[pid].append(pk)
    return hasil


# --- the second step of admins and operators ------------------------------------------------
NAMA_PERANGKAT = "bench"


def kunci_totp(nip: str) -> str:
    """The bench account's authenticator key (hex, 20 bytes), known to the bench only."""
    import hashlib

    return hashlib.sha1(f"ekinerja-bench-totp:{nip}".encode()).hexdigest()  # noqa: S324


def siapkan_dua_langkah(instansi_id: int) -> int:
    """Give every admin instansi and operator of the bench a confirmed TOTP device with a
    known key (they must pass the second step at login; ``kode_otp`` answers it).  Idempotent;
    the devices stay (they are accounts' settings, not data a run adds).  Without the akun
    app's django-otp nothing is done."""
    from django.apps import apps

    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return 0
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pegawai.models import OperatorUnit, Pegawai

    wajib = Pegawai.objects.filter(instansi_id=instansi_id, is_admin_instansi=True).values_list(
        "pk", "nip"
    )
    wajib = {
        *wajib,
        *OperatorUnit.objects.filter(pegawai__instansi_id=instansi_id).values_list(
            "pegawai_id", "pegawai__nip"
        ),
    }
    ada = set(
        TOTPDevice.objects.filter(
            user_id__in=[pk for pk, _ in wajib], name=NAMA_PERANGKAT, confirmed=True
        ).values_list("user_id", flat=True)
    )
    baru = [
        TOTPDevice(user_id=pk, name=NAMA_PERANGKAT, key=kunci_totp(nip), confirmed=True)
        for pk, nip in wajib
        if pk not in ada
    ]
    TOTPDevice.objects.bulk_create(baru)
    return len(baru)


def kode_otp(nip: str) -> str | None:
    """The code the pegawai's authenticator app shows now, or None without a bench device.

    A device takes each time step once (``last_t``): a second login of the same account in
    the same 30 s gets the next step's code (within the device's tolerance), or waits."""
    from django.apps import apps

    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return None
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    d = TOTPDevice.objects.filter(user__nip=nip, name=NAMA_PERANGKAT, confirmed=True).first()
    if d is None:
        return None
    while True:
        sekarang = TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift).t()
        t = max(sekarang, d.last_t + 1)
        if t <= sekarang + d.tolerance:
            break
        time.sleep(1)
    totp = TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift + (t - sekarang))
    return f"{totp.token():0{d.digits}d}"


# --- the rating page ------------------------------------------------------------------------
def siapkan_penilaian(siap: Persiapan, instansi, admin_nip: str) -> None:
    """An open evaluation window and, for the median atasan, the subordinates to rate in it.

    The generated data has no windows: the admin makes the period's windows with the real
    service (as on his page), and the clean-up removes them again."""
    from pegawai.models import Pegawai
    from penilaian.models import PengaturanPenilaian, PeriodePenilaian
    from penilaian.selectors import nilai as sel_nilai
    from penilaian.services import nilai as layanan_nilai
    from skp.models import Periode

    hari_ini = siap.hari_ini
    jendela = list(PeriodePenilaian.objects.filter(periode__instansi=instansi))
    if not any(pp.dibuka <= hari_ini <= pp.batas for pp in jendela):
        periode = Periode.objects.filter(
            instansi=instansi, mulai__lte=hari_ini, selesai__gte=hari_ini
        ).first()
        admin = Pegawai.objects.filter(nip=admin_nip).first()
        if periode is None or admin is None:
            return
        ada_pengaturan = PengaturanPenilaian.objects.filter(instansi=instansi).exists()
        sebelum = set(PeriodePenilaian.objects.values_list("pk", flat=True))
        jendela = layanan_nilai.buat_periode_penilaian(admin, periode)
        assert siap.awal is not None
        siap.awal.jendela_dibuat = [pp.pk for pp in jendela if pp.pk not in sebelum]
        siap.awal.pengaturan_penilaian_dibuat = not ada_pengaturan
    pp = sel_nilai.jendela_bawaan(jendela, hari_ini)
    if pp is None or not (pp.dibuka <= hari_ini <= pp.batas):
        return
    siap.jendela = (
        f"{pp.get_jenis_display()} {pp.urutan} ({pp.mulai:%d-%m-%Y}–{pp.selesai:%d-%m-%Y})"
    )
    for nip, _n in siap.biasa:
        atasan = Pegawai.objects.get(nip=nip)
        baris = sel_nilai.skp_untuk_penilai(atasan, pp, hari_ini)[:8]
        if baris:
            siap.penilaian.append((nip, [f"/penilaian/nilai/{pp.pk}/{b.skp.pk}/" for b in baris]))


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


def bersihkan(
    instansi_id: int, awal: Awal, sebelum_tinjau: dict[int, tuple] | None = None
) -> dict[str, int]:
    """Put the data back as generated, in one transaction: delete the activities the run
    entered, the evidence files it uploaded (rows and stored files), the realisation rows
    it made (opening the page prepares drafts, the surge submits them), the evaluation
    windows the preparation made, the login records of its sessions, and the history rows of
    all of these; give the activities the surge's atasan approved or returned their state
    of before (``sebelum_tinjau``: id -> (status, catatan_penilai, ditinjau_pada))."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan
    from pegawai.models import Riwayat
    from penilaian.models import PengaturanPenilaian, PeriodePenilaian

    from .lantai import TABEL

    def riwayat_dari(model, ids) -> None:
        Riwayat.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
        ).delete()

    hitung: dict[str, int] = {}
    berkas: list[str] = []
    with transaction.atomic():
        bukti = BuktiDukung.objects.filter(
            pk__gt=awal.pk_maks.get(BuktiDukung._meta.label, 0),
            diunggah_oleh__instansi_id=instansi_id,
        )
        daftar_bukti = list(bukti.values_list("pk", "berkas"))
        berkas = [b for _, b in daftar_bukti if b]
        # An upload's history row is the owner's ("bukti.diunggah", the file's id in data).
        Riwayat.objects.filter(
            aksi__startswith="bukti.",
            waktu__gte=awal.sejak,
            data__bukti__in=[pk for pk, _ in daftar_bukti],
        ).delete()
        hitung["bukti"] = bukti.delete()[0]
        qs = Aktivitas.objects.filter(
            pegawai__instansi_id=instansi_id, dientri_pada__gte=awal.sejak, uraian__endswith=PENANDA
        )
        ids = list(qs.values_list("pk", flat=True))
        riwayat_dari(Aktivitas, ids)
        hitung["aktivitas"] = Aktivitas.objects.filter(pk__in=ids).delete()[0]
        hitung["aktivitas_dipulihkan"] = _pulihkan_tinjauan(sebelum_tinjau or {}, awal.sejak)
        realisasi = list(
            RealisasiBulanan.objects.filter(
                pk__gt=awal.pk_maks.get(RealisasiBulanan._meta.label, 0),
                skp__pegawai__instansi_id=instansi_id,
            ).values_list("pk", flat=True)
        )
        riwayat_dari(RealisasiBulanan, realisasi)
        hitung["realisasi"] = RealisasiBulanan.objects.filter(pk__in=realisasi).delete()[0]
        if awal.jendela_dibuat:
            riwayat_dari(PeriodePenilaian, awal.jendela_dibuat)
            PeriodePenilaian.objects.filter(pk__in=awal.jendela_dibuat).delete()
        if awal.pengaturan_penilaian_dibuat:
            PengaturanPenilaian.objects.filter(instansi_id=instansi_id).delete()
        hitung["catatan_masuk"] = _hapus_catatan_masuk(instansi_id, awal.sejak)
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {TABEL}")  # noqa: S608
    storage = BuktiDukung._meta.get_field("berkas").storage
    for nama in berkas:
        storage.delete(nama)
    return hitung


def _pulihkan_tinjauan(sebelum: dict[int, tuple], sejak: dt.datetime) -> int:
    """Activities reviewed during the run get their state of before (and lose the history
    rows of that review)."""
    from django.contrib.contenttypes.models import ContentType

    from aktivitas.models import Aktivitas
    from pegawai.models import Riwayat

    if not sebelum:
        return 0
    berubah = [
        a
        for a in Aktivitas.objects.filter(pk__in=list(sebelum)).only(
            "status", "catatan_penilai", "ditinjau_pada"
        )
        if (a.status, a.catatan_penilai, a.ditinjau_pada) != sebelum[a.pk]
    ]
    for a in berubah:
        a.status, a.catatan_penilai, a.ditinjau_pada = sebelum[a.pk]
    Aktivitas.objects.bulk_update(
        berubah, ["status", "catatan_penilai", "ditinjau_pada"], batch_size=500
    )
    Riwayat.objects.filter(
        content_type=ContentType.objects.get_for_model(Aktivitas),
        object_id__in=[a.pk for a in berubah],
        waktu__gte=sejak,
    ).delete()
    return len(berubah)


def _hapus_catatan_masuk(instansi_id: int, sejak: dt.datetime) -> int:
    """The login history and session list rows of the run's own logins (akun app)."""
    from django.apps import apps

    if not apps.is_installed("akun"):
        return 0
    from akun.models import RiwayatMasuk, SesiPengguna

    n = RiwayatMasuk.objects.filter(pegawai__instansi_id=instansi_id, waktu__gte=sejak).delete()
    SesiPengguna.objects.filter(pegawai__instansi_id=instansi_id, dibuat__gte=sejak).delete()
    return n[0]


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


def markdown(
    hasil: list[Hasil], env: dict, catatan: list[str], pembukuan: dict | None = None
) -> str:
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
        "| permintaan/detik ÷ lantai | HTML KB | kueri | load 1 mnt |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for h in hasil:
        r, la = h.rasio, h.lantai
        dekat = f"{la['p50_ms']} / {la['p95_ms']}, {la['per_detik']}" if la else "—"
        kueri = (
            "—"
            if h.kueri is None
            else (str(h.kueri) if h.kueri == h.kueri_maks else f"{h.kueri} (maks {h.kueri_maks})")
        )
        baris.append(
            f"| {h.nama} | {h.permintaan} | {h.galat} | {h.p50_ms} | {h.p95_ms} | {h.p99_ms} | "
            f"{h.per_detik} | {dekat} | {r.get('p50', '—')} | {r.get('p95', '—')} | "
            f"{r.get('per_detik', '—')} | {h.html_kb} | {kueri} | {h.load[0]}→{h.load[1]} |"
        )
    if pembukuan:
        baris += [
            "",
            "Lonjakan akhir bulan — baris yang dimaksud klien dan yang tertulis di basis data:",
            "",
            "| baris | dimaksud | tertulis | cocok |",
            "|---|---:|---:|---|",
        ]
        for nama, (dimaksud, tertulis) in pembukuan.items():
            cocok = "ya" if dimaksud == tertulis else "TIDAK"
            baris.append(f"| {nama} | {dimaksud} | {tertulis} | {cocok} |")
    baris += ["", *[f"- **{h.nama}**: {h.keterangan}" for h in hasil], ""]
    baris += [f"- {c}" for c in catatan]
    return "\n".join(baris) + "\n"


# --- main -----------------------------------------------------------------------------------
SKENARIO_BAWAAN = (
    "lantai,entri_htmx,entri_biasa,antrean_sibuk,antrean_biasa,dasbor_instansi,dasbor_opd,"
    "beranda,hari,minggu,bulan,skp,realisasi,penilaian,notifikasi,bukti"
)


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
        default=SKENARIO_BAWAAN,
        help="dipisah koma; lantai selalu dijalankan; 'lonjakan' (lonjakan akhir bulan) "
        "hanya bila disebut",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--tunggu-sepi",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="tunggu (paling lama 15 menit) sampai load 1 menit di bawah LOAD",
    )
    g = p.add_argument_group("lonjakan akhir bulan (--skenario lonjakan)")
    g.add_argument("--lonjakan-pegawai", type=int, default=64, help="pegawai serentak (64)")
    g.add_argument("--lonjakan-atasan", type=int, default=16, help="atasan serentak (16)")
    g.add_argument("--lonjakan-entri", type=int, default=3, help="aktivitas per pegawai (3)")
    g.add_argument("--lonjakan-putaran", type=int, default=2, help="putaran antrean per atasan (2)")
    g.add_argument(
        "--lonjakan-setujui", type=int, default=10, help="aktivitas per persetujuan massal (10)"
    )
    g.add_argument(
        "--lonjakan-jeda",
        type=float,
        default=2.0,
        help="detik antara dua muat ulang dasbor operator (2)",
    )
    g.add_argument(
        "--lonjakan-batas-detik", type=float, default=300.0, help="batas waktu lonjakan (300)"
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
    from .generate import SANDI_BENCH
    from .lonjakan import jalankan_lonjakan, siapkan_lonjakan

    rnd = random.Random(args.seed)
    pilihan = {s.strip() for s in args.skenario.split(",")} | {"lantai"}
    siap = siapkan(args, rnd)
    assert siap.awal is not None
    lonjakan = None
    hasil: list[Hasil] = []
    catatan: list[str] = []
    pembukuan: dict[str, tuple[int, int]] = {}
    try:  # from here on the preparation may have written (windows): always clean up
        lonjakan = siapkan_lonjakan(siap, args, rnd) if "lonjakan" in pilihan else None
        # Two entry scenarios; a thread may send up to twice its share (uneven speeds).
        kebutuhan = 4 * (args.pemanasan + args.permintaan) // max(1, len(siap.entri)) + 1
        if any(len(s) < kebutuhan for s in siap.slot.values()):
            raise SystemExit("bench.beban: slot jam kosong tidak cukup; jalankan generate --reset.")
        tunggu_sepi(args.tunggu_sepi)
        print(
            f"Uji beban: {siap.aktivitas:,} baris aktivitas, gunicorn {args.worker} worker, "
            f"{args.konkurensi} klien serentak",
            flush=True,
        )
        with Gunicorn(args.worker) as server:
            print(
                f"  gunicorn siap di 127.0.0.1:{server.port}; masuk sebagai "
                f"{len(siap.entri) + len(siap.sibuk) + len(siap.biasa)} pegawai ...",
                flush=True,
            )
            sesi = _masuk_semua(server.port, siap, SANDI_BENCH, args.konkurensi)
            skenario = _skenario(server.port, sesi, siap, args, rnd)
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
            if lonjakan is not None:
                if len(hasil) > 1:
                    lantai = ukur(lantai_nama, lantai_ket, lantai_buat(), args)
                langkah, pembukuan, ket = jalankan_lonjakan(server.port, sesi, siap, lonjakan, args)
                for h in langkah:
                    bandingkan(h, lantai)
                hasil += langkah
                catatan += ket
    finally:
        dipulihkan = bersihkan(
            siap.instansi_id, siap.awal, lonjakan.sebelum_tinjau if lonjakan else None
        )
    ok_entri = sum(
        h.permintaan - h.galat + h.pemanasan - h.galat_pemanasan
        for h in hasil
        if h.nama.startswith("entri")
    )
    catatan.append(
        f"Aktivitas yang tersimpan oleh uji ini: {dipulihkan['aktivitas']}; permintaan entri "
        f"yang berhasil (termasuk pemanasan): {ok_entri}"
        + (f" + {pembukuan['aktivitas'][0]} dari lonjakan" if "aktivitas" in pembukuan else "")
        + ". Semuanya dihapus lagi sesudah uji, juga "
        f"{dipulihkan['bukti']} bukti dukung (baris dan berkasnya), {dipulihkan['realisasi']} "
        f"baris realisasi, {dipulihkan['catatan_masuk']} catatan masuk; "
        f"{dipulihkan['aktivitas_dipulihkan']} aktivitas yang ditinjau atasan dikembalikan ke "
        "keadaan semula."
    )
    catatan += sasaran_issue_12(hasil)
    if siap.jendela:
        catatan.append(
            f"Halaman penilaian: jendela {siap.jendela}"
            + (
                " (dibuat admin lewat layanannya untuk uji ini, lalu dihapus lagi)."
                if siap.awal.jendela_dibuat
                else "."
            )
        )
    catatan.append(
        "Klien, gunicorn dan PostgreSQL berbagi CPU yang sama; latensi termasuk antre di "
        "backlog gunicorn bila klien serentak lebih banyak dari worker. Rasio dihitung "
        "terhadap lantai yang diukur tepat sebelum skenario itu (beban mesin berubah-ubah). "
        "HTML KB: median ukuran jawaban tanpa kompresi; kueri: median jumlah kueri SQL per "
        "permintaan (header X-Jumlah-Kueri, bench/kueri_hitung.py)."
    )
    env = lingkungan(args, siap)
    _simpan(hasil, env, catatan, pembukuan)
    cocok = all(a == b for a, b in pembukuan.values())
    return 0 if cocok and all(h.galat == 0 for h in hasil) else 1


HALAMAN_HARIAN = (
    "beranda",
    "hari",
    "minggu",
    "bulan",
    "skp",
    "realisasi",
    "penilaian",
    "notifikasi",
    "bukti",
)


def sasaran_issue_12(hasil: list[Hasil]) -> list[str]:
    """Issue 12's targets against this run: the daily pages within 6× the floor's p50, and
    plain-POST entry at ≥ 0.25× the floor's requests/s."""
    per_nama = {h.nama: h for h in hasil if h.rasio}
    teks = []
    harian = [per_nama[n] for n in HALAMAN_HARIAN if n in per_nama]
    if harian:
        dalam = [f"{h.nama} {h.rasio['p50']}×" for h in harian if h.rasio["p50"] <= 6]
        luar = [f"{h.nama} {h.rasio['p50']}×" for h in harian if h.rasio["p50"] > 6]
        teks.append(
            "Halaman harian, p50 ÷ lantai (sasaran issue 12: ≤ 6×): dalam sasaran — "
            + (", ".join(dalam) or "tidak ada")
            + "; di atasnya — "
            + (", ".join(luar) or "tidak ada")
            + "."
        )
    if "entri_biasa" in per_nama:
        h = per_nama["entri_biasa"]
        teks.append(
            f"entri_biasa: {h.per_detik} permintaan/detik = {h.rasio['per_detik']}× lantai "
            f"({h.lantai['per_detik']} permintaan/detik); sasaran issue 12: ≥ 0,25×."
        )
    return teks


def _skenario(
    port: int, sesi: dict[str, Klien], siap: Persiapan, args, rnd: random.Random
) -> list[tuple[str, str, Callable[[], list[Pelaku]]]]:
    """(name, description, maker of its pelaku), the floor first."""
    asn = [(pid, sesi[nip]) for pid, nip, _r in siap.entri]
    hari_ini = siap.hari_ini.isoformat()
    return [
        (
            "lantai",
            "view Django polos, satu INSERT, tanpa sesi (lantai)",
            lambda: [Lantai(port, pid) for pid, _n, _r in siap.entri],
        ),
        (
            "entri_htmx",
            "POST htmx ke aktivitas_harian (isian cepat), dijawab bagian "
            "hari yang dirender ulang — yang dikirim peramban",
            lambda: _entri(sesi, siap, htmx=True, rnd=rnd),
        ),
        (
            "entri_biasa",
            "POST formulir biasa ke aktivitas_harian, dijawab 302 (tanpa GET halaman tujuan)",
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
            lambda: [Dasbor(k) for k in _sesi_ulang(port, siap.admin, args)],
        ),
        (
            "dasbor_opd",
            f"GET pemantauan_dasbor oleh {len(siap.operator)} operator OPD "
            f"({_rentang(siap.operator)} pegawai per OPD)",
            lambda: [Dasbor(sesi[n]) for n, _ in siap.operator],
        ),
        (
            "beranda",
            f"GET beranda oleh {len(asn)} ASN (kartu hari ini, menu dan hitungannya)",
            lambda: [Halaman(k, ["/"]) for _p, k in asn],
        ),
        (
            "hari",
            "GET aktivitas_harian hari ini (daftar hari itu dan isian cepat)",
            lambda: [Halaman(k, [f"/aktivitas/?tanggal={hari_ini}"]) for _p, k in asn],
        ),
        (
            "minggu",
            "GET aktivitas_minggu (minggu berjalan)",
            lambda: [Halaman(k, ["/aktivitas/minggu/"]) for _p, k in asn],
        ),
        (
            "bulan",
            "GET aktivitas_bulan (bulan berjalan)",
            lambda: [Halaman(k, ["/aktivitas/bulan/"]) for _p, k in asn],
        ),
        (
            "skp",
            "GET skp_detail: SKP sendiri yang berlaku (RHK, indikator, perilaku)",
            lambda: [Halaman(k, [f"/skp/{siap.skp[p]}/"]) for p, k in asn if p in siap.skp],
        ),
        (
            "realisasi",
            "GET realisasi_bulanan, bulan bawaan (membuka halaman menyiapkan draf dari "
            "aktivitas bulan itu)",
            lambda: [Halaman(k, ["/aktivitas/realisasi/"]) for _p, k in asn],
        ),
        (
            "penilaian",
            f"GET nilai_isi: {len(siap.penilaian)} atasan sekitar median membuka form "
            f"penilaian bawahannya pada jendela yang terbuka ({siap.jendela or '—'})",
            lambda: [Halaman(sesi[n], daftar) for n, daftar in siap.penilaian],
        ),
        (
            "notifikasi",
            "GET notifikasi_daftar (pusat notifikasi ASN)",
            lambda: [Halaman(k, ["/notifikasi/"]) for _p, k in asn],
        ),
        (
            "bukti",
            "POST htmx multipart ke bukti_unggah: JPEG 64×48 atau PDF satu halaman yang "
            "dibuat di sini, ke aktivitas menunggu milik sendiri (dihapus lagi sesudah uji)",
            lambda: [Unggah(k, siap.bukti[p]) for p, k in asn if siap.bukti.get(p)],
        ),
    ]


def _rentang(daftar: list[tuple[str, int]]) -> str:
    angka = [n for _, n in daftar]
    return f"{min(angka)}–{max(angka)}" if angka else "0"


def _sesi_ulang(port: int, nip: str, args) -> list[Klien]:
    """Several clients of one user (the admin), one per client thread: one login (with its
    second step) and the same session in every one of them, as tabs of one browser."""
    from .generate import SANDI_BENCH

    pertama = Klien(port)
    pertama.masuk(nip, SANDI_BENCH, kode_otp)
    return [pertama] + [pertama.salin() for _ in range(args.konkurensi - 1)]


def _masuk_semua(port: int, siap: Persiapan, sandi: str, paralel: int) -> dict[str, Klien]:
    nips = list(
        dict.fromkeys(
            [n for _, n, _ in siap.entri] + [n for n, _ in siap.sibuk + siap.biasa + siap.operator]
        )
    )
    return masuk_banyak(port, nips, sandi, paralel)


def masuk_banyak(port: int, nips: Sequence[str], sandi: str, paralel: int) -> dict[str, Klien]:
    """One session per pegawai, logged in through the login page (and the second step)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    sesi = {n: Klien(port) for n in nips}

    def masuk(n: str) -> None:
        try:
            sesi[n].masuk(n, sandi, kode_otp)
        finally:
            connection.close()  # this thread's own connection (kode_otp reads the device)

    with ThreadPoolExecutor(paralel) as pool:
        list(pool.map(masuk, nips))
    return sesi


def _entri(sesi, siap: Persiapan, *, htmx: bool, rnd: random.Random) -> list[Pelaku]:
    return [
        Entri(sesi[nip], rhk, siap.slot[pid], htmx, random.Random(rnd.random()))
        for pid, nip, rhk in siap.entri
    ]


def _simpan(hasil: list[Hasil], env: dict, catatan: list[str], pembukuan: dict) -> None:
    HASIL_DIR.mkdir(exist_ok=True)
    nama = "beban-lonjakan" if pembukuan else "beban"
    dasar = HASIL_DIR / f"{dt.datetime.now():%Y%m%d-%H%M}-{nama}"
    md = markdown(hasil, env, catatan, pembukuan)
    Path(f"{dasar}.md").write_text(md)
    Path(f"{dasar}.json").write_text(
        json.dumps(
            {
                "lingkungan": env,
                "hasil": [asdict(h) for h in hasil],
                "lonjakan_baris": {
                    k: {"dimaksud": a, "tertulis": b} for k, (a, b) in pembukuan.items()
                },
                "catatan": catatan,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print("\n" + md)
    print(f"Tersimpan: {dasar.relative_to(AKAR)}.md dan .json")


if __name__ == "__main__":
    sys.exit(main())
