"""The main menu: grouped per role, every entry reachable, the current page marked, counts of
waiting work at a cost that does not grow with the work."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aktivitas.services import harian as akt
from ekinerja.navigasi import MENU, URUTAN_GRUP
from pegawai.permissions import peran
from tests.aktivitas.conftest import data, kunci

PERAN = ("staf", "kasi", "operator", "admin")


def menu_di(html: str) -> list[str]:
    """The entries of the main menu, drawn once for every screen."""
    menu = html.split('<nav id="menu-utama"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'data-menu="([a-z_]+)"', menu)


@pytest.mark.parametrize("nama", PERAN)
def test_setiap_entri_peran_ada_dalam_grup_dan_terbuka(client, org, nama):
    user = getattr(org, nama)
    client.force_login(user)
    html = client.get(reverse("beranda")).content.decode()
    p = peran(user)
    harapan = [m.url_name for m in MENU if m.boleh(p)]
    assert sorted(menu_di(html)) == sorted(harapan)
    # Every entry sits under one of the four groups, and the groups come in their order.
    judul = re.findall(r'data-grup="([^"]+)"', html)
    assert judul == [str(g) for g in URUTAN_GRUP if str(g) in judul]
    for url_name in harapan:
        assert client.get(reverse(url_name)).status_code == 200, url_name


def test_hanya_halaman_ini_yang_ditandai(client, org):
    client.force_login(org.admin)
    html = client.get(reverse("kelola_unit")).content.decode()
    ditandai = re.findall(r'data-menu="([a-z_]+)" aria-current="page"', html)
    assert set(ditandai) == {"kelola_unit"}
    assert 'class="nav-grup nav-grup-aktif" data-grup="Administrasi"' in html


def test_asn_dengan_satu_grup_melihat_entri_langsung(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "data-grup=" not in html  # no disclosure to open on a wide screen


def test_jumlah_tinjauan_tampil_dan_kueri_tetap(client, org):
    client.force_login(org.kasi)

    def kueri():
        with CaptureQueriesContext(connection) as q:
            html = client.get(reverse("bawahan")).content.decode()
        return len(q), html

    akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    kueri()  # the first visit fills the per-page caches (banners, roles); count the next ones
    n1, html = kueri()
    assert re.search(r'data-menu="aktivitas_tinjau">Tinjau aktivitas <span class="badge', html)
    assert 'aria-label="1 menunggu">1</span>' in html
    for jam in range(10, 16):
        akt.catat_aktivitas(org.staf, org.staf, data(mulai=(jam, 0), selesai=(jam, 30)), kunci())
    n7, html = kueri()
    assert 'aria-label="7 menunggu">7</span>' in html
    assert n7 == n1


def test_asn_tidak_membayar_hitungan(client, org, django_assert_max_num_queries):
    client.force_login(org.staf)
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("beranda"))
    assert not [
        x
        for x in q.captured_queries
        if "aktivitas_aktivitas" in x["sql"] and "COUNT" in x["sql"].upper()
    ]


def test_menu_digambar_sekali_per_isi_dan_bahasa(client, org):
    """The menu is rendered once per distinct menu (ekinerja/templatetags/menu.py,
    inti/fragmen.py): the same page again reuses it; another language is another menu."""
    from django.utils import translation

    client.force_login(org.kasi)

    def digambar(r) -> bool:
        return "components/menu.html" in [t.name for t in r.templates]

    pertama = client.get(reverse("bawahan"))
    kedua = client.get(reverse("bawahan"))
    assert digambar(pertama) and not digambar(kedua)
    assert kedua.content.decode().count('data-menu="bawahan"') == 1  # one menu, both screens
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        inggris = client.get(reverse("bawahan"))
    assert digambar(inggris)
    assert "Main navigation" in inggris.content.decode()
