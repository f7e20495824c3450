"""Two requests at the same moment on one rating: one row, one transition, one Riwayat."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pegawai.models import Riwayat
from penilaian.models import Penilaian
from penilaian.services import nilai as services
from tests.bersamaan import bersamaan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)


@pytest.fixture
def maret(monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: dt.date(2026, 3, 15))


@pytest.fixture
def dokumen(monkeypatch) -> list[int]:
    """The documents queued (the PDFs themselves are tested elsewhere)."""
    antre: list[int] = []
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    monkeypatch.setattr("penilaian.services.nilai.jadwalkan_dokumen_evaluasi", antre.append)
    return antre


@pytest.mark.django_db(transaction=True)
def test_mulai_penilaian_bersamaan_satu_baris(dokumen, org, jendela, skp_semua, maret):
    pp, skp = jendela.tw[0], skp_semua["staf"]
    hasil = bersamaan(
        lambda: services.mulai_penilaian(org.kasi, pp, skp),
        lambda: services.mulai_penilaian(org.kasi, pp, skp),
    )
    assert all(isinstance(h, Penilaian) for h in hasil), hasil
    assert hasil[0].pk == hasil[1].pk
    assert Penilaian.objects.filter(periode_penilaian=pp, skp=skp).count() == 1
    assert Riwayat.objects.filter(aksi="penilaian.dimulai").count() == 1


@pytest.mark.django_db(transaction=True)
def test_tetapkan_bersamaan_satu_transisi(dokumen, org, jendela, skp_semua, maret):
    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    hasil = bersamaan(
        lambda: services.tetapkan_penilaian(org.kasi, p),
        lambda: services.tetapkan_penilaian(org.kasi, p),
    )
    menang = [h for h in hasil if isinstance(h, Penilaian)]
    kalah = [h for h in hasil if isinstance(h, ValidationError)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    assert "sudah final" in kalah[0].messages[0]
    assert Riwayat.objects.filter(aksi="penilaian.difinalkan").count() == 1
    assert dokumen == [p.pk]
