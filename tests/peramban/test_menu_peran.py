"""Every demo role's menu entries are reachable at 1366×768 and at 360×740: each entry is
visible after at most one tap (its group, or the Menu button) and its page opens."""

import pytest
from playwright.sync_api import expect

from ekinerja.demo.organisasi import NIP_ADMIN, NIP_ASN, NIP_ATASAN, NIP_OPERATOR
from ekinerja.navigasi import MENU
from pegawai.models import Pegawai
from pegawai.permissions import peran
from tests.peramban.conftest import masuk


def _entri(nip: str) -> list[str]:
    p = peran(Pegawai.objects.get(nip=nip))
    return [m.url_name for m in MENU if m.boleh(p)]


def _terlihat_setelah_satu_ketuk(halaman, url_name: str, layar: str) -> None:
    if layar == "ponsel":
        nav = halaman.locator("#menu-utama")
        tautan = nav.locator(f'a[data-menu="{url_name}"]')
        if not tautan.is_visible():
            nav.locator(".menu-sempit summary").click()
    else:
        nav = halaman.locator("#menu-utama .menu-lebar")
        tautan = nav.locator(f'a[data-menu="{url_name}"]')
        if not tautan.is_visible():
            isi = halaman.locator(f'a[data-menu="{url_name}"]')
            nav.locator("details", has=isi).locator("summary").first.click()
    # on a phone the groups are opened by menu.js on the Menu's toggle event, a moment later
    expect(tautan, f"{url_name} tidak terlihat setelah satu ketukan ({layar})").to_be_visible()
    assert tautan.bounding_box()["height"] >= 24


@pytest.mark.parametrize("nip", [NIP_ASN, NIP_ATASAN, NIP_OPERATOR, NIP_ADMIN])
def test_setiap_entri_terjangkau_dengan_satu_ketukan(demo, buka, nip):
    harapan = _entri(nip)
    for layar in ("komputer", "ponsel"):
        h = buka(layar)
        masuk(h, demo, nip)
        semua = h.locator("#menu-utama a[data-menu]").evaluate_all(
            "els => [...new Set(els.map(e => e.dataset.menu))]"
        )
        assert sorted(semua) == sorted(harapan)
        for url_name in harapan:
            h.goto(demo + "/")
            _terlihat_setelah_satu_ketuk(h, url_name, layar)
            with h.expect_navigation():
                h.locator(f'#menu-utama a[data-menu="{url_name}"]:visible').click()
            assert h.locator("h1").count() >= 1
            assert h.locator(f'a[data-menu="{url_name}"][aria-current="page"]').count() >= 1, (
                url_name
            )
