"""The panel costs no query after the first visit (one cached read of the PIC), the home
page's start box one query; the error pages name the operator, the 500 page without the
database (issue 16 points 1 and 2)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bantuan.selectors import pic
from bantuan.views import galat_server

pytestmark = pytest.mark.django_db


def _kueri(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("url_name", ["profil", "aktivitas_harian", "skp_daftar"])
def test_panel_tidak_menambah_kueri_setelah_kunjungan_pertama(client, org, url_name):
    client.force_login(org.staf)
    url = reverse(url_name)
    _kueri(client, url)
    kedua = _kueri(client, url)
    tentang_bantuan = [q for q in kedua if "operatorunit" in q or "bantuan_" in q]
    assert tentang_bantuan == [], tentang_bantuan


def test_beranda_membaca_langkah_awal_sekali_lalu_dari_cache(client, org):
    client.force_login(org.staf)
    pertama = _kueri(client, reverse("beranda"))
    assert len([q for q in pertama if "bantuan_mulaipengguna" in q]) == 1
    kedua = _kueri(client, reverse("beranda"))
    assert [q for q in kedua if "bantuan_" in q] == []


def test_kotak_admin_tanpa_kueri_tambahan(client, org):
    """The admin's box reads the menu badge's number (counted with the other badges)."""
    client.force_login(org.admin)
    _kueri(client, reverse("beranda"))
    kedua = _kueri(client, reverse("beranda"))
    sendiri = [q for q in kedua if "bantuan_pertanyaan" in q]
    assert len(sendiri) == 1 and "hitung_" in sendiri[0]


def test_halaman_404_dan_403_menyebut_operator_unit(client, org):
    org.operator.email = "op@dinkes.go.id"
    org.operator.save()
    client.force_login(org.staf)
    r = client.get(reverse("bantuan_pertanyaan", args=[999999]))
    assert r.status_code == 404
    html = r.content.decode()
    card = html[html.index('<div class="card">') :]
    assert "Operator unit Anda" in card and "op@dinkes.go.id" in card
    r = client.get(reverse("bantuan_kotak"))
    assert r.status_code == 403
    assert "op@dinkes.go.id" in r.content.decode()


def test_halaman_500_tanpa_basis_data_menyebut_operator_dari_cache(org, django_assert_num_queries):
    org.operator.email = "op@dinkes.go.id"
    org.operator.save()
    pic(org.staf)  # an earlier page put it in the cache
    request = RequestFactory().get("/")
    request._cached_user = org.staf
    with django_assert_num_queries(0):
        r = galat_server(request)
    assert r.status_code == 500
    assert b"op@dinkes.go.id" in r.content
    # Nothing cached, or no user loaded: the page still renders, without the PIC.
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        r = galat_server(request)
    assert r.status_code == 500
    assert b"Operator unit Anda" not in r.content
