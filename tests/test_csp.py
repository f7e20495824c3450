"""Content-Security-Policy (issue 14): every HTML page carries an enforced policy that allows
only this origin's files, with no 'unsafe-inline' and no 'unsafe-eval', and no page needs
either — no inline <script>, no <style> element, no style="" attribute, no on*= handler, no
hx-on (htmx would need eval), no javascript: URL.  Checked on every menu page of every demo
role (the crawler of tests/test_bobot_halaman.py), the login and password-reset pages and the
error pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from ekinerja.demo.organisasi import AKUN_DEMO, NIP_ASN, NIP_ATASAN
from ekinerja.navigasi import MENU
from pegawai.models import Pegawai
from pegawai.permissions import peran
from tests.test_bobot_halaman import _halaman_harian
from tests.test_bobot_halaman import demo as demo  # noqa: F401  (fixture)

HEADER = "Content-Security-Policy"
WAJIB = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def kebijakan(respons) -> dict[str, set[str]]:
    nilai = respons.headers.get(HEADER)
    assert nilai, f"tanpa {HEADER}"
    hasil = {}
    for bagian in nilai.split(";"):
        kata = bagian.split()
        if kata:
            hasil[kata[0]] = set(kata[1:])
    return hasil


class _Pemeriksa(HTMLParser):
    """Collects whatever in a page the policy would refuse."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.masalah: list[str] = []

    def handle_starttag(self, tag, attrs):
        atribut = dict(attrs)
        if tag == "script" and not atribut.get("src"):
            self.masalah.append("<script> sebaris (tanpa src)")
        if tag == "style":
            self.masalah.append("elemen <style>")
        for nama, nilai in attrs:
            if nama == "style":
                self.masalah.append(f"<{tag} style=...>")
            elif nama.startswith("on"):
                self.masalah.append(f"<{tag} {nama}=...>")
            elif nama.startswith(("hx-on", "data-hx-on")):
                self.masalah.append(f"<{tag} {nama}=...> (htmx eval)")
            elif (nilai or "").strip().lower().startswith(("javascript:", "js:")):
                self.masalah.append(f"<{tag} {nama}={nilai[:30]}...>")

    handle_startendtag = handle_starttag


def masalah_html(html: str) -> list[str]:
    p = _Pemeriksa()
    p.feed(html)
    p.close()
    return p.masalah


def periksa(respons, label: str) -> list[str]:
    """Everything wrong with one response (empty: the response passes)."""
    salah = []
    try:
        csp = kebijakan(respons)
    except AssertionError as e:
        return [f"{label}: {e}"]
    for arahan, sumber in WAJIB.items():
        if csp.get(arahan) != sumber:
            salah.append(f"{label}: {arahan} {sorted(csp.get(arahan, []))}")
    for arahan, sumber in csp.items():
        for longgar in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"):
            if longgar in sumber:
                salah.append(f"{label}: {arahan} {longgar}")
    if "text/html" in respons.headers.get("Content-Type", ""):
        salah += [f"{label}: {m}" for m in masalah_html(respons.content.decode())]
    return salah


# --- the checker itself ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="application/json">{}</script>',
        "<style>p{}</style>",
        '<p style="color:red">x</p>',
        '<button onclick="x()">x</button>',
        '<form hx-on::after-request="x()"></form>',
        '<a href="javascript:void(0)">x</a>',
        '<div hx-vals="js:{a: 1}"></div>',
        '<svg><rect style="fill:red"/></svg>',
    ],
)
def test_pemeriksa_menemukan_yang_dilarang(html):
    assert masalah_html(html)


def test_pemeriksa_membiarkan_yang_boleh():
    html = (
        '<script src="/static/js/menu.js" defer></script><link rel="stylesheet" href="/a.css">'
        '<p class="muted" data-on="x">on</p><a href="/online/">x</a>'
        '<meta name="htmx-config" content=\'{"allowEval":false}\'>'
    )
    assert masalah_html(html) == []


# --- the pages ------------------------------------------------------------------------------
def test_setiap_halaman_menu_setiap_peran_demo(client, demo):  # noqa: F811
    halaman = []
    for akun in AKUN_DEMO:
        p = Pegawai.objects.get(nip=akun.nip)
        if p.is_active:
            halaman += [(p, reverse(m.url_name)) for m in MENU if m.boleh(peran(p))]
    halaman += _halaman_harian(
        Pegawai.objects.get(nip=NIP_ASN), Pegawai.objects.get(nip=NIP_ATASAN)
    )
    assert len(halaman) > 60
    salah = []
    for pegawai, url in halaman:
        client.force_login(pegawai)
        r = client.get(url)
        assert r.status_code == 200, (pegawai.nip, url, r.status_code)
        assert "text/html" in r.headers["Content-Type"], url
        salah += periksa(r, f"{url} ({pegawai.nip})")
    assert not salah, "\n".join(salah)


def test_halaman_dasar_memasang_htmx_tanpa_eval_dan_gaya_sisipan(client, db):
    html = client.get(reverse("masuk")).content.decode()
    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false,"allowEval":false}\'>'
        in html
    )
    # The config is read when htmx loads, so it must come before htmx.
    assert html.index('name="htmx-config"') < html.index("htmx-2")


def test_halaman_tanpa_masuk_dan_reset_sandi(client, db):
    salah = []
    for url in (
        reverse("masuk"),
        reverse("reset_sandi"),
        reverse("reset_sandi_terkirim"),
        reverse("reset_sandi_selesai"),
        reverse("reset_sandi_konfirmasi", kwargs={"uidb64": "MQ", "token": "bukan-token"}),
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        salah += periksa(r, url)
    # A refused form (errors next to the field) and a refused login.
    r = client.post(reverse("reset_sandi"), {"nip": "123"})
    assert r.status_code == 200
    salah += periksa(r, "reset_sandi POST")
    r = client.post(reverse("masuk"), {"username": "199001012015031999", "password": "x"})
    assert r.status_code == 200
    salah += periksa(r, "masuk POST")
    assert not salah, "\n".join(salah)


def test_halaman_galat(client, org):
    salah = []
    r = client.get("/tidak-ada-halaman-ini/")
    assert r.status_code == 404
    salah += periksa(r, "404 tanpa masuk")
    client.force_login(org.staf)
    r = client.get("/tidak-ada-halaman-ini/")
    assert r.status_code == 404
    salah += periksa(r, "404")
    r = client.get(reverse("kelola_unit"))
    assert r.status_code == 403
    salah += periksa(r, "403")
    csrf = Client(enforce_csrf_checks=True)
    r = csrf.post(reverse("masuk"), {"username": org.staf.nip, "password": "x"})
    assert r.status_code == 403
    salah += periksa(r, "403 CSRF")
    assert not salah, "\n".join(salah)


def test_halaman_500_tanpa_gaya_sebaris():
    # Rendered by Django's server_error handler with no context; the header comes from the
    # middleware like on every other response.
    assert masalah_html(render_to_string("500.html")) == []


def test_partial_htmx_juga_membawa_kebijakan(client, org):
    client.force_login(org.kasi)
    r = client.get(reverse("aktivitas_tinjau"), headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert not periksa(r, "tinjau (htmx)")
