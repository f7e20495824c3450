"""Approve many activities at once: one transaction, all of them or none."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci

A = Aktivitas.Status
URL = "/aktivitas/tinjau/setujui-massal/"


@pytest.fixture
def tiga(org):
    return [
        akt.catat_aktivitas(org.staf, org.staf, data(tanggal=HARI - dt.timedelta(days=i)), kunci())[
            0
        ]
        for i in range(3)
    ]


def pesan(client, r):
    return [str(m) for m in client.get(r["Location"]).context["messages"]]


def test_url():
    assert reverse("aktivitas_setujui_massal") == URL


def test_setujui_yang_dicentang(client, org, tiga):
    client.force_login(org.kasi)
    r = client.post(
        URL, {"ids": [tiga[0].pk, tiga[2].pk], "kembali": "tab=aktivitas", "yakin": "1"}
    )
    assert r.status_code == 302 and r["Location"] == "/aktivitas/tinjau/?tab=aktivitas"
    status = dict(Aktivitas.objects.values_list("pk", "status"))
    assert status == {tiga[0].pk: A.DISETUJUI, tiga[1].pk: A.MENUNGGU, tiga[2].pk: A.DISETUJUI}
    assert Riwayat.objects.filter(aksi="aktivitas.disetujui").count() == 2
    assert "2 aktivitas disetujui." in pesan(client, r)


def test_satu_bukan_miliknya_tidak_ada_yang_disetujui(org, tiga):
    """The kabid rates the jf but not the staf: one of the staf's among them, none approved."""
    milik_kabid = akt.catat_aktivitas(org.jf, org.jf, data(), kunci())[0]
    with pytest.raises(PermissionDenied):
        akt.setujui_aktivitas(org.kabid, [milik_kabid.pk, tiga[0].pk])
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {A.MENUNGGU}
    assert not Riwayat.objects.filter(aksi="aktivitas.disetujui").exists()


def test_lewat_halaman_satu_asing_semua_batal(client, org, tiga):
    """Through the page: the kasi posts his three and the jf's (rated by the kabid) that he
    may not see: 404, and nothing is approved."""
    asing = akt.catat_aktivitas(org.jf, org.jf, data(), kunci())[0]
    client.force_login(org.kasi)
    r = client.post(URL, {"ids": [a.pk for a in tiga] + [asing.pk], "yakin": "1"})
    assert r.status_code == 404
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {A.MENUNGGU}


def test_terlihat_tapi_bukan_penilai_semua_batal_dengan_pesan(client, org, tiga):
    """The kasi sees his own activity (rated by the kabid): checked with his staf's, none is
    approved and the page says why."""
    sendiri = akt.catat_aktivitas(org.kasi, org.kasi, data(), kunci())[0]
    client.force_login(org.kasi)
    r = client.post(URL, {"ids": [tiga[0].pk, tiga[1].pk, sendiri.pk]})
    assert r.status_code == 302
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {A.MENUNGGU}
    assert any(p.startswith("Tidak ada yang disetujui.") for p in pesan(client, r))


def test_satu_sudah_disetujui_semua_batal(client, org, tiga):
    akt.setujui_aktivitas(org.kasi, [tiga[0].pk])
    with pytest.raises(ValidationError, match="sudah disetujui"):
        akt.setujui_aktivitas(org.kasi, [a.pk for a in tiga])
    assert Aktivitas.objects.filter(status=A.MENUNGGU).count() == 2


def test_tanpa_pilihan(client, org, tiga):
    client.force_login(org.kasi)
    r = client.post(URL, {})
    assert r.status_code == 302
    assert "Pilih minimal satu aktivitas." in pesan(client, r)
    r = client.post(URL, {"ids": ["x"]})
    assert "Pilihan tidak valid." in pesan(client, r)


def test_tombol_setujui_semua_di_halaman(client, org, tiga):
    client.force_login(org.kasi)
    isi = client.get("/aktivitas/tinjau/").content.decode()
    for a in tiga:
        assert f'<input type="hidden" name="ids" value="{a.pk}">' in isi
    assert "Setujui 3 aktivitas Staf di halaman ini" in isi


# The admin may open the queue (for pegawai rated by the PPK) but rates nobody here: his
# bulk approval comes back with the reason and approves nothing.
@pytest.mark.parametrize(("peran", "kode"), [("staf", 403), ("operator", 403), ("admin", 302)])
def test_bukan_atasan_ditolak(client, org, tiga, peran, kode):
    client.force_login(getattr(org, peran))
    assert client.post(URL, {"ids": [tiga[0].pk]}).status_code == kode
    assert not Aktivitas.objects.filter(status=A.DISETUJUI).exists()


# --- a second look first (issue: "Setujui 37 aktivitas?") --------------------------------------
def test_konfirmasi_menyebut_jumlah_dan_tidak_mengubah_apa_pun(client, org, tiga):
    client.force_login(org.kasi)
    r = client.post(URL, {"ids": [a.pk for a in tiga]}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html
    assert "Setujui 3 aktivitas?" in html and "Staf: 3 aktivitas" in html
    assert '<input type="hidden" name="yakin" value="1">' in html
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {A.MENUNGGU}
    assert not Riwayat.objects.filter(aksi="aktivitas.disetujui").exists()
    # Without JavaScript the same question is a page.
    assert "<html" in client.post(URL, {"ids": [tiga[0].pk]}).content.decode()


def test_konfirmasi_dikirim_dua_kali_menyetujui_sekali(client, org, tiga):
    client.force_login(org.kasi)
    kiriman = {"ids": [a.pk for a in tiga], "yakin": "1"}
    client.post(URL, kiriman)
    r = client.post(URL, kiriman)
    assert Riwayat.objects.filter(aksi="aktivitas.disetujui").count() == 3
    assert "Aktivitas ini sudah disetujui; tidak disetujui dua kali." in pesan(client, r)


def test_konfirmasi_tidak_ditanyakan_bila_tidak_berhak(client, org, tiga):
    client.force_login(org.admin)
    r = client.post(URL, {"ids": [tiga[0].pk]}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and r["HX-Redirect"].startswith("/aktivitas/tinjau/")
    assert "Setujui 1 aktivitas?" not in r.content.decode()


def test_riwayat_persetujuan_massal_satu_insert(org, tiga):
    """Each approved activity has its history row — written for all of them in one INSERT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        akt.setujui_aktivitas(org.kasi, [a.pk for a in tiga], "Baik")
    assert len([x for x in q.captured_queries if x["sql"].startswith("INSERT")]) == 1
    riwayat = Riwayat.objects.filter(aksi="aktivitas.disetujui")
    assert sorted(riwayat.values_list("object_id", flat=True)) == sorted(a.pk for a in tiga)
    assert {
        (r.pelaku_id, r.subjek_id, r.dari_status, r.ke_status, r.keterangan) for r in riwayat
    } == {(org.kasi.pk, org.staf.pk, A.MENUNGGU, A.DISETUJUI, "Baik")}
