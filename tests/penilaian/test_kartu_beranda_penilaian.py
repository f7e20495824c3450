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
