"""The admin instansi sets a unit's predikat kinerja organisasi on its page."""

from django.urls import reverse

from penilaian.models import PredikatKinerjaOrganisasi


def test_halaman_dan_simpan(client, org, periode):
    client.force_login(org.admin)
    url = reverse("predikat_organisasi")
    resp = client.get(url, {"tahun": 2026})
    assert resp.status_code == 200
    assert "belum ditetapkan" in resp.content.decode()
    resp = client.post(
        reverse("predikat_organisasi_tetapkan", args=[org.seksi.pk]),
        {"tahun": 2026, f"u{org.seksi.pk}-predikat": "istimewa", f"u{org.seksi.pk}-catatan": "SK"},
    )
    assert resp.status_code == 302 and resp["Location"].endswith("?tahun=2026")
    po = PredikatKinerjaOrganisasi.objects.get(unit=org.seksi, tahun=2026)
    assert (po.predikat, po.catatan, po.ditetapkan_oleh) == ("istimewa", "SK", org.admin)
    assert "Istimewa" in client.get(url, {"tahun": 2026}).content.decode()


def test_pilihan_tidak_sah_tidak_tersimpan(client, org, periode):
    client.force_login(org.admin)
    resp = client.post(
        reverse("predikat_organisasi_tetapkan", args=[org.seksi.pk]),
        {"tahun": 2026, f"u{org.seksi.pk}-predikat": "hebat"},
        follow=True,
    )
    assert not PredikatKinerjaOrganisasi.objects.exists()
    assert org.seksi.nama in resp.content.decode()


def test_unit_instansi_lain_404(client, org, periode):
    from tests.factories import UnitKerjaFactory

    asing = UnitKerjaFactory()
    client.force_login(org.admin)
    resp = client.post(
        reverse("predikat_organisasi_tetapkan", args=[asing.pk]),
        {"tahun": 2026, f"u{asing.pk}-predikat": "baik"},
    )
    assert resp.status_code == 404
