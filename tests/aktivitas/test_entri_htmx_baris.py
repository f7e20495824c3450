"""An htmx entry that goes last on the day shown answers with the new row only (added at the
end of the day's table out of band), the day's totals and a fresh form — not the whole day;
anything else (an earlier time, the day's first activity, another day) gets the whole day."""

import re
import uuid

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas
from tests.aktivitas.conftest import HARI
from tests.aktivitas.test_kueri_daftar_aktivitas import isi_hari

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "aktivitas-hari"}
URL = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"


def isian(mulai, selesai, tanggal=HARI, uraian="Menyusun notulen rapat"):
    return {
        "tanggal": tanggal.isoformat(),
        "rhk": "",
        "jam_mulai": mulai,
        "jam_selesai": selesai,
        "uraian": uraian,
        "jumlah_output": "1",
        "satuan_output": "dokumen",
        "kunci": str(uuid.uuid4()),
    }


@pytest.fixture
def staf(client, org):
    client.force_login(org.staf)
    return org.staf


def test_baris_baru_saja_di_akhir_hari(client, staf):
    client.post(URL, isian("08:00", "09:00", uraian="Yang pertama"), **HTMX)
    r = client.post(URL, isian("09:00", "10:15", uraian="Yang kedua"), **HTMX)
    assert r.status_code == 200
    assert r["HX-Retarget"] == "#catat-aktivitas"
    assert r["HX-Reswap"] == "outerHTML"
    html = r.content.decode()
    baru = Aktivitas.objects.get(uraian="Yang kedua")
    # The row, appended out of band to the table's body; the first row is not sent again.
    oob = re.search(
        r'<template><tbody hx-swap-oob="beforeend:#isi-hari">(.*?)</tbody></template>', html, re.S
    )
    assert oob and f'id="aktivitas-{baru.pk}"' in oob.group(1)
    assert "Yang kedua" in oob.group(1) and "Yang pertama" not in html
    # The totals of the whole day, out of band; the message; a fresh form starting at 10:15.
    assert re.search(r'<p class="small" id="jumlah-hari" hx-swap-oob="true">', html)
    assert "2 aktivitas, 2 jam 15 menit" in html
    assert "Aktivitas tersimpan." in html
    assert html.lstrip().startswith('<section class="card" id="catat-aktivitas"')
    assert 'name="jam_mulai" value="10:15"' in html
    assert 'id="aktivitas-hari"' not in html


def test_selain_itu_seluruh_hari(client, staf):
    r = client.post(URL, isian("10:00", "11:00", uraian="Pertama hari ini"), **HTMX)
    assert "HX-Retarget" not in r  # the day's first: the empty state must go
    assert 'id="aktivitas-hari"' in r.content.decode()
    r = client.post(URL, isian("08:00", "09:00", uraian="Lebih pagi"), **HTMX)
    html = r.content.decode()
    assert "HX-Retarget" not in r  # an earlier time: the row goes in the middle
    assert html.index("Lebih pagi") < html.index("Pertama hari ini")
    lain = HARI.replace(day=HARI.day - 1)
    r = client.post(URL, isian("15:00", "16:00", tanggal=lain, uraian="Hari lain"), **HTMX)
    assert "HX-Retarget" not in r  # another day: the day of the entry is shown
    assert r["HX-Push-Url"].endswith(f"tanggal={lain.isoformat()}")


def test_jawaban_tetap_kecil_dan_kueri_tetap(client, staf, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    isi_hari(staf, HARI, 3, mulai_menit=6 * 60)
    client.post(URL, isian("19:00", "19:30"), **HTMX)

    def kirim(mulai, selesai):
        with CaptureQueriesContext(connection) as q:
            r = client.post(URL, isian(mulai, selesai), **HTMX)
        assert r["HX-Retarget"] == "#catat-aktivitas"
        return len(q), len(r.content)

    kueri_sedikit, ukuran_sedikit = kirim("20:00", "20:30")
    isi_hari(staf, HARI, 40, mulai_menit=7 * 60)
    kueri_banyak, ukuran_banyak = kirim("21:00", "21:30")
    assert kueri_banyak == kueri_sedikit
    assert abs(ukuran_banyak - ukuran_sedikit) < 200  # the answer does not carry the day


def test_hari_panjang_berhalaman_halaman_terakhir_dulu(client, staf):
    """A day of dozens of activities (an import) shows 10 rows a page, the last page first
    (where a new entry goes); the totals are the whole day's; the page does not grow."""
    isi_hari(staf, HARI, 30, mulai_menit=6 * 60)
    ukuran_30 = len(client.get(URL).content)
    isi_hari(staf, HARI, 30, mulai_menit=13 * 60 + 30)  # 60 in all: 06:00 .. 21:00
    r = client.get(URL)
    html = r.content.decode()
    assert r.context["page_obj"].number == 6 and len(r.context["daftar"]) == 10
    assert "Kegiatan 29" in html and "Kegiatan 19" not in html  # the evening's rows
    assert "60 aktivitas, 15 jam 0 menit" in html
    assert abs(len(r.content) - ukuran_30) < 500  # bounded: 10 rows, whatever the day holds
    assert len(r.content) <= 30 * 1024  # ten rows: the page budget (issue 12)
    r = client.get(URL + "&page=1")
    assert [a.uraian for a in r.context["daftar"]][:2] == ["Kegiatan 0", "Kegiatan 1"]
    assert len(r.context["daftar"]) == 10


def test_entri_di_hari_panjang(client, staf):
    isi_hari(staf, HARI, 19, mulai_menit=6 * 60)  # until 10:45
    # The 20th goes last on the last page: the row alone.
    r = client.post(URL, isian("19:00", "19:10", uraian="Kedua puluh"), **HTMX)
    assert r["HX-Retarget"] == "#catat-aktivitas"
    # The 21st opens a third page: the whole day, on its last page.
    r = client.post(URL, isian("19:10", "19:20", uraian="Kedua puluh satu"), **HTMX)
    assert "HX-Retarget" not in r and r.context["page_obj"].number == 3
    assert "Kedua puluh satu" in r.content.decode()
    # Sent from an earlier page of the list: the whole day again (the row would not go there).
    kepala = {**HTMX, "HTTP_HX_CURRENT_URL": f"http://testserver{URL}&page=1"}
    r = client.post(URL, isian("19:20", "19:30", uraian="Dari halaman awal"), **kepala)
    assert "HX-Retarget" not in r
