"""Page parts drawn once per distinct inputs (inti/fragmen.py, ``{% fragmen %}``): drawn from
their inputs only, never one user's for another, each request with its own CSRF token."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from inti import fragmen


def _gambar(hitungan: list):
    def gambar(isi: dict) -> str:
        hitungan.append(dict(isi))
        return f"<p>{isi.get('nama')}|{isi.get('csrf_token', '-')}</p>"

    return gambar


def test_digambar_sekali_per_masukan_yang_berbeda():
    hitungan: list = []
    a = fragmen.sekali("uji", {"nama": "Ani"}, _gambar(hitungan))
    b = fragmen.sekali("uji", {"nama": "Ani"}, _gambar(hitungan))
    c = fragmen.sekali("uji", {"nama": "Budi"}, _gambar(hitungan))
    d = fragmen.sekali("lain", {"nama": "Ani"}, _gambar(hitungan))
    assert a == b == "<p>Ani|-</p>" and c == "<p>Budi|-</p>" and d == a
    assert [h["nama"] for h in hitungan] == ["Ani", "Budi", "Ani"]  # "lain" is its own part


def test_token_csrf_milik_permintaan_sendiri():
    hitungan: list = []
    satu = fragmen.sekali("uji", {"nama": "Ani"}, _gambar(hitungan), token="TOKENSATU")
    dua = fragmen.sekali("uji", {"nama": "Ani"}, _gambar(hitungan), token="TOKENDUA")
    assert len(hitungan) == 1
    assert hitungan[0]["csrf_token"] == fragmen.PENANDA_CSRF
    assert satu == "<p>Ani|TOKENSATU</p>" and dua == "<p>Ani|TOKENDUA</p>"
    # Without a token the part is another one (no form field for a missing token).
    assert fragmen.sekali("uji", {"nama": "Ani"}, _gambar(hitungan)) == "<p>Ani|-</p>"
    assert len(hitungan) == 2


def test_bahasa_dan_keamanan_teks_bagian_dari_kunci():
    hitungan: list = []
    fragmen.sekali("uji", {"nama": "<b>"}, _gambar(hitungan))
    fragmen.sekali("uji", {"nama": mark_safe("<b>")}, _gambar(hitungan))  # noqa: S308
    with translation.override("en"):
        fragmen.sekali("uji", {"nama": "<b>"}, _gambar(hitungan))
    assert len(hitungan) == 3


@dataclass(frozen=True)
class _Langkah:
    label: str
    selesai: bool


def test_masukan_harus_nilai_polos():
    kunci = fragmen.beku(
        {
            "a": [1, "x", None, dt.date(2026, 1, 2)],
            "b": {"c": True},
            "d": _Langkah("x", False),
        }
    )
    assert hash(kunci)
    # Equal values that render differently are different keys.
    from decimal import Decimal

    assert len({fragmen.beku(v) for v in (1, True, 1.0, Decimal("1"), Decimal("1.00"))}) == 5
    assert fragmen.beku(_Langkah("x", False)) != fragmen.beku(_Langkah("x", True))
    with pytest.raises(TypeError, match="bukan nilai polos"):
        fragmen.beku({"user": object()})


def test_jumlah_yang_disimpan_terbatas(monkeypatch):
    monkeypatch.setattr(fragmen, "MAKS", 3)
    hitungan: list = []
    for i in range(5):
        fragmen.sekali("uji", {"nama": i}, _gambar(hitungan))
    assert len(fragmen._tersimpan) == 3
    fragmen.sekali("uji", {"nama": 0}, _gambar(hitungan))  # dropped: drawn again
    assert len(hitungan) == 6


def _tag(isi: str) -> Template:
    return Template("{% load fragmen %}" + isi)


def test_tag_hanya_melihat_masukannya():
    t = _tag('{% fragmen "t" a=nama %}[{{ a }}|{{ rahasia }}|{{ nama }}]{% endfragmen %}')
    assert t.render(Context({"nama": "Ani", "rahasia": "sandi"})) == "[Ani||]"
    # The same inputs with another page's context: the kept part, still nothing else.
    assert t.render(Context({"nama": "Ani", "rahasia": "lain"})) == "[Ani||]"
    assert t.render(Context({"nama": "Budi"})) == "[Budi||]"


def test_tag_menolak_objek_dan_sintaks_salah(org):
    t = _tag('{% fragmen "t" p=pegawai %}{{ p.nama }}{% endfragmen %}')
    with pytest.raises(TypeError):
        t.render(Context({"pegawai": org.staf}))
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        _tag("{% fragmen t %}{% endfragmen %}")
    with pytest.raises(TemplateSyntaxError):
        _tag('{% fragmen "t" nama %}{% endfragmen %}')


def _token_keluar(html: str) -> str:
    form = html[html.index(f'action="{reverse("keluar")}"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_kepala_halaman_milik_pengguna_sendiri_dan_tokennya_sah(client, org):
    """The top bar kept for one user is never another's; the logout form in it carries the
    session's own CSRF token (a POST with it is accepted)."""
    from django.test import Client

    halaman = reverse("notifikasi_daftar")
    client.force_login(org.staf)
    client.get(halaman)
    html = client.get(halaman).content.decode()
    assert org.staf.nip in html and org.kasi.nip not in html
    assert fragmen.PENANDA_CSRF not in html

    lain = Client(enforce_csrf_checks=True)
    lain.force_login(org.kasi)
    html_lain = lain.get(halaman).content.decode()
    assert org.kasi.nip in html_lain and org.staf.nip not in html_lain
    token = _token_keluar(html_lain)
    assert _unmask_cipher_token(token) == lain.cookies["csrftoken"].value
    assert lain.post(reverse("keluar"), {"csrfmiddlewaretoken": token}).status_code == 302
