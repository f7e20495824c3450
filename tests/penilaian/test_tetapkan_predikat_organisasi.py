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
    assert resp.status_code == 302 and resp["Location"].endswith("?tahun=2026&jendela=tahunan-1")
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


def test_predikat_periodik_dengan_nomor_tanggal_dan_riwayat(client, org, periode):
    """SE MenPANRB 3/2023 stage 1: capaian kinerja organisasi periodik dan tahunan."""
    client.force_login(org.admin)
    url = reverse("predikat_organisasi")
    halaman = client.get(url, {"tahun": 2026}).content.decode()
    assert 'value="triwulan-2"' in halaman and 'value="tahunan-1"' in halaman
    data = {
        "tahun": 2026,
        "jendela": "triwulan-2",
        f"u{org.seksi.pk}-predikat": "baik",
        f"u{org.seksi.pk}-nomor_penetapan": "800/12/BKPSDM/2026",
        f"u{org.seksi.pk}-tanggal_penetapan": "2026-07-10",
    }
    resp = client.post(reverse("predikat_organisasi_tetapkan", args=[org.seksi.pk]), data)
    assert resp["Location"].endswith("?tahun=2026&jendela=triwulan-2")
    po = PredikatKinerjaOrganisasi.objects.get(unit=org.seksi, tahun=2026)
    assert (po.jenis, po.urutan, po.nomor_penetapan) == ("triwulan", 2, "800/12/BKPSDM/2026")
    assert str(po.tanggal_penetapan) == "2026-07-10"
    data[f"u{org.seksi.pk}-predikat"] = "istimewa"
    client.post(reverse("predikat_organisasi_tetapkan", args=[org.seksi.pk]), data)
    teks = client.get(url, {"tahun": 2026, "jendela": "triwulan-2"}).content.decode()
    assert "Riwayat perubahan" in teks and "Baik → Istimewa" in teks
    assert "800/12/BKPSDM/2026" in teks
    # The year is another window: nothing set there yet.
    assert not PredikatKinerjaOrganisasi.objects.filter(jenis="tahunan").exists()
    teks = client.get(url, {"tahun": 2026}).content.decode()
    assert "Belum ada perubahan untuk periode ini." in teks


def test_form_satu_unit_dimuat_saat_diminta_dan_galat_di_samping_kolom(client, org, periode):
    client.force_login(org.admin)
    halaman = client.get(reverse("predikat_organisasi"), {"tahun": 2026}).content.decode()
    assert 'name="u' not in halaman  # no form per unit on the list
    url = reverse("predikat_organisasi_tetapkan", args=[org.seksi.pk])
    baris = client.get(url, {"tahun": 2026}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in baris and f'name="u{org.seksi.pk}-predikat"' in baris
    assert "<html" in client.get(url, {"tahun": 2026}).content.decode()
    r = client.post(
        url,
        {
            "tahun": 2026,
            f"u{org.seksi.pk}-predikat": "baik",
            f"u{org.seksi.pk}-tanggal_penetapan": "x",
        },
    )
    assert r.status_code == 400 and "Tanggal tidak dikenali" in r.content.decode()
    assert not PredikatKinerjaOrganisasi.objects.exists()
