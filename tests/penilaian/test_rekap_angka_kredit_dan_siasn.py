"""Angka kredit recap for JF pegawai and the SIASN export of final predikat."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl

from penilaian.models import KoefisienAngkaKredit, Penilaian


def _nilai(jendela_, skp, predikat, status=Penilaian.Status.FINAL):
    return Penilaian.objects.create(
        periode_penilaian=jendela_,
        skp=skp,
        pegawai=skp.pegawai,
        unit=skp.unit,
        rating_hasil_kerja="di_atas",
        rating_perilaku="sesuai",
        predikat=predikat,
        status=status,
        difinalkan_pada=dt.datetime(2027, 1, 20, 3, tzinfo=dt.UTC)
        if status == Penilaian.Status.FINAL
        else None,
    )


def test_rekap_angka_kredit_dengan_langkah(client, org, jendela, skp_semua):
    KoefisienAngkaKredit.objects.create(jabatan=org.jab_jf, jenjang="ahli_muda", koefisien=25)
    _nilai(jendela.tahunan, skp_semua["jf"], "sangat_baik")
    client.force_login(org.operator)
    r = client.get("/penilaian/tpp/angka-kredit/", {"tahun": 2026})
    (baris,) = r.context["halaman"].object_list
    assert baris.pegawai == org.jf
    # 25 × 150% × 12/12 = 37.5
    assert baris.rincian.nilai == Decimal("37.500")
    assert "Persentase predikat" in r.content.decode()

    r = client.get("/penilaian/tpp/angka-kredit/rekap.xlsx", {"tahun": 2026})
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    data = dict(zip(rows[0], rows[1], strict=True))
    assert data["NIP"] == org.jf.nip and Decimal(str(data["Angka kredit"])) == Decimal("37.5")


def test_rekap_angka_kredit_tanpa_koefisien_atau_belum_dinilai(client, org, jendela, skp_semua):
    client.force_login(org.admin)
    r = client.get("/penilaian/tpp/angka-kredit/", {"tahun": 2026})
    (baris,) = r.context["halaman"].object_list
    assert baris.rincian is None and "koefisien belum diatur" in r.content.decode()
    KoefisienAngkaKredit.objects.create(jabatan=org.jab_jf, jenjang="ahli_muda", koefisien=25)
    _nilai(jendela.tahunan, skp_semua["jf"], "baik", status=Penilaian.Status.DINILAI)
    r = client.get("/penilaian/tpp/angka-kredit/", {"tahun": 2026})
    (baris,) = r.context["halaman"].object_list
    assert not baris.rincian.dinilai and baris.rincian.nilai == 0


def test_ekspor_siasn_hanya_final(client, org, jendela, skp_semua):
    _nilai(jendela.tahunan, skp_semua["staf"], "baik")
    _nilai(jendela.tahunan, skp_semua["kasi"], "sangat_baik", status=Penilaian.Status.DINILAI)
    _nilai(jendela.tw[0], skp_semua["jf"], "kurang")
    client.force_login(org.admin)
    r = client.get("/penilaian/tpp/siasn/", {"tahun": 2026})
    assert (r.context["final"], r.context["belum_final"]) == (1, 1)

    r = client.get("/penilaian/tpp/siasn/predikat.csv", {"tahun": 2026})
    teks = r.content.decode("utf-8-sig")
    pemisah = ";" if teks.splitlines()[0].count(";") > 1 else ","
    (baris,) = list(csv.DictReader(io.StringIO(teks), delimiter=pemisah))
    assert baris["NIP"] == org.staf.nip
    assert baris["Kode predikat"] == "baik" and baris["Predikat"] == "Baik"
    assert baris["Periode mulai"].startswith("2026-01-01")
    assert baris["Tanggal final"].startswith("2027-01-20")

    r = client.get("/penilaian/tpp/siasn/predikat.xlsx", {"tahun": 2026, "periodik": "1"})
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == sorted([org.staf.nip, org.jf.nip])
    assert rows[0][-2:] == ("Kode predikat", "Tanggal final")


def test_siasn_tidak_melihat_instansi_lain(client, org, jendela, skp_semua):
    from tests.factories import PegawaiFactory

    _nilai(jendela.tahunan, skp_semua["staf"], "baik")
    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    client.force_login(admin_lain)
    r = client.get("/penilaian/tpp/siasn/predikat.csv", {"tahun": 2026})
    assert org.staf.nip not in r.content.decode("utf-8-sig")


def _tambah_jf(org, n):
    from pegawai.models import Jabatan
    from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory

    jab = JabatanFactory(unit=org.bidang, nama="Pranata Komputer", jenis=Jabatan.Jenis.FUNGSIONAL)
    KoefisienAngkaKredit.objects.create(jabatan=jab, jenjang="terampil", koefisien=5)
    for i in range(n):
        PenugasanFactory(pegawai=PegawaiFactory(nama=f"JF {i}", instansi=org.instansi), jabatan=jab)


def test_jumlah_kueri_rekap_angka_kredit_tetap(client, org, jendela, skp_semua):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.admin)

    def hitung():
        # New assignments change the organisation: the first visit after them fills the
        # per-organisation caches again; the budget is that of the visit after it.
        client.get("/penilaian/tpp/angka-kredit/", {"tahun": 2026})
        with CaptureQueriesContext(connection) as ctx:
            r = client.get("/penilaian/tpp/angka-kredit/", {"tahun": 2026})
        return len(ctx), len(r.context["halaman"].object_list)

    _tambah_jf(org, 2)
    sedikit = hitung()
    _tambah_jf(org, 17)
    banyak = hitung()
    assert (sedikit[1], banyak[1]) == (3, 20)
    assert sedikit[0] == banyak[0]
