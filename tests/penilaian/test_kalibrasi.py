"""The calibration view (issue 17 §4): per penilai, the predikat he gave against the curve of
his unit and the instansi, the halo share, the outliers flagged with the rule stated; the
admin sees every penilai of his instansi, an atasan the penilai below him, anyone else 403.
It informs only: no form, no rating changed.  The rules are pure and tested at their edges."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penilaian import rules_kalibrasi as kal
from penilaian.models import Penilaian, PredikatKinerjaOrganisasi
from penilaian.rules import Predikat, PredikatOrganisasi
from skp.models import Skp
from tests.factories import JabatanFactory, PegawaiFactory
from tests.penilaian.conftest import TAHUN

A, S, B = "di_atas", "sesuai", "di_bawah"


# --- the pure rules ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("po", "batas"),
    [
        (PredikatOrganisasi.ISTIMEWA, 70),
        (PredikatOrganisasi.BAIK, None),  # the curve sets no maximum of Sangat Baik
        (PredikatOrganisasi.BUTUH_PERBAIKAN, 10),
        (PredikatOrganisasi.KURANG, 10),
        (PredikatOrganisasi.SANGAT_KURANG, 0),
        (None, None),
        ("", None),
    ],
)
def test_batas_sangat_baik_dari_kurva(po, batas):
    assert kal.batas_sangat_baik(po) == batas


def test_persen_halo_dan_distribusi():
    assert kal.persen_halo({}) is None
    assert kal.persen_halo({(A, A): 3, (S, S): 1}) == 100.0
    assert kal.persen_halo({(A, S): 1, (S, S): 2}) == 66.7
    d = kal.distribusi_persen({Predikat.SANGAT_BAIK: 1, "baik": 3})
    assert d[Predikat.SANGAT_BAIK] == 25.0 and d[Predikat.BAIK] == 75.0
    assert d[Predikat.KURANG] == 0.0 and kal.distribusi_persen({})[Predikat.BAIK] is None


@pytest.mark.parametrize(
    ("n", "sb", "batas", "halo", "tanda"),
    [
        (4, 100.0, 70, 100.0, ()),  # below the minimum: no flag whatever the shares
        (5, 80.0, 70, 50.0, ()),  # exactly limit + 10 points: not above
        (5, 80.1, 70, 50.0, (kal.LONGGAR,)),
        (5, 10.0, 0, 50.0, ()),  # Sangat Kurang (no Sangat Baik allowed): + 10 points
        (5, 10.1, 0, 50.0, (kal.LONGGAR,)),
        (5, 0.0, 70, 90.0, (kal.HALO,)),  # exactly the halo limit: flagged
        (5, 0.0, 70, 89.9, ()),
        (8, 100.0, 70, 100.0, (kal.LONGGAR, kal.HALO)),
    ],
)
def test_tanda_pencilan_di_tepi_aturan(n, sb, batas, halo, tanda):
    p = kal.pembanding_sangat_baik(batas, 5.0)
    assert p.dari_kurva
    assert kal.tanda_pencilan(n, sb, p, halo) == tanda


def test_tanpa_batas_kurva_dibanding_instansi():
    p = kal.pembanding_sangat_baik(None, 20.0)
    assert p == kal.Pembanding(20.0, False)
    assert kal.tanda_pencilan(5, 30.0, p, 0.0) == ()
    assert kal.tanda_pencilan(5, 30.1, p, 0.0) == (kal.LONGGAR,)
    assert kal.tanda_pencilan(5, 50.0, kal.pembanding_sangat_baik(None, None), 0.0) == ()


def test_aturan_tertulis_menyebut_angka():
    teks = " ".join(kal.aturan_tertulis())
    assert f"+ {kal.SELISIH_LONGGAR} poin" in teks and f"{kal.BATAS_HALO}%" in teks
    assert f"{kal.MIN_PENILAIAN} penilaian" in teks


# --- the page ---------------------------------------------------------------------------------
def _dinilai(org, jendela, penilai, unit, pasangan, predikat):
    """A finished annual rating by ``penilai`` of a new pegawai of ``unit``."""
    p = PegawaiFactory(instansi=org.instansi, unit_kerja=unit)
    skp = Skp.objects.create(
        pegawai=p,
        periode=jendela.tahunan.periode,
        jabatan=JabatanFactory(unit=unit),
        unit=unit,
        mulai=jendela.tahunan.mulai,
        selesai=jendela.tahunan.selesai,
        status=Skp.Status.DITETAPKAN,
        penilai=penilai,
    )
    return Penilaian.objects.create(
        periode_penilaian=jendela.tahunan,
        skp=skp,
        pegawai=p,
        unit=unit,
        penilai=penilai,
        rating_hasil_kerja=pasangan[0],
        rating_perilaku=pasangan[1],
        predikat=predikat,
        status=Penilaian.Status.DINILAI,
    )


@pytest.fixture
def data(org, jendela):
    """The kasi: 5 Sangat Baik (di atas / di atas) and 1 Baik (sesuai / sesuai) — above the
    dinas' curve (Istimewa: Sangat Baik at most 70%) and all identical: both flags.  The
    kabid: 5 Baik (di atas / sesuai): no flag.  A draft is not counted."""
    for _i in range(5):
        _dinilai(org, jendela, org.kasi, org.seksi, (A, A), "sangat_baik")
    _dinilai(org, jendela, org.kasi, org.seksi, (S, S), "baik")
    for _i in range(5):
        _dinilai(org, jendela, org.kabid, org.bidang, (A, S), "baik")
    draft = _dinilai(org, jendela, org.kabid, org.bidang, (B, B), "sangat_kurang")
    Penilaian.objects.filter(pk=draft.pk).update(status=Penilaian.Status.DRAFT)
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.dinas, tahun=TAHUN, predikat="istimewa"
    )


def _get(client, user, **data):
    client.force_login(user)
    return client.get(reverse("kalibrasi"), {"tahun": TAHUN, **data})


def test_admin_melihat_semua_penilai_dengan_tanda_dan_aturannya(client, org, data):
    r = _get(client, org.admin)
    assert r.status_code == 200
    baris = {b.penilai: b for b in r.context["page_obj"]}
    assert set(baris) == {org.kasi, org.kabid}
    kasi, kabid = baris[org.kasi], baris[org.kabid]
    assert kasi.sebaran.n == 6 and kasi.sebaran.jumlah[Predikat.SANGAT_BAIK] == 5
    assert kasi.sebaran.persen[Predikat.SANGAT_BAIK] == 83.3
    assert kasi.kurva_unit == org.dinas.nama and kasi.batas_sangat_baik == 70
    assert kasi.sebaran.halo == 100.0
    assert kasi.tanda == (kal.LONGGAR, kal.HALO)
    assert kabid.sebaran.n == 5 and kabid.sebaran.halo == 0.0 and kabid.tanda == ()
    # Against the instansi: 11 finished ratings, the draft left out.
    k = r.context["k"]
    assert k.instansi.n == 11 and k.instansi.persen[Predikat.SANGAT_BAIK] == 45.5
    html = r.content.decode()
    for aturan in kal.aturan_tertulis():
        assert aturan in html
    assert "Sangat Baik di atas batas" in html and "83,3%" in html  # Indonesian decimals


def test_hanya_informasi_tanpa_formulir_dan_tanpa_mengubah_penilaian(client, org, data):
    sebelum = list(Penilaian.objects.order_by("pk").values_list("pk", "predikat", "status"))
    html = _get(client, org.admin).content.decode()
    # The page itself (inside <main>) has no form that posts; its only form is the filter.
    utama = html[html.index("<main") : html.index("</main>")].lower()
    assert 'method="post"' not in utama and utama.count("<form") == 1
    assert list(Penilaian.objects.order_by("pk").values_list("pk", "predikat", "status")) == (
        sebelum
    )


def test_atasan_melihat_penilai_di_bawahnya_saja(client, org, data):
    # The kabid is the kasi's atasan: he sees the kasi, not himself.
    assert [b.penilai for b in _get(client, org.kabid).context["page_obj"]] == [org.kasi]
    # The kadis is the kabid's atasan: the kabid only (the kasi is not directly below him).
    assert [b.penilai for b in _get(client, org.kadis).context["page_obj"]] == [org.kabid]


@pytest.mark.parametrize("siapa", ["staf", "operator", "orang_lain"])
def test_selain_admin_dan_atasan_ditolak(client, org, data, siapa):
    assert _get(client, getattr(org, siapa)).status_code == 403


def test_jendela_lain_kosong_dan_pilihan_tak_dikenal_kembali_ke_tahunan(client, org, data):
    r = _get(client, org.admin, jendela="triwulan-1")
    assert r.status_code == 200 and not list(r.context["page_obj"])
    assert "Belum ada penilaian yang selesai" in r.content.decode()
    r = _get(client, org.admin, jendela="ngawur-9")
    assert r.context["kunci"] == "tahunan-1" and len(r.context["page_obj"]) == 2


def test_halaman_kurva_menautkan_kalibrasi(client, org, data):
    client.force_login(org.admin)
    r = client.get(reverse("kurva_daftar"), {"tahun": TAHUN})
    assert reverse("kalibrasi") in r.content.decode()
    r = client.get(reverse("kurva_unit", args=[org.dinas.pk]), {"tahun": TAHUN})
    assert reverse("kalibrasi") in r.content.decode()
    client.force_login(org.operator)  # he may not open the calibration: no link
    r = client.get(reverse("kurva_daftar"), {"tahun": TAHUN})
    assert reverse("kalibrasi") not in r.content.decode()


def _kueri(client, user) -> int:
    client.force_login(user)
    client.get(reverse("kalibrasi"), {"tahun": TAHUN})
    with CaptureQueriesContext(connection) as q:
        assert client.get(reverse("kalibrasi"), {"tahun": TAHUN}).status_code == 200
    return len(q.captured_queries)


def test_jumlah_kueri_tetap_dan_paling_banyak_sepuluh(client, org, data, jendela):
    sedikit = _kueri(client, org.admin)
    # Thirty more penilai, each with three ratings.
    for i in range(30):
        penilai = PegawaiFactory(instansi=org.instansi, unit_kerja=org.bidang, nama=f"P{i:02d}")
        for _j in range(3):
            _dinilai(org, jendela, penilai, org.bidang, (S, S), "baik")
    banyak = _kueri(client, org.admin)
    assert sedikit == banyak <= 10
    r = _get(client, org.admin)
    assert r.context["page_obj"].paginator.count == 32 and len(r.context["page_obj"]) == 25
    assert len(r.content) < 30 * 1024
