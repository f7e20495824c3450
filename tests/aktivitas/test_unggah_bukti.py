"""The pegawai (or his unit's operator) adds evidence to an activity: files of each accepted
kind, links; and removes it while the activity is not approved."""

import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aktivitas.models import BuktiDukung
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import data, kunci
from tests.aktivitas.test_sniff_bukti import buat_docx, buat_jpeg, buat_pdf, buat_png, buat_xlsx

HTMX = {"HX-Request": "true"}


@pytest.fixture
def penyimpanan(settings, tmp_path) -> Path:
    """Evidence files go to a folder of this test only, so that it can be looked at."""
    akar = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(akar)},
        },
    }
    return akar


@pytest.fixture
def aktivitas(org, penyimpanan):
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    return a


def berkas_di(akar: Path) -> list[Path]:
    return sorted(p for p in akar.rglob("*") if p.is_file()) if akar.exists() else []


def unggah(client, aktivitas, nama, isi, *, headers=None, **lain):
    # "next" before the file, as the form sends it.
    kiriman = {**lain, "berkas": SimpleUploadedFile(nama, isi, content_type="application/pdf")}
    return client.post(reverse("bukti_unggah", args=[aktivitas.pk]), kiriman, headers=headers)


def url_hari(aktivitas, **lain):
    q = "&".join(f"{k}={v}" for k, v in {"tanggal": aktivitas.tanggal.isoformat(), **lain}.items())
    return f"{reverse('aktivitas_harian')}?{q}"


@pytest.mark.parametrize(
    ("nama", "buat", "jenis"),
    [
        ("Laporan Maret.pdf", buat_pdf, "application/pdf"),
        ("foto kegiatan.JPG", buat_jpeg, "image/jpeg"),
        ("peta.png", buat_png, "image/png"),
        ("notulen.docx", buat_docx, "application/vnd.openxmlformats-officedocument."),
        ("rekap.xlsx", buat_xlsx, "application/vnd.openxmlformats-officedocument."),
    ],
)
def test_unggah_setiap_jenis(client, org, aktivitas, penyimpanan, nama, buat, jenis):
    isi = buat()
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, nama, isi)
    assert resp.status_code == 302 and resp["Location"] == url_hari(aktivitas)
    b = BuktiDukung.objects.get(aktivitas=aktivitas)
    assert b.nama_asli == nama and b.jenis_konten.startswith(jenis)
    assert b.ukuran == len(isi) and b.diunggah_oleh == org.staf
    assert b.sha256 == hashlib.sha256(isi).hexdigest()
    # Stored under a random name (never the user's), with the sniffed type's extension.
    ekstensi = nama.rsplit(".", 1)[1].lower()
    assert re.fullmatch(rf"bukti/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{ekstensi}", b.berkas.name)
    [tersimpan] = berkas_di(penyimpanan)
    assert tersimpan == penyimpanan / b.berkas.name and tersimpan.read_bytes() == isi
    r = Riwayat.objects.get(aksi="bukti.diunggah")
    assert (r.pelaku, r.subjek, r.sebagai, r.object_id) == (
        org.staf,
        org.staf,
        "sendiri",
        aktivitas.pk,
    )
    assert r.data["sha256"] == b.sha256


def test_berkas_besar_lewat_berkas_sementara(client, org, aktivitas, penyimpanan, settings):
    # Above FILE_UPLOAD_MAX_MEMORY_SIZE Django spools the upload to a temporary file.
    isi = buat_pdf() + b"%" + b"0" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1)
    client.force_login(org.staf)
    assert unggah(client, aktivitas, "pindaian.pdf", isi).status_code == 302
    b = BuktiDukung.objects.get()
    assert b.sha256 == hashlib.sha256(isi).hexdigest()
    assert (penyimpanan / b.berkas.name).read_bytes() == isi


def test_htmx_mengembalikan_daftar_bukti(client, org, aktivitas):
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "laporan.pdf", buat_pdf(), headers=HTMX)
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(f'<section id="bukti-{aktivitas.pk}"')
    assert "Bukti dukung diunggah." in html
    b = BuktiDukung.objects.get()
    assert f'href="{reverse("bukti_unduh", args=[b.pk])}"' in html
    assert reverse("bukti_hapus", args=[b.pk]) in html


def test_kembali_ke_next_halaman_sendiri_saja(client, org, aktivitas):
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "a.pdf", buat_pdf(), next="/aktivitas/minggu/?tanggal=x")
    assert resp["Location"] == "/aktivitas/minggu/?tanggal=x"
    resp = unggah(client, aktivitas, "b.pdf", buat_pdf(), next="https://penipu.example/")
    assert resp["Location"] == url_hari(aktivitas)


def test_operator_mengunggah_atas_nama_pegawai(client, org, aktivitas):
    client.force_login(org.operator)
    resp = unggah(client, aktivitas, "laporan.pdf", buat_pdf())
    assert resp["Location"] == url_hari(aktivitas, pegawai=org.staf.pk)
    b = BuktiDukung.objects.get()
    assert b.diunggah_oleh == org.operator
    r = Riwayat.objects.get(aksi="bukti.diunggah")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, "operator")


def test_tambah_tautan(client, org, aktivitas):
    client.force_login(org.staf)
    url = "https://drive.google.com/file/d/1abc/view"
    resp = client.post(reverse("bukti_tautan", args=[aktivitas.pk]), {"tautan": f" {url} "})
    assert resp.status_code == 302
    b = BuktiDukung.objects.get()
    assert (b.tautan, b.berkas.name, b.sha256) == (url, "", "")
    assert Riwayat.objects.filter(aksi="bukti.ditautkan", data__tautan=url).exists()
    html = client.get(reverse("bukti_pratinjau", args=[b.pk])).content.decode()
    assert f'<a href="{url}" target="_blank" rel="noopener noreferrer">' in html


def test_hapus_bukti_berkasnya_hilang_setelah_commit(
    client, org, aktivitas, penyimpanan, django_capture_on_commit_callbacks
):
    client.force_login(org.staf)
    unggah(client, aktivitas, "laporan.pdf", buat_pdf())
    b = BuktiDukung.objects.get()
    with django_capture_on_commit_callbacks() as callbacks:
        resp = client.post(reverse("bukti_hapus", args=[b.pk]), headers=HTMX)
        assert not BuktiDukung.objects.exists()
        assert len(berkas_di(penyimpanan)) == 1  # until the deletion is committed
    assert resp.status_code == 200 and "Belum ada bukti dukung." in resp.content.decode()
    for callback in callbacks:
        callback()
    assert berkas_di(penyimpanan) == []
    assert Riwayat.objects.filter(aksi="bukti.dihapus", data__nama="laporan.pdf").exists()


def test_paling_banyak_sepuluh_bukti(client, org, aktivitas, django_assert_max_num_queries):
    client.force_login(org.staf)
    for i in range(9):
        services_bukti.tambah_bukti_tautan(org.staf, aktivitas, f"https://contoh.go.id/{i}")
    # The evidence list costs the same for 1 or 10 rows.
    with django_assert_max_num_queries(17):
        resp = client.post(
            reverse("bukti_tautan", args=[aktivitas.pk]),
            {"tautan": "https://contoh.go.id/10"},
            headers=HTMX,
        )
    assert resp.content.decode().count('id="bukti-item-') == 10
    resp = unggah(client, aktivitas, "laporan.pdf", buat_pdf())
    assert "Satu aktivitas paling banyak memiliki 10 bukti dukung." in resp.content.decode()
    assert BuktiDukung.objects.count() == 10


def test_aktivitas_disetujui_buktinya_terkunci(client, org, aktivitas, penyimpanan):
    b = services_bukti.tambah_bukti_tautan(org.staf, aktivitas, "https://contoh.go.id/a")
    akt.setujui_aktivitas(org.kasi, [aktivitas.pk])
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "laporan.pdf", buat_pdf())
    pesan = "Bukti dukung aktivitas yang sudah disetujui tidak dapat diubah."
    assert resp.status_code == 200 and pesan in resp.content.decode()
    resp = client.post(reverse("bukti_hapus", args=[b.pk]), follow=True)
    assert pesan in resp.content.decode()
    assert BuktiDukung.objects.count() == 1 and berkas_di(penyimpanan) == []
    # The list no longer offers the forms.
    html = client.post(
        reverse("bukti_tautan", args=[aktivitas.pk]), {"tautan": "https://x.go.id"}, headers=HTMX
    ).content.decode()
    assert 'name="berkas"' not in html and reverse("bukti_hapus", args=[b.pk]) not in html
