"""The month-end surge of issue 12: ``python -m bench.beban --skenario lonjakan``.

All at once, each actor on a thread of its own and with a session of its own:

* ``--lonjakan-pegawai`` (64) pegawai do the real end-of-month mix: open the day page, enter
  ``--lonjakan-entri`` (3) activities on it (htmx, as the browser), open the monthly
  realisation (the month the page proposes) and submit it with what the page shows (an empty
  realisation text filled in, as the pegawai would), then open the home page;
* ``--lonjakan-atasan`` (16) atasan — the pejabat penilai of those pegawai, 4 each — work
  their review queue ``--lonjakan-putaran`` (2) times: approve ``--lonjakan-setujui`` (10)
  rows at once (the ``form-massal`` form, its confirmation, then the queue again) and return
  one with a note (its form, the post, the queue again);
* the operators of the largest OPD refresh their dashboard every ``--lonjakan-jeda`` seconds
  until the others are done.

The surge stops by itself: every script is finite and ``--lonjakan-batas-detik`` bounds the
whole.  Each step is timed (p50/p95 per step, errors with examples).  A redirect is followed
as the browser does and the next page's flash message read, so a refusal that comes back as a
redirect counts as an error.  Afterwards the rows written are counted in the database —
activities, submitted realisation rows, approvals and returns — and set against what the
clients meant to write (:func:`pembukuan`).  ``bench.beban.bersihkan`` then deletes what the
surge added and gives the reviewed activities their state of before.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import random
import re
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .klien import Jawaban, Klien

# --- what the clients meant to write, and what the database holds ----------------------------
JENIS_BARIS = ("aktivitas", "realisasi diajukan", "aktivitas disetujui", "aktivitas dikembalikan")


@dataclass
class Niat:
    """Rows a client meant to write (counted when the request is sent, whatever the answer)."""

    jumlah: dict[str, int] = field(default_factory=lambda: dict.fromkeys(JENIS_BARIS, 0))
    kunci: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def tambah(self, jenis: str, n: int = 1) -> None:
        with self.kunci:
            self.jumlah[jenis] += n


def pembukuan(niat: Niat, pegawai_ids, atasan_ids, sejak: dt.datetime, penanda: str) -> dict:
    """{kind: (meant, written)} — the rows the surge's clients meant to write against those
    the database holds: activities entered (marked), realisation rows submitted, approvals
    and returns recorded in the history by the surge's atasan, all since ``sejak``."""
    from aktivitas.models import Aktivitas, RealisasiBulanan
    from pegawai.models import Riwayat

    tertulis = {
        "aktivitas": Aktivitas.objects.filter(
            pegawai_id__in=pegawai_ids, dientri_pada__gte=sejak, uraian__endswith=penanda
        ).count(),
        "realisasi diajukan": RealisasiBulanan.objects.filter(
            skp__pegawai_id__in=pegawai_ids,
            status=RealisasiBulanan.Status.DIAJUKAN,
            diajukan_pada__gte=sejak,
        ).count(),
    }
    tinjau = Riwayat.objects.filter(pelaku_id__in=atasan_ids, waktu__gte=sejak)
    tertulis["aktivitas disetujui"] = tinjau.filter(aksi="aktivitas.disetujui").count()
    tertulis["aktivitas dikembalikan"] = tinjau.filter(aksi="aktivitas.dikembalikan").count()
    return {j: (niat.jumlah[j], tertulis[j]) for j in JENIS_BARIS}


# --- reading the pages ----------------------------------------------------------------------
class IsianFormulir(HTMLParser):
    """The fields of one form (``form="<id>"`` attributes included): name -> value, the
    textareas' text, the checked boxes only."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.isian: list[tuple[str, str]] = []
        self._dalam_form = False
        self._textarea: str | None = None
        self._teks: list[str] = []

    def _milik(self, a: dict) -> bool:
        return a.get("form") == self.form_id or (self._dalam_form and "form" not in a)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self._dalam_form = True
        elif tag == "input" and a.get("name") and self._milik(a):
            jenis = (a.get("type") or "text").lower()
            if jenis in {"submit", "button", "file", "image", "reset"}:
                return
            if jenis in {"checkbox", "radio"} and "checked" not in a:
                return
            self.isian.append((a["name"], a.get("value") or ""))
        elif tag == "textarea" and a.get("name") and self._milik(a):
            self._textarea, self._teks = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._teks.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.isian.append((self._textarea, "".join(self._teks).strip("\n")))
            self._textarea = None
        elif tag == "form":
            self._dalam_form = False


def isian_formulir(isi: bytes, form_id: str) -> list[tuple[str, str]]:
    p = IsianFormulir(form_id)
    p.feed(isi.decode("utf-8", "replace"))
    return p.isian


POLA_AJUKAN = re.compile(rb'formaction="([^"]*/aktivitas/realisasi/ajukan/[^"]*)"')
POLA_PILIH = re.compile(rb'name="ids" value="(\d+)" form="form-massal"')
POLA_PESAN_GALAT = re.compile(rb'class="pesan-error">([^<]*)<')


def isian_realisasi(isi: bytes, penanda: str) -> tuple[str, list[tuple[str, str]], int]:
    """(submit URL, fields to post, rows submitted) from the pegawai's own realisation page
    ("Simpan dan ajukan": the month's draft rows with their form); an empty realisation text
    gets one, as the pegawai must type it before submitting.  ("", [], 0) without the button.
    """
    m = POLA_AJUKAN.search(isi)
    if not m:
        return "", [], 0
    url = html.unescape(m.group(1).decode())
    isian = [k for k in isian_formulir(isi, "form-realisasi") if k[0] != "csrfmiddlewaretoken"]
    isian = [
        (nama, nilai or f"Realisasi bulan ini sesuai aktivitas {penanda}")
        if nama.endswith("-realisasi")
        else (nama, nilai)
        for nama, nilai in isian
    ]
    return url, isian, sum(1 for nama, _ in isian if nama.endswith("-realisasi"))


def pilihan_antrean(isi: bytes) -> list[int]:
    """The ids of the queue page's checkboxes (the rows the atasan may approve at once)."""
    return [int(x) for x in POLA_PILIH.findall(isi)]


def galat_halaman(j: Jawaban) -> str:
    """The error a page shows (flash message), or ""."""
    m = POLA_PESAN_GALAT.search(j.isi)
    return html.unescape(m.group(1).decode()).strip()[:120] if m else ""


# --- preparation ----------------------------------------------------------------------------
@dataclass
class Lonjakan:
    pegawai: list[tuple[int, str, list[int]]]  # pegawai id, nip, RHK ids
    atasan: list[tuple[int, str, int]]  # pegawai id, nip, pending activities
    slot: dict[int, list[tuple[str, str, str]]]
    sebelum_tinjau: dict[int, tuple]  # id -> (status, catatan_penilai, ditinjau_pada)
    niat: Niat = field(default_factory=Niat)


def siapkan_lonjakan(siap, args, rnd: random.Random) -> Lonjakan:
    """Atasan around the median of those with enough pending work and enough subordinates
    with an SKP in force (not the entry scenarios' users), and their subordinates."""
    from django.db.models import Count

    from aktivitas.models import Aktivitas
    from pegawai.models import Pegawai
    from skp.models import RencanaHasilKerja, Skp

    from .beban import _slot_bebas

    hari_ini = siap.hari_ini
    per_atasan = math.ceil(args.lonjakan_pegawai / args.lonjakan_atasan)
    perlu_antre = args.lonjakan_putaran * (args.lonjakan_setujui + 1) + 5
    berlaku = Skp.objects.filter(
        pegawai__instansi_id=siap.instansi_id,
        status=Skp.Status.DITETAPKAN,
        mulai__lte=hari_ini,
        selesai__gte=hari_ini,
    )
    punya_skp = set(berlaku.values_list("pegawai_id", flat=True))
    sudah = {pid for pid, _n, _r in siap.entri}
    bawahan: dict[int, list[int]] = defaultdict(list)
    antre: dict[int, int] = defaultdict(int)
    for penilai, pegawai, n in (
        Aktivitas.objects.filter(
            pegawai__instansi_id=siap.instansi_id,
            status=Aktivitas.Status.MENUNGGU,
            penilai__isnull=False,
        )
        .values("penilai_id", "pegawai_id")
        .annotate(n=Count("pk"))
        .values_list("penilai_id", "pegawai_id", "n")
    ):
        antre[penilai] += n
        if pegawai in punya_skp and pegawai not in sudah and pegawai != penilai:
            bawahan[penilai].append(pegawai)
    layak = sorted(
        (n, p) for p, n in antre.items() if len(bawahan[p]) >= per_atasan and n >= perlu_antre
    )
    if len(layak) < args.lonjakan_atasan:
        raise SystemExit(
            f"bench.beban: hanya {len(layak)} atasan dengan ≥ {per_atasan} bawahan dan "
            f"≥ {perlu_antre} aktivitas menunggu; kecilkan --lonjakan-atasan."
        )
    tengah = len(layak) // 2
    awal = max(0, tengah - args.lonjakan_atasan // 2)
    dipilih = [p for _n, p in layak[awal : awal + args.lonjakan_atasan]]
    atasan_set = set(dipilih)
    pegawai_ids: list[int] = []
    for p in dipilih:
        calon = sorted(set(bawahan[p]) - atasan_set - set(pegawai_ids))
        pegawai_ids += rnd.sample(calon, min(per_atasan, len(calon)))
    pegawai_ids = pegawai_ids[: args.lonjakan_pegawai]
    nip = dict(Pegawai.objects.filter(pk__in=[*pegawai_ids, *dipilih]).values_list("pk", "nip"))
    rhk: dict[int, list[int]] = {p: [] for p in pegawai_ids}
    for pid, rid in RencanaHasilKerja.objects.filter(
        skp__in=berlaku, skp__pegawai_id__in=pegawai_ids
    ).values_list("skp__pegawai_id", "pk"):
        rhk[pid].append(rid)
    sebelum = {
        pk: (status, catatan, ditinjau)
        for pk, status, catatan, ditinjau in Aktivitas.objects.filter(
            penilai_id__in=dipilih, status=Aktivitas.Status.MENUNGGU
        ).values_list("pk", "status", "catatan_penilai", "ditinjau_pada")
    }
    return Lonjakan(
        [(p, nip[p], rhk[p]) for p in pegawai_ids],
        [(p, nip[p], antre[p]) for p in dipilih],
        _slot_bebas(pegawai_ids, hari_ini),
        sebelum,
    )


# --- the actors -----------------------------------------------------------------------------
class Catatan:
    """Per step: latencies, errors, answer sizes and queries (thread-safe)."""

    def __init__(self) -> None:
        self.kunci = threading.Lock()
        self.langkah: dict[str, dict[str, list]] = {}

    def catat(self, nama: str, detik: float, galat: str, j: Jawaban | None) -> None:
        with self.kunci:
            d = self.langkah.setdefault(
                nama, {"latensi": [], "galat": [], "ukuran": [], "kueri": []}
            )
            d["latensi"].append(detik)
            if galat:
                d["galat"].append(galat)
            if j is not None:
                d["ukuran"].append(len(j.isi))
                if j.kueri is not None:
                    d["kueri"].append(j.kueri)


class Gagal(Exception):
    """A step went wrong: the actor's script stops (what follows depends on it)."""


class Aktor:
    def __init__(self, klien: Klien, catatan: Catatan, batas: float) -> None:
        self.klien, self.catatan, self.batas = klien, catatan, batas

    def langkah(
        self, nama: str, metode: str, jalur: str, data=None, header=None, *, periksa, **kw
    ) -> Jawaban:
        """One timed request; ``periksa(j)`` gives the error text ("" when all is well)."""
        if time.monotonic() > self.batas:
            raise Gagal("batas waktu lonjakan")
        t = time.perf_counter()
        j: Jawaban | None = None
        try:
            j = self.klien.minta(metode, jalur, data, header, **kw)
            galat = periksa(j)
        except Exception as e:  # noqa: BLE001 - a failed request is a measured error
            galat = f"{type(e).__name__}: {e}"
        self.catatan.catat(nama, time.perf_counter() - t, galat, j)
        if galat:
            raise Gagal(f"{nama}: {galat}")
        return j

    def ikuti(self, nama: str, j: Jawaban, *, penanda: bytes = b"</html>") -> Jawaban:
        """The page a redirect leads to, with the flash message the browser would show."""

        def periksa(t: Jawaban) -> str:
            if t.status != 200 or penanda not in t.isi:
                return f"HTTP {t.status}"
            return galat_halaman(t)

        jalur = j.lokasi.split("://", 1)[-1]
        jalur = jalur[jalur.index("/") :] if not jalur.startswith("/") else jalur
        return self.langkah(nama, "GET", jalur, periksa=periksa, ikut_pesan=True)

    def jalankan(self) -> None:
        raise NotImplementedError


def _halaman_ok(t: Jawaban) -> str:
    return "" if t.status == 200 and b"</html>" in t.isi else f"HTTP {t.status}"


def _alih(t: Jawaban) -> str:
    return "" if t.status == 302 else f"HTTP {t.status}"


class PegawaiAkhirBulan(Aktor):
    def __init__(self, klien, catatan, batas, niat: Niat, rhk, slot, jumlah, penanda, rnd):
        super().__init__(klien, catatan, batas)
        self.niat, self.rhk, self.slot, self.jumlah = niat, rhk, slot, jumlah
        self.penanda, self.rnd = penanda, rnd

    def jalankan(self) -> None:
        k = self.klien
        slot = [self.slot.pop() for _ in range(self.jumlah)]
        jalur = f"/aktivitas/?tanggal={slot[0][0]}"
        self.langkah("pegawai: buka hari", "GET", jalur, periksa=_halaman_ok)
        for tanggal, mulai, selesai in slot:
            data = {
                "csrfmiddlewaretoken": k.csrf,
                "tanggal": tanggal,
                "rhk": self.rnd.choice(self.rhk) if self.rhk else "",
                "jam_mulai": mulai,
                "jam_selesai": selesai,
                "uraian": f"Menyusun laporan akhir bulan {self.penanda}",
                "jumlah_output": "1",
                "satuan_output": "dokumen",
                "kunci": str(uuid.uuid4()),
            }
            header = {
                "HX-Request": "true",
                "HX-Target": "aktivitas-hari",
                "HX-Current-URL": f"http://127.0.0.1{jalur}",
            }
            self.niat.tambah("aktivitas")
            self.langkah(
                "pegawai: entri aktivitas",
                "POST",
                f"/aktivitas/?tanggal={tanggal}",
                data,
                header,
                periksa=lambda t: (
                    "form ditolak"
                    if t.status == 200 and (b"field-error" in t.isi or b"error-box" in t.isi)
                    else ("" if t.status == 200 else f"HTTP {t.status}")
                ),
            )
        j = self.langkah(
            "pegawai: buka realisasi", "GET", "/aktivitas/realisasi/", periksa=_halaman_ok
        )
        url, isian, n = isian_realisasi(j.isi, self.penanda)
        if not url:
            self.catatan.catat("pegawai: ajukan realisasi", 0.0, "tombol ajukan tidak ada", None)
            raise Gagal("tombol ajukan tidak ada")
        self.niat.tambah("realisasi diajukan", n)
        j = self.langkah(
            "pegawai: ajukan realisasi",
            "POST",
            url,
            [("csrfmiddlewaretoken", k.csrf), *isian],
            periksa=_alih,
        )
        self.ikuti("pegawai: realisasi sesudah ajukan", j)
        self.langkah("pegawai: buka beranda", "GET", "/", periksa=_halaman_ok)


class AtasanAkhirBulan(Aktor):
    def __init__(self, klien, catatan, batas, niat: Niat, putaran, setujui, penanda):
        super().__init__(klien, catatan, batas)
        self.niat, self.putaran, self.setujui, self.penanda = niat, putaran, setujui, penanda

    def jalankan(self) -> None:
        k = self.klien
        j = self.langkah("atasan: buka antrean", "GET", "/aktivitas/tinjau/", periksa=_halaman_ok)
        for _ in range(self.putaran):
            ids = pilihan_antrean(j.isi)
            if len(ids) < 2:
                self.catatan.catat("atasan: setujui massal", 0.0, "antrean kosong", None)
                raise Gagal("antrean kosong")
            setujui, kembali = ids[: min(self.setujui, len(ids) - 1)], ids[-1]
            data = [("csrfmiddlewaretoken", k.csrf), ("kembali", "")]
            data += [("ids", str(i)) for i in setujui]
            self.langkah(
                "atasan: setujui massal (konfirmasi)",
                "POST",
                "/aktivitas/tinjau/setujui-massal/",
                data,
                periksa=lambda t: (
                    "" if t.status == 200 and b'name="yakin"' in t.isi else f"HTTP {t.status}"
                ),
            )
            self.niat.tambah("aktivitas disetujui", len(setujui))
            j = self.langkah(
                "atasan: setujui massal",
                "POST",
                "/aktivitas/tinjau/setujui-massal/",
                [*data, ("yakin", "1")],
                periksa=_alih,
            )
            self.ikuti("atasan: antrean sesudah tinjau", j)
            self.langkah(
                "atasan: form kembalikan",
                "GET",
                f"/aktivitas/tinjau/{kembali}/kembalikan/",
                periksa=lambda t: (
                    "" if t.status == 200 and b'name="catatan"' in t.isi else f"HTTP {t.status}"
                ),
            )
            self.niat.tambah("aktivitas dikembalikan")
            j = self.langkah(
                "atasan: kembalikan satu",
                "POST",
                f"/aktivitas/tinjau/{kembali}/kembalikan/",
                {
                    "csrfmiddlewaretoken": k.csrf,
                    "kembali": "",
                    "catatan": f"Lengkapi bukti dukungnya {self.penanda}",
                },
                periksa=_alih,
            )
            j = self.ikuti("atasan: antrean sesudah tinjau", j)


class OperatorAkhirBulan(Aktor):
    def __init__(self, klien, catatan, batas, selesai: threading.Event, jeda: float):
        super().__init__(klien, catatan, batas)
        self.selesai, self.jeda = selesai, jeda

    def jalankan(self) -> None:
        while not self.selesai.is_set():
            self.langkah(
                "operator: muat ulang dasbor",
                "GET",
                "/pemantauan/",
                periksa=lambda t: (
                    "" if t.status == 200 and b"kpi-angka" in t.isi else f"HTTP {t.status}"
                ),
            )
            self.selesai.wait(self.jeda)


URUTAN_LANGKAH = (
    "pegawai: buka hari",
    "pegawai: entri aktivitas",
    "pegawai: buka realisasi",
    "pegawai: ajukan realisasi",
    "pegawai: realisasi sesudah ajukan",
    "pegawai: buka beranda",
    "atasan: buka antrean",
    "atasan: setujui massal (konfirmasi)",
    "atasan: setujui massal",
    "atasan: antrean sesudah tinjau",
    "atasan: form kembalikan",
    "atasan: kembalikan satu",
    "operator: muat ulang dasbor",
)


# --- the run --------------------------------------------------------------------------------
def jalankan_lonjakan(port: int, sesi: dict[str, Klien], siap, lonjakan: Lonjakan, args):
    """Log the surge's pegawai and atasan in, let every actor loose at once, and return
    (one Hasil per step, {kind: (meant, written)}, notes)."""
    from django.utils import timezone

    from .beban import PENANDA, Putaran, masuk_banyak, ringkas
    from .generate import SANDI_BENCH

    nips = [n for _p, n, _r in lonjakan.pegawai] + [n for _p, n, _a in lonjakan.atasan]
    print(
        f"  lonjakan: masuk sebagai {len(lonjakan.pegawai)} pegawai dan "
        f"{len(lonjakan.atasan)} atasan ...",
        flush=True,
    )
    klien = masuk_banyak(port, nips, SANDI_BENCH, args.konkurensi)
    operator = [sesi[n] for n, _ in siap.operator]
    catatan = Catatan()
    selesai = threading.Event()
    rnd = random.Random(args.seed + 12)
    mulai_waktu = timezone.now()
    batas = time.monotonic() + args.lonjakan_batas_detik
    pegawai = [
        PegawaiAkhirBulan(
            klien[n],
            catatan,
            batas,
            lonjakan.niat,
            rhk,
            lonjakan.slot[p],
            args.lonjakan_entri,
            PENANDA,
            random.Random(rnd.random()),
        )
        for p, n, rhk in lonjakan.pegawai
    ]
    atasan = [
        AtasanAkhirBulan(
            klien[n],
            catatan,
            batas,
            lonjakan.niat,
            args.lonjakan_putaran,
            args.lonjakan_setujui,
            PENANDA,
        )
        for _p, n, _a in lonjakan.atasan
    ]
    pemuat = [OperatorAkhirBulan(k, catatan, batas, selesai, args.lonjakan_jeda) for k in operator]
    mulai = threading.Barrier(len(pegawai) + len(atasan) + len(pemuat) + 1)
    galat_naskah: list[str] = []

    def jalan(aktor: Aktor) -> None:
        mulai.wait()
        try:
            aktor.jalankan()
        except Gagal as e:
            galat_naskah.append(str(e))
        except Exception as e:  # noqa: BLE001 - reported, the others go on
            galat_naskah.append(f"{type(e).__name__}: {e}")

    print(
        f"  lonjakan: {len(pegawai)} pegawai, {len(atasan)} atasan, {len(pemuat)} operator "
        "serentak ...",
        flush=True,
    )
    import os

    benang_kerja = [
        threading.Thread(target=jalan, args=(a,), daemon=True) for a in pegawai + atasan
    ]
    benang_pemuat = [threading.Thread(target=jalan, args=(a,), daemon=True) for a in pemuat]
    for b in benang_kerja + benang_pemuat:
        b.start()
    load_awal = os.getloadavg()[0]
    t0 = time.perf_counter()
    mulai.wait()
    for b in benang_kerja:
        b.join(max(1.0, batas - time.monotonic() + 5))
    selesai.set()
    for b in benang_pemuat:
        b.join(30)
    detik = time.perf_counter() - t0
    load = (round(load_awal, 2), round(os.getloadavg()[0], 2))
    hasil = []
    urut = sorted(
        catatan.langkah.items(),
        key=lambda kv: URUTAN_LANGKAH.index(kv[0]) if kv[0] in URUTAN_LANGKAH else 99,
    )
    for nama, d in urut:
        putaran = Putaran(d["latensi"], d["galat"], detik, d["ukuran"], d["kueri"])
        h = ringkas(f"lonjakan — {nama}", "", putaran, load)
        hasil.append(h)
        print(
            f"    {nama}: {h.permintaan} permintaan, p50 {h.p50_ms} ms, p95 {h.p95_ms} ms, "
            f"galat {h.galat}",
            flush=True,
        )
    buku = pembukuan(
        lonjakan.niat,
        [p for p, _n, _r in lonjakan.pegawai],
        [p for p, _n, _a in lonjakan.atasan],
        mulai_waktu,
        PENANDA,
    )
    for jenis, (dimaksud, tertulis) in buku.items():
        print(f"    baris {jenis}: dimaksud {dimaksud}, tertulis {tertulis}", flush=True)
    semua = sum(h.permintaan for h in hasil)
    ket = [
        f"Lonjakan akhir bulan: {len(pegawai)} pegawai (bawahan {len(atasan)} atasan, "
        f"{_rentang([a for _p, _n, a in lonjakan.atasan])} aktivitas menunggu per atasan), "
        f"{len(pemuat)} operator, serentak; {semua} permintaan dalam {detik:.1f} detik. "
        "Per-langkah: permintaan/detik = langkah itu ÷ lama seluruh lonjakan.",
    ]
    if galat_naskah:
        contoh = "; ".join(sorted(set(galat_naskah))[:5])
        ket.append(f"Naskah yang berhenti karena galat: {len(galat_naskah)} ({contoh}).")
    for h in hasil:
        h.keterangan = "langkah lonjakan akhir bulan (semua pelaku serentak)"
    return hasil, buku, ket


def _rentang(angka: list[int]) -> str:
    return f"{min(angka)}–{max(angka)}" if angka else "0"
