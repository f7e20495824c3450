"""The pegawai (or his operator) starts an SKP: period, pendekatan, maybe a copy of last year."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import Periode, Skp
from skp.services import penyusunan as services
from tests.factories import InstansiFactory
from tests.skp.conftest import isi_skp

URL = reverse("skp_buat")


def riwayat_dibuat(skp):
    return Riwayat.objects.get(content_type__model="skp", object_id=skp.pk, aksi="skp.dibuat")


def test_formulir_menawarkan_periode_dibuka_instansinya_saja(client, org, periode):
    ditutup = services.buka_periode(org.admin, org.instansi, periode.tahun - 1)
    services.ubah_status_periode(org.admin, ditutup, Periode.Status.DITUTUP)
    instansi_lain = InstansiFactory(kode="LAIN2")
    asing = Periode.objects.create(
        instansi=instansi_lain,
        nama="Asing",
        tahun=periode.tahun,
        mulai=periode.mulai,
        selesai=periode.selesai,
        batas_penetapan_skp=periode.batas_penetapan_skp,
    )
    client.force_login(org.staf)
    resp = client.get(URL)
    assert resp.status_code == 200
    pilihan = list(resp.context["form"].fields["periode"].queryset)
    assert pilihan == [periode]
    assert asing not in pilihan and ditutup not in pilihan
    html = resp.content.decode()
    assert re.search(r'value="kualitatif"[^>]*checked', html)  # kualitatif is the default
    assert not re.search(r'value="kuantitatif"[^>]*checked', html)
    assert "Kuantitatif: setiap target berupa angka" in html


def test_tanpa_periode_dibuka_menjelaskan(client, org):
    client.force_login(org.staf)
    html = client.get(URL).content.decode()
    assert "Belum ada periode kinerja yang dibuka" in html
    assert '<form method="post" action="/skp/buat/' not in html


def test_buat_skp_lalu_ke_halaman_detail(client, org, periode):
    client.force_login(org.staf)
    resp = client.post(URL, {"periode": periode.pk, "pendekatan": "kuantitatif"})
    skp = Skp.objects.get(pegawai=org.staf)
    assert resp.status_code == 302 and resp["Location"] == reverse("skp_detail", args=[skp.pk])
    assert skp.pendekatan == "kuantitatif" and skp.jabatan == org.jab_staf
    r = riwayat_dibuat(skp)
    assert (r.pelaku, r.subjek, r.sebagai) == (org.staf, org.staf, "sendiri")


def test_periode_dipilih_dari_tautan_ajakan(client, org, periode):
    client.force_login(org.staf)
    resp = client.get(URL, {"periode": periode.pk})
    assert str(resp.context["form"]["periode"].value()) == str(periode.pk)


def test_salin_dari_skp_periode_sebelumnya(client, org, periode):
    lalu = services.buka_periode(org.admin, org.instansi, periode.tahun - 1)
    lama = services.buat_skp(org.staf, org.staf, lalu, tanggal=dt.date(lalu.tahun, 1, 2))
    isi_skp(org.staf, lama, n=2)
    client.force_login(org.staf)
    form = client.get(URL).context["form"]
    assert list(form.fields["salin_dari"].queryset) == [lama]
    resp = client.post(
        URL, {"periode": periode.pk, "pendekatan": "kualitatif", "salin_dari": lama.pk}
    )
    baru = Skp.objects.get(pegawai=org.staf, periode=periode)
    assert resp.status_code == 302
    assert [r.teks for r in baru.rhk.order_by("urutan")] == [
        r.teks for r in lama.rhk.order_by("urutan")
    ]
    assert all(r.indikator.count() == 1 for r in baru.rhk.all())


def test_tanpa_skp_sebelumnya_tidak_ada_pilihan_salin(client, org, periode):
    client.force_login(org.staf)
    assert "salin_dari" not in client.get(URL).context["form"].fields


def test_skp_ganda_ditolak_isian_tidak_hilang(client, org, periode):
    services.buat_skp(org.staf, org.staf, periode)
    client.force_login(org.staf)
    resp = client.post(URL, {"periode": periode.pk, "pendekatan": "kuantitatif"})
    assert resp.status_code == 200
    assert "SKP untuk jabatan ini pada periode ini sudah ada." in resp.content.decode()
    assert resp.context["form"]["pendekatan"].value() == "kuantitatif"
    assert Skp.objects.filter(pegawai=org.staf).count() == 1


def test_tanggal_di_luar_periode_ditolak_di_samping_isian(client, org, periode):
    client.force_login(org.staf)
    resp = client.post(
        URL,
        {
            "periode": periode.pk,
            "pendekatan": "kualitatif",
            "tanggal": f"{periode.tahun + 1}-02-01",
        },
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["tanggal"] == ["Tanggal mulai harus di dalam periode."]
    assert not Skp.objects.filter(pegawai=org.staf).exists()


def test_periode_wajib_dipilih(client, org, periode):
    client.force_login(org.staf)
    resp = client.post(URL, {"pendekatan": "kualitatif"})
    assert resp.status_code == 200 and "periode" in resp.context["form"].errors


def test_operator_membuat_atas_nama_pegawai(client, org, periode):
    client.force_login(org.operator)
    url = f"{URL}?pegawai={org.staf.pk}"
    get = client.get(url)
    assert get.status_code == 200 and "atas nama" in get.content.decode()
    resp = client.post(url, {"periode": periode.pk, "pendekatan": "kualitatif"})
    skp = Skp.objects.get(pegawai=org.staf)
    assert resp.status_code == 302
    r = riwayat_dibuat(skp)
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, "operator")


@pytest.mark.parametrize("siapa", ["atasan", "admin"])
def test_yang_hanya_boleh_melihat_ditolak_403(client, org, periode, siapa):
    client.force_login(org.kasi if siapa == "atasan" else org.admin)
    url = f"{URL}?pegawai={org.staf.pk}"
    assert client.get(url).status_code == 403
    assert client.post(url, {"periode": periode.pk, "pendekatan": "kualitatif"}).status_code == 403
    assert not Skp.objects.exists()


@pytest.mark.parametrize("siapa", ["pegawai_lain", "instansi_lain"])
def test_pegawai_di_luar_cakupan_404(client, org, periode, siapa):
    client.force_login(org.jf if siapa == "pegawai_lain" else org.orang_lain)
    url = f"{URL}?pegawai={org.staf.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"periode": periode.pk, "pendekatan": "kualitatif"}).status_code == 404
    assert not Skp.objects.exists()


def test_periode_instansi_lain_tidak_dapat_dipilih(client, org, periode):
    asing = Periode.objects.create(
        instansi=InstansiFactory(kode="LAIN3"),
        nama="Asing",
        tahun=periode.tahun,
        mulai=periode.mulai,
        selesai=periode.selesai,
        batas_penetapan_skp=periode.batas_penetapan_skp,
    )
    client.force_login(org.staf)
    resp = client.post(URL, {"periode": asing.pk, "pendekatan": "kualitatif"})
    assert resp.status_code == 200 and "periode" in resp.context["form"].errors
    assert not Skp.objects.exists()
