"""The dashboard numbers (and the drill-down lists) equal numbers computed directly from raw
rows of Aktivitas, RealisasiBulanan, Skp, Penilaian and Keberatan, after the summary build.
The raw computation below is written independently of pemantauan's code."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas, RealisasiBulanan
from kalender.models import HariLibur
from pegawai.models import Pegawai
from pemantauan.services import bangun_ringkasan
from penilaian.models import Keberatan, Penilaian
from skp.models import Skp
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


def _hari_kerja(bulan: int, libur: set[dt.date]) -> list[dt.date]:
    hari, t = [], dt.date(TAHUN, bulan, 1)
    while t.month == bulan and t <= HARI_INI:
        if t.weekday() < 5 and t not in libur:
            hari.append(t)
        t += dt.timedelta(days=1)
    return hari


def mentah(pegawai: list[Pegawai], bulan: list[int]) -> dict:
    """Every dashboard number, per pegawai, straight from the raw tables."""
    libur = set(HariLibur.objects.values_list("tanggal", flat=True))
    hasil = {}
    for p in pegawai:
        a = defaultdict(int)
        a["kosong"] = {}
        skp_tetap = Skp.objects.filter(
            pegawai=p, status__in=["ditetapkan", "digantikan"], periode__tahun=TAHUN
        ).exists()
        a["skp"] = int(
            Skp.objects.filter(pegawai=p, status="ditetapkan", periode__tahun=TAHUN).exists()
        )
        for b in bulan:
            akt = list(Aktivitas.objects.filter(pegawai=p, tanggal__year=TAHUN, tanggal__month=b))
            isi = {x.tanggal for x in akt}
            hk = _hari_kerja(b, libur)
            a["hari_kerja"] += len(hk)
            a["hari_berisi"] += sum(1 for d in hk if d in isi)
            kosong = [d.day for d in hk if d not in isi]
            if kosong:
                a["kosong"][b] = kosong
            a["aktivitas"] += len(akt)
            a["menunggu"] += sum(1 for x in akt if x.status == "menunggu")
            a["terlambat"] += sum(1 for x in akt if x.terlambat)
            rows = list(RealisasiBulanan.objects.filter(skp__pegawai=p, tahun=TAHUN, bulan=b))
            dikirim = [r for r in rows if r.diajukan_pada is not None]
            batas = dt.date(TAHUN + (b == 12), b % 12 + 1, 5)
            if dikirim:
                a["real_terlambat" if any(r.terlambat for r in dikirim) else "real_tepat"] += 1
            elif skp_tetap and batas < HARI_INI:
                a["real_belum"] += 1
        hasil[p.pk] = a
    return hasil


def _jumlah(per_pegawai: dict, ids) -> dict:
    t = defaultdict(int)
    for pid in ids:
        a = per_pegawai[pid]
        for k, v in a.items():
            if k != "kosong":
                t[k] += v
        t["pegawai"] += 1
        t["pegawai_kosong"] += int(bool(a["kosong"]))
    return t


def _penilaian(pegawai_ids, jendela) -> tuple[int, int]:
    wajib = Skp.objects.filter(
        pegawai_id__in=pegawai_ids,
        status="ditetapkan",
        mulai__lte=jendela.selesai,
        selesai__gte=jendela.mulai,
    )
    selesai = Penilaian.objects.filter(
        periode_penilaian=jendela, skp__in=wajib, status__in=["dinilai", "final"]
    )
    return wajib.count(), selesai.count()


def _bandingkan(angka, raw, pegawai_ids, jendela):
    assert angka.pegawai == raw["pegawai"]
    assert angka.skp_ditetapkan == raw["skp"]
    assert angka.hari_kerja == raw["hari_kerja"]
    assert angka.hari_berisi == raw["hari_berisi"]
    assert angka.pegawai_hari_kosong == raw["pegawai_kosong"]
    assert angka.jumlah_aktivitas == raw["aktivitas"]
    assert angka.menunggu == raw["menunggu"]
    assert angka.aktivitas_terlambat == raw["terlambat"]
    assert angka.realisasi_tepat == raw["real_tepat"]
    assert angka.realisasi_terlambat == raw["real_terlambat"]
    assert angka.realisasi_belum == raw["real_belum"]
    if jendela is not None:
        assert (angka.penilaian_wajib, angka.penilaian_selesai) == _penilaian(pegawai_ids, jendela)
    assert (
        angka.keberatan
        == Keberatan.objects.filter(pegawai_id__in=pegawai_ids, status="diajukan").count()
    )


def test_angka_dasbor_dan_rincian_sama_dengan_data_mentah(client, kabupaten, admin_kab):
    kab = kabupaten
    assert bangun_ringkasan(TAHUN, hari_ini=HARI_INI) > 0
    dipantau = [p for p in kab.pegawai if p.status == "aktif"]
    raw = mentah(dipantau, [1, 2, 3, 4])
    # the data really has the cases the dashboard must count
    total = _jumlah(raw, raw)
    assert total["real_belum"] and total["real_terlambat"] and total["real_tepat"]
    assert total["menunggu"] and total["terlambat"] and total["pegawai_kosong"]
    assert total["skp"] < total["pegawai"]

    client.force_login(admin_kab)
    # the whole year (January–April so far), the unit tree below the root
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN, "unit": kab.akar.pk})
    assert r.status_code == 200
    d = r.context["d"]
    _bandingkan(d.total, total, [p.pk for p in dipantau], None)
    assert (d.jendela[0].wajib, d.jendela[0].selesai) == _penilaian(
        [p.pk for p in dipantau], kab.jendela[0]
    )
    # every unit row equals the raw numbers of the pegawai of its subtree
    assert len(d.baris) >= 2
    for b in d.baris:
        if b.langsung:
            ids = [p.pk for p in dipantau if p.unit_kerja_id == kab.akar.pk]
        else:
            paths = {u.pk: u.path for u in type(kab.akar).objects.all()}
            ids = [p.pk for p in dipantau if paths[p.unit_kerja_id].startswith(b.path)]
        _bandingkan(b.angka, _jumlah(raw, ids), ids, None)

    # the first quarter: appraisals of TW I per unit
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN, "triwulan": 1})
    d = r.context["d"]
    raw_tw1 = mentah(dipantau, [1, 2, 3])
    _bandingkan(d.total, _jumlah(raw_tw1, raw_tw1), [p.pk for p in dipantau], kab.jendela[0])

    # drill-down lists: the pegawai behind each number, with their detail
    def rincian(jenis, **lain):
        r = client.get(
            reverse("pemantauan_rincian", args=[jenis]),
            {"tahun": TAHUN, "format": "csv", **lain},
        )
        assert r.status_code == 200
        baris = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))[1:]
        return {b[0].lstrip("'"): b for b in baris}

    nip = {p.pk: p.nip for p in dipantau}
    kosong = rincian("hari_kosong")
    harap = {nip[pid]: a for pid, a in raw.items() if a["kosong"]}
    assert set(kosong) == set(harap)
    for n, kolom in kosong.items():
        assert int(kolom[3]) == sum(len(v) for v in harap[n]["kosong"].values())
        for b, hari in harap[n]["kosong"].items():
            assert ", ".join(map(str, hari)) in kolom[4]

    for jenis, kunci in (
        ("menunggu", "menunggu"),
        ("aktivitas_terlambat", "terlambat"),
        ("realisasi_tepat", "real_tepat"),
        ("realisasi_terlambat", "real_terlambat"),
        ("realisasi_belum", "real_belum"),
    ):
        hasil = rincian(jenis)
        harap = {nip[pid]: a[kunci] for pid, a in raw.items() if a[kunci]}
        assert {n: int(k[3]) for n, k in hasil.items()} == harap, jenis

    belum_skp = rincian("skp_belum")
    assert set(belum_skp) == {nip[pid] for pid, a in raw.items() if not a["skp"]}

    tw1 = rincian("penilaian_belum", jendela=kab.jendela[0].pk)
    wajib, selesai = _penilaian(list(nip), kab.jendela[0])
    assert len(tw1) == wajib - selesai
    assert len(rincian("penilaian_selesai", jendela=kab.jendela[0].pk)) == selesai
    assert set(rincian("keberatan")) == {
        nip[k]
        for k in Keberatan.objects.filter(status="diajukan").values_list("pegawai_id", flat=True)
    }
