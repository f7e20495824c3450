"""A pegawai turns non-mandatory kinds off (mandatory ones stay on); the admin sets the
instansi's reminder thresholds."""

import datetime as dt

from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi, PengaturanPengingat, PreferensiNotifikasi
from notifikasi.services import kirim as services


def test_preferensi_mematikan_yang_tidak_wajib_saja(client, org):
    client.force_login(org.staf)
    r = client.post(
        reverse("notifikasi_preferensi"),
        {"email_aktivitas_kosong": "on", "aplikasi_realisasi_menjelang": "on"},
    )
    assert r.status_code == 302
    p = PreferensiNotifikasi.objects.get(pegawai=org.staf, jenis=Jenis.AKTIVITAS_KOSONG)
    assert (p.aplikasi, p.email) == (False, True)
    assert not PreferensiNotifikasi.objects.filter(jenis=Jenis.MANUAL).exists()
    # The in-app reminder is now skipped for him; a mandatory kind still arrives.
    services.buat_notifikasi(
        [
            services.Rencana(org.staf.pk, Jenis.AKTIVITAS_KOSONG, "2026-03-11", "x"),
            services.Rencana(org.staf.pk, Jenis.REALISASI_TERLEWAT, "2026-02", "y"),
        ]
    )
    assert list(Notifikasi.objects.values_list("jenis", flat=True)) == [Jenis.REALISASI_TERLEWAT]
    halaman = client.get(reverse("notifikasi_preferensi")).content.decode()
    assert "wajib" in halaman


def test_admin_mengatur_ambang_pengingat(client, org):
    client.force_login(org.admin)
    r = client.post(
        reverse("notifikasi_pengaturan"),
        {
            "jam_pengingat_aktivitas": "15:30",
            "hari_sebelum_batas_realisasi": "3",
            "hari_tinjauan_tertunda": "5",
            "hari_eskalasi_atasan": "2",
            "hari_sebelum_batas_skp": "10",
            "hari_sebelum_batas_penilaian": "2",
        },
    )
    assert r.status_code == 302
    atur = PengaturanPengingat.objects.get(instansi=org.instansi)
    assert atur.jam_pengingat_aktivitas == dt.time(15, 30) and atur.hari_tinjauan_tertunda == 5
    assert atur.hari_eskalasi_atasan == 2
    r = client.post(reverse("notifikasi_pengaturan"), {"hari_tinjauan_tertunda": "-1"})
    assert r.status_code == 400 and "hari_tinjauan_tertunda" in r.context["form"].errors
