"""The admin instansi assigns jabatan (definitif, Plt, Plh) and ends assignments."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from pegawai.models import Penugasan, Riwayat
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitKerjaFactory

TAK_BOLEH = ["staf", "operator", "kabid"]  # ASN, operator, atasan


def galat(response, field_id: str) -> list[str]:
    """Error messages rendered next to a field by components/field.html."""
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def tugaskan(client, pegawai, jabatan, jenis="definitif", mulai="2025-01-02", selesai=""):
    return client.post(
        reverse("kelola_penugasan_tambah", args=[pegawai.pk]),
        {
            "jabatan": jabatan.pk,
            "jenis": jenis,
            "mulai": mulai,
            "selesai": selesai,
            "nomor_sk": "821/123/BKPSDM/2025",
        },
    )


# --- add ------------------------------------------------------------------------------------
def test_halaman_tambah_hanya_menawarkan_jabatan_aktif_instansi_sendiri(client, org):
    nonaktif = JabatanFactory(unit=org.seksi, nama="Jabatan Lama", aktif=False)
    asing = JabatanFactory(unit=UnitKerjaFactory(instansi=org.orang_lain.instansi))
    client.force_login(org.admin)
    r = client.get(reverse("kelola_penugasan_tambah", args=[org.jf.pk]))
    assert r.status_code == 200
    pilihan = r.context["form"].fields["jabatan"].queryset
    assert set(pilihan) == {org.jab_kadis, org.jab_kabid, org.jab_kasi, org.jab_staf, org.jab_jf}
    assert nonaktif not in pilihan and asing not in pilihan
    html = r.content.decode()
    assert "Plh" in html and "lowong" in html  # the help on Plt vs Plh


def test_tugaskan_pegawai_baru_secara_definitif(client, org):
    baru = PegawaiFactory(instansi=org.instansi, nama="Baru")
    jab = JabatanFactory(unit=org.seksi, induk=org.jab_kasi, nama="Pengolah Data")
    client.force_login(org.admin)
    r = tugaskan(client, baru, jab, mulai="2025-01-02")
    assert r.status_code == 302
    assert r.url == reverse("kelola_pegawai_detail", args=[baru.pk])
    p = Penugasan.objects.get(pegawai=baru)
    assert (p.jabatan, p.jenis, p.mulai, p.selesai, p.nomor_sk, p.dibuat_oleh) == (
        jab,
        "definitif",
        dt.date(2025, 1, 2),
        None,
        "821/123/BKPSDM/2025",
        org.admin,
    )
    baru.refresh_from_db()
    assert baru.unit_kerja == org.seksi  # follows the definitif jabatan
    rw = Riwayat.objects.get(aksi="penugasan.dibuat", subjek=baru)
    assert rw.pelaku == org.admin and rw.object_id == p.pk


def test_plt_untuk_jabatan_lowong(client, org, hari_ini):
    lowong = JabatanFactory(unit=org.bidang, induk=org.jab_kadis, nama="Sekretaris")
    client.force_login(org.admin)
    r = tugaskan(client, org.kabid, lowong, jenis="plt", mulai=hari_ini.isoformat())
    assert r.status_code == 302
    assert Penugasan.objects.get(jabatan=lowong).jenis == "plt"
    org.kabid.refresh_from_db()
    assert org.kabid.unit_kerja == org.bidang  # Plt does not move the pegawai


def test_definitif_kedua_yang_tumpang_tindih_ditolak(client, org):
    jab = JabatanFactory(unit=org.seksi, induk=org.jab_kasi)
    client.force_login(org.admin)
    jumlah = Penugasan.objects.count()
    r = tugaskan(client, org.staf, jab)
    assert r.status_code == 200
    [pesan] = galat(r, "id_mulai")
    assert "sudah menjabat definitif sebagai Pengadministrasi Umum sejak 01-01-2020" in pesan
    assert Penugasan.objects.count() == jumlah
    assert not Riwayat.objects.filter(aksi="penugasan.dibuat").exists()


def test_jabatan_yang_sudah_punya_pejabat_definitif_ditolak(client, org):
    baru = PegawaiFactory(instansi=org.instansi, nama="Baru")
    client.force_login(org.admin)
    r = tugaskan(client, baru, org.jab_staf)
    assert r.status_code == 200
    assert galat(r, "id_mulai") == [
        "Jabatan ini sudah diisi (Definitif) oleh Staf pada rentang tanggal itu."
    ]
    assert not Penugasan.objects.filter(pegawai=baru).exists()


def test_plh_kedua_pada_jabatan_yang_sama_ditolak(client, org, hari_ini):
    PenugasanFactory(
        pegawai=org.jf, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=hari_ini
    )
    client.force_login(org.admin)
    r = tugaskan(client, org.staf, org.jab_kasi, jenis="plh", mulai=hari_ini.isoformat())
    assert r.status_code == 200
    assert galat(r, "id_mulai") == [
        "Jabatan ini sudah diisi (Plh (pelaksana harian)) oleh Jf pada rentang tanggal itu."
    ]
    assert not Penugasan.objects.filter(pegawai=org.staf, jenis="plh").exists()


def test_selesai_sebelum_mulai_ditolak(client, org):
    client.force_login(org.admin)
    r = tugaskan(client, org.jf, org.jab_kasi, "plh", mulai="2025-03-10", selesai="2025-03-01")
    assert r.status_code == 200
    assert galat(r, "id_selesai") == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert not Penugasan.objects.filter(pegawai=org.jf, jenis="plh").exists()


def test_jabatan_wajib_dan_dari_instansi_sendiri(client, org):
    asing = JabatanFactory(unit=UnitKerjaFactory(instansi=org.orang_lain.instansi))
    client.force_login(org.admin)
    r = tugaskan(client, org.jf, asing, jenis="plt")
    assert r.status_code == 200
    assert galat(r, "id_jabatan")
    assert not Penugasan.objects.filter(jabatan=asing).exists()


# --- end ------------------------------------------------------------------------------------
def test_akhiri_penugasan(client, org):
    penugasan = org.staf.penugasan.get()
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_penugasan_akhiri", args=[penugasan.pk]), {"selesai": "2025-06-30"}
    )
    assert r.status_code == 302
    assert r.url == reverse("kelola_pegawai_detail", args=[org.staf.pk])
    penugasan.refresh_from_db()
    assert penugasan.selesai == dt.date(2025, 6, 30)
    rw = Riwayat.objects.get(aksi="penugasan.diakhiri", subjek=org.staf)
    assert rw.data["selesai"] == "2025-06-30" and rw.pelaku == org.admin


def test_akhiri_sebelum_mulai_ditolak_di_samping_tanggalnya(client, org):
    penugasan = org.staf.penugasan.get()
    client.force_login(org.admin)
    r = client.post(
        reverse("kelola_penugasan_akhiri", args=[penugasan.pk]), {"selesai": "2019-12-31"}
    )
    assert r.status_code == 200
    assert galat(r, f"id_akhiri_{penugasan.pk}_selesai") == [
        "Tanggal selesai tidak boleh sebelum tanggal mulai."
    ]
    penugasan.refresh_from_db()
    assert penugasan.selesai is None
    assert not Riwayat.objects.filter(aksi="penugasan.diakhiri").exists()


def test_akhiri_tanpa_tanggal_ditolak(client, org):
    penugasan = org.staf.penugasan.get()
    client.force_login(org.admin)
    r = client.post(reverse("kelola_penugasan_akhiri", args=[penugasan.pk]), {"selesai": ""})
    assert r.status_code == 200
    assert galat(r, f"id_akhiri_{penugasan.pk}_selesai")
    penugasan.refresh_from_db()
    assert penugasan.selesai is None


def test_akhiri_menjawab_405_untuk_get(client, org):
    client.force_login(org.admin)
    url = reverse("kelola_penugasan_akhiri", args=[org.staf.penugasan.get().pk])
    assert client.get(url).status_code == 405


# --- who may ----------------------------------------------------------------------------
def test_penugasan_instansi_lain_404(client, org):
    asing_jab = JabatanFactory(unit=UnitKerjaFactory(instansi=org.orang_lain.instansi))
    asing = PenugasanFactory(pegawai=org.orang_lain, jabatan=asing_jab)
    client.force_login(org.admin)
    akhiri = reverse("kelola_penugasan_akhiri", args=[asing.pk])
    assert client.post(akhiri, {"selesai": "2025-01-01"}).status_code == 404
    tambah = reverse("kelola_penugasan_tambah", args=[org.orang_lain.pk])
    assert client.get(tambah).status_code == 404
    assert tugaskan(client, org.orang_lain, asing_jab, jenis="plt").status_code == 404
    asing.refresh_from_db()
    assert asing.selesai is None
    assert Penugasan.objects.filter(pegawai=org.orang_lain).count() == 1


@pytest.mark.parametrize("peran", TAK_BOLEH)
def test_selain_admin_ditolak(client, org, peran, hari_ini):
    client.force_login(getattr(org, peran))
    tambah = reverse("kelola_penugasan_tambah", args=[org.jf.pk])
    assert client.get(tambah).status_code == 403
    lowong = JabatanFactory(unit=org.bidang, induk=org.jab_kadis)
    assert tugaskan(client, org.jf, lowong, jenis="plt").status_code == 403
    penugasan = org.staf.penugasan.get()
    akhiri = reverse("kelola_penugasan_akhiri", args=[penugasan.pk])
    assert client.post(akhiri, {"selesai": hari_ini.isoformat()}).status_code == 403
    assert client.get(akhiri).status_code == 403
    penugasan.refresh_from_db()
    assert penugasan.selesai is None
    assert not Penugasan.objects.filter(jabatan=lowong).exists()
