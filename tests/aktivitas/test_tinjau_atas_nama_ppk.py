"""A JPT at the top is rated by the PPK, who does not use the system: the admin instansi
records the review of his activities on the PPK's behalf, as for his SKP."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci


@pytest.fixture
def aktivitas_kadis(org):
    return akt.catat_aktivitas(org.kadis, org.kadis, data(tanggal=HARI), kunci())[0]


def test_admin_menyetujui_atas_nama_ppk(org, aktivitas_kadis):
    assert aktivitas_kadis.penilai is None
    with pytest.raises(PermissionDenied):
        akt.setujui_aktivitas(org.kabid, [aktivitas_kadis.pk])
    with pytest.raises(PermissionDenied):
        akt.setujui_aktivitas(org.kadis, [aktivitas_kadis.pk])  # never his own
    akt.setujui_aktivitas(org.admin, [aktivitas_kadis.pk])
    r = Riwayat.objects.get(aksi="aktivitas.disetujui")
    assert (r.sebagai, r.keterangan, r.subjek) == ("admin", "atas nama PPK", org.kadis)


def test_antrean_admin_memuat_aktivitas_yang_dinilai_ppk(client, org, aktivitas_kadis):
    client.force_login(org.admin)
    resp = client.get(reverse("aktivitas_tinjau"))
    assert resp.status_code == 200
    assert aktivitas_kadis.uraian in resp.content.decode()
