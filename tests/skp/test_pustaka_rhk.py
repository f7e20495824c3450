"""The RHK library (skp/pustaka/): operators and the admin keep it; an ASN uses an entry in his
SKP as a new RHK utama."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pegawai.models import Riwayat
from skp import selectors
from skp.models import PustakaRhk, RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from skp.services import pustaka as services_pustaka
from tests.factories import JabatanFactory, OperatorUnitFactory, PegawaiFactory

DAFTAR, TAMBAH = "/skp/pustaka/", "/skp/pustaka/tambah/"
INDIKATOR = [
    {
        "teks": "Laporan surveilans mingguan",
        "aspek": "kuantitas",
        "target": "52",
        "satuan": "laporan",
    }
]


def galat(response, field_id: str) -> list[str]:
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def pustaka(jabatan, teks="Terlaksananya surveilans penyakit menular", indikator=None):
    return PustakaRhk.objects.create(
        jabatan=jabatan, teks=teks, indikator=INDIKATOR if indikator is None else indikator
    )


def data_form(jabatan, teks="Terlaksananya surveilans", baris=None, total=3) -> dict:
    data = {
        "jabatan": jabatan.pk,
        "teks": teks,
        "indikator-TOTAL_FORMS": str(total),
        "indikator-INITIAL_FORMS": "0",
        "indikator-MIN_NUM_FORMS": "0",
        "indikator-MAX_NUM_FORMS": "10",
    }
    for i, row in enumerate(baris or []):
        for k, v in row.items():
            data[f"indikator-{i}-{k}"] = v
    return data


@pytest.fixture
def operator_lain(org):
    """An operator of another unit (Dinas Pendidikan)."""
    p = PegawaiFactory(instansi=org.instansi, nama="Operator Lain")
    OperatorUnitFactory(pegawai=p, unit=org.unit_lain)
    return p


def test_url():
    assert (reverse("pustaka_daftar"), reverse("pustaka_tambah")) == (DAFTAR, TAMBAH)


# --- the list -------------------------------------------------------------------------------
@pytest.mark.parametrize("siapa", ["staf", "kabid", "orang_lain"])
def test_bukan_operator_atau_admin_403(client, org, siapa):
    entri = pustaka(org.jab_kasi)
    client.force_login(getattr(org, siapa))
    assert client.get(DAFTAR).status_code == 403
    assert client.get(TAMBAH).status_code == 403
    assert client.get(reverse("pustaka_ubah", args=[entri.pk])).status_code == 403
    assert client.post(reverse("pustaka_hapus", args=[entri.pk])).status_code == 403
    assert PustakaRhk.objects.filter(pk=entri.pk).exists()


def test_operator_melihat_pustaka_unitnya_saja(client, org, operator_lain):
    sendiri = pustaka(org.jab_kasi)
    jab_lain = JabatanFactory(unit=org.unit_lain, nama="Guru Ahli Muda")
    lain = pustaka(jab_lain, teks="Terlaksananya pembelajaran")
    client.force_login(org.operator)
    assert list(client.get(DAFTAR).context["page_obj"]) == [sendiri]
    client.force_login(operator_lain)
    assert list(client.get(DAFTAR).context["page_obj"]) == [lain]
    client.force_login(org.admin)
    assert set(client.get(DAFTAR).context["page_obj"]) == {sendiri, lain}


def test_saring_unit_jabatan_dan_cari(client, org):
    a = pustaka(org.jab_kasi, teks="Terlaksananya surveilans")
    b = pustaka(org.jab_kabid, teks="Tersusunnya rencana program P2P")
    c = pustaka(org.jab_staf, teks="Tertibnya administrasi surat")
    client.force_login(org.operator)
    assert set(client.get(DAFTAR, {"unit": org.seksi.pk}).context["page_obj"]) == {a, c}
    assert list(client.get(DAFTAR, {"jabatan": org.jab_kabid.pk}).context["page_obj"]) == [b]
    assert list(client.get(DAFTAR, {"q": "SURAT"}).context["page_obj"]) == [c]
    r = client.get(DAFTAR, {"q": "tidak ada"})
    assert "Tidak ada RHK yang cocok" in r.content.decode()


def test_daftar_kosong(client, org):
    client.force_login(org.operator)
    assert "Pustaka RHK masih kosong" in client.get(DAFTAR).content.decode()


def test_jumlah_query_tetap(client, org, django_assert_max_num_queries):
    for i in range(40):
        pustaka(org.jab_kasi if i % 2 else org.jab_staf, teks=f"RHK pustaka {i}")
    client.force_login(org.operator)
    with django_assert_max_num_queries(9):
        r = client.get(DAFTAR)
    assert len(r.context["page_obj"]) == 25
    assert r.context["page_obj"].paginator.count == 40


# --- add, change, delete ------------------------------------------------------------------------
def test_operator_menambah(client, org):
    client.force_login(org.operator)
    assert client.get(TAMBAH).status_code == 200
    baris = [
        {"teks": " Laporan surveilans ", "aspek": "kuantitas", "target": "12", "satuan": "laporan"},
        {"teks": "Ketepatan waktu", "aspek": "waktu", "target": "Setiap tanggal 5"},
    ]
    r = client.post(TAMBAH, data_form(org.jab_kasi, baris=baris))
    assert r.status_code == 302
    assert r["Location"] == f"{DAFTAR}?jabatan={org.jab_kasi.pk}"
    entri = PustakaRhk.objects.get()
    assert (entri.jabatan, entri.teks, entri.dibuat_oleh) == (
        org.jab_kasi,
        "Terlaksananya surveilans",
        org.operator,
    )
    assert entri.indikator == [
        {"teks": "Laporan surveilans", "aspek": "kuantitas", "target": "12", "satuan": "laporan"},
        {"teks": "Ketepatan waktu", "aspek": "waktu", "target": "Setiap tanggal 5", "satuan": ""},
    ]
    rw = Riwayat.objects.get(aksi="pustaka.dibuat")
    assert (rw.pelaku, rw.sebagai, rw.object_id) == (org.operator, "operator", entri.pk)


def test_tanpa_indikator_ditolak(client, org):
    client.force_login(org.operator)
    r = client.post(TAMBAH, data_form(org.jab_kasi, teks="RHK yang diketik"))
    assert r.status_code == 200
    assert "Isi minimal satu indikator." in r.content.decode()
    assert "RHK yang diketik" in r.content.decode()
    assert not PustakaRhk.objects.exists()


def test_baris_indikator_tidak_lengkap_ditolak_di_samping_kolomnya(client, org):
    client.force_login(org.operator)
    baris = [{"teks": "Laporan", "aspek": "kuantitas", "target": "12"}, {"teks": "Ketepatan waktu"}]
    r = client.post(TAMBAH, data_form(org.jab_kasi, baris=baris))
    assert r.status_code == 200
    assert galat(r, "id_indikator-1-aspek") == ["Pilih aspek."]
    assert galat(r, "id_indikator-1-target") == ["Target wajib diisi."]
    assert galat(r, "id_indikator-0-aspek") == []
    assert 'value="Ketepatan waktu"' in r.content.decode()
    assert not PustakaRhk.objects.exists()


def test_operator_unit_lain_ditolak(client, org, operator_lain):
    entri = pustaka(org.jab_kasi)
    client.force_login(operator_lain)
    r = client.post(TAMBAH, data_form(org.jab_kasi, baris=INDIKATOR))
    assert r.status_code == 200
    assert galat(r, "id_jabatan") == ["Jabatan ini tidak termasuk unit yang Anda kelola."]
    assert client.get(reverse("pustaka_ubah", args=[entri.pk])).status_code == 404
    assert client.post(reverse("pustaka_hapus", args=[entri.pk])).status_code == 404
    assert PustakaRhk.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services_pustaka.simpan_pustaka(
            operator_lain, PustakaRhk(jabatan=org.jab_kasi, teks="RHK", indikator=INDIKATOR)
        )
    with pytest.raises(PermissionDenied):
        services_pustaka.hapus_pustaka(operator_lain, entri)


def test_operator_seksi_tidak_mengelola_jabatan_bidang(org):
    op = PegawaiFactory(instansi=org.instansi)
    OperatorUnitFactory(pegawai=op, unit=org.seksi)
    assert services_pustaka.boleh_kelola(op, org.jab_kasi)
    assert not services_pustaka.boleh_kelola(op, org.jab_kabid)
    entri = pustaka(org.jab_kasi)
    entri.jabatan = org.jab_kabid  # moving an entry out of his units is refused too
    with pytest.raises(PermissionDenied):
        services_pustaka.simpan_pustaka(op, entri)


def test_admin_mengubah_dan_mengosongkan_baris_menghapus_indikator(client, org):
    entri = pustaka(
        org.jab_kasi,
        indikator=INDIKATOR
        + [{"teks": "Kedua", "aspek": "kualitas", "target": "Lengkap", "satuan": ""}],
    )
    url = reverse("pustaka_ubah", args=[entri.pk])
    client.force_login(org.admin)
    r = client.get(url)
    assert r.status_code == 200 and "Laporan surveilans mingguan" in r.content.decode()
    baris = [
        {"teks": "", "aspek": "", "target": "", "satuan": ""},
        {"teks": "Kedua", "aspek": "kualitas", "target": "Lengkap dan tepat", "satuan": ""},
    ]
    r = client.post(url, data_form(org.jab_staf, teks="RHK diubah", baris=baris, total=4))
    assert r.status_code == 302
    entri.refresh_from_db()
    assert (entri.jabatan, entri.teks) == (org.jab_staf, "RHK diubah")
    assert entri.indikator == [
        {"teks": "Kedua", "aspek": "kualitas", "target": "Lengkap dan tepat", "satuan": ""}
    ]
    rw = Riwayat.objects.get(aksi="pustaka.diubah")
    assert (rw.pelaku, rw.sebagai) == (org.admin, "admin")


def test_hapus(client, org):
    entri = pustaka(org.jab_kasi)
    client.force_login(org.operator)
    assert client.get(reverse("pustaka_hapus", args=[entri.pk])).status_code == 405
    r = client.post(reverse("pustaka_hapus", args=[entri.pk]))
    assert r.status_code == 302
    assert not PustakaRhk.objects.exists()
    rw = Riwayat.objects.get(aksi="pustaka.dihapus")
    assert (rw.pelaku, rw.sebagai, rw.object_id) == (org.operator, "operator", entri.pk)
    assert rw.data["teks"] == entri.teks


def test_admin_instansi_lain_404(client, org):
    entri = pustaka(org.jab_kasi)
    client.force_login(PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True))
    assert client.get(reverse("pustaka_ubah", args=[entri.pk])).status_code == 404
    assert client.post(reverse("pustaka_hapus", args=[entri.pk])).status_code == 404


# --- using an entry in an SKP -------------------------------------------------------------------
def pakai_url(entri, skp):
    return reverse("skp_pakai_pustaka", args=[entri.pk, skp.pk])


@pytest.fixture
def skp_kasi(skp_berjenjang):
    return skp_berjenjang["kasi"]  # a draft


def test_pustaka_untuk_skp_hanya_jabatannya(org, skp_kasi):
    a = pustaka(org.jab_kasi)
    pustaka(org.jab_staf)
    assert list(selectors.pustaka_untuk_skp(skp_kasi)) == [a]


def test_asn_memakai_pustaka(client, org, skp_kasi):
    entri = pustaka(
        org.jab_kasi,
        indikator=INDIKATOR
        + [{"teks": "Ketepatan", "aspek": "waktu", "target": "Setiap Senin", "satuan": ""}],
    )
    client.force_login(org.kasi)
    r = client.post(pakai_url(entri, skp_kasi), {"next": "/skp/"})
    assert r.status_code == 302 and r["Location"] == "/skp/"
    rhk = RencanaHasilKerja.objects.get(skp=skp_kasi)
    assert (rhk.teks, rhk.jenis, rhk.rhk_atasan) == (entri.teks, "utama", None)
    assert [(i.teks, i.aspek, i.target_teks, i.satuan) for i in rhk.indikator.all()] == [
        ("Laporan surveilans mingguan", "kuantitas", "52", "laporan"),
        ("Ketepatan", "waktu", "Setiap Senin", ""),
    ]
    aksi = list(
        Riwayat.objects.filter(
            object_id=skp_kasi.pk, content_type__model="skp", pelaku=org.kasi
        ).values_list("aksi", "sebagai")
    )
    assert ("skp.rhk_ditambah", "sendiri") in aksi
    assert aksi.count(("skp.indikator_ditambah", "sendiri")) == 2
    assert Riwayat.objects.get(aksi="skp.pustaka_dipakai").data == {
        "pustaka": entri.pk,
        "rhk": rhk.pk,
    }
    assert any("RHK dari pustaka ditambahkan" in p for p in pesan(r))


def test_next_asing_diabaikan(client, org, skp_kasi):
    entri = pustaka(org.jab_kasi)
    client.force_login(org.kasi)
    r = client.post(pakai_url(entri, skp_kasi), {"next": "https://contoh.invalid/"})
    assert r.status_code == 302 and r["Location"] == reverse("skp_detail", args=[skp_kasi.pk])


def test_operator_memakai_untuk_asn(client, org, skp_kasi):
    entri = pustaka(org.jab_kasi)
    client.force_login(org.operator)
    assert client.post(pakai_url(entri, skp_kasi)).status_code == 302
    rw = Riwayat.objects.get(aksi="skp.rhk_ditambah", subjek=org.kasi)
    assert (rw.pelaku, rw.object_id, rw.sebagai) == (org.operator, skp_kasi.pk, "operator")


def test_pustaka_jabatan_lain_404(client, org, skp_kasi):
    lain = pustaka(org.jab_staf)
    client.force_login(org.kasi)
    assert client.post(pakai_url(lain, skp_kasi)).status_code == 404
    assert not RencanaHasilKerja.objects.filter(skp=skp_kasi).exists()
    with pytest.raises(PermissionDenied):
        services_pustaka.pakai_pustaka(org.kasi, skp_kasi, lain)


@pytest.mark.parametrize(("siapa", "kode"), [("kabid", 403), ("staf", 404), ("orang_lain", 404)])
def test_bukan_pemilik_atau_operatornya(client, org, skp_kasi, siapa, kode):
    entri = pustaka(org.jab_kasi)
    client.force_login(getattr(org, siapa))
    assert client.post(pakai_url(entri, skp_kasi)).status_code == kode
    assert not RencanaHasilKerja.objects.filter(skp=skp_kasi).exists()


def test_skp_yang_tidak_dapat_diubah_ditolak(client, org, skp_berjenjang):
    skp_kabid = skp_berjenjang["kabid"]  # ditetapkan
    entri = pustaka(org.jab_kabid)
    jumlah = skp_kabid.rhk.count()
    client.force_login(org.kabid)
    r = client.post(pakai_url(entri, skp_kabid))
    assert r.status_code == 302
    assert pesan(r) == ["SKP berstatus Ditetapkan tidak dapat diubah lagi."]
    assert skp_kabid.rhk.count() == jumlah


def test_skp_kuantitatif_membaca_target_angka(client, org, skp_kasi):
    Skp.objects.filter(pk=skp_kasi.pk).update(pendekatan=Skp.Pendekatan.KUANTITATIF)
    entri = pustaka(
        org.jab_kasi,
        indikator=[
            {"teks": "Laporan", "aspek": "kuantitas", "target": "10-12", "satuan": "laporan"},
            {"teks": "Cakupan", "aspek": "kualitas", "target": "95,5", "satuan": "persen"},
        ],
    )
    client.force_login(org.kasi)
    client.post(pakai_url(entri, skp_kasi))
    indikator = RencanaHasilKerja.objects.get(skp=skp_kasi).indikator.order_by("urutan")
    assert [(i.target_min, i.target_maks, i.target_tampil) for i in indikator] == [
        (Decimal("10"), Decimal("12"), "10–12 laporan"),
        (Decimal("95.5"), None, "95,5 persen"),
    ]


def test_skp_kuantitatif_target_teks_ditolak_seluruhnya(client, org, skp_kasi):
    Skp.objects.filter(pk=skp_kasi.pk).update(pendekatan=Skp.Pendekatan.KUANTITATIF)
    entri = pustaka(
        org.jab_kasi,
        indikator=[
            {"teks": "Laporan", "aspek": "kuantitas", "target": "12", "satuan": "laporan"},
            {"teks": "Ketepatan", "aspek": "waktu", "target": "Setiap Senin", "satuan": ""},
        ],
    )
    jumlah = Riwayat.objects.count()
    client.force_login(org.kasi)
    r = client.post(pakai_url(entri, skp_kasi))
    assert r.status_code == 302
    assert pesan(r) == [
        'Indikator "Ketepatan" tidak dapat dipakai: SKP kuantitatif: target wajib berupa angka.'
    ]
    assert not RencanaHasilKerja.objects.filter(skp=skp_kasi).exists()  # rolled back whole
    assert Riwayat.objects.count() == jumlah


def test_skp_jpt_memakai_dengan_perspektif(client, org, periode):
    skp = services.buat_skp(org.kadis, org.kadis, periode)
    entri = pustaka(org.jab_kadis)
    client.force_login(org.kadis)
    r = client.post(pakai_url(entri, skp))
    assert pesan(r) == ["RHK JPT wajib memilih perspektif."]
    assert not skp.rhk.exists()
    client.post(pakai_url(entri, skp), {"perspektif": "penerima_layanan"})
    assert skp.rhk.get().perspektif == "penerima_layanan"
