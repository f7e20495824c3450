"""Authorization rules of the distribution curve pages: the predikat kinerja organisasi is
set by the admin instansi only (the superuser has no instansi: 403); a unit of another
instansi gives 404."""

from __future__ import annotations

from penilaian.models import PredikatKinerjaOrganisasi
from tests.akses import SEMUA_MASUK, Aturan, masuk_dulu

ADMIN_INSTANSI = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)

ATURAN: dict[str, Aturan] = {
    "predikat_organisasi": Aturan(ADMIN_INSTANSI),
    # An empty POST: the admin gets the form back with its messages (400); others 403.
    "predikat_organisasi_tetapkan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=400, superuser=403, lain=403),
        kwargs=lambda o: {"unit": o.seksi.pk},
        metode="post",
    ),
    # The import of every unit's predikat from one file, and its template: the same rule.
    "predikat_organisasi_impor": Aturan(ADMIN_INSTANSI),
    "predikat_organisasi_impor_templat": Aturan(ADMIN_INSTANSI),
    "kurva_daftar": Aturan(SEMUA_MASUK),
    # Calibration (issue 17 §4): the admin instansi and the atasan of penilai; read-only.
    "kalibrasi": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=200, superuser=200, lain=403)
    ),
    # The dinas' curve this year: the admin and the dinas' operator; the kasi rates nobody
    # in it yet (the staf's SKP is a draft), so he is refused; another instansi: 404.
    "kurva_unit": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=404),
        kwargs=lambda o: {"unit": o.dinas.pk},
    ),
    # Finalising is the admin's (refused with a message here: nobody is rated yet → 302).
    "kurva_finalkan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=302, lain=404),
        kwargs=lambda o: {"unit": o.dinas.pk},
        metode="post",
    ),
}


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
    org.predikat_dinas = PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.dinas, tahun=org.periode.tahun, predikat="baik"
    )
