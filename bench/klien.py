"""A minimal HTTP client for the benchmark: one cookie jar per logged-in pegawai.

Standard library only (``http.client``), a fresh loopback connection per request as gunicorn's
sync workers close it after each response anyway.  It asks for gzip like a browser (the
site's GZipMiddleware then does its real work) and keeps the ``messages`` cookie aside: a
browser shows those flash messages on the next page, and sending them with every request
would pile them up.  A request that follows a redirect may ask for them (``ikut_pesan``), as
the browser's next page would show them: that is how a scenario sees a refusal that comes
back as a redirect with an error message.

Each answer carries its uncompressed size and the number of SQL queries it cost (header
``X-Jumlah-Kueri`` of ``bench/kueri_hitung.py``, None when the server does not send it).
"""

from __future__ import annotations

import gzip
import http.client
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

COOKIE_PESAN = "messages"
JALUR_DUA_LANGKAH = "/akun/dua-langkah/verifikasi/"


@dataclass
class Jawaban:
    status: int
    isi: bytes
    lokasi: str
    kueri: int | None = None


@dataclass
class Berkas:
    """One file of a multipart upload."""

    medan: str
    nama: str
    jenis: str
    isi: bytes


def multipart(
    data: dict | Sequence[tuple[str, str]], berkas: Sequence[Berkas]
) -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data request, fields first, then the files."""
    batas = f"----bench{uuid.uuid4().hex}"
    pasangan = data.items() if isinstance(data, dict) else data
    bagian: list[bytes] = []
    for nama, nilai in pasangan:
        kepala = f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n'
        bagian.append(f"{kepala}{nilai}\r\n".encode())
    for b in berkas:
        bagian.append(
            (
                f'--{batas}\r\nContent-Disposition: form-data; name="{b.medan}"; '
                f'filename="{b.nama}"\r\nContent-Type: {b.jenis}\r\n\r\n'
            ).encode()
            + b.isi
            + b"\r\n"
        )
    bagian.append(f"--{batas}--\r\n".encode())
    return b"".join(bagian), f"multipart/form-data; boundary={batas}"


class Klien:
    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, port
        self.cookie: dict[str, str] = {}
        self.pesan = ""  # the last flash-messages cookie, sent only when asked (ikut_pesan)
        self.terakhir: Jawaban | None = None  # the last answer (size and queries of a step)

    @property
    def csrf(self) -> str:
        return self.cookie.get("csrftoken", "")

    def salin(self) -> Klien:
        """Another client in the same session (another tab of the same browser)."""
        k = Klien(self.port, self.host)
        k.cookie = dict(self.cookie)
        return k

    def minta(
        self,
        metode: str,
        jalur: str,
        data: dict | Sequence[tuple[str, str]] | None = None,
        header: dict | None = None,
        *,
        berkas: Sequence[Berkas] = (),
        ikut_pesan: bool = False,
    ) -> Jawaban:
        h = {"Host": f"{self.host}:{self.port}", "Accept-Encoding": "gzip", **(header or {})}
        if berkas:
            tubuh, h["Content-Type"] = multipart(data or {}, berkas)
        elif data is not None:
            tubuh = urlencode(data).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            tubuh = None
        cookie = dict(self.cookie)
        if ikut_pesan and self.pesan:
            cookie[COOKIE_PESAN] = self.pesan
            self.pesan = ""
        if cookie:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookie.items())
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(metode, jalur, body=tubuh, headers=h)
            resp = conn.getresponse()
            isi = resp.read()
            if resp.getheader("Content-Encoding") == "gzip":
                isi = gzip.decompress(isi)
            for nilai in resp.headers.get_all("Set-Cookie") or []:
                nama, _, sisa = nilai.partition("=")
                nama, isi_cookie = nama.strip(), sisa.split(";", 1)[0]
                if nama == COOKIE_PESAN:
                    self.pesan = isi_cookie
                else:
                    self.cookie[nama] = isi_cookie
            kueri = resp.getheader("X-Jumlah-Kueri")
            j = Jawaban(
                resp.status,
                isi,
                resp.getheader("Location") or "",
                int(kueri) if kueri and kueri.isdigit() else None,
            )
            self.terakhir = j
            return j
        finally:
            conn.close()

    def masuk(
        self, nip: str, sandi: str, kode_otp: Callable[[str], str | None] | None = None
    ) -> None:
        """Log in through the real login page (GET for the CSRF cookie, then POST), then the
        second step when ``kode_otp(nip)`` gives a code (an admin or operator: his
        authenticator app's code, see ``bench.beban.kode_otp``)."""
        self.minta("GET", "/masuk/")
        j = self.minta(
            "POST",
            "/masuk/",
            {"csrfmiddlewaretoken": self.csrf, "username": nip, "password": sandi},
        )
        if j.status != 302 or "sessionid" not in self.cookie:
            raise RuntimeError(f"gagal masuk sebagai {nip}: HTTP {j.status}")
        kode = kode_otp(nip) if kode_otp else None
        if kode is None:
            return
        j = self.minta(
            "POST",
            JALUR_DUA_LANGKAH,
            {"csrfmiddlewaretoken": self.csrf, "kode": kode, "next": "/"},
        )
        if j.status != 302:
            raise RuntimeError(f"verifikasi dua langkah {nip} ditolak: HTTP {j.status}")
