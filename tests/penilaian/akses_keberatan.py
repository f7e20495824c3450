"""Authorization rules of the objection pages.

The staf's last-year SKP has a final annual rating with an objection (decided by the kabid,
who is no role of the matrix: every role is refused the decision page) and a final semester
rating without one (the filing page: the staf and the operator of his unit; the kasi and
the admin see the rating but may not object for him)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from penilaian.models import Keberatan, Penilaian, PeriodePenilaian
from skp.models import Dokumen
from tests.akses import SEMUA_MASUK, Aturan, masuk_dulu, pk

BACA = masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=404)
AJUKAN = masuk_dulu(asn=200, atasan=403, operator=200, admin=403, superuser=403, lain=404)
PUTUS = masuk_dulu(asn=403, atasan=403, operator=403, admin=403, superuser=403, lain=404)

ATURAN: dict[str, Aturan] = {
    "keberatan_daftar": Aturan(SEMUA_MASUK),
    "keberatan_ajukan": Aturan(AJUKAN, kwargs=pk(lambda o: o.penilaian_semester_staf)),
    "keberatan_detail": Aturan(BACA, kwargs=pk(lambda o: o.keberatan_staf)),
    "keberatan_putuskan": Aturan(PUTUS, kwargs=pk(lambda o: o.keberatan_staf)),
    # The signed evaluation PDF of the final semester rating (already issued: no signing here).
    "penilaian_dokumen": Aturan(BACA, kwargs=pk(lambda o: o.penilaian_semester_staf)),
}


def _final(org, pp) -> Penilaian:
    return Penilaian.objects.create(
        periode_penilaian=pp,
        skp=org.skp_ditetapkan,
        pegawai=org.staf,
        unit=org.seksi,
        penilai=org.kasi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat="baik",
        status=Penilaian.Status.FINAL,
        difinalkan_pada=timezone.now(),
    )


def siapkan(org) -> None:
    """Add the objects these rules point at to the matrix's ``org``."""
    lalu = org.skp_ditetapkan.periode
    tahunan = PeriodePenilaian.objects.create(
        periode=lalu,
        jenis="tahunan",
        urutan=1,
        mulai=lalu.mulai,
        selesai=lalu.selesai,
        dibuka=dt.date(lalu.tahun, 12, 1),
        batas=dt.date(lalu.tahun + 1, 1, 31),
    )
    semester = PeriodePenilaian.objects.create(
        periode=lalu,
        jenis="semester",
        urutan=2,
        mulai=dt.date(lalu.tahun, 7, 1),
        selesai=lalu.selesai,
        dibuka=dt.date(lalu.tahun, 12, 1),
        batas=dt.date(lalu.tahun + 1, 1, 10),
    )
    tahunan_staf = _final(org, tahunan)
    org.penilaian_semester_staf = _final(org, semester)
    org.dokumen_evaluasi = Dokumen(
        kode="kode-uji-evaluasi",
        jenis=Dokumen.Jenis.EVALUASI,
        judul="Evaluasi uji",
        pegawai=org.staf,
        content_type=ContentType.objects.get_for_model(Penilaian),
        object_id=org.penilaian_semester_staf.pk,
        sha256="0" * 64,
        ukuran=4,
        penanda_tangan="Uji",
    )
    org.dokumen_evaluasi.berkas.save("evaluasi.pdf", ContentFile(b"%PDF"), save=True)
    org.keberatan_staf = Keberatan.objects.create(
        penilaian=tahunan_staf,
        pegawai=org.staf,
        alasan="Target tercapai.",
        diajukan_oleh=org.staf,
        pemutus=org.kabid,
        predikat_semula="baik",
        rating_hasil_kerja_semula="sesuai",
        rating_perilaku_semula="sesuai",
    )
