"""An operator of the ASN's unit logs activities on his behalf — always recorded and shown."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci
from tests.factories import OperatorUnitFactory, PegawaiFactory


def url(org, nama="aktivitas_harian", **params):
    params.setdefault("pegawai", org.staf.pk)
    qs = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse(nama)}?{qs}"


def isian(rhk=None):
    return {
        "tanggal": HARI.isoformat(),
        "rhk": rhk.pk if rhk else "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "uraian": "Rekap absensi",
        "jumlah_output": "1",
        "satuan_output": "rekap",
        "kunci": str(uuid.uuid4()),
    }


@pytest.fixture
def operator_lain(org):
    """An operator of another unit (Dinas Pendidikan) of the same instansi."""
    p = PegawaiFactory(nama="Operator Dikbud", instansi=org.instansi, unit_kerja=org.unit_lain)
    OperatorUnitFactory(pegawai=p, unit=org.unit_lain)
    return p


def test_operator_mengisi_untuk_pegawai_unitnya(client, org, rhk_staf):
    client.force_login(org.operator)
    halaman = client.get(url(org, tanggal=HARI.isoformat())).content.decode()
    assert "Aktivitas harian Staf" in halaman
    assert "sebagai operator" in halaman
    assert "Arsip surveilans tertata" in halaman  # the staf's RHK, not the operator's
    resp = client.post(url(org, tanggal=HARI.isoformat()), isian(rhk_staf))
    assert resp.status_code == 302
    kembali = f"{reverse('aktivitas_harian')}?tanggal={HARI.isoformat()}&pegawai={org.staf.pk}"
    assert resp["Location"] == kembali
    a = Aktivitas.objects.get()
    assert a.pegawai == org.staf and a.diisi_oleh == org.operator and a.diisi_operator
    r = Riwayat.objects.get(aksi="aktivitas.dicatat")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, "operator")


def test_ditampilkan_sebagai_diisi_operator_kepada_pegawai(client, org):
    akt.catat_aktivitas(org.operator, org.staf, data(), kunci())
    akt.catat_aktivitas(org.staf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI}").content.decode()
    assert html.count("diisi oleh operator Operator") == 1


def test_operator_mengubah_dan_menghapus(client, org):
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    client.force_login(org.operator)
    ubah = {**isian(), "uraian": "Diperbaiki operator"}
    ubah.pop("kunci")
    resp = client.post(reverse("aktivitas_ubah", args=[a.pk]), ubah)
    assert resp.status_code == 302 and f"pegawai={org.staf.pk}" in resp["Location"]
    assert Riwayat.objects.get(aksi="aktivitas.diubah").sebagai == "operator"
    client.post(reverse("aktivitas_hapus", args=[a.pk]))
    assert not Aktivitas.objects.exists()
    assert Riwayat.objects.get(aksi="aktivitas.dihapus").sebagai == "operator"


def test_halaman_sendiri_operator_tanpa_parameter(client, org):
    client.force_login(org.operator)
    html = client.get(reverse("aktivitas_harian")).content.decode()
    assert "sebagai operator" not in html
    assert "Aktivitas harian</h1>" in html


def test_operator_unit_lain_tidak_melihat_pegawai(client, org, operator_lain):
    client.force_login(operator_lain)
    for nama in ("aktivitas_harian", "aktivitas_minggu", "aktivitas_bulan"):
        assert client.get(url(org, nama)).status_code == 404
    assert client.post(url(org), isian()).status_code == 404
    with pytest.raises(PermissionDenied):
        akt.catat_aktivitas(operator_lain, org.staf, data(), kunci())
    assert not Aktivitas.objects.exists()


def test_operator_unit_lain_tidak_mengubah_aktivitas(client, org, operator_lain):
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    client.force_login(operator_lain)
    assert client.get(reverse("aktivitas_ubah", args=[a.pk])).status_code == 404
    assert client.post(reverse("aktivitas_hapus", args=[a.pk])).status_code == 404
    assert Aktivitas.objects.filter(pk=a.pk).exists()


@pytest.mark.parametrize("peran", ["kasi", "admin"])
def test_atasan_dan_admin_tidak_mengisi_atas_nama(client, org, peran):
    """They may see the pegawai, but entering for him is the pegawai's or his operator's."""
    client.force_login(getattr(org, peran))
    assert client.get(url(org)).status_code == 403
    assert client.post(url(org), isian()).status_code == 403
    assert not Aktivitas.objects.exists()


def test_parameter_pegawai_tidak_valid(client, org):
    client.force_login(org.operator)
    assert client.get(reverse("aktivitas_harian") + "?pegawai=abc").status_code == 404
    assert client.get(reverse("aktivitas_harian") + "?pegawai=999999").status_code == 404
