"""Issue 17 point 3 — development follow-up: the penilai records the development
recommendation of a rating as structured rows (kind + free text), frozen with the rating;
the final ones are collected for BKPSDM per unit and window (page + XLSX/CSV export), printed
on the evaluation document and shown on the pegawai's profile."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.models import Riwayat
from penilaian import rules_tindak_lanjut as rules
from penilaian.models import PredikatKinerjaOrganisasi, RekomendasiPengembangan
from penilaian.services import dokumen
from penilaian.services import nilai as services

MARET = dt.date(2026, 3, 15)


@pytest.fixture
def maret(monkeypatch, org):
    monkeypatch.setattr("skp.services.penyusunan.hari_ini", lambda: MARET)
    # The kasi leads the seksi: his hasil kerja follows the seksi's first-quarter predikat.
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi,
        unit=org.seksi,
        tahun=2026,
        jenis="triwulan",
        urutan=1,
        predikat="baik",
    )


def nilai(penilai, pp, skp, pengembangan, final=True):
    p = services.mulai_penilaian(penilai, pp, skp)
    services.simpan_penilaian(
        penilai,
        p,
        {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai", "pengembangan": pengembangan},
    )
    return services.tetapkan_penilaian(penilai, p) if final else p


# --- the rule ---------------------------------------------------------------------------------
def test_aturan_rekomendasi():
    bersih, galat = rules.bersihkan_rekomendasi(
        [("pelatihan_teknis", " Kearsipan digital "), ("", ""), ("coaching", "")]
    )
    assert galat == [] and bersih == [("pelatihan_teknis", "Kearsipan digital"), ("coaching", "")]
    assert rules.bersihkan_rekomendasi([("", "Tanpa jenis")])[1]
    assert rules.bersihkan_rekomendasi([("lainnya", "")])[1]
    assert rules.bersihkan_rekomendasi([("asing", "x")])[1]
    assert rules.bersihkan_rekomendasi([("coaching", "x" * (rules.MAKS_URAIAN_REKOMENDASI + 1))])[1]
    assert rules.bersihkan_rekomendasi([("coaching", "")] * (rules.MAKS_REKOMENDASI + 1))[1]


# --- the penilai records it -------------------------------------------------------------------
def test_penilai_mencatat_lewat_halaman_dan_beku_setelah_final(
    client, org, jendela, skp_semua, maret
):
    pp, skp = jendela.tw[0], skp_semua["staf"]
    client.force_login(org.kasi)
    url = reverse("nilai_isi", args=[pp.pk, skp.pk])
    data = {
        "rating_hasil_kerja": "sesuai",
        "rating_perilaku": "sesuai",
        "rekomendasi_pengembangan": "Perlu meningkatkan kemampuan digital.",
        "pengembangan_jenis_1": "pelatihan_teknis",
        "pengembangan_uraian_1": "Kearsipan digital",
        "pengembangan_jenis_2": "mentoring",
        "pengembangan_uraian_2": "",
    }
    assert client.post(url, data).status_code == 302
    rows = list(RekomendasiPengembangan.objects.values_list("urutan", "jenis", "uraian"))
    assert rows == [(1, "pelatihan_teknis", "Kearsipan digital"), (2, "mentoring", "")]
    # Saved again with one row: replaced, not added.
    data.pop("pengembangan_jenis_2")
    assert client.post(url, data).status_code == 302
    assert RekomendasiPengembangan.objects.count() == 1
    r = Riwayat.objects.filter(aksi="penilaian.disimpan").latest("id")
    assert r.data["pengembangan"] == ["pelatihan_teknis"]
    # A bad row is refused next to the fieldset, nothing changes.
    salah = client.post(
        url, {**data, "pengembangan_jenis_1": "lainnya", "pengembangan_uraian_1": ""}
    )
    assert salah.status_code == 200 and "perlu uraian" in salah.content.decode()
    assert RekomendasiPengembangan.objects.get().jenis == "pelatihan_teknis"
    # Final: frozen with the rating.
    p = services.tetapkan_penilaian(org.kasi, services.mulai_penilaian(org.kasi, pp, skp))
    assert p.is_final
    with pytest.raises(ValidationError):
        services.simpan_penilaian(org.kasi, p, {"pengembangan": [("coaching", "")]})
    assert list(RekomendasiPengembangan.objects.values_list("jenis", flat=True)) == [
        "pelatihan_teknis"
    ]
    detail = client.get(reverse("penilaian_detail", args=[p.pk])).content.decode()
    assert "Pelatihan teknis" in detail and "Kearsipan digital" in detail


def test_dicetak_pada_dokumen_evaluasi(org, jendela, skp_semua, maret):
    p = nilai(org.kasi, jendela.tw[0], skp_semua["staf"], [("pelatihan_teknis", "Kearsipan")])
    html = render_to_string(dokumen.TEMPLATE, dokumen.konteks(p, kode="X", penanda_tangan="Y"))
    assert "Pelatihan teknis: Kearsipan" in html


# --- collected for BKPSDM ---------------------------------------------------------------------
@pytest.fixture
def final_tw1(org, jendela, skp_semua, maret):
    pp = jendela.tw[0]
    return {
        "staf": nilai(org.kasi, pp, skp_semua["staf"], [("pelatihan_teknis", "Kearsipan")]),
        "kasi": nilai(
            org.kabid,
            pp,
            skp_semua["kasi"],
            [("coaching", "Kepemimpinan"), ("pelatihan_teknis", "")],
        ),
        "jf": nilai(org.kabid, pp, skp_semua["jf"], [("pelatihan_fungsional", "Epidemiolog")]),
        # A rating still a draft is not collected.
        "draf": nilai(org.kadis, pp, skp_semua["kabid"], [("mentoring", "Draf")], final=False),
    }


def test_rekap_per_unit_dan_jendela(client, org, jendela, final_tw1):
    client.force_login(org.operator)
    url = reverse("pengembangan_rekap")
    semua = client.get(url, {"unit": org.dinas.pk, "jendela": jendela.tw[0].pk}).content.decode()
    for teks in ("Kearsipan", "Kepemimpinan", "Epidemiolog", org.staf.nip, org.jf.nip):
        assert teks in semua
    assert "Draf" not in semua.split("<main", 1)[1]
    seksi = client.get(url, {"unit": org.seksi.pk, "jendela": jendela.tw[0].pk}).content.decode()
    assert "Kearsipan" in seksi and "Epidemiolog" not in seksi  # the jf works in the bidang
    # Another window: nothing yet.
    kosong = client.get(url, {"unit": org.dinas.pk, "jendela": jendela.tw[1].pk}).content.decode()
    assert "Belum ada rekomendasi pengembangan" in kosong


def test_rekap_ringkasan_per_jenis(client, org, jendela, final_tw1):
    from penilaian.selectors import pengembangan as sel

    assert sel.per_jenis(sel.rekap(org.dinas, jendela.tw[0])) == [
        ("Pelatihan teknis", 2),
        ("Pelatihan fungsional", 1),
        ("Coaching", 1),
    ]


def test_unit_atau_jendela_asing_404(client, org, jendela, final_tw1):
    client.force_login(org.operator)
    url = reverse("pengembangan_rekap")
    assert client.get(url, {"unit": org.unit_lain.pk}).status_code == 404  # not his unit
    assert client.get(url, {"unit": "x"}).status_code == 404
    assert client.get(url, {"jendela": 999999}).status_code == 404
    client.force_login(org.staf)
    assert client.get(url).status_code == 403


def test_ekspor_csv_dan_xlsx(client, org, jendela, final_tw1):
    client.force_login(org.admin)
    q = {"unit": org.seksi.pk, "jendela": jendela.tw[0].pk}
    r = client.get(reverse("pengembangan_ekspor", args=["csv"]), q)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    baris = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert baris[0][:2] == ["NIP", "Nama"] and "Jenis pengembangan" in baris[0]
    isi = {(b[0], b[6], b[7]) for b in baris[1:]}
    assert (org.staf.nip, "Pelatihan teknis", "Kearsipan") in isi
    assert (org.kasi.nip, "Coaching", "Kepemimpinan") in isi
    assert all(b[0] != org.jf.nip for b in baris[1:])
    x = client.get(reverse("pengembangan_ekspor", args=["xlsx"]), q)
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert client.get(reverse("pengembangan_ekspor", args=["pdf"]), q).status_code == 404


def test_tampil_di_profil_pegawai(client, org, jendela, final_tw1):
    client.force_login(org.staf)
    halaman = client.get(reverse("profil")).content.decode()
    assert "Rekomendasi pengembangan" in halaman and "Kearsipan" in halaman
    client.force_login(org.kabid)  # his rating is a draft: nothing shown
    assert "Draf" not in client.get(reverse("profil")).content.decode().split("<main", 1)[1]


# --- query counts -----------------------------------------------------------------------------
def hitung(client, url, data=None):
    client.get(url, data)
    with CaptureQueriesContext(connection) as q:
        assert client.get(url, data).status_code == 200
    return len(q)


def test_kueri_tetap(client, org, jendela, skp_semua, maret):
    pp = jendela.tw[0]
    nilai(org.kasi, pp, skp_semua["staf"], [("pelatihan_teknis", "A")])
    client.force_login(org.operator)
    q = {"unit": org.dinas.pk, "jendela": pp.pk}
    sedikit = hitung(client, reverse("pengembangan_rekap"), q)
    client.force_login(org.staf)
    profil_sedikit = hitung(client, reverse("profil"))
    nilai(org.kabid, pp, skp_semua["kasi"], [("coaching", "B"), ("mentoring", "C")])
    nilai(org.kabid, pp, skp_semua["jf"], [("pelatihan_fungsional", "D")])
    client.force_login(org.operator)
    assert hitung(client, reverse("pengembangan_rekap"), q) == sedikit <= 10
    client.force_login(org.staf)
    assert hitung(client, reverse("profil")) == profil_sedikit
