"""The ASN sets action plans (rencana aksi) per RHK for a month or a quarter, and picks one
when logging an activity."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aktivitas.models import Aktivitas, RencanaAksi
from aktivitas.services import harian as akt
from aktivitas.services import rencana_aksi as svc
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci

HALAMAN = reverse("aktivitas_rencana_aksi") + "?bulan=2026-03"
TAMBAH = reverse("aktivitas_rencana_aksi_tambah")
HTMX = {"HTTP_HX_REQUEST": "true"}


def isian(rhk, **ubah):
    nilai = {
        "rhk": rhk.pk,
        "bulan": "2026-03",
        "teks": "Memindai arsip surveilans Januari–Maret",
        "target": "300 berkas",
        "cakupan": "bulan",
    }
    nilai.update(ubah)
    return nilai


def rencana(rhk, teks="Memindai arsip", **kw):
    kw.setdefault("bulan", 3)
    return svc.tambah_rencana_aksi(rhk.skp.pegawai, rhk, tahun=2026, teks=teks, **kw)


@pytest.fixture
def staf(client, org):
    client.force_login(org.staf)
    return org.staf


def test_halaman_per_rhk_bulan_dan_triwulan(client, staf, rhk_staf):
    rencana(rhk_staf, "Rencana Maret")
    rencana(rhk_staf, "Rencana triwulan I", bulan=None, triwulan=1)
    rencana(rhk_staf, "Rencana April", bulan=4)
    resp = client.get(HALAMAN)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Arsip surveilans tertata" in html
    assert "Rencana Maret" in html and "Rencana triwulan I" in html
    assert "Rencana April" not in html
    assert "Maret 2026" in html and "triwulan I" in html


def test_tambah_biasa(client, staf, rhk_staf):
    resp = client.post(TAMBAH, isian(rhk_staf))
    assert resp.status_code == 302 and resp["Location"] == HALAMAN
    ra = RencanaAksi.objects.get()
    assert (ra.rhk, ra.tahun, ra.bulan, ra.triwulan) == (rhk_staf, 2026, 3, None)
    assert ra.target == "300 berkas" and ra.dibuat_oleh == staf
    r = Riwayat.objects.get(aksi="rencana_aksi.ditambah")
    assert r.sebagai == "sendiri" and r.subjek == staf


def test_tambah_untuk_triwulan(client, staf, rhk_staf):
    client.post(TAMBAH, isian(rhk_staf, bulan="2026-05", cakupan="triwulan"))
    ra = RencanaAksi.objects.get()
    assert (ra.bulan, ra.triwulan) == (None, 2)


def test_tambah_lewat_htmx(client, staf, rhk_staf):
    resp = client.post(TAMBAH, isian(rhk_staf), **HTMX)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<html" not in html
    assert "Memindai arsip surveilans Januari–Maret" in html
    assert "Rencana aksi ditambahkan." in html


def test_teks_kosong_ditolak_di_samping_field(client, staf, rhk_staf):
    resp = client.post(TAMBAH, isian(rhk_staf, teks="", target="12 dokumen"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f'id="ra{rhk_staf.pk}_teks_error">Isi rencana aksinya.' in html
    assert 'value="12 dokumen"' in html
    assert not RencanaAksi.objects.exists()


def test_di_luar_masa_berlaku_skp_ditolak(staf, rhk_staf):
    with pytest.raises(ValidationError) as e:
        svc.tambah_rencana_aksi(staf, rhk_staf, tahun=2025, bulan=12, teks="Terlalu awal")
    assert "cakupan" in e.value.message_dict


def test_hapus(client, staf, rhk_staf):
    ra = rencana(rhk_staf)
    url = reverse("aktivitas_rencana_aksi_hapus", args=[ra.pk])
    resp = client.post(url, {"bulan": "2026-03"})
    assert resp.status_code == 302 and resp["Location"] == HALAMAN
    assert not RencanaAksi.objects.exists()
    assert Riwayat.objects.filter(aksi="rencana_aksi.dihapus").exists()


def test_hapus_ditolak_bila_dipakai_aktivitas(client, staf, rhk_staf):
    ra = rencana(rhk_staf)
    isi = data(rhk_staf)
    isi.rencana_aksi = ra
    akt.catat_aktivitas(staf, staf, isi, kunci())
    html = client.get(HALAMAN).content.decode()
    assert "dipakai 1 aktivitas" in html
    assert reverse("aktivitas_rencana_aksi_hapus", args=[ra.pk]) not in html
    url = reverse("aktivitas_rencana_aksi_hapus", args=[ra.pk])
    html = client.post(url, {"bulan": "2026-03"}, follow=True).content.decode()
    assert "dipakai oleh 1 aktivitas sehingga tidak dapat dihapus" in html
    assert RencanaAksi.objects.filter(pk=ra.pk).exists()


def test_form_aktivitas_menawarkan_rencana_aksi_bulan_itu(client, staf, rhk_staf):
    ra = rencana(rhk_staf, "Rencana Maret")
    rencana(rhk_staf, "Rencana April", bulan=4)
    url = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"
    html = client.get(url).content.decode()
    assert f'<option value="{ra.pk}">Rencana Maret</option>' in html
    assert "Rencana April" not in html
    # picking the plan without an RHK links the activity to the plan's RHK
    resp = client.post(
        url,
        {
            "tanggal": HARI.isoformat(),
            "rhk": "",
            "rencana_aksi": ra.pk,
            "jam_mulai": "08:00",
            "jam_selesai": "09:00",
            "uraian": "Memindai 40 berkas",
            "jumlah_output": "40",
            "satuan_output": "berkas",
            "kunci": str(kunci()),
        },
    )
    assert resp.status_code == 302
    a = Aktivitas.objects.get()
    assert (a.rencana_aksi, a.rhk) == (ra, rhk_staf)


def test_form_aktivitas_tanpa_rencana_aksi_tidak_menampilkan_fieldnya(client, staf, rhk_staf):
    html = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI}").content.decode()
    assert 'name="rencana_aksi"' not in html


def test_rencana_aksi_bulan_lain_ditolak_di_form(client, staf, rhk_staf):
    april = rencana(rhk_staf, "Rencana April", bulan=4)
    url = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"
    rencana(rhk_staf, "Rencana Maret")  # so that the field is on the form
    resp = client.post(
        url,
        {
            "tanggal": HARI.isoformat(),
            "rhk": rhk_staf.pk,
            "rencana_aksi": april.pk,
            "jam_mulai": "08:00",
            "jam_selesai": "09:00",
            "uraian": "x",
            "jumlah_output": "1",
            "satuan_output": "berkas",
            "kunci": str(kunci()),
        },
    )
    assert 'id="id_rencana_aksi_error">Pilih rencana aksi bulan ini' in resp.content.decode()
    assert not Aktivitas.objects.exists()


def test_tanpa_skp_halaman_menjelaskan(client, staf):
    html = client.get(HALAMAN).content.decode()
    assert "Belum ada SKP yang berlaku pada bulan ini" in html


# --- who may --------------------------------------------------------------------------------
def test_operator_menambah_atas_nama_pegawai(client, org, rhk_staf):
    client.force_login(org.operator)
    html = client.get(HALAMAN + f"&pegawai={org.staf.pk}").content.decode()
    assert "Arsip surveilans tertata" in html
    assert "sebagai operator" in html
    resp = client.post(TAMBAH, isian(rhk_staf))
    assert resp.status_code == 302 and f"pegawai={org.staf.pk}" in resp["Location"]
    assert Riwayat.objects.get(aksi="rencana_aksi.ditambah").sebagai == "operator"


@pytest.mark.parametrize(("peran", "kode"), [("kasi", 403), ("admin", 403), ("orang_lain", 404)])
def test_selain_pegawai_dan_operatornya_ditolak(client, org, rhk_staf, peran, kode):
    ra = rencana(rhk_staf)
    client.force_login(getattr(org, peran))
    assert client.post(TAMBAH, isian(rhk_staf)).status_code == kode
    hapus = reverse("aktivitas_rencana_aksi_hapus", args=[ra.pk])
    assert client.post(hapus).status_code == kode
    assert client.get(HALAMAN + f"&pegawai={org.staf.pk}").status_code == kode
    assert RencanaAksi.objects.count() == 1
    with pytest.raises(PermissionDenied):
        svc.tambah_rencana_aksi(getattr(org, peran), rhk_staf, tahun=2026, bulan=3, teks="x")


def test_rhk_tidak_dikenal_404(client, staf):
    assert client.post(TAMBAH, {"rhk": "999999", "teks": "x"}).status_code == 404
    assert client.post(TAMBAH, {"teks": "x"}).status_code == 404


def test_rencana_aksi_versi_skp_yang_digantikan_ditolak(staf, rhk_staf):
    rhk_staf.skp.status = "digantikan"
    rhk_staf.skp.save()
    with pytest.raises(ValidationError):
        svc.tambah_rencana_aksi(staf, rhk_staf, tahun=2026, bulan=3, teks="x")


def test_bulan_lain_dari_skp_yang_sama(client, staf, rhk_staf):
    rencana(rhk_staf, "Rencana Januari", bulan=1)
    html = client.get(reverse("aktivitas_rencana_aksi") + "?bulan=2026-01").content.decode()
    assert "Rencana Januari" in html
    assert 'href="/aktivitas/rencana-aksi/?bulan=2025-12" rel="prev"' in html
