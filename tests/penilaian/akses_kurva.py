"""Authorization rules of the distribution curve pages: the predikat kinerja organisasi is
set by the admin instansi only (the superuser has no instansi: 403); a unit of another
instansi gives 404."""

from __future__ import annotations

from penilaian.models import PredikatKinerjaOrganisasi
from tests.akses import Aturan, masuk_dulu

ADMIN_INSTANSI = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
POST_ADMIN_INSTANSI = masuk_dulu(
    asn=403, atasan=403, operator=403, admin=302, superuser=403, lain=403
)

ATURAN: dict[str, Aturan] = {
    "predikat_organisasi": Aturan(ADMIN_INSTANSI),
    "predikat_organisasi_tetapkan": Aturan(
        POST_ADMIN_INSTANSI,
        kwargs=lambda o: {"unit": o.seksi.pk},
        metode="post",
    ),
}


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
    org.predikat_dinas = PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.dinas, tahun=org.periode.tahun, predikat="baik"
    )
