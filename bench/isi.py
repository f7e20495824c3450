"""Rows of the generated tables, as tuples for :class:`bench.penulis.Penulis` (no database).

Dates and times are ISO strings (what ``COPY`` parses fastest; the SQLite path turns them
back into Python values through each model field); timestamps carry their offset.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kalender.rules import is_hari_kerja
from pegawai.models import Jabatan
from skp import rules as aturan_skp
from skp.models import RencanaHasilKerja

from . import katalog as K
from .organisasi import Orang, Organisasi

PERSPEKTIF = [p.value for p in RencanaHasilKerja.Perspektif]
HARI_MENUNGGU = 14  # activities of the last two weeks are still waiting for review
MENIT = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(24 * 60)]


class Waktu:
    """Timestamps in the instansi's zone, as text with the offset, clipped to "now"."""

    def __init__(self, zona: ZoneInfo, sekarang: dt.datetime) -> None:
        self.zona = zona
        self.sekarang = sekarang.astimezone(zona)
        self.hari_ini = self.sekarang.date()
        self.menit_kini = self.sekarang.hour * 60 + self.sekarang.minute
        self._offset: dict[dt.date, str] = {}

    def offset(self, tanggal: dt.date) -> str:
        teks = self._offset.get(tanggal)
        if teks is None:
            z = dt.datetime(tanggal.year, tanggal.month, tanggal.day, 12, tzinfo=self.zona)
            raw = z.strftime("%z")
            teks = self._offset[tanggal] = f"{raw[:3]}:{raw[3:]}"
        return teks

    def teks(self, tanggal: dt.date, menit: int) -> str:
        if tanggal > self.hari_ini or (tanggal == self.hari_ini and menit > self.menit_kini):
            tanggal, menit = self.hari_ini, self.menit_kini
        return f"{tanggal.isoformat()} {MENIT[menit]}{self.offset(tanggal)}"


# --- organisation ---------------------------------------------------------------------------
KOLOM_UNIT = ("id", "instansi_id", "kode", "nama", "induk_id", "path", "kedalaman")
KOLOM_JABATAN = (
    "id",
    "instansi_id",
    "unit_id",
    "nama",
    "jenis",
    "induk_id",
    "kelas_jabatan",
    "path",
    "kedalaman",
)
KOLOM_PEGAWAI = (
    "id",
    "password",
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "pangkat_golongan",
    "status_kepegawaian",
    "status",
    "instansi_id",
    "unit_kerja_id",
    "is_admin_instansi",
    "is_active",
    "date_joined",
)
KOLOM_PENUGASAN = ("pegawai_id", "jabatan_id", "jenis", "mulai", "nomor_sk", "dibuat_pada")
KOLOM_OPERATOR = ("pegawai_id", "unit_id", "dibuat_pada")


def baris_unit(org: Organisasi, instansi_id: int) -> Iterator[tuple]:
    for u in org.unit:
        yield (
            u.id,
            instansi_id,
            u.kode,
            u.nama,
            u.induk.id if u.induk else None,
            u.path,
            u.kedalaman,
        )


def baris_jabatan(org: Organisasi, instansi_id: int) -> Iterator[tuple]:
    for j in org.jabatan:
        yield (
            j.id,
            instansi_id,
            j.unit.id,
            j.nama,
            j.jenis,
            j.induk.id if j.induk else None,
            j.kelas,
            j.path,
            j.kedalaman,
        )


def baris_pegawai(org: Organisasi, instansi_id: int, sandi: str, kini: str) -> Iterator[tuple]:
    for o in org.pegawai:
        yield (
            o.id,
            sandi,
            o.nip,
            o.nama,
            o.gelar_depan,
            o.gelar_belakang,
            o.jenis_kelamin,
            o.pangkat,
            o.status_kepegawaian,
            "aktif",
            instansi_id,
            o.jabatan.unit.id,
            o.admin,
            True,
            kini,
        )


def baris_penugasan(org: Organisasi, kini: str) -> Iterator[tuple]:
    for o in org.pegawai:
        sk = f"821.2/{o.id % 997 + 1}/BKPSDM/{o.mulai.year}"
        yield (o.id, o.jabatan.id, "definitif", o.mulai.isoformat(), sk, kini)


def baris_operator(org: Organisasi, kini: str) -> Iterator[tuple]:
    for orang, unit in org.operator:
        yield (orang.id, unit.id, kini)


# --- SKP ------------------------------------------------------------------------------------
KOLOM_SKP = (
    "id",
    "pegawai_id",
    "periode_id",
    "jabatan_id",
    "unit_id",
    "mulai",
    "selesai",
    "pendekatan",
    "versi",
    "status",
    "penilai_id",
    "diajukan_pada",
    "disetujui_pada",
    "ditetapkan_pada",
    "snapshot",
    "dibuat_pada",
    "diubah_pada",
)
KOLOM_RHK = ("id", "skp_id", "jenis", "teks", "rhk_atasan_id", "perspektif", "urutan")
KOLOM_INDIKATOR = ("rhk_id", "teks", "aspek", "target_teks", "satuan", "urutan")
KOLOM_PERILAKU = ("skp_id", "kode", "ekspektasi")


@dataclass
class Periode:
    id: int
    mulai: dt.date
    selesai: dt.date


@dataclass
class InstansiInfo:
    nama: str
    kota: str
    ppk_nama: str
    ppk_jabatan: str
    ppk_nip: str


@dataclass
class RencanaSkp:
    """What the SKP step gives the activity step, per pegawai."""

    skp_id: dict[int, int]
    rhk_ids: dict[int, tuple[int, ...]]
    skp: list[tuple]
    rhk: list[tuple]
    indikator: list[tuple]
    perilaku: list[tuple]


def _pejabat(o: Orang | None, instansi: InstansiInfo) -> dict:
    """As ``skp.services.penyusunan._snapshot`` writes it."""
    if o is None:
        return {
            "pegawai_id": None,
            "nama": instansi.ppk_nama,
            "nip": instansi.ppk_nip,
            "jabatan": instansi.ppk_jabatan,
            "dasar": "ppk",
            "pangkat": "",
            "unit": instansi.nama,
        }
    return {
        "pegawai_id": o.id,
        "nama": o.nama_lengkap,
        "nip": o.nip,
        "jabatan": o.jabatan.nama,
        "dasar": "definitif",
        "pangkat": o.pangkat,
        "unit": o.jabatan.unit.nama,
    }


def _snapshot(o: Orang, instansi: InstansiInfo) -> dict:
    return {
        "pegawai": {
            "nama": o.nama_lengkap,
            "nip": o.nip,
            "pangkat": o.pangkat,
            "jabatan": o.jabatan.nama,
            "jenis_jabatan": str(Jabatan.Jenis(o.jabatan.jenis).label),
            "unit": o.jabatan.unit.nama,
            "status_kepegawaian": o.status_kepegawaian,
        },
        "pejabat_penilai": _pejabat(o.penilai, instansi),
        "atasan_pejabat_penilai": (
            _pejabat(o.atasan_penilai, instansi) if o.penilai is not None else None
        ),
        "instansi": instansi.nama,
        "tempat": instansi.kota,
    }


def rencana_skp(
    org: Organisasi,
    periode: Periode,
    instansi: InstansiInfo,
    waktu: Waktu,
    rnd: random.Random,
    id_awal: dict[str, int],
) -> RencanaSkp:
    """One SKP ditetapkan per pegawai, 2–4 RHK each (utama cascading to the penilai's
    utama RHK), one indicator per RHK, the seven BerAKHLAK rows."""
    skp_id: dict[int, int] = {}
    rhk_ids: dict[int, tuple[int, ...]] = {}
    utama: dict[int, list[int]] = {}
    hasil = RencanaSkp(skp_id, rhk_ids, [], [], [], [])
    next_skp, next_rhk = id_awal["skp"], id_awal["rhk"]
    # Top-down: a penilai's jabatan is an ancestor, so his RHK exist before his staff's.
    for o in sorted(org.pegawai, key=lambda o: (o.jabatan.kedalaman, o.id)):
        sid = skp_id[o.id] = next_skp
        next_skp += 1
        hari = periode.mulai + dt.timedelta(days=rnd.randint(5, 19))
        diajukan = waktu.teks(hari, rnd.randrange(480, 960))
        hari_setuju = hari + dt.timedelta(days=rnd.randint(1, 5))
        disetujui = waktu.teks(hari_setuju, rnd.randrange(480, 960))
        hasil.skp.append(
            (
                sid,
                o.id,
                periode.id,
                o.jabatan.id,
                o.jabatan.unit.id,
                periode.mulai.isoformat(),
                periode.selesai.isoformat(),
                "kualitatif",
                1,
                "ditetapkan",
                o.penilai.id if o.penilai else None,
                diajukan,
                disetujui,
                disetujui,
                _snapshot(o, instansi),
                diajukan,
                disetujui,
            )
        )
        is_jpt = o.jabatan.jenis in Jabatan.JENIS_JPT
        tingkat = o.jabatan.tingkat
        n = rnd.randint(2, 4)
        teks_rhk = rnd.sample(K.RHK[tingkat], min(n, len(K.RHK[tingkat])))
        ids: list[int] = []
        utama[o.id] = []
        for urutan, pola in enumerate(teks_rhk, start=1):
            tambahan = not is_jpt and urutan == len(teks_rhk) and rnd.random() < 0.3
            atasan = None
            if not tambahan and o.penilai is not None and utama.get(o.penilai.id):
                atasan = rnd.choice(utama[o.penilai.id])
            rid = next_rhk
            next_rhk += 1
            ids.append(rid)
            if not tambahan:
                utama[o.id].append(rid)
            hasil.rhk.append(
                (
                    rid,
                    sid,
                    "tambahan" if tambahan else "utama",
                    pola.format(unit=o.jabatan.unit.nama),
                    atasan,
                    PERSPEKTIF[(urutan - 1) % len(PERSPEKTIF)] if is_jpt else "",
                    urutan,
                )
            )
            teks, aspek, target = rnd.choice(K.INDIKATOR)
            hal = rnd.choice(("kegiatan", "dokumen", "layanan", "laporan"))
            hasil.indikator.append((rid, teks.format(hal=hal), aspek, target, "", 1))
        rhk_ids[o.id] = tuple(ids)
        for nilai in aturan_skp.BERAKHLAK:
            harapan = "Menjadi teladan bagi rekan kerja." if rnd.random() < 0.2 else ""
            hasil.perilaku.append((sid, nilai.kode, harapan))
    return hasil


# --- daily activities -----------------------------------------------------------------------
KOLOM_AKTIVITAS = (
    "id",
    "pegawai_id",
    "skp_id",
    "rhk_id",
    "tanggal",
    "jam_mulai",
    "jam_selesai",
    "uraian",
    "jumlah_output",
    "satuan_output",
    "status",
    "penilai_id",
    "catatan_penilai",
    "ditinjau_pada",
    "dientri_pada",
    "terlambat",
    "diisi_oleh_id",
    "kunci",
)
JAM_AWAL, JAM_AKHIR = 7 * 60 + 30, 16 * 60  # generated work stays inside 07:30–16:00
BANYAK_PER_HARI = (2,) * 6 + (3,) * 9 + (4,) * 5  # 30 % two, 45 % three, 25 % four
# Workdays between the activity and its entry: 4 % are more than 3 workdays late.
TUNDA = (0,) * 70 + (1,) * 18 + (2,) * 5 + (3,) * 3 + (4, 5, 7, 10)
JUMLAH = ("1", "1", "1", "2", "2", "3", "5")
PERSEN_ABSEN = 4  # pegawai-days without any entry (leave, sickness, forgetting)


def pola_jam(rnd: random.Random, k: int, banyak: int = 64) -> list[tuple[tuple[str, str], ...]]:
    """``banyak`` day plans of ``k`` non-overlapping spans inside 07:30–16:00."""
    hasil: list[tuple[tuple[str, str], ...]] = []
    while len(hasil) < banyak:
        t = JAM_AWAL + 15 * rnd.randrange(3)
        spans = []
        for _ in range(k):
            akhir = min(t + rnd.choice((45, 60, 75, 90, 120, 150)), JAM_AKHIR)
            if akhir <= t:
                break
            spans.append((MENIT[t][:5], MENIT[akhir][:5]))
            t = akhir + rnd.choice((0, 0, 15, 30))
        if len(spans) == k:
            hasil.append(tuple(spans))
    return hasil


def hari_kerja(mulai: dt.date, sampai: dt.date, libur: set[dt.date]) -> list[dt.date]:
    hari, hasil = mulai, []
    while hari <= sampai:
        if is_hari_kerja(hari, libur):
            hasil.append(hari)
        hari += dt.timedelta(days=1)
    return hasil


@dataclass(frozen=True)
class Peserta:
    """One pegawai as the activity loop needs him: ids only, no objects."""

    pegawai_id: int
    skp_id: int
    rhk_ids: tuple[int, ...]
    penilai_id: int | None
    uraian: tuple[str, ...]


def peserta(org: Organisasi, rencana: RencanaSkp) -> list[Peserta]:
    return [
        Peserta(
            o.id,
            rencana.skp_id[o.id],
            rencana.rhk_ids[o.id],
            o.penilai.id if o.penilai else None,
            K.URAIAN[o.jabatan.kelompok],
        )
        for o in org.pegawai
    ]


def baris_aktivitas(
    daftar: Sequence[Peserta],
    hari: Sequence[dt.date],
    batas: dict[dt.date, dt.date],
    waktu: Waktu,
    rnd: random.Random,
    id_awal: int,
) -> Iterator[tuple]:
    """Day after day (the order real rows arrive in), each pegawai 2–4 activities.

    ``batas[d]`` is the last on-time entry day of ``d`` (``rules.batas_entri``); a day's
    activities are entered in one sitting, 0–10 workdays later.  The last two weeks wait
    for review; older ones are mostly approved, a few returned or still waiting.
    """
    pola = {k: pola_jam(rnd, k) for k in set(BANYAK_PER_HARI)}
    choice, acak, randrange = rnd.choice, rnd.random, rnd.randrange
    bits = rnd.getrandbits
    terakhir = len(hari) - 1
    teks_hari = [h.isoformat() for h in hari]
    awal_menunggu = waktu.hari_ini - dt.timedelta(days=HARI_MENUNGGU)
    nomor = id_awal
    for idx, tanggal in enumerate(hari):
        ds = teks_hari[idx]
        baru = tanggal >= awal_menunggu
        bts = batas[tanggal]
        for p in daftar:
            if randrange(100) < PERSEN_ABSEN:
                continue
            tunda = choice(TUNDA)
            e_idx = min(idx + tunda, terakhir)
            menit = randrange(900, 1080) if tunda == 0 else randrange(420, 1200)
            terlambat = hari[e_idx] > bts
            for mulai, selesai in choice(pola[choice(BANYAK_PER_HARI)]):
                menit += 1
                dientri = waktu.teks(hari[e_idx], menit)
                status, ditinjau, catatan = "menunggu", None, ""
                if not baru:
                    r = acak()
                    t_idx = e_idx + choice((1, 1, 2, 3, 5))
                    if r < 0.98 and t_idx <= terakhir:
                        ditinjau = waktu.teks(hari[t_idx], randrange(480, 1020))
                        if r < 0.965:
                            status = "disetujui"
                        else:
                            status, catatan = "dikembalikan", choice(K.CATATAN_KEMBALI)
                rhk = choice(p.rhk_ids) if randrange(10) else None
                yield (
                    nomor,
                    p.pegawai_id,
                    p.skp_id,
                    rhk,
                    ds,
                    mulai,
                    selesai,
                    choice(p.uraian),
                    choice(JUMLAH),
                    choice(K.SATUAN),
                    status,
                    p.penilai_id,
                    catatan,
                    ditinjau,
                    dientri,
                    terlambat,
                    p.pegawai_id,
                    f"{bits(128):032x}",
                )
                nomor += 1


def perkiraan_aktivitas(n_pegawai: int, n_hari: int) -> int:
    rata = sum(BANYAK_PER_HARI) / len(BANYAK_PER_HARI)
    return int(n_pegawai * n_hari * rata * (100 - PERSEN_ABSEN) / 100)
