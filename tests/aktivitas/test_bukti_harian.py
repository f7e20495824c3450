"""Evidence where the work is recorded: the day page, the new-activity form (activity and
evidence in one transaction), the edit page, the monthly realisation, the operator on behalf."""

import re
import uuid
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aktivitas.bukti import MB
from aktivitas.models import Aktivitas, BuktiDukung, PengaturanKinerja, RealisasiBulanan
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as akt
from aktivitas.services import realisasi as real
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci
from tests.aktivitas.test_sniff_bukti import buat_jpeg, buat_pdf, buat_png
from tests.aktivitas.test_tolak_bukti import berkas_di, penyimpanan  # noqa: F401 (fixture)

HTMX = {"HX-Request": "true"}
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def url_hari(tanggal=HARI, **lain):
    q = "&".join(f"{k}={v}" for k, v in {"tanggal": tanggal.isoformat(), **lain}.items())
    return reverse("aktivitas_harian") + "?" + q


def f(nama, isi, jenis="application/octet-stream"):
    return SimpleUploadedFile(nama, isi, content_type=jenis)


def isian(rhk=None, **ubah):
    nilai = {
        "tanggal": HARI.isoformat(),
        "rhk": rhk.pk if rhk else "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:30",
        "uraian": "Memotret kegiatan posyandu balita",
        "jumlah_output": "1",
        "satuan_output": "kegiatan",
        "kunci": str(uuid.uuid4()),
    }
    nilai.update(ubah)
    return nilai


@pytest.fixture
def aktivitas(org, penyimpanan):  # noqa: F811
    return akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]


# --- the day page shows evidence and offers to add it -----------------------------------------
def test_halaman_hari_menampilkan_bukti_dan_tombol_lampirkan(client, org, aktivitas):
    services_bukti.tambah_bukti_tautan(org.staf, aktivitas, "https://drive.contoh.go.id/a")
    services_bukti.tambah_bukti_berkas(org.staf, aktivitas, f("notulen.pdf", buat_pdf()))
    client.force_login(org.staf)
    html = client.get(url_hari()).content.decode()
    assert f'<section id="bukti-{aktivitas.pk}"' in html
    assert "notulen.pdf" in html and "https://drive.contoh.go.id/a" in html
    # The row carries the list and a button; the forms come when asked for (htmx), so a day
    # of many rows stays light.
    url_formulir = reverse("bukti_formulir", args=[aktivitas.pk])
    assert f'hx-get="{url_formulir}"' in html and "Tambah bukti dukung" in html
    assert reverse("bukti_unggah", args=[aktivitas.pk]) not in html
    html = client.get(url_formulir, headers=HTMX).content.decode()
    assert html.strip().startswith(f'<section id="bukti-{aktivitas.pk}"')
    assert "data-bukti-zona" in html
    assert "Lampirkan berkas" in html and "Tambah tautan" in html
    assert reverse("bukti_unggah", args=[aktivitas.pk]) in html
    # Without JavaScript the button is a link to the same forms on a page of their own.
    assert "Lampirkan berkas" in client.get(url_formulir).content.decode()
    # Several files, the camera for photos, accepted types and size said before choosing.
    form = re.search(r'<form class="bukti-unggah".*?</form>', html, re.S).group(0)
    assert "multiple" in form and 'capture="environment"' in form
    assert 'enctype="multipart/form-data"' in form and 'hx-encoding="multipart/form-data"' in form
    assert "image/jpeg" in form and ".pdf" in form
    assert re.search(r"paling besar \d+ MB per berkas", form)
    assert "data-bukti-progres" in form


def test_aktivitas_disetujui_buktinya_hanya_dibaca(client, org, aktivitas):
    services_bukti.tambah_bukti_tautan(org.staf, aktivitas, "https://contoh.go.id/x")
    akt.setujui_aktivitas(org.kasi, [aktivitas.pk])
    client.force_login(org.staf)
    html = client.get(url_hari()).content.decode()
    assert "https://contoh.go.id/x" in html
    assert reverse("bukti_unggah", args=[aktivitas.pk]) not in html
    assert reverse("bukti_formulir", args=[aktivitas.pk]) not in html
    # Approved: asked for, its evidence comes without forms.
    r = client.get(reverse("bukti_formulir", args=[aktivitas.pk]), headers=HTMX)
    assert "https://contoh.go.id/x" in r.content.decode()
    assert reverse("bukti_unggah", args=[aktivitas.pk]) not in r.content.decode()


# --- several files at once -------------------------------------------------------------------
def test_beberapa_berkas_sekaligus_yang_ditolak_disebut_yang_lain_tersimpan(
    client,
    org,
    aktivitas,
    penyimpanan,  # noqa: F811
):
    client.force_login(org.staf)
    resp = client.post(
        reverse("bukti_unggah", args=[aktivitas.pk]),
        {
            "berkas": [
                f("foto-1.jpg", buat_jpeg()),
                f("palsu.pdf", b"<html><script>x</script></html>"),
                f("foto-2.png", buat_png()),
            ]
        },
        headers=HTMX,
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert sorted(BuktiDukung.objects.values_list("nama_asli", flat=True)) == [
        "foto-1.jpg",
        "foto-2.png",
    ]
    assert len(berkas_di(penyimpanan)) == 2
    assert "2 bukti dukung diunggah." in html
    # The refusal next to the field, naming the file.
    assert re.search(r'class="error" id="bukti-\d+-berkas-error">palsu\.pdf: Isi berkas', html)


def test_berkas_terlalu_besar_dilewati_berkas_lain_diterima(
    client,
    org,
    aktivitas,
    penyimpanan,  # noqa: F811
):
    PengaturanKinerja.objects.update_or_create(
        instansi=org.instansi, defaults={"ukuran_bukti_maks_mb": 1}
    )
    client.force_login(org.staf)
    resp = client.post(
        reverse("bukti_unggah", args=[aktivitas.pk]),
        {"berkas": [f("besar.pdf", buat_pdf() + b"0" * MB), f("kecil.png", buat_png())]},
        headers=HTMX,
    )
    html = resp.content.decode()
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["kecil.png"]
    assert "besar.pdf: Ukuran berkas melebihi batas 1 MB." in html
    assert len(berkas_di(penyimpanan)) == 1


def test_tanpa_javascript_unggah_biasa_kembali_ke_hari(client, org, aktivitas):
    client.force_login(org.staf)
    resp = client.post(
        reverse("bukti_unggah", args=[aktivitas.pk]),
        {"berkas": [f("a.pdf", buat_pdf()), f("b.pdf", buat_pdf())], "next": url_hari()},
    )
    assert resp.status_code == 302 and resp["Location"] == url_hari()
    assert BuktiDukung.objects.filter(aktivitas=aktivitas).count() == 2


def test_batas_sepuluh_bukti_berlaku_untuk_unggahan_banyak(client, org, aktivitas):
    for i in range(8):
        services_bukti.tambah_bukti_tautan(org.staf, aktivitas, f"https://contoh.go.id/{i}")
    client.force_login(org.staf)
    html = client.post(
        reverse("bukti_unggah", args=[aktivitas.pk]),
        {"berkas": [f(f"{i}.pdf", buat_pdf()) for i in range(3)]},
        headers=HTMX,
    ).content.decode()
    assert BuktiDukung.objects.filter(aktivitas=aktivitas).count() == 10
    assert "2.pdf: Satu aktivitas paling banyak memiliki 10 bukti dukung." in html


# --- the new activity takes its evidence in the same submit ----------------------------------
def test_aktivitas_baru_dengan_berkas_dan_tautan_dalam_satu_kiriman(
    client,
    org,
    rhk_staf,
    penyimpanan,  # noqa: F811
):
    client.force_login(org.staf)
    resp = client.post(
        url_hari(),
        isian(
            rhk_staf,
            berkas=[f("posyandu.jpg", buat_jpeg()), f("daftar-hadir.pdf", buat_pdf())],
            tautan="https://drive.contoh.go.id/posyandu",
        ),
    )
    assert resp.status_code == 302
    a = Aktivitas.objects.get()
    bukti = list(a.bukti.order_by("id"))
    assert [b.nama_asli or b.tautan for b in bukti] == [
        "posyandu.jpg",
        "daftar-hadir.pdf",
        "https://drive.contoh.go.id/posyandu",
    ]
    assert len(berkas_di(penyimpanan)) == 2
    aksi = list(Riwayat.objects.filter(object_id=a.pk).values_list("aksi", flat=True))
    assert aksi.count("bukti.diunggah") == 2 and "bukti.ditautkan" in aksi


def test_satu_berkas_ditolak_tidak_ada_yang_tersimpan_isian_tetap(
    client,
    org,
    rhk_staf,
    penyimpanan,  # noqa: F811
):
    client.force_login(org.staf)
    kiriman = isian(
        rhk_staf,
        uraian="Rapat koordinasi lintas sektor",
        berkas=[f("foto.jpg", buat_jpeg()), f("program.pdf", b"MZ\x90\x00" + b"0" * 64)],
    )
    resp = client.post(url_hari(), kiriman, headers=HTMX)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert not Aktivitas.objects.exists() and not BuktiDukung.objects.exists()
    assert berkas_di(penyimpanan) == []
    assert not Riwayat.objects.filter(aksi__in=["aktivitas.dicatat", "bukti.diunggah"]).exists()
    assert 'value="Rapat koordinasi lintas sektor"' in html  # the typed text kept
    assert f'value="{kiriman["kunci"]}"' in html  # same key: resending stores once
    assert re.search(r'id="id_berkas_error">program\.pdf: Isi berkas adalah program', html)


def test_tautan_selain_http_ditolak_di_form_aktivitas(client, org, rhk_staf):
    client.force_login(org.staf)
    html = client.post(
        url_hari(), isian(rhk_staf, tautan="javascript:alert(1)"), headers=HTMX
    ).content.decode()
    assert not Aktivitas.objects.exists()
    assert re.search(r'id="id_tautan_error">Tautan harus alamat web lengkap', html)


def test_kiriman_ulang_dengan_kunci_sama_tidak_menggandakan_bukti(client, org, rhk_staf):
    client.force_login(org.staf)
    kiriman = isian(rhk_staf)
    for _ in range(2):
        kiriman["berkas"] = [f("foto.jpg", buat_jpeg())]
        client.post(url_hari(), kiriman, headers=HTMX)
    assert Aktivitas.objects.count() == 1 and BuktiDukung.objects.count() == 1


def test_operator_atas_nama_pegawai_tercatat_sebagai_operator(client, org, rhk_staf):
    client.force_login(org.operator)
    resp = client.post(
        url_hari(pegawai=org.staf.pk),
        isian(rhk_staf, berkas=[f("foto.jpg", buat_jpeg())]),
    )
    assert resp.status_code == 302
    b = BuktiDukung.objects.get()
    assert b.aktivitas.pegawai == org.staf and b.diunggah_oleh == org.operator
    r = Riwayat.objects.get(aksi="bukti.diunggah")
    assert r.sebagai == Riwayat.Sebagai.OPERATOR and r.pelaku == org.operator
    client.force_login(org.staf)
    html = client.get(url_hari()).content.decode()
    assert f"diunggah oleh operator {org.operator.nama_lengkap}" in html


def test_halaman_ubah_menawarkan_bukti(client, org, aktivitas):
    client.force_login(org.staf)
    html = client.get(reverse("aktivitas_ubah", args=[aktivitas.pk])).content.decode()
    assert f'<section id="bukti-{aktivitas.pk}"' in html
    assert reverse("bukti_unggah", args=[aktivitas.pk]) in html and "Tambah tautan" in html


def test_kueri_halaman_hari_tidak_bertambah_dengan_bukti(
    client, org, rhk_staf, django_assert_max_num_queries
):
    client.force_login(org.staf)
    for i in range(6):
        a = akt.catat_aktivitas(
            org.staf, org.staf, data(rhk_staf, mulai=(7 + i, 0), selesai=(7 + i, 30)), kunci()
        )[0]
        for j in range(3):
            services_bukti.tambah_bukti_tautan(org.staf, a, f"https://contoh.go.id/{i}/{j}")
    with django_assert_max_num_queries(17):
        html = client.get(url_hari()).content.decode()
    assert html.count("data-bukti-item") == 18


# --- the monthly realisation -----------------------------------------------------------------
@pytest.fixture
def realisasi(org, rhk_staf, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(real, "sekarang", lambda: dt.datetime(2026, 4, 2, 10, tzinfo=WIB))
    akt.catat_aktivitas(org.staf, org.staf, data(rhk_staf), kunci())
    return real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]


def url_bulan(**lain):
    q = "&".join(f"{k}={v}" for k, v in {"bulan": "2026-03", **lain}.items())
    return reverse("realisasi_bulanan") + "?" + q


def test_realisasi_menerima_bukti_selama_draf(client, org, realisasi, penyimpanan):  # noqa: F811
    client.force_login(org.staf)
    html = client.get(url_bulan()).content.decode()
    assert f'<section id="bukti-r{realisasi.pk}"' in html
    url = reverse("bukti_realisasi_unggah", args=[realisasi.pk])
    assert url in html
    resp = client.post(url, {"berkas": [f("rekap.pdf", buat_pdf())]}, headers=HTMX)
    assert resp.status_code == 200 and "Bukti dukung diunggah." in resp.content.decode()
    b = BuktiDukung.objects.get()
    assert b.realisasi == realisasi and b.aktivitas is None
    r = Riwayat.objects.get(aksi="bukti.diunggah")
    assert r.object_id == realisasi.pk
    resp = client.post(
        reverse("bukti_realisasi_tautan", args=[realisasi.pk]),
        {"tautan": "https://contoh.go.id/rekap"},
    )
    assert resp.status_code == 302 and BuktiDukung.objects.filter(realisasi=realisasi).count() == 2


def test_realisasi_diajukan_buktinya_terkunci_dan_atasan_membaca(client, org, realisasi):
    b = services_bukti.tambah_bukti_berkas(org.staf, realisasi, f("rekap.pdf", buat_pdf()))
    RealisasiBulanan.objects.filter(pk=realisasi.pk).update(
        status=RealisasiBulanan.Status.DIAJUKAN, penilai=org.kasi
    )
    client.force_login(org.staf)
    html = client.post(
        reverse("bukti_realisasi_unggah", args=[realisasi.pk]),
        {"berkas": [f("lagi.pdf", buat_pdf())]},
        headers=HTMX,
    ).content.decode()
    assert "Bukti dukung realisasi yang sudah diajukan tidak dapat diubah." in html
    assert BuktiDukung.objects.filter(realisasi=realisasi).count() == 1
    # The atasan sees it on the month's page, read only, and may open it.
    client.force_login(org.kasi)
    html = client.get(url_bulan(pegawai=org.staf.pk)).content.decode()
    assert "rekap.pdf" in html
    assert reverse("bukti_realisasi_unggah", args=[realisasi.pk]) not in html
    assert client.get(reverse("bukti_unduh", args=[b.pk])).status_code == 200
    assert client.get(reverse("bukti_pratinjau", args=[b.pk])).status_code == 200


def test_realisasi_orang_lain_404(client, org, realisasi):
    b = services_bukti.tambah_bukti_tautan(org.staf, realisasi, "https://contoh.go.id/r")
    client.force_login(org.orang_lain)
    url = reverse("bukti_realisasi_unggah", args=[realisasi.pk])
    assert client.post(url, {"berkas": [f("a.pdf", buat_pdf())]}).status_code == 404
    assert client.get(reverse("bukti_pratinjau", args=[b.pk])).status_code == 404
    assert not BuktiDukung.objects.exclude(pk=b.pk).exists()
