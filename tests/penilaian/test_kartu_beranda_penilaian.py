"""Home cards: the atasan sees who is still to rate in the open window; the pegawai sees a
new final rating."""

import datetime as dt

from django.urls import reverse

from penilaian.services import nilai as services


def test_kartu_atasan_dan_pegawai(client, org, jendela, skp_semua, monkeypatch):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: dt.date(2026, 3, 15))
    client.force_login(org.kasi)
    html = client.get(reverse("beranda")).content.decode()
    assert "1 pegawai belum dinilai pada Triwulan 1 2026" in html

    p = services.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    services.tetapkan_penilaian(org.kasi, p)
    assert "belum dinilai pada Triwulan 1" not in client.get(reverse("beranda")).content.decode()

    client.force_login(org.staf)
    html = client.get(reverse("beranda")).content.decode()
    assert "Penilaian kinerja baru" in html
    assert reverse("penilaian_detail", args=[p.pk]) in html


def test_kartu_predikat_baru_sesudah_kurva_difinalkan_lalu_lewat_30_hari(
    client, org, jendela, skp_semua, monkeypatch
):
    """The newest final rating is cached per pegawai (every home page asks, issue 12): the
    curve's finalisation — one UPDATE without signals — still shows at the next visit, and
    the card leaves after 30 days without anything being saved."""
    from django.utils import timezone

    from penilaian.models import Penilaian
    from penilaian.services.kurva import finalkan_kurva, tetapkan_predikat_organisasi

    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", lambda pk: None)
    po = tetapkan_predikat_organisasi(org.admin, org.bidang, 2026, "baik", "")
    dinilai = {
        nama: Penilaian.objects.create(
            periode_penilaian=jendela.tahunan,
            skp=skp_semua[nama],
            pegawai=skp_semua[nama].pegawai,
            unit=skp_semua[nama].unit,
            rating_hasil_kerja="sesuai",
            rating_perilaku="sesuai",
            predikat=predikat,
            status=Penilaian.Status.DINILAI,
        )
        for nama, predikat in (("kasi", "baik"), ("staf", "butuh_perbaikan"), ("jf", "baik"))
    }
    p = dinilai["staf"]
    client.force_login(org.staf)
    assert "Penilaian kinerja baru" not in client.get(reverse("beranda")).content.decode()
    finalkan_kurva(org.admin, po)
    html = client.get(reverse("beranda")).content.decode()
    assert "Penilaian kinerja baru" in html
    assert reverse("penilaian_detail", args=[p.pk]) in html
    nanti = timezone.now() + dt.timedelta(days=31)
    monkeypatch.setattr("penilaian.beranda.timezone.now", lambda: nanti)
    assert "Penilaian kinerja baru" not in client.get(reverse("beranda")).content.decode()
