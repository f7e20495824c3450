"""The unit rollup (issue 12): every unit row — a month, a quarter, the year — equals the
per-pegawai rows of that unit added up (the pegawai counts distinct over the range), after a
full build and after the incremental update that follows a pegawai moving to another unit;
and the dashboard filtered on one month reads the same numbers from it."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pemantauan.models import RingkasanPegawaiBulan, RingkasanUnit
from pemantauan.services import bangun_ringkasan, perbarui_ringkasan
from tests.pemantauan.conftest import TAHUN

pytestmark = pytest.mark.django_db

JUMLAH = ("hari_kerja", "hari_berisi", "jumlah_aktivitas", "menit", "menunggu", "terlambat")


def _harapan() -> dict[tuple[str, int], dict]:
    """Written independently of the service: every range a month belongs to, from the rows."""
    harap: dict[tuple[str, int], dict] = defaultdict(
        lambda: {"pegawai": set(), "kosong": set(), **dict.fromkeys(JUMLAH, 0), "tepat": 0}
    )
    for r in RingkasanPegawaiBulan.objects.filter(tahun=TAHUN):
        for rentang in (r.bulan, 20 + (r.bulan + 2) // 3, 30):
            h = harap[(r.unit_path, rentang)]
            h["pegawai"].add(r.pegawai_id)
            if r.hari_berisi < r.hari_kerja:
                h["kosong"].add(r.pegawai_id)
            for k in JUMLAH:
                h[k] += getattr(r, k)
            h["tepat"] += r.realisasi == RingkasanPegawaiBulan.Realisasi.TEPAT
    return harap


def _cocok() -> None:
    harap = _harapan()
    ada = {(u.unit_path, u.rentang): u for u in RingkasanUnit.objects.filter(tahun=TAHUN)}
    assert set(ada) == set(harap)
    for kunci, h in harap.items():
        u = ada[kunci]
        assert u.pegawai == len(h["pegawai"]), kunci
        assert u.pegawai_hari_kosong == len(h["kosong"]), kunci
        assert u.realisasi_tepat == h["tepat"], kunci
        for k in JUMLAH:
            assert getattr(u, k) == h[k], (kunci, k)


def test_rollup_sama_dengan_baris_pegawai_dan_mengikuti_pindah_unit(kabupaten):
    perbarui_ringkasan()  # the first run builds the running year
    assert RingkasanUnit.objects.filter(rentang=30).count() >= 2
    _cocok()
    # a quarter really counts a pegawai once when two of its months had empty days
    tw1 = RingkasanUnit.objects.filter(rentang=21)
    bulan = RingkasanUnit.objects.filter(rentang__in=(1, 2, 3))
    assert sum(u.pegawai_hari_kosong for u in tw1) < sum(u.pegawai_hari_kosong for u in bulan)

    # a pegawai moves to another unit, then enters an activity: the incremental run rebuilds
    # him, his new unit and the unit he left
    p = next(x for x in kabupaten.pegawai if Aktivitas.objects.filter(pegawai=x).exists())
    lama = p.unit_kerja.path
    baru = next(u for u in kabupaten.unit if u.path != lama)
    p.unit_kerja = baru
    p.save(update_fields=["unit_kerja"])
    contoh = Aktivitas.objects.filter(pegawai=p, status=Aktivitas.Status.MENUNGGU).first()
    akt.hapus_aktivitas(p, contoh)
    perbarui_ringkasan()
    assert not RingkasanPegawaiBulan.objects.filter(pegawai=p, unit_path=lama).exists()
    _cocok()


def test_dasbor_satu_bulan_dari_rollup(client, kabupaten, admin_kab):
    bangun_ringkasan(TAHUN)
    client.force_login(admin_kab)
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN, "bulan": 3})
    d = r.context["d"]
    baris = RingkasanPegawaiBulan.objects.filter(tahun=TAHUN, bulan=3)
    assert d.total.jumlah_aktivitas == sum(b.jumlah_aktivitas for b in baris) > 0
    assert d.total.hari_berisi == sum(b.hari_berisi for b in baris)
    assert d.total.pegawai_hari_kosong == sum(b.hari_berisi < b.hari_kerja for b in baris)
