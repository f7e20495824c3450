"""The dashboard's overdue reviews and each penilai's timeliness (issue 17 §3): the box on the
dashboard, the table (median workdays to review, share overdue) with its drill-down, the
scope of each (an operator sees the penilai of his units only), and a query count that does
not grow with the number of penilai or activities."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas
from pemantauan.services import bangun_ringkasan
from tests.factories import OperatorUnitFactory, PegawaiFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN, bangun_kabupaten

pytestmark = pytest.mark.django_db
RABU = dt.date(2026, 3, 18)


def _waktu(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(9)))


def _aktivitas(pegawai, penilai, masuk: dt.date, ditinjau: dt.date | None, jam: int):
    return Aktivitas.objects.create(
        pegawai=pegawai,
        tanggal=masuk,
        jam_mulai=dt.time(jam),
        jam_selesai=dt.time(jam, 30),
        uraian="Kegiatan",
        jumlah_output=1,
        satuan_output="dokumen",
        status=Aktivitas.Status.DISETUJUI if ditinjau else Aktivitas.Status.MENUNGGU,
        penilai=penilai,
        dientri_pada=_waktu(masuk),
        ditinjau_pada=_waktu(ditinjau) if ditinjau else None,
        diisi_oleh=pegawai,
        kunci=uuid.uuid4(),
    )


@pytest.fixture
def rabu(monkeypatch):
    from skp.services import penyusunan

    monkeypatch.setattr(penyusunan, "hari_ini", lambda: RABU)
    return RABU


@pytest.fixture
def data(org, rabu):
    """The kasi reviews the staf: one review after 1 workday, one after 5, one waiting 7
    (beyond both limits, 3 + 3).  A penilai of another unit has one waiting too."""
    senin = dt.date(2026, 3, 9)
    _aktivitas(org.staf, org.kasi, senin, dt.date(2026, 3, 10), 8)
    _aktivitas(org.staf, org.kasi, senin, dt.date(2026, 3, 16), 9)
    _aktivitas(org.staf, org.kasi, senin, None, 10)
    guru = PegawaiFactory(instansi=org.instansi, unit_kerja=org.unit_lain, nama="Guru")
    kepsek = PegawaiFactory(instansi=org.instansi, unit_kerja=org.unit_lain, nama="Kepsek")
    _aktivitas(guru, kepsek, senin, None, 8)
    return kepsek


def test_kolom_ketepatan_median_dan_bagian_terlambat(client, org, data):
    client.force_login(org.operator)
    r = client.get(reverse("pemantauan_ketepatan"))
    assert r.status_code == 200
    (b,) = r.context["page_obj"]  # the operator's units: the kasi, not the kepsek
    assert b.penilai == org.kasi
    k = b.ketepatan
    assert (k.ditinjau, k.menunggu, k.median_hari) == (2, 1, 3.0)
    assert (k.terlambat, k.persen_terlambat, k.eskalasi) == (2, 67, 1)
    html = r.content.decode()
    assert reverse("pemantauan_ketepatan_rincian", args=[org.kasi.pk]) in html
    assert "67%" in html and "Aturan:" in html
    # The admin sees the whole instansi: both penilai, the escalated first.
    client.force_login(org.admin)
    nama = [b.penilai.nama for b in client.get(reverse("pemantauan_ketepatan")).context["page_obj"]]
    assert sorted(nama) == sorted(["Kasi", "Kepsek"])


def test_kotak_dasbor_tinjauan_melewati_batas(client, org, data):
    client.force_login(org.operator)
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": 2026})
    assert r.status_code == 200
    # The box is loaded after the page (hx-get), linking to the table without JavaScript.
    html = r.content.decode()
    assert reverse("pemantauan_ketepatan") + "?" in html and "kotak=1" in html
    r = client.get(reverse("pemantauan_ketepatan"), {"tahun": 2026, "kotak": 1})
    t = r.context["tertunda"]
    assert (t.terlambat, t.eskalasi) == (1, 1)  # the kepsek's item is outside his units
    assert "Tinjauan melewati batas" in r.content.decode()
    client.force_login(org.admin)
    r = client.get(reverse("pemantauan_ketepatan"), {"tahun": 2026, "kotak": 1})
    assert (r.context["tertunda"].terlambat, r.context["tertunda"].eskalasi) == (2, 2)


def test_rincian_penilai_terlingkup(client, org, data):
    kepsek = data
    client.force_login(org.operator)
    r = client.get(reverse("pemantauan_ketepatan_rincian", args=[org.kasi.pk]))
    assert r.status_code == 200
    (item,) = r.context["aktivitas"]
    assert item.hari == 7 and item.tingkat == 2
    # A penilai outside the operator's units, or of another instansi: 404.
    assert client.get(reverse("pemantauan_ketepatan_rincian", args=[kepsek.pk])).status_code == 404
    client.force_login(org.admin)
    assert client.get(reverse("pemantauan_ketepatan_rincian", args=[kepsek.pk])).status_code == 200
    assert (
        client.get(reverse("pemantauan_ketepatan_rincian", args=[org.orang_lain.pk])).status_code
        == 404
    )
    # A pegawai without monitoring rights: 403 on the table.
    client.force_login(org.staf)
    assert client.get(reverse("pemantauan_ketepatan")).status_code == 403


def _penilai_untuk(kab, n_penilai: int) -> None:
    """Give the generated activities penilai (n_penilai of the kabupaten's pegawai) and a
    review two days after entry for those reviewed."""
    penilai = kab.pegawai[:n_penilai]
    for i, p in enumerate(kab.pegawai):
        Aktivitas.objects.filter(pegawai=p).update(penilai=penilai[i % n_penilai])
    Aktivitas.objects.filter(pegawai__instansi=kab.instansi).exclude(
        status=Aktivitas.Status.MENUNGGU
    ).update(ditinjau_pada=F("dientri_pada") + dt.timedelta(days=2))


def _hitung(client, url, saringan) -> int:
    client.get(url, saringan)  # the first visit fills the caches
    with CaptureQueriesContext(connection) as q:
        r = client.get(url, saringan)
    assert r.status_code == 200
    return len(q.captured_queries)


@pytest.mark.parametrize(
    "saringan",
    [{"tahun": TAHUN}, {"tahun": TAHUN, "kotak": 1}],  # the table; the dashboard's box
)
def test_jumlah_kueri_tetap_untuk_penilai_sedikit_dan_banyak(client, hari_ini, saringan):
    batas = 10
    kecil = bangun_kabupaten(5, 20, seed=21)
    besar = bangun_kabupaten(15, 120, seed=22)
    _penilai_untuk(kecil, 2)
    _penilai_untuk(besar, 30)
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    url = reverse("pemantauan_ketepatan")
    hasil = {}
    for nama, kab in (("kecil", kecil), ("besar", besar)):
        admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)
        operator = PegawaiFactory(instansi=kab.instansi, unit_kerja=kab.akar)
        OperatorUnitFactory(pegawai=operator, unit=kab.akar)
        for peran, orang in (("admin", admin), ("operator", operator)):
            client.force_login(orang)
            hasil[(nama, peran)] = _hitung(client, url, saringan)
            assert hasil[(nama, peran)] <= batas, (nama, peran, hasil[(nama, peran)])
    assert hasil[("kecil", "admin")] == hasil[("besar", "admin")]
    assert hasil[("kecil", "operator")] == hasil[("besar", "operator")]


def test_halaman_ketepatan_banyak_penilai_terpaginasi(client, hari_ini):
    kab = bangun_kabupaten(5, 60, seed=23, aktivitas=True)
    _penilai_untuk(kab, 30)
    admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)
    client.force_login(admin)
    r = client.get(reverse("pemantauan_ketepatan"))
    assert r.status_code == 200
    assert len(r.context["page_obj"]) == 25 and r.context["page_obj"].paginator.count == 30
    assert len(r.content) < 30 * 1024
