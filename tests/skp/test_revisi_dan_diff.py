"""A ditetapkan SKP is revised as a new version; the pegawai sees what changed between versions."""

import pytest
from django.test import override_settings
from django.urls import get_resolver, path, reverse

from pegawai.models import Riwayat
from skp.diff import (
    DIHAPUS,
    DITAMBAH,
    DIUBAH,
    Indikator,
    IsiSkp,
    Rhk,
    bandingkan,
)
from skp.models import IndikatorKinerja, LampiranSkp, RencanaHasilKerja, Skp
from skp.services import penyusunan as services


# --- the pure comparison ----------------------------------------------------------------------
def rhk(teks, urutan, *indikator, jenis="utama", atasan="", perspektif=""):
    return Rhk(
        teks=teks,
        jenis=jenis,
        urutan=urutan,
        rhk_atasan=atasan,
        perspektif=perspektif,
        indikator=tuple(indikator),
    )


def ind(teks, urutan=1, target="10 laporan", aspek="Kuantitas"):
    return Indikator(teks=teks, aspek=aspek, target=target, urutan=urutan)


def test_versi_sama_tidak_ada_perubahan():
    isi = IsiSkp(
        rhk=(rhk("A", 1, ind("a")),),
        lampiran=(("Konsekuensi", "x"),),
        ekspektasi={"Akuntabel": "Jujur"},
        pendekatan="Kualitatif",
    )
    hasil = bandingkan(isi, isi)
    assert not hasil.ada_perubahan and hasil.rhk_sama == 1


def test_rhk_ditambah_dan_dihapus():
    hasil = bandingkan(
        IsiSkp(rhk=(rhk("A", 1), rhk("B", 2))), IsiSkp(rhk=(rhk("A", 1), rhk("C", 3)))
    )
    assert [(p.status, (p.baru or p.lama).teks) for p in hasil.rhk] == [
        (DIHAPUS, "B"),
        (DITAMBAH, "C"),
    ]
    assert hasil.rhk_sama == 1


def test_rhk_diubah_teksnya_dipasangkan_menurut_posisi():
    hasil = bandingkan(
        IsiSkp(rhk=(rhk("Laporan bulanan", 1, ind("a")),)),
        IsiSkp(rhk=(rhk("Laporan bulanan yang akurat", 1, ind("a")),)),
    )
    (p,) = hasil.rhk
    assert (p.status, p.kolom, p.indikator) == (DIUBAH, ("teks",), ())
    assert (p.lama.teks, p.baru.teks) == ("Laporan bulanan", "Laporan bulanan yang akurat")


def test_rhk_yang_bergeser_posisi_tetap_dikenali_dari_teksnya():
    """B is deleted, D is added at C's number: C is unchanged, B removed, D added."""
    lama = IsiSkp(rhk=(rhk("A", 1), rhk("B", 2), rhk("C", 3)))
    baru = IsiSkp(rhk=(rhk("A", 1), rhk("C", 3), rhk("D", 3)))
    hasil = bandingkan(lama, baru)
    assert {(p.status, (p.baru or p.lama).teks) for p in hasil.rhk} == {
        (DIHAPUS, "B"),
        (DITAMBAH, "D"),
    }
    assert hasil.rhk_sama == 2


def test_utama_dan_tambahan_tidak_saling_dipasangkan():
    hasil = bandingkan(IsiSkp(rhk=(rhk("A", 1),)), IsiSkp(rhk=(rhk("B", 1, jenis="tambahan"),)))
    assert [p.status for p in hasil.rhk] == [DIHAPUS, DITAMBAH]
    assert [p.jenis for p in hasil.rhk] == ["utama", "tambahan"]


def test_rhk_atasan_dan_perspektif_berubah():
    hasil = bandingkan(
        IsiSkp(rhk=(rhk("A", 1, atasan="X", perspektif="Anggaran"),)),
        IsiSkp(rhk=(rhk("A", 1, atasan="Y", perspektif="Proses Bisnis"),)),
    )
    assert hasil.rhk[0].kolom == ("rhk_atasan", "perspektif")


def test_target_dan_aspek_indikator_berubah():
    lama = IsiSkp(rhk=(rhk("A", 1, ind("a", 1), ind("b", 2), ind("c", 3)),))
    baru = IsiSkp(
        rhk=(
            rhk("A", 1, ind("a", 1, target="12 laporan"), ind("b", 2, aspek="Waktu"), ind("d", 4)),
        )
    )
    (p,) = bandingkan(lama, baru).rhk
    assert p.status == DIUBAH and p.kolom == ()
    assert [(i.status, i.kolom, (i.baru or i.lama).teks) for i in p.indikator] == [
        (DIUBAH, ("target",), "a"),
        (DIUBAH, ("aspek",), "b"),
        (DIHAPUS, (), "c"),
        (DITAMBAH, (), "d"),
    ]


def test_indikator_rhk_baru_dan_terhapus_ikut_ditandai():
    hasil = bandingkan(IsiSkp(rhk=(rhk("A", 1, ind("a")),)), IsiSkp(rhk=(rhk("B", 2, ind("b")),)))
    assert [[i.status for i in p.indikator] for p in hasil.rhk] == [[DIHAPUS], [DITAMBAH]]


def test_lampiran_ekspektasi_dan_pendekatan():
    lama = IsiSkp(
        lampiran=(("Dukungan", "Kuota"), ("Konsekuensi", "Teguran")),
        ekspektasi={"Akuntabel": "Jujur", "Loyal": ""},
        pendekatan="Kualitatif",
    )
    baru = IsiSkp(
        lampiran=(("Dukungan", "kuota "), ("Dukungan", "Laptop")),
        ekspektasi={"Akuntabel": "Jujur dan disiplin", "Loyal": "Setia"},
        pendekatan="Kuantitatif",
    )
    hasil = bandingkan(lama, baru)
    assert [(x.status, x.kelompok, x.lama or x.baru) for x in hasil.lampiran] == [
        (DIHAPUS, "Konsekuensi", "Teguran"),
        (DITAMBAH, "Dukungan", "Laptop"),
    ]
    assert [(x.kelompok, x.status) for x in hasil.ekspektasi] == [
        ("Akuntabel", DIUBAH),
        ("Loyal", DITAMBAH),
    ]
    assert hasil.pendekatan == ("Kualitatif", "Kuantitatif")


# --- the pages --------------------------------------------------------------------------------
@pytest.fixture
def kabid(skp_berjenjang):
    """The kabid's ditetapkan SKP (one RHK with one indicator)."""
    return skp_berjenjang["kabid"]


def test_tombol_revisi_pada_skp_ditetapkan(client, org, kabid):
    client.force_login(org.kabid)
    html = client.get(reverse("skp_detail", args=[kabid.pk])).content.decode()
    assert f'action="{reverse("skp_revisi", args=[kabid.pk])}"' in html
    assert reverse("skp_versi", args=[kabid.pk]) not in html  # versi 1: nothing to compare
    assert "Tambah RHK" not in html


# The SKP document URL belongs to another part of the app; give it a stand-in so that the
# link on this page is tested whether or not that part is installed.
urlpatterns = [
    *get_resolver("ekinerja.urls").url_patterns,
    path("uji/dokumen/<int:pk>/", lambda request, pk: None, name="skp_dokumen"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_tautan_pdf_hanya_bila_ditetapkan(client, org, kabid, skp_berjenjang):
    client.force_login(org.kabid)
    url = reverse("skp_dokumen", args=[kabid.pk])
    assert f'href="{url}"' in client.get(reverse("skp_detail", args=[kabid.pk])).content.decode()
    kasi = skp_berjenjang["kasi"]
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[kasi.pk])).content.decode()
    assert reverse("skp_dokumen", args=[kasi.pk]) not in html


def test_revisi_membuat_versi_baru_dan_membukanya(client, org, kabid):
    client.force_login(org.kabid)
    resp = client.post(reverse("skp_revisi", args=[kabid.pk]))
    baru = Skp.objects.get(versi_sebelumnya=kabid)
    assert resp.status_code == 302 and resp["Location"] == reverse("skp_detail", args=[baru.pk])
    assert (baru.versi, baru.status) == (2, "draft")
    html = client.get(resp["Location"]).content.decode()
    assert reverse("skp_versi", args=[baru.pk]) in html
    assert "Tambah RHK" in html
    lama = client.get(reverse("skp_detail", args=[kabid.pk])).content.decode()
    assert "Lihat revisi (versi 2)" in lama
    assert f'action="{reverse("skp_revisi", args=[kabid.pk])}"' not in lama
    r = Riwayat.objects.get(object_id=baru.pk, aksi="skp.revisi_dibuat")
    assert r.sebagai == "sendiri"


def test_revisi_kedua_kali_ditolak(client, org, kabid):
    services.revisi_skp(org.kabid, kabid)
    client.force_login(org.kabid)
    resp = client.post(reverse("skp_revisi", args=[kabid.pk]), follow=True)
    assert "Revisi SKP ini sudah dibuat" in resp.content.decode()
    assert Skp.objects.filter(versi_sebelumnya=kabid).count() == 1


def test_skp_draf_tidak_dapat_direvisi(client, org, skp_berjenjang):
    kasi = skp_berjenjang["kasi"]
    client.force_login(org.kasi)
    resp = client.post(reverse("skp_revisi", args=[kasi.pk]), follow=True)
    assert "Hanya SKP yang sudah ditetapkan yang dapat direvisi." in resp.content.decode()
    assert not Skp.objects.filter(versi_sebelumnya=kasi).exists()


@pytest.mark.parametrize(
    ("siapa", "kode"), [("atasan", 403), ("pegawai_lain", 404), ("instansi_lain", 404)]
)
def test_revisi_oleh_yang_tidak_berhak(client, org, kabid, siapa, kode):
    client.force_login(
        {"atasan": org.kadis, "pegawai_lain": org.kasi, "instansi_lain": org.orang_lain}[siapa]
    )
    assert client.post(reverse("skp_revisi", args=[kabid.pk])).status_code == kode
    assert not Skp.objects.filter(versi_sebelumnya=kabid).exists()


def test_operator_merevisi_atas_nama(client, org, kabid):
    client.force_login(org.operator)
    assert client.post(reverse("skp_revisi", args=[kabid.pk])).status_code == 302
    baru = Skp.objects.get(versi_sebelumnya=kabid)
    r = Riwayat.objects.get(object_id=baru.pk, aksi="skp.revisi_dibuat")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kabid, "operator")


def test_halaman_perbandingan_menampilkan_perubahan(client, org, kabid, skp_berjenjang):
    baru = services.revisi_skp(org.kabid, kabid)
    rhk_lama = baru.rhk.get()
    ind = rhk_lama.indikator.get()
    ind.target_teks = "Seluruh laporan tepat waktu"
    services.simpan_indikator(org.kabid, ind)
    services.simpan_rhk(
        org.kabid,
        RencanaHasilKerja(
            skp=baru,
            teks="Terlaksananya penyelidikan KLB",
            rhk_atasan=skp_berjenjang["rhk_kadis"][0],
        ),
    )
    services.simpan_lampiran(org.kabid, LampiranSkp(skp=baru, jenis="dukungan", teks="Mobil"))
    client.force_login(org.kabid)
    resp = client.get(reverse("skp_versi", args=[baru.pk]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "versi 1 → versi 2" in html
    assert "<del>100% tepat waktu</del>" in html
    assert "<ins>Seluruh laporan tepat waktu</ins>" in html
    assert "<ins>Terlaksananya penyelidikan KLB</ins>" in html
    assert "<ins>Mobil</ins>" in html
    assert "RHK ditambahkan" in html and "RHK diubah" in html


def test_versi_pertama_tidak_ada_pembanding(client, org, kabid):
    client.force_login(org.kabid)
    resp = client.get(reverse("skp_versi", args=[kabid.pk]))
    assert resp.status_code == 200 and "Tidak ada versi sebelumnya" in resp.content.decode()


def test_revisi_tanpa_perubahan(client, org, kabid):
    baru = services.revisi_skp(org.kabid, kabid)
    client.force_login(org.kabid)
    assert (
        "Tidak ada perubahan" in client.get(reverse("skp_versi", args=[baru.pk])).content.decode()
    )


@pytest.mark.parametrize("siapa", ["pegawai_lain", "instansi_lain"])
def test_halaman_perbandingan_orang_lain_404(client, org, kabid, siapa):
    baru = services.revisi_skp(org.kabid, kabid)
    client.force_login(org.kasi if siapa == "pegawai_lain" else org.orang_lain)
    assert client.get(reverse("skp_versi", args=[baru.pk])).status_code == 404


def test_ekspektasi_tampil_baca_saja(client, org, kabid):
    baru = services.revisi_skp(org.kabid, kabid)
    services.isi_ekspektasi(org.kadis, baru, {"akuntabel": "Laporan keuangan tanpa temuan"})
    client.force_login(org.kabid)
    html = client.get(reverse("skp_detail", args=[baru.pk])).content.decode()
    assert "Laporan keuangan tanpa temuan" in html
    assert "Berorientasi Pelayanan" in html and "Bertindak proaktif" in html
    assert 'name="akuntabel"' not in html
    versi = client.get(reverse("skp_versi", args=[baru.pk])).content.decode()
    assert (
        "Ekspektasi khusus pimpinan" in versi
        and "<ins>Laporan keuangan tanpa temuan</ins>" in versi
    )
    assert IndikatorKinerja.objects.filter(rhk__skp=baru).count() == 1
