"""The activity pages cost a fixed number of queries however many activities there are, and
every read goes through a selector scoped to the user."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, RencanaAksi
from aktivitas.selectors import harian as selectors
from tests.aktivitas.conftest import HARI

MAKS_HARI = 16
MAKS_BULAN = 10


def isi_hari(pegawai, tanggal, n, *, rhk=None, rencana=None, operator=None, mulai_menit=7 * 60):
    """n activities of 15 minutes from 07:00, every other one with the RHK/plan, every third
    one filled by the operator, all late (bulk: setup, not the behaviour under test)."""
    baris = []
    for i in range(n):
        awal = mulai_menit + 15 * i
        baris.append(
            Aktivitas(
                pegawai=pegawai,
                skp=rhk.skp if rhk and i % 2 else None,
                rhk=rhk if i % 2 else None,
                rencana_aksi=rencana if rencana and i % 2 else None,
                tanggal=tanggal,
                jam_mulai=dt.time(awal // 60, awal % 60),
                jam_selesai=dt.time((awal + 15) // 60, (awal + 15) % 60),
                uraian=f"Kegiatan {i}",
                jumlah_output=Decimal(1),
                satuan_output="dokumen",
                status=("menunggu", "disetujui", "dikembalikan")[i % 3],
                dientri_pada=timezone.now(),
                terlambat=True,
                diisi_oleh=operator if operator and i % 3 == 0 else pegawai,
                kunci=uuid.uuid4(),
            )
        )
    Aktivitas.objects.bulk_create(baris)


def hari_kerja_maret():
    return [dt.date(2026, 3, d) for d in range(1, 32) if dt.date(2026, 3, d).weekday() < 5][:20]


def isi_bulan(pegawai, n, **kw):
    """n activities spread over the 20 first workdays of March 2026 (at most 4 a day)."""
    hari = hari_kerja_maret()
    sisa = n
    for i, tanggal in enumerate(hari):
        jumlah = min(4, sisa)
        if not jumlah:
            break
        # after an earlier fill, start later in the day so nothing overlaps
        isi_hari(pegawai, tanggal, jumlah, mulai_menit=kw.pop("mulai", 7 * 60), **kw)
        sisa -= jumlah
    assert sisa == 0, i


def jumlah_kueri(client, url) -> int:
    # What every page repeats (roles, settings, holidays) is cached until it changes: the
    # budget is that of a visit after the first.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def rencana(rhk_staf):
    return RencanaAksi.objects.create(rhk=rhk_staf, tahun=2026, bulan=3, teks="Memindai")


# --- the day list ---------------------------------------------------------------------------
@pytest.mark.parametrize("sebagai", ["staf", "operator"])
def test_daftar_hari_kueri_tetap_10_dan_40(client, org, rhk_staf, rencana, sebagai):
    client.force_login(getattr(org, sebagai))
    url = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"
    if sebagai == "operator":
        url += f"&pegawai={org.staf.pk}"
    isi_hari(org.staf, HARI, 10, rhk=rhk_staf, rencana=rencana, operator=org.operator)
    sepuluh = jumlah_kueri(client, url)
    isi_hari(
        org.staf, HARI, 30, rhk=rhk_staf, rencana=rencana, operator=org.operator, mulai_menit=600
    )
    empat_puluh = jumlah_kueri(client, url)
    assert sepuluh == empat_puluh


def test_daftar_hari_40_baris_dalam_batas(
    client, org, rhk_staf, rencana, django_assert_max_num_queries
):
    isi_hari(org.staf, HARI, 40, rhk=rhk_staf, rencana=rencana, operator=org.operator)
    client.force_login(org.staf)
    with django_assert_max_num_queries(MAKS_HARI):
        resp = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}")
    html = resp.content.decode()
    # The last page of ten (rows 30..39): every third one was entered by the operator.
    assert html.count('<tr id="aktivitas-') == 10
    assert html.count("diisi oleh operator") == sum(1 for i in range(30, 40) if i % 3 == 0)
    with django_assert_max_num_queries(MAKS_HARI):
        resp = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}&page=1")
    assert resp.content.decode().count('<tr id="aktivitas-') == 10


def test_simpan_htmx_kueri_tetap(client, org):
    """The htmx answer re-renders the day list: also a fixed number of queries."""
    client.force_login(org.staf)
    url = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"

    def kirim(jam):
        isian = {
            "tanggal": HARI.isoformat(),
            "rhk": "",
            "jam_mulai": f"{jam:02d}:00",
            "jam_selesai": f"{jam:02d}:30",
            "uraian": "x",
            "jumlah_output": "1",
            "satuan_output": "y",
            "kunci": str(uuid.uuid4()),
        }
        with CaptureQueriesContext(connection) as ctx:
            client.post(url, isian, HTTP_HX_REQUEST="true")
        return len(ctx.captured_queries)

    isi_hari(org.staf, HARI, 4, mulai_menit=6 * 60)
    kirim(19)  # the first entry of the instansi also creates its settings row
    pertama = kirim(20)
    isi_hari(org.staf, HARI, 30, mulai_menit=12 * 60)
    assert kirim(21) == pertama


# --- the week and the month -----------------------------------------------------------------
def test_bulan_kueri_tetap_10_dan_80(client, org, rhk_staf):
    client.force_login(org.staf)
    url = reverse("aktivitas_bulan") + "?bulan=2026-03"
    isi_bulan(org.staf, 10, rhk=rhk_staf)
    sepuluh = jumlah_kueri(client, url)
    Aktivitas.objects.all().delete()
    isi_bulan(org.staf, 80, rhk=rhk_staf)
    delapan_puluh = jumlah_kueri(client, url)
    assert sepuluh == delapan_puluh


def test_bulan_80_aktivitas_dalam_batas(client, org, rhk_staf, django_assert_max_num_queries):
    isi_bulan(org.staf, 80, rhk=rhk_staf, operator=org.operator)
    client.force_login(org.staf)
    with django_assert_max_num_queries(MAKS_BULAN):
        resp = client.get(reverse("aktivitas_bulan") + "?bulan=2026-03")
    ringkasan = resp.context["ringkasan"]
    assert ringkasan.jumlah == 80 and ringkasan.terlambat == 80
    assert ringkasan.jam == 20  # 80 × 15 minutes
    assert ringkasan.menunggu + ringkasan.disetujui + ringkasan.dikembalikan == 80


def test_minggu_kueri_tetap(client, org, django_assert_max_num_queries):
    client.force_login(org.staf)
    url = reverse("aktivitas_minggu") + f"?tanggal={HARI.isoformat()}"
    isi_hari(org.staf, HARI, 2)
    dua = jumlah_kueri(client, url)
    for d in range(9, 14):
        isi_hari(org.staf, dt.date(2026, 3, d), 8, mulai_menit=13 * 60)
    with django_assert_max_num_queries(dua):
        client.get(url)


def test_minggu_nama_pengisi_lain_dibaca_hanya_bila_ada(client, org):
    """The names of who else entered a day's activities cost a query of their own: read only
    when the week's summary counted activities entered by someone else (issue 12)."""
    client.force_login(org.staf)
    url = reverse("aktivitas_minggu") + f"?tanggal={HARI.isoformat()}"
    isi_hari(org.staf, HARI, 3)
    sendiri = jumlah_kueri(client, url)
    Aktivitas.objects.filter(pegawai=org.staf, jam_mulai=dt.time(7, 0)).update(
        diisi_oleh=org.operator
    )
    with CaptureQueriesContext(connection) as q:
        html = client.get(url).content.decode()
    assert len(q) == sendiri + 1
    assert org.operator.nama in html
    ringkasan = selectors.ringkasan_minggu(org.staf, HARI)
    assert [h.diisi_lain for h in ringkasan.hari if h.tanggal == HARI] == [1]


# --- scoped selectors -----------------------------------------------------------------------
def test_aktivitas_terlihat_sesuai_peran(org):
    isi_hari(org.staf, HARI, 2)
    isi_hari(org.jf, HARI, 1)
    assert selectors.aktivitas_terlihat(org.staf).count() == 2
    assert selectors.aktivitas_terlihat(org.kasi).count() == 2  # his subordinate's
    assert selectors.aktivitas_terlihat(org.kabid).count() == 1  # the jf's (his own bawahan)
    assert selectors.aktivitas_terlihat(org.operator).count() == 3  # his units
    assert selectors.aktivitas_terlihat(org.admin).count() == 3  # his instansi
    assert selectors.aktivitas_terlihat(org.orang_lain).count() == 0


def test_get_aktivitas_asing_404(org):
    isi_hari(org.staf, HARI, 1)
    pk = Aktivitas.objects.get().pk
    assert selectors.get_aktivitas(org.staf, pk).pk == pk
    with pytest.raises(Http404):
        selectors.get_aktivitas(org.orang_lain, pk)
    with pytest.raises(Http404):
        selectors.get_aktivitas(org.jf, pk)


def test_penilai_yang_tercatat_tetap_melihat(org):
    """A Plh who was the penilai on the day keeps seeing what he must review."""
    isi_hari(org.staf, HARI, 1)
    Aktivitas.objects.update(penilai=org.jf)
    assert selectors.aktivitas_terlihat(org.jf).count() == 1
