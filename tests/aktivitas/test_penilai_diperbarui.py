"""When a Plh is recorded after the activities were entered, the pending ones move to the
Plh's review queue (the stored penilai follows the assignments)."""

import datetime as dt

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Penugasan
from pegawai.services import organisasi as pegawai_services
from tests.aktivitas.conftest import HARI, data, kunci
from tests.factories import PegawaiFactory


def test_plh_dicatat_belakangan_mengambil_alih_antrean(org, django_capture_on_commit_callbacks):
    a = akt.catat_aktivitas(org.staf, org.staf, data(tanggal=HARI), kunci())[0]
    b = akt.catat_aktivitas(
        org.staf, org.staf, data(tanggal=HARI + dt.timedelta(days=7), uraian="lain"), kunci()
    )[0]
    assert a.penilai == org.kasi and b.penilai == org.kasi
    plh = PegawaiFactory(instansi=org.instansi)
    with django_capture_on_commit_callbacks(execute=True):
        pegawai_services.tugaskan(
            org.admin,
            Penugasan(pegawai=plh, jabatan=org.jab_kasi, jenis="plh", mulai=HARI, selesai=HARI),
        )
    a.refresh_from_db(), b.refresh_from_db()
    assert a.penilai == plh  # the Plh acted that day
    assert b.penilai == org.kasi  # a week later the kasi is back
    akt.setujui_aktivitas(plh, [a.pk])
    assert Aktivitas.objects.get(pk=a.pk).status == "disetujui"
