"""A pegawai who retires (or leaves, or dies) no longer holds a jabatan nor logs in, and his
history stays."""

import datetime as dt

from pegawai.models import Penugasan, Riwayat
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services import organisasi as services


def test_pensiun_mengakhiri_penugasan_dan_akses(client, org):
    services.ubah_status_pegawai(org.admin, org.kasi, "pensiun", keterangan="BUP")
    org.kasi.refresh_from_db()
    kemarin = dt.date.today() - dt.timedelta(days=1)
    assert list(Penugasan.objects.filter(pegawai=org.kasi).values_list("selesai", flat=True)) == [
        kemarin
    ]
    assert not org.kasi.is_active
    assert not client.login(username=org.kasi.nip, password="rahasia-uji-123")
    # His staf is now rated by the next one up, and the history is kept.
    assert rantai_penilai(org.staf, dt.date.today()).pejabat_penilai.pegawai == org.kabid
    assert Riwayat.objects.filter(subjek=org.kasi, aksi="penugasan.diakhiri").count() == 1
    assert Riwayat.objects.filter(subjek=org.kasi, aksi="pegawai.status").get().ke_status == (
        "pensiun"
    )


def test_cuti_tidak_mengakhiri_penugasan(org):
    services.ubah_status_pegawai(org.admin, org.kasi, "cuti")
    assert Penugasan.objects.get(pegawai=org.kasi).selesai is None
