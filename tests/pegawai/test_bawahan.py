"""A pejabat penilai sees the pegawai he rates today."""

import pytest
from django.urls import reverse

from pegawai.models import Jabatan
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory


def test_perlu_masuk(client, db):
    r = client.get(reverse("bawahan"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


def test_atasan_melihat_bawahan_langsung(client, org):
    client.force_login(org.kabid)
    r = client.get(reverse("bawahan"))
    assert r.status_code == 200
    html = r.content.decode()
    for b in (org.kasi, org.jf):
        assert b.nip in html
        assert reverse("pegawai_detail", args=[b.pk]) in html
    assert "Kepala Seksi Surveilans" in html and "Seksi Surveilans" in html
    assert "Epidemiolog Kesehatan Ahli Muda" in html and "Bidang P2P" in html
    assert org.staf.nip not in html  # rated by the kasi, not by him
    assert org.kabid.nip not in html.split("<main")[1]


def test_bawahan_dari_jabatan_kosong_di_bawahnya(client, org):
    # The kasi leaves; nobody acts for his jabatan, so the kabid now rates the staf.
    from pegawai.models import Penugasan

    Penugasan.objects.filter(pegawai=org.kasi).delete()
    client.force_login(org.kabid)
    assert org.staf.nip in client.get(reverse("bawahan")).content.decode()


def test_cari_bawahan(client, org):
    client.force_login(org.kabid)
    html = client.get(reverse("bawahan"), {"q": "Jf"}).content.decode()
    assert org.jf.nip in html and org.kasi.nip not in html
    html = client.get(reverse("bawahan"), {"q": "tidak-ada"}).content.decode()
    assert "Tidak ada bawahan yang cocok" in html


@pytest.mark.parametrize("nama", ["staf", "jf", "operator", "admin", "orang_lain"])
def test_bukan_atasan_ditolak(client, org, nama):
    client.force_login(getattr(org, nama))
    assert client.get(reverse("bawahan")).status_code == 403


def test_atasan_membuka_rincian_bawahan_tetapi_bukan_atasannya(client, org):
    client.force_login(org.kasi)
    assert client.get(reverse("pegawai_detail", args=[org.staf.pk])).status_code == 200
    assert client.get(reverse("pegawai_detail", args=[org.kabid.pk])).status_code == 404


def test_banyak_bawahan_tanpa_n_plus_1(client, org, django_assert_max_num_queries):
    for i in range(45):
        jab = JabatanFactory(
            unit=org.seksi,
            nama=f"Pelaksana {i:02d}",
            jenis=Jabatan.Jenis.PELAKSANA,
            induk=org.jab_kasi,
        )
        PenugasanFactory(
            pegawai=PegawaiFactory(nama=f"Bawahan {i:02d}", instansi=org.instansi), jabatan=jab
        )
    client.force_login(org.kasi)
    with django_assert_max_num_queries(15):  # +3: the menu's waiting-work counts
        r = client.get(reverse("bawahan"))
    html = r.content.decode()
    assert html.count("<tr>") == 1 + 25
    # Sorted by name: "Bawahan 00".."Bawahan 24", each with his own jabatan.
    assert "Pelaksana 00" in html and "Pelaksana 24" in html and "Pelaksana 25" not in html
    assert "Halaman 1 dari 2" in html
    assert "46 pegawai" in html
    r = client.get(reverse("bawahan"), {"page": 2})
    assert r.status_code == 200 and "Halaman 2 dari 2" in r.content.decode()
