"""The guides as app pages, and the help panel of every page (issue 16 point 1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bantuan import panduan
from bantuan.rules import ISTILAH, PANDUAN, PETA_BAGIAN, bagian_untuk

pytestmark = pytest.mark.django_db


def test_setiap_halaman_yang_dipetakan_menunjuk_bagian_panduan_yang_ada():
    hilang = [
        f"{url} → {nama}#{anchor}"
        for url, (nama, anchor) in PETA_BAGIAN.items()
        if panduan.bagian(nama, anchor) is None
    ]
    assert not hilang, hilang
    assert panduan.bagian(*bagian_untuk("tidak_ada")) is not None


@pytest.mark.parametrize(
    "anchor",
    [
        "13-aktivitas-harian-dan-bukti-dukung",
        "15-rencana-aksi",
        "16-realisasi-bulanan",
        "17-umpan-balik-atasan",
        "18-penilaian-kinerja-dan-predikat",
        "19-keberatan",
        "20-notifikasi-dan-tanya-operator",
    ],
)
def test_panduan_asn_lengkap_dengan_langkah_dan_contoh(anchor):
    b = panduan.bagian("asn", anchor)
    assert b is not None
    assert "Contoh" in b.html


def test_panduan_atasan_dan_operator_mencakup_tinjau_umpan_balik_penilaian_dan_pertanyaan():
    for nama, anchor in [
        ("atasan", "12-meninjau-aktivitas-harian-bawahan"),
        ("atasan", "11-menilai-kinerja-bawahan-triwulan-dan-tahunan"),
        ("atasan", "13-umpan-balik-dan-dialog-kinerja"),
        ("operator", "6-pertanyaan-pegawai-tanya-operator"),
    ]:
        assert panduan.bagian(nama, anchor) is not None, anchor


def test_halaman_panduan_dari_berkas_yang_sama_dengan_jangkar_dan_tautan_antarpanduan(client, org):
    client.force_login(org.staf)
    r = client.get(reverse("bantuan_panduan", args=["umum"]))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="masuk-ke-aplikasi"' in html
    # [Panduan ASN](asn.md) becomes the app's page; a link to a doc outside the guides is text.
    assert f'href="{reverse("bantuan_panduan", args=["asn"])}"' in html
    assert "operasi.md" not in html
    for nama in PANDUAN:
        assert client.get(reverse("bantuan_panduan", args=[nama])).status_code == 200
    assert client.get(reverse("bantuan_panduan", args=["tidak-ada"])).status_code == 404


def test_panduan_berubah_bila_berkasnya_berubah(tmp_path, settings):
    settings.EKINERJA_FOLDER_PANDUAN = tmp_path
    berkas = tmp_path / "asn.md"
    berkas.write_text("# Judul\n\n## Satu\n\nteks lama\n")
    assert "teks lama" in panduan.bagian("asn", "satu").html
    berkas.write_text("# Judul\n\n## Satu\n\nteks baru\n")
    import os

    st = berkas.stat()
    os.utime(berkas, (st.st_atime, st.st_mtime + 5))
    assert "teks baru" in panduan.bagian("asn", "satu").html


@pytest.mark.parametrize(
    ("peran", "url_name", "kutipan"),
    [
        ("staf", "aktivitas_harian", "Lampirkan berkas"),
        ("staf", "realisasi_bulanan", "Simpan dan ajukan ke atasan"),
        ("staf", "aktivitas_rencana_aksi", "Tambah rencana aksi"),
        ("staf", "skp_daftar", "Buat SKP"),
        ("staf", "penilaian_saya", "Predikat"),
        ("staf", "keberatan_daftar", "Ajukan keberatan"),
        ("kasi", "aktivitas_tinjau", "Setujui yang dicentang"),
        ("kasi", "nilai_daftar", "rating hasil kerja"),
        ("operator", "pegawai_daftar", "Cari NIP atau nama"),
        ("operator", "bantuan_kotak", "Kirim jawaban"),
    ],
)
def test_setiap_halaman_punya_panel_bantuan_tertutup_dengan_langkah_istilah_dan_pic(
    client, org, peran, url_name, kutipan
):
    org.operator.email = "operator@contoh.go.id"
    org.operator.save()
    client.force_login(getattr(org, peran))
    r = client.get(reverse(url_name))
    assert r.status_code == 200
    html = r.content.decode()
    assert '<details class="bantuan" id="bantuan">' in html  # collapsed: no "open"
    panel = html[html.index('<details class="bantuan"') :]
    panel = panel[: panel.index("</details>")]
    # The PIC and "Tanya operator" are in the page; the steps are loaded on the first open.
    if peran != "operator":  # the operator's own PIC is himself: only the staf's case matters
        assert "Operator unit Anda" in panel and "operator@contoh.go.id" in panel
    assert reverse("bantuan_tanya") + "?halaman=" in panel
    muat = f'hx-get="{reverse("bantuan_panel")}?u={url_name}"'
    assert muat in panel and 'hx-trigger="toggle from:#bantuan once"' in panel
    isi = client.get(reverse("bantuan_panel"), {"u": url_name}).content.decode()
    assert kutipan in isi
    for kata, _arti in ISTILAH:
        assert str(kata) in isi


def test_isi_panel_tanpa_kueri_selain_sesi(client, org, django_assert_max_num_queries):
    client.force_login(org.staf)
    with django_assert_max_num_queries(2):  # the session and the user
        r = client.get(reverse("bantuan_panel"), {"u": "aktivitas_harian"})
    assert "13. Aktivitas harian" in r.content.decode()
    # An unknown page gets the general part, not an error.
    r = client.get(reverse("bantuan_panel"), {"u": "<script>"})
    assert r.status_code == 200 and "Bagian-bagian layar" in r.content.decode()


def test_panduan_ikut_ke_image_docker():
    """docs/ is left out of the image, except the guides the help pages are rendered from."""
    from django.conf import settings

    baris = (settings.BASE_DIR / ".dockerignore").read_text().split()
    assert "docs" in baris
    assert "!docs/panduan" in baris[baris.index("docs") :]
