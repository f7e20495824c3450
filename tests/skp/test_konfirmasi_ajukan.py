"""Submitting an SKP asks first, in numbers; the question changes nothing, "Ya" submits once."""

import pytest

from pegawai.models import Riwayat
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from tests.skp.test_ajukan_skp_halaman import ajukan, detail, kasi, kasi_siap  # noqa: F401

HTMX = {"HX-Request": "true"}


def test_konfirmasi_menyebut_angka_dan_tidak_mengubah_apa_pun(client, org, kasi_siap):  # noqa: F811
    client.force_login(org.kasi)
    resp = client.get(ajukan(kasi_siap))
    html = resp.content.decode()
    rhk = RencanaHasilKerja.objects.filter(skp=kasi_siap).count()
    ind = IndikatorKinerja.objects.filter(rhk__skp=kasi_siap).count()
    assert resp.status_code == 200 and "<html" in html
    assert (
        f"Ajukan {kasi_siap} dengan {rhk} RHK dan {ind} indikator kepada "
        f"{org.kabid.nama_lengkap}?" in html
    )
    assert f'action="{ajukan(kasi_siap)}"' in html and "data-konfirmasi-ya" in html
    assert f'href="{detail(kasi_siap)}" data-konfirmasi-batal' in html
    kasi_siap.refresh_from_db()
    assert kasi_siap.status == Skp.Status.DRAFT
    assert not Riwayat.objects.filter(aksi="skp.diajukan", object_id=kasi_siap.pk).exists()


def test_htmx_mendapat_dialog_saja(client, org, kasi_siap):  # noqa: F811
    client.force_login(org.kasi)
    html = client.get(ajukan(kasi_siap), headers=HTMX).content.decode()
    assert "<html" not in html and 'id="konfirmasi-judul"' in html


def test_post_kedua_tidak_mengajukan_dua_kali(client, org, kasi_siap):  # noqa: F811
    client.force_login(org.kasi)
    client.post(ajukan(kasi_siap))
    resp = client.post(ajukan(kasi_siap), follow=True)
    assert "SKP ini sudah diajukan; tidak diajukan dua kali." in resp.content.decode()
    assert Riwayat.objects.filter(aksi="skp.diajukan", object_id=kasi_siap.pk).count() == 1


@pytest.mark.parametrize("siapa,kode", [("orang_lain", 404), ("kabid", 403)])
def test_konfirmasi_hanya_untuk_pemilik(client, org, kasi_siap, siapa, kode):  # noqa: F811
    client.force_login(getattr(org, siapa))
    assert client.get(ajukan(kasi_siap)).status_code == kode
