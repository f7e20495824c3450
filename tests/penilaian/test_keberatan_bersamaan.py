"""Two objections, or two decisions, at the same moment: exactly one is recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pegawai.models import Riwayat
from penilaian.models import Keberatan, Penilaian
from penilaian.services.keberatan import ajukan_keberatan, putuskan_keberatan
from tests.bersamaan import bersamaan_bernama
from tests.penilaian.test_ajukan_dan_putuskan_keberatan import DITERIMA, final_tahunan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)


@pytest.fixture(autouse=True)
def tanpa_dokumen(monkeypatch) -> list[int]:
    """The SKP and evaluation documents are tested elsewhere; here only the row locks."""
    antre: list[int] = []
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    monkeypatch.setattr("penilaian.services.keberatan.jadwalkan_dokumen_evaluasi", antre.append)
    return antre


def satu_menang(hasil):
    menang = [k for k, v in hasil.items() if v == "ok"]
    kalah = [v for v in hasil.values() if isinstance(v, ValidationError)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    assert "sudah" in kalah[0].messages[0]
    return menang[0]


@pytest.mark.django_db(transaction=True)
def test_dua_pengajuan_bersamaan_satu_keberatan(org, jendela, skp_semua):
    p = final_tahunan(org, jendela, skp_semua["staf"], org.kasi)
    hasil = bersamaan_bernama(
        pegawai=lambda: ajukan_keberatan(org.staf, p, "Dari pegawai.", DITERIMA),
        operator=lambda: ajukan_keberatan(org.operator, p, "Dari operator.", DITERIMA),
    )
    satu_menang(hasil)
    assert Keberatan.objects.count() == 1
    assert Riwayat.objects.filter(aksi="keberatan.diajukan").count() == 1


@pytest.mark.django_db(transaction=True)
def test_dua_keputusan_bersamaan_satu_keputusan(org, jendela, skp_semua):
    p = final_tahunan(org, jendela, skp_semua["staf"], org.kasi)
    k = ajukan_keberatan(org.staf, p, "Alasan.", DITERIMA)
    hasil = bersamaan_bernama(
        tetap=lambda: putuskan_keberatan(org.kabid, k, "dipertahankan", "Tetap."),
        ubah=lambda: putuskan_keberatan(org.kabid, k, "diubah", "Naik.", "di_atas", "di_atas"),
    )
    menang = satu_menang(hasil)
    k.refresh_from_db()
    p.refresh_from_db()
    assert k.status == {"tetap": "dipertahankan", "ubah": "diubah"}[menang]
    assert p.predikat == k.predikat_akhir
    assert p.status == Penilaian.Status.FINAL
    assert Riwayat.objects.filter(aksi="keberatan.diputus").count() == 1
