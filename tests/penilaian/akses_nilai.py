"""Authorization rules of the rating pages (windows, the penilai's list and rating page,
"Penilaian saya", the rating detail).

The rated SKP is the staf's ditetapkan SKP of last year (``org.skp_ditetapkan``), rated by
the kasi in last year's fourth quarter: only the kasi may open its rating page (the staf
himself, the operator, the admin — the PPK is not his penilai — are refused; another
instansi gets 404).  The final rating is read by the staf, the kasi, the operator of the
dinas and the admin."""

from __future__ import annotations

import datetime as dt

from penilaian.models import Penilaian, PeriodePenilaian
from tests.akses import HANYA_ADMIN, POST_ADMIN, SEMUA_MASUK, Aturan, masuk_dulu, pk

HANYA_PENILAI = masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=404)
BACA = masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=404)
ADMIN_INSTANSI = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=403, lain=403)


def _nilai(org):
    return {"jendela": org.jendela_lalu.pk, "skp": org.skp_ditetapkan.pk}


ATURAN: dict[str, Aturan] = {
    "nilai_daftar": Aturan(SEMUA_MASUK),
    "nilai_isi": Aturan(HANYA_PENILAI, kwargs=_nilai),
    "nilai_bahan": Aturan(HANYA_PENILAI, kwargs=_nilai),
    "nilai_kurva": Aturan(HANYA_PENILAI, kwargs=_nilai),
    "nilai_pratinjau": Aturan(
        HANYA_PENILAI, kwargs=_nilai, metode="post", data={"rating_perilaku": "sesuai"}
    ),
    "penilaian_saya": Aturan(SEMUA_MASUK),
    "penilaian_detail": Aturan(BACA, kwargs=pk(lambda o: o.penilaian_staf)),
    "pengaturan_penilaian": Aturan(ADMIN_INSTANSI),
    "jendela_daftar": Aturan(HANYA_ADMIN),
    "jendela_periode": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.periode)),
    "jendela_buat": Aturan(POST_ADMIN, kwargs=pk(lambda o: o.periode), metode="post"),
    "jendela_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.jendela_lalu)),
}


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
    lalu = org.skp_ditetapkan.periode
    org.jendela_lalu = PeriodePenilaian.objects.create(
        periode=lalu,
        jenis="triwulan",
        urutan=4,
        mulai=dt.date(lalu.tahun, 10, 1),
        selesai=dt.date(lalu.tahun, 12, 31),
        dibuka=dt.date(lalu.tahun, 12, 1),
        batas=dt.date(lalu.tahun + 1, 1, 10),
    )
    org.penilaian_staf = Penilaian.objects.create(
        periode_penilaian=org.jendela_lalu,
        skp=org.skp_ditetapkan,
        pegawai=org.staf,
        unit=org.seksi,
        penilai=org.kasi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat="baik",
        status=Penilaian.Status.FINAL,
    )
