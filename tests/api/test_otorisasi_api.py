"""Authorization of every API endpoint × every kind of caller (issue 18 point 4).

Callers: no token; the staf (owner of the objects) with a write and with a read-only token;
his atasan (kasi); an atasan of another unit (the kabid, who does not rate the staf); the
admin instansi's personal token; a pegawai of another instansi; the instansi's service token;
the service token of another instansi.  A foreign object answers 404, a wrong scope or kind
403, no token 401 — always as problem details.  A new endpoint without a row here fails
``test_setiap_endpoint_punya_baris``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from api.views.v1 import api
from tests.api.conftest import KlienApi, isian_aktivitas

PEMANGGIL = (
    "anonim",
    "pemilik",
    "baca",
    "atasan",
    "atasan_lain",
    "admin",
    "lain",
    "layanan",
    "layanan_lain",
)


def harapan(**kode) -> dict[str, int]:
    """401 without a token; every other caller as given."""
    assert set(kode) == set(PEMANGGIL) - {"anonim"}, set(PEMANGGIL) - set(kode)
    return {"anonim": 401, **kode}


# Reads of one's own data: every personal token; a service token is refused (403).
BACA_SENDIRI = harapan(
    pemilik=200, baca=200, atasan=200, atasan_lain=200, admin=200, lain=200,
    layanan=403, layanan_lain=403,
)  # fmt: skip
# The staf's activity: those who may see it read it; another instansi / unit sees nothing.
LIHAT_AKTIVITAS = harapan(
    pemilik=200, baca=200, atasan=200, atasan_lain=404, admin=200, lain=404,
    layanan=403, layanan_lain=403,
)  # fmt: skip
# Changing it: the owner with a write token; his atasan and admin see it but may not (403).
UBAH_AKTIVITAS = harapan(
    pemilik=200, baca=403, atasan=403, atasan_lain=404, admin=403, lain=404,
    layanan=403, layanan_lain=403,
)  # fmt: skip
# The review queue: the pejabat penilai (and the admin, for the PPK).
ANTREAN = harapan(
    pemilik=403, baca=403, atasan=200, atasan_lain=200, admin=200, lain=403,
    layanan=403, layanan_lain=403,
)  # fmt: skip
# Approving the staf's rows: only his pejabat penilai; an atasan elsewhere does not see them.
TINJAU = harapan(
    pemilik=403, baca=403, atasan=200, atasan_lain=404, admin=403, lain=403,
    layanan=403, layanan_lain=403,
)  # fmt: skip
# The instansi endpoints: the admin and the service tokens, each for its own instansi.
INSTANSI = harapan(
    pemilik=403, baca=403, atasan=403, atasan_lain=403, admin=200, lain=403,
    layanan=200, layanan_lain=200,
)  # fmt: skip


def _bukti():
    return {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}


def _kehadiran(d):
    isi = (
        "nip,tahun,bulan,hari_kerja,terlambat,pulang_cepat,tanpa_keterangan\n"
        f"{d.org.staf.nip},2026,2,20,1,0,0\n"
    ).encode()
    return {"berkas": SimpleUploadedFile("hadir.csv", isi, "text/csv"), "terapkan": "true"}


@dataclass
class Baris:
    metode: str
    path: str  # the OpenAPI path
    url: object  # d -> the URL under /api/v1
    kode: dict[str, int]
    isi: object = None  # d -> body
    multipart: bool = False
    pengecualian: dict[str, int] = field(default_factory=dict)


def _aktivitas(d):
    return f"/aktivitas/{d.aktivitas.pk}"


TABEL = [
    Baris(
        "get",
        "/api/v1/saya",
        lambda d: "/saya",
        harapan(
            pemilik=200,
            baca=200,
            atasan=200,
            atasan_lain=200,
            admin=200,
            lain=200,
            layanan=200,
            layanan_lain=200,
        ),
    ),  # fmt: skip
    Baris("get", "/api/v1/skp", lambda d: "/skp", BACA_SENDIRI),
    Baris("get", "/api/v1/aktivitas", lambda d: "/aktivitas", BACA_SENDIRI),
    Baris(
        "post",
        "/api/v1/aktivitas",
        lambda d: "/aktivitas",
        BACA_SENDIRI
        | {
            "pemilik": 201,
            "atasan": 201,
            "atasan_lain": 201,
            "admin": 201,
            "lain": 201,
            "baca": 403,
        },
        isi=lambda d: isian_aktivitas(),
    ),  # fmt: skip
    Baris("get", "/api/v1/aktivitas/{aktivitas_id}", _aktivitas, LIHAT_AKTIVITAS),
    Baris(
        "put",
        "/api/v1/aktivitas/{aktivitas_id}",
        _aktivitas,
        UBAH_AKTIVITAS,
        isi=lambda d: {k: v for k, v in isian_aktivitas().items() if k != "kunci"},
    ),
    Baris(
        "delete", "/api/v1/aktivitas/{aktivitas_id}", _aktivitas, UBAH_AKTIVITAS | {"pemilik": 204}
    ),  # fmt: skip
    Baris(
        "post",
        "/api/v1/aktivitas/{aktivitas_id}/bukti",
        lambda d: _aktivitas(d) + "/bukti",
        UBAH_AKTIVITAS | {"pemilik": 201},
        isi=lambda d: _bukti(),
        multipart=True,
    ),
    Baris("get", "/api/v1/realisasi", lambda d: "/realisasi?tahun=2026&bulan=2", BACA_SENDIRI),
    Baris(
        "post",
        "/api/v1/realisasi/siapkan",
        lambda d: "/realisasi/siapkan",
        BACA_SENDIRI | {"baca": 403},
        isi=lambda d: {"tahun": 2026, "bulan": 2},
    ),
    Baris(
        "put",
        "/api/v1/realisasi/{realisasi_id}",
        lambda d: f"/realisasi/{d.realisasi_draf.pk}",
        UBAH_AKTIVITAS,
        isi=lambda d: {"realisasi": "Tiga laporan", "nilai": "3"},
    ),
    Baris(
        "post",
        "/api/v1/realisasi/ajukan",
        lambda d: "/realisasi/ajukan",
        # Only the staf has a draft of February to submit; for the others the month is
        # empty (422 from the service): nobody submits another's month.
        BACA_SENDIRI | {"baca": 403, "atasan": 422, "atasan_lain": 422, "admin": 422, "lain": 422},
        isi=lambda d: {"tahun": 2026, "bulan": 2},
    ),  # fmt: skip
    Baris("get", "/api/v1/tinjau/aktivitas", lambda d: "/tinjau/aktivitas", ANTREAN),
    Baris("get", "/api/v1/tinjau/realisasi", lambda d: "/tinjau/realisasi", ANTREAN),
    Baris(
        "post",
        "/api/v1/tinjau/aktivitas/setujui",
        lambda d: "/tinjau/aktivitas/setujui",
        TINJAU,
        isi=lambda d: {"ids": [d.aktivitas.pk]},
    ),
    Baris(
        "post",
        "/api/v1/tinjau/aktivitas/kembalikan",
        lambda d: "/tinjau/aktivitas/kembalikan",
        TINJAU,
        isi=lambda d: {"ids": [d.aktivitas.pk], "catatan": "Lengkapi bukti"},
    ),
    Baris(
        "post",
        "/api/v1/tinjau/realisasi/setujui",
        lambda d: "/tinjau/realisasi/setujui",
        TINJAU,
        isi=lambda d: {"ids": [d.realisasi_diajukan.pk]},
    ),
    Baris(
        "post",
        "/api/v1/tinjau/realisasi/kembalikan",
        lambda d: "/tinjau/realisasi/kembalikan",
        TINJAU,
        isi=lambda d: {"ids": [d.realisasi_diajukan.pk], "catatan": "Perbaiki angka"},
    ),
    Baris("get", "/api/v1/instansi/pegawai", lambda d: "/instansi/pegawai", INSTANSI),
    Baris(
        "get",
        "/api/v1/instansi/pegawai/{pegawai_id}",
        lambda d: f"/instansi/pegawai/{d.org.staf.pk}",
        INSTANSI | {"layanan_lain": 404},
    ),
    Baris("get", "/api/v1/instansi/predikat", lambda d: "/instansi/predikat?tahun=2026", INSTANSI),
    Baris("get", "/api/v1/instansi/siasn", lambda d: "/instansi/siasn?tahun=2026", INSTANSI),
    Baris(
        "post",
        "/api/v1/instansi/kehadiran",
        lambda d: "/instansi/kehadiran",
        INSTANSI,
        isi=_kehadiran,
        multipart=True,
    ),
]


def _panggil(klien: KlienApi, baris: Baris, d):
    url = baris.url(d)
    isi = baris.isi(d) if baris.isi else None
    if baris.metode == "get":
        return klien.get(url)
    if baris.metode == "delete":
        return klien.delete(url)
    if baris.metode == "put":
        return klien.put(url, isi)
    return klien.post(url, isi, multipart=baris.multipart)


def test_setiap_endpoint_punya_baris():
    skema = api.get_openapi_schema()
    operasi = {(m, p) for p, ops in skema["paths"].items() for m in ops}
    tabel = {(b.metode, b.path) for b in TABEL}
    assert operasi == tabel, (operasi - tabel, tabel - operasi)


@pytest.mark.parametrize("baris", TABEL, ids=lambda b: f"{b.metode} {b.path}")
def test_otorisasi(data_api, token, baris):
    """Each caller in its own savepoint: what one changes (a deletion, an approval) does not
    change the answer of the next."""
    hasil = {}
    for jenis in PEMANGGIL:
        with transaction.atomic():
            resp = _panggil(KlienApi(token[jenis]), baris, data_api)
            hasil[jenis] = resp.status_code
            if resp.status_code >= 400:
                assert resp["Content-Type"] == "application/problem+json", (jenis, resp)
                assert resp.json()["status"] == resp.status_code
            transaction.set_rollback(True)
    assert hasil == baris.kode


def test_layanan_instansi_lain_tidak_menerapkan_kehadiran(data_api, token):
    """The other instansi's service token: the staf's NIP is unknown there, nothing written."""
    resp = KlienApi(token["layanan_lain"]).post(
        "/instansi/kehadiran", _kehadiran(data_api), multipart=True
    )
    assert resp.status_code == 200
    assert resp.json()["diterapkan"] is False and resp.json()["kesalahan"]
    from penilaian.models import Kehadiran

    assert not Kehadiran.objects.filter(pegawai=data_api.org.staf).exists()


def test_daftar_layanan_lain_tidak_memuat_pegawai_instansi_ini(data_api, token):
    data = KlienApi(token["layanan_lain"]).get("/instansi/pegawai").json()["data"]
    assert data_api.org.staf.nip not in {p["nip"] for p in data}
    assert {p["nip"] for p in data} == {data_api.admin_lain.nip}


def test_id_asing_di_tengah_persetujuan_massal_membatalkan_semua(data_api, token):
    """One id the atasan may not name among his own: 404, and nothing approved."""
    import datetime as dt
    from decimal import Decimal

    from aktivitas.services import harian as akt

    lain = data_api.org.orang_lain
    asing = akt.catat_aktivitas(
        lain,
        lain,
        akt.DataAktivitas(
            tanggal=data_api.aktivitas.tanggal,
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="asing",
            jumlah_output=Decimal("1"),
            satuan_output="x",
        ),
        uuid.uuid4(),
    )[0]
    resp = KlienApi(token["atasan"]).post(
        "/tinjau/aktivitas/setujui", {"ids": [data_api.aktivitas.pk, asing.pk]}
    )
    assert resp.status_code == 404
    data_api.aktivitas.refresh_from_db()
    assert data_api.aktivitas.status == "menunggu"
