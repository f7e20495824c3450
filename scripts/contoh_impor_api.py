#!/usr/bin/env python3
"""Contoh klien API e-Kinerja: impor aktivitas sebulan dari berkas CSV lewat REST API v1.

Hanya pustaka standar Python (urllib), jadi dapat dijalankan di komputer mana pun:

    EKINERJA_TOKEN=ekn_... python3 scripts/contoh_impor_api.py \\
        --url https://kinerja.example.go.id aktivitas-maret.csv

Kolom CSV (baris pertama = judul; pemisah koma atau titik koma):

    tanggal,jam_mulai,jam_selesai,uraian,jumlah_output,satuan_output[,rhk_id]
    2026-03-02,08:00,09:30,Menyusun laporan surveilans,1,laporan,12

Setiap baris dikirim dengan kunci idempoten yang dihitung dari isi baris, sehingga skrip
boleh dijalankan ulang (mis. setelah koneksi putus): baris yang sudah tercatat tidak menjadi
ganda (server menjawab 200, bukan 201).  Bila server menjawab 429 (batas laju), skrip
menunggu selama Retry-After lalu mengulang.  Kode keluar 1 bila ada baris yang ditolak.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: The namespace of the idempotency keys this script makes (any fixed UUID would do).
RUANG_KUNCI = uuid.UUID("6f1c1f0e-3b0a-4c55-9a0e-6b2d7f3c8e11")
KOLOM_WAJIB = ("tanggal", "jam_mulai", "jam_selesai", "uraian", "jumlah_output", "satuan_output")
MAKS_ULANG = 5


@dataclass
class Hasil:
    baru: int = 0
    sudah_ada: int = 0
    ditolak: list[tuple[int, str]] = field(default_factory=list)


def baca_csv(teks: str) -> list[dict[str, str]]:
    """The rows of the CSV as dicts; the delimiter (comma or semicolon) is guessed."""
    contoh = teks[:2048]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    pembaca = csv.DictReader(io.StringIO(teks), delimiter=pemisah)
    kurang = [k for k in KOLOM_WAJIB if k not in (pembaca.fieldnames or [])]
    if kurang:
        raise SystemExit(f"Kolom CSV kurang: {', '.join(kurang)}")
    return [{k.strip(): (v or "").strip() for k, v in baris.items() if k} for baris in pembaca]


def isian(baris: dict[str, str]) -> dict:
    """The API body of one CSV row, with an idempotency key derived from the row itself."""
    data = {k: baris[k] for k in KOLOM_WAJIB}
    data["jumlah_output"] = data["jumlah_output"].replace(",", ".")
    if baris.get("rhk_id"):
        data["rhk_id"] = int(baris["rhk_id"])
    sidik = json.dumps(data, sort_keys=True, ensure_ascii=False)
    data["kunci"] = str(uuid.uuid5(RUANG_KUNCI, sidik))
    return data


def kirim(url: str, token: str, data: dict, *, tidur: Callable[[float], None] = time.sleep):
    """POST one JSON body; returns (status, parsed body).  Waits and retries on 429."""
    badan = json.dumps(data).encode()
    for _ulang in range(MAKS_ULANG):
        permintaan = urllib.request.Request(  # noqa: S310 (the user's own https/http URL)
            url,
            data=badan,
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Accept": "application/json, application/problem+json",
            },
        )
        try:
            with urllib.request.urlopen(permintaan, timeout=30) as r:  # noqa: S310
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            isi = json.loads(e.read() or b"{}")
            if e.code == 429:
                tidur(float(e.headers.get("Retry-After", "5")))
                continue
            return e.code, isi
    return 429, {"title": "Terlalu banyak permintaan", "detail": "Batas laju terus terlampaui."}


def pesan_galat(isi: dict) -> str:
    """One line from a problem details body: the title, then each field's message."""
    bagian = [isi.get("title", "Galat")]
    for g in isi.get("errors") or []:
        bagian.append(f"{g.get('field')}: {g.get('message')}")
    if len(bagian) == 1 and isi.get("detail"):
        bagian.append(isi["detail"])
    return " — ".join(bagian)


def impor(
    dasar: str,
    token: str,
    baris_csv: Iterable[dict[str, str]],
    *,
    cetak: Callable[[str], None] = print,
    tidur: Callable[[float], None] = time.sleep,
) -> Hasil:
    """Send every row to ``POST {dasar}/api/v1/aktivitas``; report each refusal by row."""
    url = dasar.rstrip("/") + "/api/v1/aktivitas"
    hasil = Hasil()
    for nomor, baris in enumerate(baris_csv, start=2):  # row 1 is the header
        try:
            data = isian(baris)
        except (KeyError, ValueError) as e:
            hasil.ditolak.append((nomor, f"baris tidak lengkap: {e}"))
            continue
        status, isi = kirim(url, token, data, tidur=tidur)
        if status == 201:
            hasil.baru += 1
        elif status == 200:
            hasil.sudah_ada += 1
        else:
            hasil.ditolak.append((nomor, pesan_galat(isi if isinstance(isi, dict) else {})))
            if status == 401:
                cetak("Token tidak sah atau sudah dicabut; berhenti.")
                break
    cetak(f"Tercatat baru: {hasil.baru}; sudah ada sebelumnya: {hasil.sudah_ada}.")
    for nomor, pesan in hasil.ditolak:
        cetak(f"Baris {nomor} ditolak: {pesan}")
    return hasil


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Impor aktivitas dari CSV lewat API e-Kinerja.")
    p.add_argument("berkas", help="berkas CSV (UTF-8)")
    p.add_argument("--url", required=True, help="alamat e-Kinerja, mis. https://kinerja.go.id")
    p.add_argument("--token", default=os.environ.get("EKINERJA_TOKEN"), help="token API")
    a = p.parse_args(argv)
    if not a.token:
        p.error("token wajib: --token atau variabel lingkungan EKINERJA_TOKEN")
    with open(a.berkas, encoding="utf-8-sig") as f:
        baris = baca_csv(f.read())
    hasil = impor(a.url, a.token, baris)
    return 1 if hasil.ditolak else 0


if __name__ == "__main__":
    sys.exit(main())
