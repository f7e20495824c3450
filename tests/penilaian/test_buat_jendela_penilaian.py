"""The admin instansi makes the evaluation windows of a period and moves their dates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pegawai.models import Riwayat
from penilaian.models import PeriodePenilaian
from penilaian.services import nilai as services


def test_buat_jendela_idempoten(org, periode):
    jendela = services.buat_periode_penilaian(org.admin, periode)
    assert [(pp.jenis, pp.urutan) for pp in jendela if pp.jenis == "triwulan"] == [
        ("triwulan", i) for i in range(1, 5)
    ]
    assert sum(pp.jenis == "tahunan" for pp in jendela) == 1
    dibuat = Riwayat.objects.filter(aksi="periode_penilaian.dibuat").count()
    assert dibuat == len(jendela)

    tw1 = jendela[0]
    services.ubah_periode_penilaian(org.admin, tw1, dt.date(2026, 3, 20), dt.date(2026, 4, 30))
    PeriodePenilaian.objects.filter(jenis="triwulan", urutan=4).delete()

    lagi = services.buat_periode_penilaian(org.admin, periode)
    assert len(lagi) == len(jendela)
    tw1.refresh_from_db()
    assert tw1.dibuka == dt.date(2026, 3, 20)  # an edited window is kept as it is
    assert Riwayat.objects.filter(aksi="periode_penilaian.dibuat").count() == dibuat + 1


def test_jenis_periodik_dari_pengaturan_instansi(org, periode):
    pengaturan = services.pengaturan_instansi(org.instansi.pk)
    pengaturan.jenis_periodik = "semester"
    services.ubah_pengaturan(org.admin, pengaturan)
    jendela = services.buat_periode_penilaian(org.admin, periode)
    assert sorted((pp.jenis, pp.urutan) for pp in jendela) == [
        ("semester", 1),
        ("semester", 2),
        ("tahunan", 1),
    ]
    assert Riwayat.objects.filter(aksi="pengaturan_penilaian.diubah").exists()


@pytest.mark.parametrize("siapa", ["kasi", "operator", "staf", "orang_lain"])
def test_hanya_admin_instansi(org, periode, siapa):
    with pytest.raises(PermissionDenied):
        services.buat_periode_penilaian(getattr(org, siapa), periode)
    assert not PeriodePenilaian.objects.exists()


def test_batas_tidak_boleh_sebelum_dibuka(org, periode):
    tw1 = services.buat_periode_penilaian(org.admin, periode)[0]
    lama = (tw1.dibuka, tw1.batas)
    with pytest.raises(ValidationError) as e:
        services.ubah_periode_penilaian(org.admin, tw1, dt.date(2026, 4, 10), dt.date(2026, 4, 1))
    assert "batas" in e.value.message_dict
    tw1.refresh_from_db()
    assert (tw1.dibuka, tw1.batas) == lama
    assert not Riwayat.objects.filter(aksi="periode_penilaian.diubah").exists()
    services.ubah_periode_penilaian(org.admin, tw1, dt.date(2026, 4, 1), dt.date(2026, 4, 1))
    assert Riwayat.objects.filter(aksi="periode_penilaian.diubah").count() == 1
