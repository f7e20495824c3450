"""The UI is in Bahasa Indonesia by default, whatever the browser asks; the switcher wins."""

from django.urls import reverse


def test_bawaan_bahasa_indonesia_walau_browser_berbahasa_inggris(client, db):
    html = client.get(reverse("masuk"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html
    assert "Masuk" in html


def test_pilihan_bahasa_inggris_dipakai(client, db):
    resp = client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    assert resp.status_code == 302
    html = client.get(reverse("masuk")).content.decode()
    assert 'lang="en"' in html
    assert "Log in" in html
