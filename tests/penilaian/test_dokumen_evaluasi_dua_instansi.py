"""Two instansi in one deployment: each dokumen evaluasi names the instansi of the pegawai
rated, is set in its town and is sealed with its own certificate (as the SKP document, see
``tests/skp/test_dokumen_dua_instansi.py``)."""

import datetime as dt
import logging

import pytest
from django.utils import timezone

from penilaian.models import Penilaian, PeriodePenilaian
from penilaian.rules import JenisPeriode
from penilaian.services import dokumen
from tests.skp.test_dokumen_dua_instansi import (
    TAHUN,
    Pihak,
    dipercaya_oleh,
    periksa_halaman_verifikasi,
    periksa_menyebut_instansinya,
    periksa_segel_instansinya,
)
from tests.skp.test_dokumen_dua_instansi import dua as dua  # noqa: F401
from tests.skp.test_dokumen_dua_instansi import sertifikat_dua as sertifikat_dua  # noqa: F401
from tests.skp.test_dokumen_dua_instansi import ttd_dua as ttd_dua  # noqa: F401
from tests.skp.test_dokumen_dua_instansi import ttd_tunggal as ttd_tunggal  # noqa: F401


def final_tahunan(pihak: Pihak) -> Penilaian:
    """The staf's annual rating, FINAL, by his kepala (written directly: the rating services
    are tested on their own)."""
    pp = PeriodePenilaian.objects.create(
        periode=pihak.periode,
        jenis=JenisPeriode.TAHUNAN,
        urutan=1,
        mulai=pihak.periode.mulai,
        selesai=pihak.periode.selesai,
        dibuka=dt.date(TAHUN, 12, 1),
        batas=dt.date(TAHUN + 1, 1, 31),
    )
    return Penilaian.objects.create(
        periode_penilaian=pp,
        skp=pihak.skp,
        pegawai=pihak.staf,
        unit=pihak.staf.unit_kerja,
        penilai=pihak.kepala,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat="baik",
        status=Penilaian.Status.FINAL,
        dinilai_pada=timezone.make_aware(dt.datetime(TAHUN + 1, 1, 10, 9)),
        difinalkan_pada=timezone.make_aware(dt.datetime(TAHUN + 1, 1, 20, 10)),
    )


@pytest.fixture
def nilai_dua(dua):  # noqa: F811
    return [(pihak, final_tahunan(pihak)) for pihak in dua]


def test_dokumen_evaluasi_menyebut_instansi_dan_kota_pegawainya_sendiri(
    client,
    nilai_dua,
    ttd_dua,  # noqa: F811
):
    (a, nilai_a), (b, nilai_b) = nilai_dua
    dok_a = dokumen.terbitkan_dokumen_evaluasi(nilai_a.pk)
    dok_b = dokumen.terbitkan_dokumen_evaluasi(nilai_b.pk)

    for dok, sendiri, lain in ((dok_a, a, b), (dok_b, b, a)):
        tanda = periksa_menyebut_instansinya(dok, sendiri.instansi, lain.instansi)
        assert str(tanda.sig_object["/Reason"]) == "Evaluasi Kinerja Pegawai"
        periksa_segel_instansinya(dok, tanda, sendiri.instansi, lain.instansi, ttd_dua)
        periksa_halaman_verifikasi(client, dok, sendiri.instansi, lain.instansi)


def test_tanpa_sertifikat_per_instansi_sertifikat_tunggal_dengan_peringatan(
    caplog,
    nilai_dua,
    ttd_tunggal,  # noqa: F811
):
    (a, nilai_a), (b, nilai_b) = nilai_dua
    with caplog.at_level(logging.WARNING, logger="inti.tanda_tangan"):
        dok_a = dokumen.terbitkan_dokumen_evaluasi(nilai_a.pk)
        dok_b = dokumen.terbitkan_dokumen_evaluasi(nilai_b.pk)

    for dok, sendiri, lain in ((dok_a, a, b), (dok_b, b, a)):
        tanda = periksa_menyebut_instansinya(dok, sendiri.instansi, lain.instansi)
        assert dok.penanda_tangan == ttd_tunggal.cadangan.nama
        assert dipercaya_oleh(tanda, ttd_tunggal.cadangan.ca)
    # The signing module's own warnings (WeasyPrint warns too when HarfBuzz-Subset is missing).
    peringatan = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name == "inti.tanda_tangan"
    ]
    assert [a.instansi.nama in p for p in peringatan] == [True, False]
    assert [b.instansi.nama in p for p in peringatan] == [False, True]
