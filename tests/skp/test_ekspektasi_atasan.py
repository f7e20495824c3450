"""The pejabat penilai writes the ekspektasi khusus pimpinan for the 7 BerAKHLAK values."""

import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from pegawai.models import Riwayat
from skp import rules
from skp.models import EkspektasiPerilaku, Skp

HTMX = {"HTTP_HX_REQUEST": "true"}


def galat(response, field_id: str) -> list[str]:
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


@pytest.fixture
def skp_kasi(skp_berjenjang):
    """A draft: the penilai may write his ekspektasi before it is even submitted."""
    return skp_berjenjang["kasi"]


def url(nama, skp):
    return reverse(nama, args=[skp.pk])


def ekspektasi(skp) -> dict[str, str]:
    return dict(EkspektasiPerilaku.objects.filter(skp=skp).values_list("kode", "ekspektasi"))


def test_formulir_menampilkan_tujuh_nilai_dan_panduannya(client, org, skp_kasi):
    client.force_login(org.kabid)
    r = client.get(url("skp_tinjau", skp_kasi))
    assert r.status_code == 200
    isi = unescape(r.content.decode())
    assert len(rules.BERAKHLAK) == 7
    for nilai in rules.BERAKHLAK:
        assert f'name="{nilai.kode}"' in isi
        assert nilai.nama in isi
        for panduan in nilai.panduan:
            assert panduan in isi


def test_simpan_ekspektasi(client, org, skp_kasi):
    client.force_login(org.kabid)
    data = {"kompeten": "  Menyelesaikan pelatihan surveilans digital.  ", "loyal": ""}
    r = client.post(url("skp_ekspektasi", skp_kasi), data)
    assert r.status_code == 302 and r["Location"] == url("skp_tinjau", skp_kasi)
    assert [str(m) for m in get_messages(r.wsgi_request)] == [
        "Ekspektasi khusus pimpinan untuk Kasi disimpan."
    ]
    tersimpan = ekspektasi(skp_kasi)
    assert tersimpan["kompeten"] == "Menyelesaikan pelatihan surveilans digital."
    assert tersimpan["loyal"] == "" and tersimpan["adaptif"] == ""
    assert EkspektasiPerilaku.objects.get(skp=skp_kasi, kode="kompeten").diisi_oleh == org.kabid
    rw = Riwayat.objects.get(object_id=skp_kasi.pk, aksi="skp.ekspektasi_diisi")
    assert (rw.pelaku, rw.subjek, rw.sebagai) == (org.kabid, org.kasi, "atasan")
    assert rw.data == {"nilai": ["kompeten"]}
    # Shown again in the form.
    assert (
        "Menyelesaikan pelatihan surveilans digital."
        in client.get(url("skp_tinjau", skp_kasi)).content.decode()
    )


def test_simpan_ekspektasi_dengan_htmx(client, org, skp_kasi):
    client.force_login(org.kabid)
    r = client.post(
        url("skp_ekspektasi", skp_kasi), {"adaptif": "Proaktif mengusulkan inovasi."}, **HTMX
    )
    assert r.status_code == 200
    isi = r.content.decode()
    assert isi.lstrip().startswith('<section id="ekspektasi-skp"')
    assert "Proaktif mengusulkan inovasi." in isi and "disimpan" in isi
    assert "<html" not in isi
    assert ekspektasi(skp_kasi)["adaptif"] == "Proaktif mengusulkan inovasi."


def test_terlalu_panjang_ditolak_di_samping_kolomnya_tanpa_kehilangan_isian(client, org, skp_kasi):
    client.force_login(org.kabid)
    panjang = "x" * 1001
    r = client.post(url("skp_ekspektasi", skp_kasi), {"harmonis": panjang, "loyal": "Tetap"})
    assert r.status_code == 200
    assert galat(r, "id_harmonis") == ["Paling banyak 1000 karakter (sekarang 1001)."]
    assert panjang in r.content.decode() and "Tetap" in r.content.decode()
    assert ekspektasi(skp_kasi)["loyal"] == ""


def test_sesudah_ditetapkan_tidak_dapat_diubah(client, org, skp_berjenjang):
    skp_kabid = skp_berjenjang["kabid"]  # ditetapkan by kadis
    assert skp_kabid.status == Skp.Status.DITETAPKAN
    client.force_login(org.kadis)
    isi = client.get(url("skp_tinjau", skp_kabid)).content.decode()
    assert url("skp_ekspektasi", skp_kabid) not in isi  # read-only list instead of the form
    jumlah = Riwayat.objects.count()
    r = client.post(url("skp_ekspektasi", skp_kabid), {"kompeten": "Terlambat."})
    assert r.status_code == 200  # the page again, keeping what was typed
    assert [str(m) for m in get_messages(r.wsgi_request)] == [
        "SKP yang sudah ditetapkan tidak dapat diubah."
    ]
    assert ekspektasi(skp_kabid)["kompeten"] == ""
    assert Riwayat.objects.count() == jumlah


@pytest.mark.parametrize(
    ("siapa", "kode"), [("kasi", 403), ("operator", 403), ("kadis", 404), ("orang_lain", 404)]
)
def test_hanya_penilai(client, org, skp_kasi, siapa, kode):
    client.force_login(getattr(org, siapa))
    r = client.post(url("skp_ekspektasi", skp_kasi), {"kompeten": "Dari orang lain."})
    assert r.status_code == kode
    r = client.post(url("skp_ekspektasi", skp_kasi), {"kompeten": "x" * 1001})
    assert r.status_code == kode
    assert ekspektasi(skp_kasi)["kompeten"] == ""
