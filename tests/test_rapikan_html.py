"""HTML answers go out without the templates' indentation (issue 12's page weight), except
inside <pre> and <textarea>, where white space is content; line breaks stay. Then they are
compressed."""

import gzip

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from ekinerja.middleware import RapikanHtmlMiddleware, rapikan_html


def test_indentasi_hilang_baris_tetap():
    assert rapikan_html(b"<ul>\n    <li>a</li>\n\t<li>b</li>\n</ul>\n") == (
        b"<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    )
    # words on two lines stay two words
    assert rapikan_html(b"<p>satu\n      dua</p>") == b"<p>satu\ndua</p>"
    # a blank line is kept: text shown with white-space: pre-line (the announcement banner)
    # keeps its paragraphs
    assert rapikan_html(b'<p class="x">alinea 1\n\n  alinea 2</p>') == (
        b'<p class="x">alinea 1\n\nalinea 2</p>'
    )


def test_pre_dan_textarea_utuh():
    html = (
        b"<div>\n  <pre>\n  kode\n\n    menjorok</pre>\n  <TEXTAREA name=u>\n"
        b"  baris satu\n\n  baris dua\n</textarea >\n  <p>x</p>\n</div>"
    )
    assert rapikan_html(html) == (
        b"<div>\n<pre>\n  kode\n\n    menjorok</pre>\n<TEXTAREA name=u>\n"
        b"  baris satu\n\n  baris dua\n</textarea >\n<p>x</p>\n</div>"
    )


def test_hanya_html_yang_tidak_dialirkan():
    rf = RequestFactory()
    teks = b"a\n    b"
    mw = RapikanHtmlMiddleware(lambda r: HttpResponse(teks, content_type="text/plain"))
    assert mw(rf.get("/")).content == teks
    mw = RapikanHtmlMiddleware(lambda r: HttpResponse(teks, headers={"Content-Length": "7"}))
    r = mw(rf.get("/"))
    assert r.content == b"a\nb"
    assert r["Content-Length"] == "3"
    mw = RapikanHtmlMiddleware(lambda r: StreamingHttpResponse([teks]))
    assert b"".join(mw(rf.get("/")).streaming_content) == teks


def test_dirapikan_sebelum_dikompres(client, org):
    urutan = settings.MIDDLEWARE
    assert urutan.index("ekinerja.middleware.RapikanHtmlMiddleware") == (
        urutan.index("django.middleware.gzip.GZipMiddleware") + 1
    )
    client.force_login(org.staf)
    biasa = client.get(reverse("beranda")).content
    assert b"\n " not in biasa and b"\n\t" not in biasa
    r = client.get(reverse("beranda"), headers={"accept-encoding": "gzip"})
    assert r["Content-Encoding"] == "gzip"
    isi = gzip.decompress(r.content)
    assert b"\n " not in isi and b"<main" in isi
