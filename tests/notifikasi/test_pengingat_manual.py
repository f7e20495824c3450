"""The dashboards' manual reminder: who may remind whom, one per double click, history."""

import pytest
from django.core.exceptions import PermissionDenied

from notifikasi.models import Jenis, Notifikasi
from notifikasi.services.kirim import kirim_pengingat_manual
from pegawai.models import Riwayat


def test_atasan_mengingatkan_bawahan_sekali_per_klik_ganda(org):
    assert kirim_pengingat_manual(org.kasi, [org.staf.pk], "Isi aktivitas", "Segera.") == 1
    assert kirim_pengingat_manual(org.kasi, [org.staf.pk], "Isi aktivitas", "Segera.") == 0
    n = Notifikasi.objects.get()
    assert (n.penerima, n.jenis) == (org.staf, Jenis.MANUAL)
    r = Riwayat.objects.get(aksi="notifikasi.pengingat_manual")
    assert (r.pelaku, r.subjek) == (org.kasi, org.staf)


@pytest.mark.parametrize("pelaku", ["admin", "operator"])
def test_admin_dan_operator_dalam_lingkupnya(org, pelaku):
    ids = [org.staf.pk, org.jf.pk]
    assert kirim_pengingat_manual(getattr(org, pelaku), ids, "Batas realisasi", "") == 2


@pytest.mark.parametrize(
    ("pelaku", "penerima"), [("staf", "kasi"), ("kasi", "jf"), ("admin", "orang_lain")]
)
def test_di_luar_wewenang_ditolak_tanpa_menulis_apa_pun(org, pelaku, penerima):
    with pytest.raises(PermissionDenied):
        kirim_pengingat_manual(
            getattr(org, pelaku), [org.staf.pk, getattr(org, penerima).pk], "X", ""
        )
    assert not Notifikasi.objects.exists()
