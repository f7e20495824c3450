"""Authorization rules of the follow-up pages (TPP, attendance, angka kredit, SIASN).

The TPP recap, attendance import and angka kredit recap are for operators (their units)
and the admin instansi; the settings (formula, base per kelas, coefficients) belong to the
admin of the instansi — the superuser has no instansi, so he is refused those; the SIASN
export is the admin's (the superuser's covers every instansi)."""

from __future__ import annotations

from decimal import Decimal

from penilaian.models import BesaranTpp
from tests.akses import HANYA_ADMIN, Aturan, masuk_dulu, pk

REKAP = masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
ADMIN_INSTANSI = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)
POST_ADMIN_INSTANSI = masuk_dulu(
    asn=403, atasan=403, operator=403, admin=302, superuser=403, lain=403
)
POST_REKAP = masuk_dulu(asn=403, atasan=403, operator=302, admin=302, superuser=302, lain=403)


def _fmt(fmt):
    return lambda org: {"fmt": fmt}


ATURAN: dict[str, Aturan] = {
    "tpp_rekap": Aturan(REKAP),
    "tpp_rekap_ekspor": Aturan(REKAP, kwargs=_fmt("csv")),
    # One pegawai's steps in the recap of the default unit (the staf is in the dinas).
    "tpp_rekap_rincian": Aturan(REKAP, kwargs=lambda o: {"pegawai": o.staf.pk}),
    "tpp_pengaturan": Aturan(ADMIN_INSTANSI),
    "tpp_besaran_baru": Aturan(ADMIN_INSTANSI),
    "tpp_besaran_ubah": Aturan(ADMIN_INSTANSI, kwargs=pk(lambda o: o.besaran_tpp)),
    "tpp_besaran_hapus": Aturan(
        POST_ADMIN_INSTANSI, kwargs=pk(lambda o: o.besaran_tpp), metode="post"
    ),
    "tpp_kehadiran_impor": Aturan(REKAP),
    "tpp_kehadiran_terapkan": Aturan(POST_REKAP, metode="post"),
    "tpp_kehadiran_templat": Aturan(REKAP, kwargs=_fmt("xlsx")),
    "angka_kredit_rekap": Aturan(REKAP),
    "angka_kredit_ekspor": Aturan(REKAP, kwargs=_fmt("xlsx")),
    "angka_kredit_koefisien": Aturan(ADMIN_INSTANSI),
    "siasn_ekspor": Aturan(HANYA_ADMIN),
    "siasn_ekspor_berkas": Aturan(HANYA_ADMIN, kwargs=_fmt("csv")),
}


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
    org.besaran_tpp = BesaranTpp.objects.create(
        instansi=org.instansi, kelas_jabatan=7, jumlah=Decimal("3000000")
    )
