"""The RHK library of his jabatan is offered on the pegawai's own draft SKP, and used from there."""

import pytest
from django.urls import reverse

from skp.models import PustakaRhk
from skp.services import penyusunan as services


@pytest.fixture
def skp_staf(org, periode):
    return services.buat_skp(org.staf, org.staf, periode)


def test_contoh_pustaka_tampil_dan_dapat_dipakai(client, org, skp_staf):
    entri = PustakaRhk.objects.create(
        jabatan=org.jab_staf,
        teks="Tersusunnya arsip surat masuk dan keluar",
        indikator=[
            {"teks": "Arsip terindeks", "aspek": "kuantitas", "target": "100%", "satuan": ""}
        ],
    )
    PustakaRhk.objects.create(jabatan=org.jab_kasi, teks="Milik jabatan lain")
    client.force_login(org.staf)
    html = client.get(reverse("skp_detail", args=[skp_staf.pk])).content.decode()
    assert "Tersusunnya arsip surat masuk dan keluar" in html
    assert "Milik jabatan lain" not in html
    assert reverse("skp_pakai_pustaka", args=[entri.pk, skp_staf.pk]) in html
    resp = client.post(reverse("skp_pakai_pustaka", args=[entri.pk, skp_staf.pk]))
    assert resp.status_code == 302
    rhk = skp_staf.rhk.get()
    assert rhk.teks == entri.teks and rhk.indikator.get().target_teks == "100%"


def test_tanpa_pustaka_tidak_ada_bagian_pustaka(client, org, skp_staf):
    client.force_login(org.staf)
    html = client.get(reverse("skp_detail", args=[skp_staf.pk])).content.decode()
    assert 'id="pustaka-rhk"' not in html
