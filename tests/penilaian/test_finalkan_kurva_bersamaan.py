"""Two admins finalise the same curve group at the same moment: one succeeds, one is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pegawai.models import Riwayat
from penilaian.models import Penilaian
from penilaian.services.kurva import finalkan_kurva, tetapkan_predikat_organisasi
from tests.bersamaan import bersamaan
from tests.penilaian.test_finalkan_kurva import nilai

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)


@pytest.fixture
def tanpa_dokumen_skp(monkeypatch):
    # Committed transactions run on_commit: the SKP PDF (needs a certificate) is not the point.
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)


@pytest.mark.django_db(transaction=True)
def test_finalkan_bersamaan_sekali_saja(org, tanpa_dokumen_skp, jendela, skp_semua, monkeypatch):
    antre: list[int] = []
    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", antre.append)
    # The bidang's group: kasi, staf and jf (the kabid leads it and is counted above it).
    po = tetapkan_predikat_organisasi(org.admin, org.bidang, 2026, "baik", "")
    nilai(jendela, skp_semua["kasi"])
    nilai(jendela, skp_semua["staf"], predikat="butuh_perbaikan")
    nilai(jendela, skp_semua["jf"])
    hasil = bersamaan(lambda: finalkan_kurva(org.admin, po), lambda: finalkan_kurva(org.admin, po))
    assert sorted(type(h).__name__ for h in hasil) == ["ValidationError", "int"]
    assert any(isinstance(h, ValidationError) and "sudah difinalkan" in str(h) for h in hasil)
    assert Penilaian.objects.filter(status=Penilaian.Status.FINAL).count() == 3
    assert Riwayat.objects.filter(aksi="kurva.difinalkan").count() == 1
    assert Riwayat.objects.filter(aksi="penilaian.difinalkan").count() == 3
    assert len(antre) == 3
