"""Authorization rules for the sinkron URLs (merged into tests/test_matriks_akses.py): only
the admin of his own instansi; the platform superuser, who belongs to none, is refused."""

from __future__ import annotations

from sinkron.models import SinkronSiasn
from tests.akses import Aturan, masuk_dulu

ADMIN_SAJA = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
POST_ADMIN_SAJA = masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=403, lain=403)


def batch(org):
    return {"pk": org.batch_siasn.pk}


ATURAN: dict[str, Aturan] = {
    "sinkron_daftar": Aturan(ADMIN_SAJA),
    "sinkron_sumber": Aturan(ADMIN_SAJA),
    # no source configured: back to its settings page
    "sinkron_sumber_ambil": Aturan(POST_ADMIN_SAJA, metode="post"),
    "sinkron_detail": Aturan(ADMIN_SAJA, kwargs=batch),
    # GET: the confirmation only
    "sinkron_setujui": Aturan(ADMIN_SAJA, kwargs=batch),
    "sinkron_tolak": Aturan(ADMIN_SAJA, kwargs=batch),
    "sinkron_hitung_ulang": Aturan(POST_ADMIN_SAJA, kwargs=batch, metode="post"),
}


def siapkan(org) -> None:
    org.batch_siasn = SinkronSiasn.objects.create(
        instansi=org.instansi,
        asal=SinkronSiasn.Asal.BERKAS,
        nama_sumber="siasn.csv",
        sha256="0" * 64,
        status=SinkronSiasn.Status.MENUNGGU,
    )
