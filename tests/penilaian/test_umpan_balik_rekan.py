"""Issue 17 point 2 — umpan balik berkelanjutan: the penilai asks up to N named colleagues
(same instansi) for feedback on the seven BerAKHLAK values of a pegawai in a window; each
asked person is notified and answers on his own page; only the penilai reads the answers,
aggregated without names, with the count answered/asked; reminders go through the daily
notification rules; asking twice, asking the pegawai himself or more than N is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi
from notifikasi.services.kirim import proses_riwayat
from notifikasi.services.pengingat import ingatkan_umpan_balik_rekan
from pegawai.models import Riwayat
from pegawai.selectors.organisasi import riwayat_pegawai
from penilaian import rules
from penilaian.models import PengaturanPenilaian, PermintaanUmpanBalik
from penilaian.selectors import umpan_balik_rekan as selectors
from penilaian.services import dokumen
from penilaian.services import nilai as services_nilai
from penilaian.services import umpan_balik_rekan as services
from skp.rules import BERAKHLAK
from tests.factories import PegawaiFactory

MARET = dt.date(2026, 3, 15)
KODE = [n.kode for n in BERAKHLAK]


@pytest.fixture
def pada(monkeypatch):
    def atur(tanggal):
        monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: tanggal)

    atur(MARET)
    return atur


def jawaban(teks="Selalu membantu warga", skala=4, kode="berorientasi_pelayanan"):
    return {kode: {"skala": skala, "teks": teks}}


# --- the rules --------------------------------------------------------------------------------
def periksa(calon, sudah=frozenset(), maks=5, instansi=None):
    instansi = instansi or dict.fromkeys(calon, 1)
    return rules.periksa_permintaan_umpan_balik(
        list(calon),
        pegawai_id=10,
        penilai_id=20,
        sudah_ids=set(sudah),
        maks=maks,
        instansi_calon=instansi,
        instansi_id=1,
    )


def test_aturan_permintaan():
    assert periksa([1, 2, 3]) == []
    assert periksa([1, 2], sudah={3, 4, 5}) == []  # exactly N
    assert periksa([]) != []
    assert any("lebih dari sekali" in g for g in periksa([1, 1]))
    assert any("tentang dirinya" in g for g in periksa([10]))
    assert any("dirinya sendiri" in g for g in periksa([20]))
    assert any("sudah pernah" in g for g in periksa([3], sudah={3}))
    assert any("Paling banyak 5" in g for g in periksa([1, 2, 3], sudah={4, 5, 6}))
    assert any("Paling banyak 2" in g for g in periksa([1, 2, 3], maks=2))
    assert any("instansi yang sama" in g for g in periksa([1, 2], instansi={1: 1, 2: 9}))


def test_aturan_jawaban():
    bersih, galat = rules.bersihkan_jawaban_umpan_balik(
        {"akuntabel": {"skala": "5", "teks": " Jujur "}, "adaptif": {"skala": "", "teks": ""}},
        KODE,
    )
    assert galat == {} and bersih == {"akuntabel": {"skala": 5, "teks": "Jujur"}}
    assert rules.bersihkan_jawaban_umpan_balik({}, KODE)[1]  # nothing answered
    assert "akuntabel" in rules.bersihkan_jawaban_umpan_balik({"akuntabel": {"skala": 7}}, KODE)[1]
    assert (
        "akuntabel"
        in rules.bersihkan_jawaban_umpan_balik(
            {"akuntabel": {"teks": "x" * (rules.MAKS_TEKS_UMPAN_BALIK + 1)}}, KODE
        )[1]
    )
    assert rules.bersihkan_jawaban_umpan_balik({"asing": {"skala": 3}}, KODE)[1]


def test_aturan_ringkasan_tanpa_urutan_penulis():
    r = rules.ringkas_umpan_balik(
        [
            {"akuntabel": {"skala": 5, "teks": "Zaman"}},
            {"akuntabel": {"skala": 2, "teks": "Amanah"}},
            {"adaptif": {"skala": None, "teks": "Cepat belajar"}},
        ],
        ["akuntabel", "adaptif"],
    )
    assert r[0].rata_rata == 3.5 and r[0].jumlah_skala == 2
    assert r[0].catatan == ("Amanah", "Zaman")  # alphabetical, not in the writers' order
    assert r[1].rata_rata is None and r[1].catatan == ("Cepat belajar",)


# --- asking -----------------------------------------------------------------------------------
def test_penilai_meminta_dan_responden_diberi_tahu(client, org, jendela, skp_semua, pada):
    skp = skp_semua["staf"]
    client.force_login(org.kasi)
    url = reverse("umpan_balik_rekan_minta", args=[jendela.tw[0].pk, skp.pk])
    r = client.post(url, {"nip": f"{org.jf.nip}\n{org.operator.nip}"})
    assert r.status_code == 302
    diminta = PermintaanUmpanBalik.objects.filter(periode_penilaian=jendela.tw[0], skp=skp)
    assert set(diminta.values_list("responden_id", flat=True)) == {org.jf.pk, org.operator.pk}
    riwayat = Riwayat.objects.filter(aksi="umpan_balik_rekan.diminta")
    assert {x.subjek_id for x in riwayat} == {org.jf.pk, org.operator.pk}
    assert all(x.pelaku_id == org.kasi.pk and x.sebagai == "atasan" for x in riwayat)
    proses_riwayat()
    for orang in (org.jf, org.operator):
        n = Notifikasi.objects.get(penerima=orang, jenis=Jenis.UMPAN_BALIK_DIMINTA)
        assert n.tautan == reverse("umpan_balik_rekan_masuk")
    assert not Notifikasi.objects.filter(penerima=org.staf).exists()
    # The rated pegawai's own history does not list who was asked about him.
    assert not [x for x in riwayat_pegawai(org.staf) if x.aksi.startswith("umpan_balik")]


@pytest.mark.parametrize(
    ("siapa", "pesan"),
    [
        ("staf", "tentang dirinya"),
        ("orang_lain", "instansi yang sama"),
        ("kasi", "dirinya sendiri"),
    ],
)
def test_permintaan_tidak_sah_ditolak_dengan_pesan(
    client, org, jendela, skp_semua, pada, siapa, pesan
):
    client.force_login(org.kasi)
    url = reverse("umpan_balik_rekan_minta", args=[jendela.tw[0].pk, skp_semua["staf"].pk])
    r = client.post(url, {"nip": getattr(org, siapa).nip})
    assert r.status_code == 200 and pesan in r.content.decode()
    assert not PermintaanUmpanBalik.objects.exists()


def test_dua_kali_dan_lebih_dari_n_ditolak(org, jendela, skp_semua, pada):
    PengaturanPenilaian.objects.create(instansi=org.instansi, maks_umpan_balik_rekan=2)
    pp, skp = jendela.tw[0], skp_semua["staf"]
    services.minta_umpan_balik(org.kasi, pp, skp, [org.jf.nip])
    with pytest.raises(ValidationError, match="sudah pernah"):
        services.minta_umpan_balik(org.kasi, pp, skp, [org.jf.nip])
    with pytest.raises(ValidationError, match="lebih dari sekali"):
        services.minta_umpan_balik(org.kasi, pp, skp, [org.operator.nip, org.operator.nip])
    with pytest.raises(ValidationError, match="Paling banyak 2"):
        services.minta_umpan_balik(org.kasi, pp, skp, [org.operator.nip, org.kabid.nip])
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        services.minta_umpan_balik(org.kasi, pp, skp, ["199999999999999999"])
    assert PermintaanUmpanBalik.objects.count() == 1
    services.minta_umpan_balik(org.kasi, pp, skp, [org.operator.nip])  # the N-th is fine
    assert PermintaanUmpanBalik.objects.count() == 2


def test_pegawai_nonaktif_tidak_dapat_diminta(org, jendela, skp_semua, pada):
    pensiun = PegawaiFactory(instansi=org.instansi, status="pensiun")
    with pytest.raises(ValidationError):
        services.minta_umpan_balik(org.kasi, jendela.tw[0], skp_semua["staf"], [pensiun.nip])


@pytest.mark.parametrize("siapa", ["staf", "jf", "kabid", "operator", "admin"])
def test_hanya_pejabat_penilai_yang_meminta(org, jendela, skp_semua, pada, siapa):
    with pytest.raises(PermissionDenied):
        services.minta_umpan_balik(
            getattr(org, siapa), jendela.tw[0], skp_semua["staf"], [org.kabid.nip]
        )
    assert not PermintaanUmpanBalik.objects.exists()


# --- answering and reading --------------------------------------------------------------------
@pytest.fixture
def diminta(org, jendela, skp_semua, pada):
    return services.minta_umpan_balik(
        org.kasi, jendela.tw[0], skp_semua["staf"], [org.jf.nip, org.operator.nip, org.kabid.nip]
    )


def _untuk(diminta, orang):
    return next(p for p in diminta if p.responden_id == orang.pk)


def test_responden_menjawab_lewat_halaman(client, org, diminta):
    client.force_login(org.jf)
    masuk = client.get(reverse("umpan_balik_rekan_masuk")).content.decode()
    permintaan = _untuk(diminta, org.jf)
    url = reverse("umpan_balik_rekan_jawab", args=[permintaan.pk])
    assert url in masuk and org.staf.nama in masuk
    r = client.post(url, {"skala_akuntabel": "5", "teks_akuntabel": "Laporan selalu tepat"})
    assert r.status_code == 302
    permintaan.refresh_from_db()
    assert permintaan.jawaban == {"akuntabel": {"skala": 5, "teks": "Laporan selalu tepat"}}
    assert Riwayat.objects.filter(
        aksi="umpan_balik_rekan.dijawab", pelaku=org.jf, subjek=org.jf
    ).exists()
    kosong = client.post(url, {})
    assert kosong.status_code == 200 and "paling sedikit satu" in kosong.content.decode()


def test_hanya_responden_yang_menjawab(client, org, diminta):
    permintaan = _untuk(diminta, org.jf)
    for siapa in (org.kasi, org.staf, org.operator, org.admin):
        with pytest.raises(PermissionDenied):
            services.jawab_umpan_balik(siapa, permintaan, jawaban())
        client.force_login(siapa)
        assert (
            client.get(reverse("umpan_balik_rekan_jawab", args=[permintaan.pk])).status_code == 404
        )
    assert PermintaanUmpanBalik.objects.filter(dijawab_pada__isnull=False).count() == 0


def test_penilai_membaca_tanpa_nama_dengan_jumlah(client, org, jendela, skp_semua, diminta):
    services.jawab_umpan_balik(org.jf, _untuk(diminta, org.jf), jawaban("Catatan dari JF", 5))
    services.jawab_umpan_balik(
        org.operator, _untuk(diminta, org.operator), jawaban("Catatan dari operator", 3)
    )
    client.force_login(org.kasi)
    halaman = client.get(
        reverse("nilai_isi", args=[jendela.tw[0].pk, skp_semua["staf"].pk])
    ).content.decode()
    assert "2 dari 3 rekan kerja sudah menjawab" in halaman
    assert "Catatan dari JF" in halaman and "Catatan dari operator" in halaman
    assert "Rata-rata skala 4.0 dari 5" in halaman or "Rata-rata skala 4,0 dari 5" in halaman
    # No name on the rating page, and nothing in the summary ties an answer to a person.
    for orang in (org.jf, org.operator, org.kabid):
        assert orang.nip not in halaman
    ringkas = selectors.ringkasan(jendela.tw[0], skp_semua["staf"])
    nilai = dict((n.kode, r) for n, r in ringkas.nilai)["berorientasi_pelayanan"]
    assert set(vars(nilai)) == {"kode", "rata_rata", "jumlah_skala", "catatan"}


def test_pegawai_tidak_melihat_umpan_balik(client, org, jendela, skp_semua, diminta):
    services.jawab_umpan_balik(org.jf, _untuk(diminta, org.jf), jawaban("Rahasia penilai"))
    p = services_nilai.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services_nilai.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    p = services_nilai.tetapkan_penilaian(org.kasi, p)
    client.force_login(org.staf)
    for url in (
        reverse("penilaian_detail", args=[p.pk]),
        reverse("penilaian_saya"),
        reverse("umpan_balik_rekan_masuk"),
    ):
        assert "Rahasia penilai" not in client.get(url).content.decode()
    assert (
        client.get(
            reverse("umpan_balik_rekan_minta", args=[jendela.tw[0].pk, skp_semua["staf"].pk])
        ).status_code
        == 403
    )
    # Not in the evaluation document either.
    html = render_to_string(dokumen.TEMPLATE, dokumen.konteks(p, kode="X", penanda_tangan="Y"))
    assert "Rahasia penilai" not in html


def test_ditutup_setelah_final_atau_batas(org, jendela, skp_semua, diminta, pada):
    p = services_nilai.mulai_penilaian(org.kasi, jendela.tw[0], skp_semua["staf"])
    services_nilai.simpan_penilaian(
        org.kasi, p, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    )
    services_nilai.tetapkan_penilaian(org.kasi, p)
    with pytest.raises(ValidationError, match="sudah final"):
        services.jawab_umpan_balik(org.jf, _untuk(diminta, org.jf), jawaban())
    with pytest.raises(ValidationError, match="sudah final"):
        services.minta_umpan_balik(org.kasi, jendela.tw[0], skp_semua["staf"], [org.kadis.nip])
    pada(jendela.tw[1].batas + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.minta_umpan_balik(org.kasi, jendela.tw[1], skp_semua["staf"], [org.jf.nip])


# --- reminders --------------------------------------------------------------------------------
def test_pengingat_untuk_yang_belum_menjawab(org, jendela, diminta):
    services.jawab_umpan_balik(org.jf, _untuk(diminta, org.jf), jawaban())
    batas = jendela.tw[0].batas
    assert ingatkan_umpan_balik_rekan(batas - dt.timedelta(days=30)) == 0  # too early
    assert ingatkan_umpan_balik_rekan(batas - dt.timedelta(days=1)) == 2
    penerima = set(
        Notifikasi.objects.filter(kunci=f"umpan-balik-rekan:{jendela.tw[0].pk}").values_list(
            "penerima_id", flat=True
        )
    )
    assert penerima == {org.operator.pk, org.kabid.pk}
    assert ingatkan_umpan_balik_rekan(batas - dt.timedelta(days=1)) == 0  # once
    assert ingatkan_umpan_balik_rekan(batas + dt.timedelta(days=1)) == 0  # closed after


# --- query counts -----------------------------------------------------------------------------
def hitung(client, url):
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q)


def test_kueri_halaman_tetap(client, org, jendela, skp_semua, pada):
    pp, skp = jendela.tw[0], skp_semua["staf"]
    minta = reverse("umpan_balik_rekan_minta", args=[pp.pk, skp.pk])
    masuk = reverse("umpan_balik_rekan_masuk")
    services.minta_umpan_balik(org.kasi, pp, skp, [org.jf.nip])
    client.force_login(org.kasi)
    client.get(minta)
    sedikit_minta = hitung(client, minta)
    client.force_login(org.jf)
    client.get(masuk)
    sedikit_masuk = hitung(client, masuk)
    lain = [PegawaiFactory(instansi=org.instansi) for _ in range(4)]
    services.minta_umpan_balik(org.kasi, pp, skp, [p.nip for p in lain])
    for p in PermintaanUmpanBalik.objects.exclude(responden=org.jf):
        services.jawab_umpan_balik(p.responden, p, jawaban(f"Catatan {p.pk}"))
    # more requests to the jf, about other pegawai
    services.minta_umpan_balik(org.kabid, pp, skp_semua["kasi"], [org.jf.nip])
    services.minta_umpan_balik(org.kadis, pp, skp_semua["kabid"], [org.jf.nip])
    client.force_login(org.kasi)
    client.get(minta)  # the organisation cache was bumped by the new people: warm it again
    assert hitung(client, minta) == sedikit_minta <= 10
    client.force_login(org.jf)
    client.get(masuk)
    assert hitung(client, masuk) == sedikit_masuk <= 10
