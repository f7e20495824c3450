"""Authorization rules for the bantuan URLs (merged into tests/test_matriks_akses.py)."""

from __future__ import annotations

from bantuan.models import Pertanyaan
from tests.akses import SEMUA_MASUK, Aturan, masuk_dulu

# The staf's question: he and those who answer for his unit (his operator, the admin, the
# superuser) see it; his atasan and another instansi get 404.
LIHAT = masuk_dulu(asn=200, atasan=404, operator=200, admin=200, superuser=200, lain=404)


def _pertanyaan(org):
    return {"pk": org.pertanyaan_staf.pk}


ATURAN: dict[str, Aturan] = {
    "bantuan_indeks": Aturan(SEMUA_MASUK),
    "bantuan_panduan": Aturan(SEMUA_MASUK, kwargs=lambda org: {"nama": "asn"}),
    "bantuan_langkah_awal": Aturan(
        masuk_dulu(asn=302, atasan=302, operator=302, admin=302, superuser=302, lain=302),
        metode="post",
        data={"ditutup": "1"},
    ),
    "bantuan_panel": Aturan(SEMUA_MASUK),
    "bantuan_tanya": Aturan(SEMUA_MASUK),
    "bantuan_pertanyaan_saya": Aturan(SEMUA_MASUK),
    "bantuan_pertanyaan": Aturan(LIHAT, kwargs=_pertanyaan),
    "bantuan_jawab": Aturan(
        masuk_dulu(asn=403, atasan=404, operator=302, admin=302, superuser=302, lain=404),
        kwargs=_pertanyaan,
        metode="post",
        data={"jawaban": "Buka menu SKP saya."},
    ),
    "bantuan_selesai": Aturan(
        masuk_dulu(asn=302, atasan=404, operator=302, admin=302, superuser=302, lain=404),
        kwargs=_pertanyaan,
        metode="post",
    ),
    "bantuan_kotak": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
    ),
    "bantuan_kotak_dasbor": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=200, lain=403)
    ),
}


def siapkan(org) -> None:
    """The staf's question about his SKP page, as the matrix's object."""
    org.pertanyaan_staf = Pertanyaan.objects.create(
        penanya=org.staf,
        instansi=org.instansi,
        unit=org.seksi,
        halaman="/skp/",
        teks="Bagaimana mengajukan SKP?",
    )
