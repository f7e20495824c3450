"""A minimal HTTP client for the benchmark: one cookie jar per logged-in pegawai.

Standard library only (``http.client``), a fresh loopback connection per request as gunicorn's
sync workers close it after each response anyway.  It asks for gzip like a browser (the
site's GZipMiddleware then does its real work) and drops the ``messages`` cookie: a browser
shows those flash messages on the next page, and keeping them would pile them up.
"""

from __future__ import annotations

import gzip
import http.client
from dataclasses import dataclass
from urllib.parse import urlencode

ABAIKAN_COOKIE = {"messages"}


@dataclass
class Jawaban:
    status: int
    isi: bytes
    lokasi: str


class Klien:
    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, port
        self.cookie: dict[str, str] = {}

    @property
    def csrf(self) -> str:
        return self.cookie.get("csrftoken", "")

    def minta(
        self, metode: str, jalur: str, data: dict | None = None, header: dict | None = None
    ) -> Jawaban:
        tubuh = urlencode(data).encode() if data is not None else None
        h = {"Host": f"{self.host}:{self.port}", "Accept-Encoding": "gzip", **(header or {})}
        if self.cookie:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookie.items())
        if tubuh is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(metode, jalur, body=tubuh, headers=h)
            resp = conn.getresponse()
            isi = resp.read()
            if resp.getheader("Content-Encoding") == "gzip":
                isi = gzip.decompress(isi)
            for nilai in resp.headers.get_all("Set-Cookie") or []:
                nama, _, sisa = nilai.partition("=")
                if nama not in ABAIKAN_COOKIE:
                    self.cookie[nama.strip()] = sisa.split(";", 1)[0]
            return Jawaban(resp.status, isi, resp.getheader("Location") or "")
        finally:
            conn.close()

    def masuk(self, nip: str, sandi: str) -> None:
        """Log in through the real login page (GET for the CSRF cookie, then POST)."""
        self.minta("GET", "/masuk/")
        j = self.minta(
            "POST",
            "/masuk/",
            {"csrfmiddlewaretoken": self.csrf, "username": nip, "password": sandi},
        )
        if j.status != 302 or "sessionid" not in self.cookie:
            raise RuntimeError(f"gagal masuk sebagai {nip}: HTTP {j.status}")
