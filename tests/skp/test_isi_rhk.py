"""The pegawai writes his RHK on the SKP page: add, edit, delete — with htmx or plain forms."""

import re

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import RencanaHasilKerja
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp

HTMX = {"HX-Request": "true"}


@pytest.fixture
def kasi(skp_berjenjang):
    return skp_berjenjang["kasi"]


@pytest.fixture
def rhk_kabid(skp_berjenjang):
    return skp_berjenjang["rhk_kabid"][0]


def tambah(skp):
    return reverse("skp_rhk_tambah", args=[skp.pk])


def galat_isian(html: str, isian: str) -> list[str]:
    """Error messages rendered next to one field (components/field.html)."""
    return re.findall(rf'<small class="error" id="[a-z0-9]+_{isian}_error">([^<]*)</small>', html)


# --- what the page offers ---------------------------------------------------------------------
def test_skp_kosong_mengajak_mulai(client, org, kasi):
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[kasi.pk])).content.decode()
    assert "Belum ada RHK" in html
    assert "Mulai dengan menulis hasil kerja utama" in html
    assert "ditulis sebagai hasil, bukan kegiatan" in html  # help text of the RHK field


def test_pilihan_rhk_atasan_hanya_dari_skp_atasan(client, org, kasi, rhk_kabid, skp_berjenjang):
    client.force_login(org.kasi)
    resp = client.get(reverse("skp_detail", args=[kasi.pk]))
    pilihan = list(resp.context["form_rhk"].fields["rhk_atasan"].queryset)
    assert pilihan == [rhk_kabid]
    assert "perspektif" not in resp.context["form_rhk"].fields  # not a JPT


def test_jpt_memilih_perspektif(client, org, periode):
    skp = services.buat_skp(org.kadis, org.kadis, periode)
    client.force_login(org.kadis)
    resp = client.get(reverse("skp_detail", args=[skp.pk]))
    assert "perspektif" in resp.context["form_rhk"].fields
    assert "balanced scorecard" in resp.content.decode()
    resp = client.post(tambah(skp), {"jenis": "utama", "teks": "Meningkatnya cakupan imunisasi"})
    assert galat_isian(resp.content.decode(), "perspektif") == ["RHK JPT wajib memilih perspektif."]
    resp = client.post(
        tambah(skp),
        {
            "jenis": "utama",
            "teks": "Meningkatnya cakupan imunisasi",
            "perspektif": "penerima_layanan",
        },
    )
    assert resp.status_code == 302
    assert skp.rhk.get().perspektif == "penerima_layanan"


# --- adding -----------------------------------------------------------------------------------
def test_tambah_rhk_form_biasa(client, org, kasi, rhk_kabid):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(kasi),
        {"jenis": "utama", "teks": "Tersusunnya laporan surveilans", "rhk_atasan": rhk_kabid.pk},
    )
    assert resp.status_code == 302
    assert resp["Location"] == reverse("skp_detail", args=[kasi.pk]) + "#rhk-daftar"
    rhk = kasi.rhk.get()
    assert (rhk.teks, rhk.rhk_atasan, rhk.jenis) == (
        "Tersusunnya laporan surveilans",
        rhk_kabid,
        "utama",
    )
    r = Riwayat.objects.get(object_id=kasi.pk, aksi="skp.rhk_ditambah")
    assert (r.pelaku, r.sebagai) == (org.kasi, "sendiri")


def test_tambah_rhk_htmx_mengembalikan_bagian_rhk_dan_kesiapan(client, org, kasi, rhk_kabid):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(kasi),
        {"jenis": "utama", "teks": "Tersusunnya laporan surveilans", "rhk_atasan": rhk_kabid.pk},
        headers=HTMX,
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="rhk-daftar"')
    assert "Tersusunnya laporan surveilans" in html
    assert 'id="kesiapan" class="card" aria-labelledby="judul-kesiapan" hx-swap-oob="true"' in html
    assert "belum memiliki indikator" in html  # the readiness checklist was refreshed


def test_isian_kosong_ditolak_di_samping_isian_tanpa_kehilangan_isian(client, org, kasi, rhk_kabid):
    client.force_login(org.kasi)
    resp = client.post(tambah(kasi), {"jenis": "tambahan", "teks": "  ", "rhk_atasan": ""})
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" in html  # whole page re-rendered
    assert galat_isian(html, "teks") == ["Rencana hasil kerja wajib diisi."]
    assert re.search(r'<option value="tambahan" selected>', html)
    assert not kasi.rhk.exists()


def test_rhk_atasan_di_luar_skp_atasan_ditolak_di_samping_isian(client, org, kasi, skp_berjenjang):
    """Cascading: the kadis is not the kasi's atasan; his RHK cannot be intervened."""
    client.force_login(org.kasi)
    asing = skp_berjenjang["rhk_kadis"][0]
    for headers in ({}, HTMX):
        resp = client.post(
            tambah(kasi),
            {"jenis": "utama", "teks": "Laporan surveilans", "rhk_atasan": asing.pk},
            headers=headers,
        )
        html = resp.content.decode()
        assert resp.status_code == 200
        assert galat_isian(html, "rhk_atasan") == [
            "RHK atasan yang dipilih tidak ada di SKP atasan Anda pada periode ini."
        ]
        assert "Laporan surveilans</textarea>" in html
    assert not kasi.rhk.exists()


def test_rhk_tambahan_tidak_boleh_mengintervensi(client, org, kasi, rhk_kabid):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(kasi), {"jenis": "tambahan", "teks": "Panitia HUT", "rhk_atasan": rhk_kabid.pk}
    )
    assert galat_isian(resp.content.decode(), "rhk_atasan") == [
        "RHK tambahan tidak mengintervensi RHK atasan."
    ]


# --- editing and deleting ---------------------------------------------------------------------
def test_buka_formulir_ubah_tanpa_htmx_menampilkan_halaman_dengan_formulir(
    client, org, kasi, rhk_kabid
):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kasi)
    url = reverse("skp_rhk_ubah", args=[rhk.pk])
    html = client.get(url).content.decode()
    assert "<html" in html and f'action="{url}#rhk-{rhk.pk}"' in html
    assert f'id="rhk{rhk.pk}_teks"' in html
    potongan = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in potongan and f'hx-post="{url}"' in potongan


def test_ubah_rhk(client, org, kasi, rhk_kabid):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kasi)
    resp = client.post(
        reverse("skp_rhk_ubah", args=[rhk.pk]),
        {"jenis": "utama", "teks": "Teks baru", "rhk_atasan": rhk_kabid.pk},
    )
    assert resp.status_code == 302 and resp["Location"].endswith(f"#rhk-{rhk.pk}")
    rhk.refresh_from_db()
    assert rhk.teks == "Teks baru"
    assert Riwayat.objects.filter(object_id=kasi.pk, aksi="skp.rhk_diubah").exists()


def test_ubah_rhk_gagal_halaman_menampilkan_teks_tersimpan_dan_isian_baru(
    client, org, kasi, rhk_kabid
):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kasi)
    resp = client.post(
        reverse("skp_rhk_ubah", args=[rhk.pk]),
        {"jenis": "tambahan", "teks": "Teks baru", "rhk_atasan": rhk_kabid.pk},
    )
    html = resp.content.decode()
    assert galat_isian(html, "rhk_atasan") == ["RHK tambahan tidak mengintervensi RHK atasan."]
    assert "Teks baru</textarea>" in html
    rhk.refresh_from_db()
    assert rhk.jenis == "utama" and rhk.teks != "Teks baru"


def test_hapus_rhk(client, org, kasi, rhk_kabid):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kasi)
    resp = client.post(reverse("skp_rhk_hapus", args=[rhk.pk]), headers=HTMX)
    assert resp.status_code == 200 and "Belum ada RHK" in resp.content.decode()
    assert not RencanaHasilKerja.objects.filter(pk=rhk.pk).exists()


def test_hapus_rhk_yang_diintervensi_bawahan_ditolak(client, org, kasi, rhk_kabid, periode):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    staf = services.buat_skp(org.staf, org.staf, periode)
    isi_skp(org.staf, staf, rhk_atasan=rhk)
    client.force_login(org.kasi)
    resp = client.post(reverse("skp_rhk_hapus", args=[rhk.pk]), follow=True)
    assert "sudah diintervensi oleh RHK bawahan" in resp.content.decode()
    potongan = client.post(reverse("skp_rhk_hapus", args=[rhk.pk]), headers=HTMX)
    assert 'class="error-box"' in potongan.content.decode()
    assert RencanaHasilKerja.objects.filter(pk=rhk.pk).exists()


def test_hapus_hanya_post(client, org, kasi, rhk_kabid):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kasi)
    assert client.get(reverse("skp_rhk_hapus", args=[rhk.pk])).status_code == 405


# --- states and people ------------------------------------------------------------------------
def test_skp_diajukan_tidak_dapat_diubah(client, org, kasi, rhk_kabid):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    services.ajukan_skp(org.kasi, kasi)
    client.force_login(org.kasi)
    halaman = client.get(reverse("skp_detail", args=[kasi.pk])).content.decode()
    assert "isinya tidak dapat diubah lagi" in halaman
    assert reverse("skp_rhk_tambah", args=[kasi.pk]) not in halaman
    resp = client.post(tambah(kasi), {"jenis": "utama", "teks": "Baru", "rhk_atasan": rhk_kabid.pk})
    assert resp.status_code == 200
    assert "SKP berstatus Diajukan tidak dapat diubah lagi." in resp.content.decode()
    resp = client.post(
        reverse("skp_rhk_ubah", args=[rhk.pk]),
        {"jenis": "utama", "teks": "Ubah", "rhk_atasan": rhk_kabid.pk},
    )
    assert "tidak dapat diubah lagi" in resp.content.decode()
    client.post(reverse("skp_rhk_hapus", args=[rhk.pk]))
    rhk.refresh_from_db()
    assert kasi.rhk.count() == 1 and rhk.teks != "Ubah"


def test_atasan_melihat_tetapi_tidak_dapat_mengubah(client, org, kasi, rhk_kabid):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.kabid)
    halaman = client.get(reverse("skp_detail", args=[kasi.pk]))
    assert halaman.status_code == 200 and not halaman.context["boleh_ubah"]
    data = {"jenis": "utama", "teks": "X", "rhk_atasan": rhk_kabid.pk}
    assert client.post(tambah(kasi), data).status_code == 403
    assert client.post(tambah(kasi), {}).status_code == 403  # refused before parsing
    assert client.get(reverse("skp_rhk_ubah", args=[rhk.pk])).status_code == 403
    assert client.post(reverse("skp_rhk_hapus", args=[rhk.pk])).status_code == 403
    assert kasi.rhk.count() == 1


@pytest.mark.parametrize("siapa", ["pegawai_lain", "instansi_lain"])
def test_orang_lain_404(client, org, kasi, rhk_kabid, siapa):
    rhk = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid)[0]
    client.force_login(org.staf if siapa == "pegawai_lain" else org.orang_lain)
    data = {"jenis": "utama", "teks": "X"}
    assert client.get(reverse("skp_detail", args=[kasi.pk])).status_code == 404
    assert client.post(tambah(kasi), data).status_code == 404
    assert client.get(reverse("skp_rhk_ubah", args=[rhk.pk])).status_code == 404
    assert client.post(reverse("skp_rhk_ubah", args=[rhk.pk]), data).status_code == 404
    assert client.post(reverse("skp_rhk_hapus", args=[rhk.pk])).status_code == 404
    assert kasi.rhk.get().teks == rhk.teks


def test_operator_menambah_rhk_atas_nama_pegawai(client, org, kasi, rhk_kabid):
    client.force_login(org.operator)
    resp = client.post(
        tambah(kasi), {"jenis": "utama", "teks": "Oleh operator", "rhk_atasan": rhk_kabid.pk}
    )
    assert resp.status_code == 302
    r = Riwayat.objects.get(object_id=kasi.pk, aksi="skp.rhk_ditambah")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")
