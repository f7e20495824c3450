"""The admin instansi gives and takes the operator role of units (kelola/operator/)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from pegawai.models import OperatorUnit, Riwayat
from tests.factories import OperatorUnitFactory, PegawaiFactory, UnitKerjaFactory

TAK_BOLEH = ["staf", "operator", "kabid"]  # ASN, operator, atasan


def galat(response, field_id: str) -> list[str]:
    """Error messages rendered next to a field by components/field.html."""
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def test_daftar_pasangan_operator_dan_unit(client, org):
    OperatorUnitFactory(pegawai=org.kasi, unit=org.seksi)
    OperatorUnitFactory(
        pegawai=org.orang_lain, unit=UnitKerjaFactory(instansi=org.orang_lain.instansi)
    )
    client.force_login(org.admin)
    r = client.get(reverse("kelola_operator"))
    assert r.status_code == 200
    pasangan = [(op.pegawai, op.unit) for op in r.context["page_obj"]]
    assert pasangan == [(org.operator, org.dinas), (org.kasi, org.seksi)]
    assert "Orang Lain" not in r.content.decode()
    r = client.get(reverse("kelola_operator"), {"q": "kasi"})
    assert [op.pegawai for op in r.context["page_obj"]] == [org.kasi]


def test_belum_ada_operator(client, org):
    OperatorUnit.objects.all().delete()
    client.force_login(org.admin)
    assert "Belum ada operator" in client.get(reverse("kelola_operator")).content.decode()


def test_daftar_operator_tanpa_n_plus_1(client, org, django_assert_max_num_queries):
    for _ in range(40):
        OperatorUnitFactory(
            pegawai=PegawaiFactory(instansi=org.instansi),
            unit=UnitKerjaFactory(instansi=org.instansi, induk=org.dinas),
            dibuat_oleh=org.admin,
        )
    client.force_login(org.admin)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("kelola_operator"))
    assert len(r.context["page_obj"]) == 25


def test_tambah_operator_dengan_nip(client, org):
    client.force_login(org.admin)
    nip = f"{org.kasi.nip[:8]} {org.kasi.nip[8:14]} {org.kasi.nip[14:]}"
    r = client.post(reverse("kelola_operator_tambah"), {"nip": nip, "unit": org.seksi.pk})
    assert r.status_code == 302
    assert r.url == reverse("kelola_operator")
    op = OperatorUnit.objects.get(pegawai=org.kasi)
    assert op.unit == org.seksi and op.dibuat_oleh == org.admin
    rw = Riwayat.objects.get(aksi="operator.ditambah", subjek=org.kasi)
    assert rw.pelaku == org.admin and rw.data == {"unit": "Seksi Surveilans"}


def test_nip_diisi_dari_halaman_pegawai(client, org):
    client.force_login(org.admin)
    r = client.get(reverse("kelola_operator_tambah"), {"nip": org.kasi.nip})
    assert r.status_code == 200
    assert f'value="{org.kasi.nip}"' in r.content.decode()


@pytest.mark.parametrize("nip", ["198001012005011999", "orang_lain"])
def test_nip_yang_bukan_pegawai_instansi_ini_ditolak(client, org, nip):
    nip = org.orang_lain.nip if nip == "orang_lain" else nip
    client.force_login(org.admin)
    r = client.post(reverse("kelola_operator_tambah"), {"nip": nip, "unit": org.seksi.pk})
    assert r.status_code == 200
    assert galat(r, "id_nip") == [f"Tidak ada pegawai dengan NIP {nip} di instansi ini."]
    assert f'value="{nip}"' in r.content.decode()
    assert OperatorUnit.objects.count() == 1
    assert not Riwayat.objects.filter(aksi="operator.ditambah").exists()


def test_operator_ganda_ditolak_di_samping_unit(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_operator_tambah"), {"nip": org.operator.nip, "unit": org.dinas.pk}
    )
    assert r.status_code == 200
    assert galat(r, "id_unit") == ["Pegawai ini sudah menjadi operator unit tersebut."]
    assert OperatorUnit.objects.count() == 1


def test_pegawai_tidak_aktif_tidak_dapat_menjadi_operator(client, org):
    org.jf.status = "pensiun"
    org.jf.save()
    client.force_login(org.admin)
    r = client.post(reverse("kelola_operator_tambah"), {"nip": org.jf.nip, "unit": org.bidang.pk})
    assert r.status_code == 200
    assert galat(r, "id_nip") == ["Pegawai yang tidak aktif tidak dapat menjadi operator."]
    assert not OperatorUnit.objects.filter(pegawai=org.jf).exists()


def test_unit_instansi_lain_atau_nonaktif_tidak_dapat_dipilih(client, org):
    asing = UnitKerjaFactory(instansi=org.orang_lain.instansi)
    nonaktif = UnitKerjaFactory(instansi=org.instansi, aktif=False)
    client.force_login(org.admin)
    for unit in (asing, nonaktif):
        r = client.post(reverse("kelola_operator_tambah"), {"nip": org.kasi.nip, "unit": unit.pk})
        assert r.status_code == 200
        assert galat(r, "id_unit")
    assert not OperatorUnit.objects.filter(pegawai=org.kasi).exists()


def test_cabut_operator(client, org):
    op = org.operator.unit_operator.get()
    client.force_login(org.admin)
    r = client.post(reverse("kelola_operator_cabut", args=[op.pk]))
    assert r.status_code == 302
    assert r.url == reverse("kelola_operator")
    assert not OperatorUnit.objects.filter(pk=op.pk).exists()
    rw = Riwayat.objects.get(aksi="operator.dicabut", subjek=org.operator)
    assert rw.pelaku == org.admin and rw.data == {"unit": "Dinas Kesehatan"}


def test_cabut_dari_halaman_pegawai_kembali_ke_sana(client, org):
    op = org.operator.unit_operator.get()
    detail = reverse("kelola_pegawai_detail", args=[org.operator.pk])
    client.force_login(org.admin)
    assert reverse("kelola_operator_cabut", args=[op.pk]) in client.get(detail).content.decode()
    r = client.post(reverse("kelola_operator_cabut", args=[op.pk]), {"next": detail})
    assert r.url == detail
    op2 = OperatorUnitFactory(pegawai=org.kasi, unit=org.seksi)
    r = client.post(
        reverse("kelola_operator_cabut", args=[op2.pk]), {"next": "https://jahat.example/"}
    )
    assert r.url == reverse("kelola_operator")


def test_cabut_menjawab_405_untuk_get(client, org):
    client.force_login(org.admin)
    op = org.operator.unit_operator.get()
    assert client.get(reverse("kelola_operator_cabut", args=[op.pk])).status_code == 405
    assert OperatorUnit.objects.filter(pk=op.pk).exists()


def test_operator_instansi_lain_404(client, org):
    asing = OperatorUnitFactory(
        pegawai=org.orang_lain, unit=UnitKerjaFactory(instansi=org.orang_lain.instansi)
    )
    client.force_login(org.admin)
    assert client.post(reverse("kelola_operator_cabut", args=[asing.pk])).status_code == 404
    assert OperatorUnit.objects.filter(pk=asing.pk).exists()


@pytest.mark.parametrize("peran", TAK_BOLEH)
def test_selain_admin_ditolak(client, org, peran):
    client.force_login(getattr(org, peran))
    op = org.operator.unit_operator.get()
    assert client.get(reverse("kelola_operator")).status_code == 403
    assert client.get(reverse("kelola_operator_tambah")).status_code == 403
    r = client.post(reverse("kelola_operator_tambah"), {"nip": org.staf.nip, "unit": org.dinas.pk})
    assert r.status_code == 403
    assert client.post(reverse("kelola_operator_cabut", args=[op.pk])).status_code == 403
    assert list(OperatorUnit.objects.all()) == [op]


def test_superuser_menambah_operator_di_instansi_pilihannya(client, org):
    root = PegawaiFactory(instansi=None, is_superuser=True, nama="Root")
    client.force_login(root)
    url = reverse("kelola_operator_tambah") + f"?instansi={org.instansi.pk}"
    r = client.post(url, {"nip": org.kasi.nip, "unit": org.seksi.pk})
    assert r.status_code == 302
    assert r.url == reverse("kelola_operator") + f"?instansi={org.instansi.pk}"
    assert OperatorUnit.objects.filter(pegawai=org.kasi, unit=org.seksi).exists()
