"""Monthly realisation: prefilled from the month's activities, saved, submitted all at once
by the deadline (day D of the next month, configurable)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection  # noqa: F401 — read by a skipif condition
from django.urls import reverse

from aktivitas.models import Aktivitas, PengaturanKinerja, RealisasiBulanan
from aktivitas.services import harian as akt
from aktivitas.services import realisasi as real
from pegawai.models import Penugasan, Riwayat
from skp.models import IndikatorKinerja, Skp
from tests.aktivitas.conftest import HARI, data, kunci
from tests.factories import PegawaiFactory, PenugasanFactory

R = RealisasiBulanan.Status
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
URL = "/aktivitas/realisasi/"


def jam(tahun, bulan, hari, j=10, m=0):
    return dt.datetime(tahun, bulan, hari, j, m, tzinfo=WIB)


@pytest.fixture
def jam_tetap(monkeypatch):
    """Move the module's clock: ``jam_tetap(dt)``."""

    def atur(waktu):
        monkeypatch.setattr(real, "sekarang", lambda: waktu)

    atur(jam(2026, 4, 2))
    return atur


def catat(
    org, rhk, tanggal=HARI, mulai=8, uraian="Mengarsip laporan", jumlah="2", satuan="laporan"
):
    d = data(rhk=rhk, tanggal=tanggal, mulai=(mulai, 0), selesai=(mulai + 1, 0), uraian=uraian)
    d.jumlah_output, d.satuan_output = Decimal(jumlah), satuan
    return akt.catat_aktivitas(org.staf, org.staf, d, kunci())[0]


@pytest.fixture
def maret(org, rhk_staf):
    """Three activities in March on the staf's RHK, one returned, one in April."""
    a = [
        catat(org, rhk_staf, HARI, 8, "Mengarsip laporan surveilans"),
        catat(org, rhk_staf, HARI, 9, "Memindai laporan", jumlah="3", satuan="Laporan "),
        catat(
            org, rhk_staf, HARI + dt.timedelta(days=1), 8, "Menyusun daftar arsip", "1", "dokumen"
        ),
        catat(org, rhk_staf, HARI + dt.timedelta(days=2), 8, "Dikembalikan", "9", "laporan"),
        catat(org, rhk_staf, dt.date(2026, 4, 1), 8, "Bulan April", "9", "laporan"),
    ]
    akt.kembalikan_aktivitas(org.kasi, [a[3].pk], "Salah tanggal")
    return a


@pytest.fixture
def kuantitatif(skp_staf, rhk_staf):
    Skp.objects.filter(pk=skp_staf.pk).update(pendekatan=Skp.Pendekatan.KUANTITATIF)
    return IndikatorKinerja.objects.create(
        rhk=rhk_staf,
        teks="Jumlah laporan terarsip",
        aspek="kuantitas",
        target_min=Decimal(60),
        satuan="Laporan",
        urutan=2,
    )


# --- prefill ------------------------------------------------------------------------------
def test_siapkan_terisi_dari_aktivitas_bulan_itu(org, maret, jam_tetap):
    baris = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    assert len(baris) == 1
    r = baris[0]
    assert (r.status, r.tahun, r.bulan, r.skp.pegawai) == (R.DRAFT, 2026, 3, org.staf)
    assert r.realisasi == (
        "3 aktivitas; output: 1 dokumen, 5 laporan. Antara lain: Mengarsip laporan surveilans; "
        "Memindai laporan; Menyusun daftar arsip."
    )
    assert r.nilai is None  # kualitatif SKP: no number
    assert Riwayat.objects.get(aksi="realisasi.disiapkan").sebagai == "sendiri"


def test_kuantitatif_nilai_jumlah_output_satuan_indikator(org, maret, kuantitatif, jam_tetap):
    baris = {r.indikator: r for r in real.siapkan_realisasi(org.staf, org.staf, 2026, 3)}
    assert baris[kuantitatif].nilai == Decimal(5)  # "laporan" and "Laporan " count, "dokumen" not
    lain = next(r for i, r in baris.items() if i != kuantitatif)
    assert lain.nilai is None  # its indicator has no unit


def test_bulan_tanpa_aktivitas_kosong(org, rhk_staf, jam_tetap):
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    assert r.realisasi == "" and r.nilai is None


def test_siapkan_idempoten_dan_mengikuti_aktivitas_baru(org, maret, rhk_staf, jam_tetap):
    pertama = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    catat(org, rhk_staf, dt.date(2026, 3, 20), 8, "Aktivitas susulan")
    kedua = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    assert [r.pk for r in kedua] == [r.pk for r in pertama]
    assert kedua[0].realisasi.startswith("4 aktivitas")
    assert RealisasiBulanan.objects.count() == 1
    assert Riwayat.objects.filter(aksi="realisasi.disiapkan").count() == 1


def test_teks_yang_sudah_disimpan_tidak_ditimpa(org, maret, rhk_staf, jam_tetap):
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    real.simpan_realisasi(org.staf, r, "Arsip Maret tertata.", None, "")
    catat(org, rhk_staf, dt.date(2026, 3, 20), 8, "Aktivitas susulan")
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    assert r.realisasi == "Arsip Maret tertata."


def test_tanpa_skp_tidak_ada_baris(org, jam_tetap):
    assert real.siapkan_realisasi(org.staf, org.staf, 2026, 3) == []


def test_bulan_yang_belum_berjalan_ditolak(org, rhk_staf, jam_tetap):
    with pytest.raises(ValidationError, match="belum berjalan"):
        real.siapkan_realisasi(org.staf, org.staf, 2026, 5)


# --- save ---------------------------------------------------------------------------------
def test_simpan_hanya_draf_atau_dikembalikan(org, maret, jam_tetap):
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    r = real.simpan_realisasi(org.staf, r, "  Arsip tertata  ", None, "Rak penuh")
    assert (r.realisasi, r.catatan, r.diisi_oleh) == ("Arsip tertata", "Rak penuh", org.staf)
    assert Riwayat.objects.filter(aksi="realisasi.disimpan").count() == 1
    real.simpan_realisasi(org.staf, r, "Arsip tertata", None, "Rak penuh")  # unchanged
    assert Riwayat.objects.filter(aksi="realisasi.disimpan").count() == 1
    real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        real.simpan_realisasi(org.staf, r, "Ubah", None, "")
    real.kembalikan_realisasi(org.kasi, [r.pk], "Sebutkan jumlah rak")
    r = real.simpan_realisasi(org.staf, r, "Arsip tertata di 3 rak", None, "")
    assert r.status == R.DIKEMBALIKAN


def test_nilai_negatif_ditolak(org, maret, jam_tetap):
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    with pytest.raises(ValidationError):
        real.simpan_realisasi(org.staf, r, "x", Decimal(-1), "")


@pytest.mark.parametrize("peran", ["kasi", "kabid", "admin", "orang_lain"])
def test_hanya_pemilik_atau_operator_yang_mengisi(org, maret, jam_tetap, peran):
    with pytest.raises(PermissionDenied):
        real.siapkan_realisasi(getattr(org, peran), org.staf, 2026, 3)
    r = real.siapkan_realisasi(org.operator, org.staf, 2026, 3)[0]
    with pytest.raises(PermissionDenied):
        real.simpan_realisasi(getattr(org, peran), r, "x", None, "")
    with pytest.raises(PermissionDenied):
        real.ajukan_realisasi(getattr(org, peran), org.staf, 2026, 3)


def test_operator_mengisi_atas_nama_pegawai(org, maret, jam_tetap):
    r = real.siapkan_realisasi(org.operator, org.staf, 2026, 3)[0]
    real.simpan_realisasi(org.operator, r, "Diisi operator", None, "")
    real.ajukan_realisasi(org.operator, org.staf, 2026, 3)
    assert set(
        Riwayat.objects.filter(aksi__startswith="realisasi.").values_list("sebagai", flat=True)
    ) == {"operator"}


# --- submit -------------------------------------------------------------------------------
def test_ajukan_semua_baris_sekaligus_ke_penilai_akhir_bulan(org, maret, kuantitatif, jam_tetap):
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    daftar = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    assert len(daftar) == 2
    for r in RealisasiBulanan.objects.all():
        assert (r.status, r.penilai, r.terlambat) == (R.DIAJUKAN, org.kasi, False)
        assert r.diajukan_pada == jam(2026, 4, 2)
    assert Riwayat.objects.filter(aksi="realisasi.diajukan").count() == 2
    with pytest.raises(ValidationError, match="Tidak ada realisasi"):
        real.ajukan_realisasi(org.staf, org.staf, 2026, 3)


def test_ajukan_ditolak_bila_ada_yang_kosong(org, rhk_staf, jam_tetap):
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    with pytest.raises(ValidationError, match="Laporan terarsip"):
        real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    assert not RealisasiBulanan.objects.filter(status=R.DIAJUKAN).exists()


@pytest.mark.parametrize(
    ("waktu", "terlambat"),
    [
        (jam(2026, 4, 5, 23, 59), False),  # day 5: on time (inclusive)
        (jam(2026, 4, 6, 0, 1), True),  # day 6: late
    ],
)
def test_batas_tanggal_5_bulan_berikutnya(org, maret, jam_tetap, waktu, terlambat):
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    jam_tetap(waktu)
    r = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0]
    assert r.terlambat is terlambat


@pytest.mark.parametrize(("hari", "terlambat"), [(10, False), (11, True)])
def test_batas_dapat_diatur_per_instansi(org, maret, jam_tetap, hari, terlambat):
    PengaturanKinerja.objects.update_or_create(
        instansi=org.instansi, defaults={"batas_tanggal_realisasi": 10}
    )
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    jam_tetap(jam(2026, 4, hari))
    assert real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0].terlambat is terlambat


def test_batas_dijepit_ke_akhir_bulan_pendek(org):
    PengaturanKinerja.objects.update_or_create(
        instansi=org.instansi, defaults={"batas_tanggal_realisasi": 31}
    )
    assert real.batas_realisasi(org.instansi.pk, 2026, 1) == dt.date(2026, 2, 28)
    assert real.batas_realisasi(org.instansi.pk, 2026, 12) == dt.date(2027, 1, 31)
    assert real.batas_realisasi(None, 2026, 3) == dt.date(2026, 4, 5)


def test_diajukan_ulang_setelah_dikembalikan_tetap_tepat_waktu(org, maret, jam_tetap):
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    r = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0]
    real.kembalikan_realisasi(org.kasi, [r.pk], "Perbaiki")
    jam_tetap(jam(2026, 4, 20))
    r = real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0]
    assert r.status == R.DIAJUKAN and r.terlambat is False
    assert r.diajukan_pada == jam(2026, 4, 20)


def test_penilai_adalah_plh_pada_hari_terakhir_bulan(org, maret, jam_tetap):
    plh = PegawaiFactory(nama="Plh", instansi=org.instansi)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_jf, jenis=Penugasan.Jenis.DEFINITIF)
    akhir = dt.date(2026, 3, 31)
    PenugasanFactory(
        pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=akhir, selesai=akhir
    )
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    assert real.ajukan_realisasi(org.staf, org.staf, 2026, 3)[0].penilai == plh


# --- the page -----------------------------------------------------------------------------
def test_url():
    assert reverse("realisasi_bulanan") == URL
    assert reverse("realisasi_ajukan") == URL + "ajukan/"


def test_halaman_terisi_dan_batas_ditampilkan(client, org, maret, jam_tetap):
    client.force_login(org.staf)
    r = client.get(URL, {"bulan": "2026-03"})
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Batas pengajuan: 5 April 2026" in isi
    assert "3 aktivitas; output: 1 dokumen, 5 laporan." in isi
    baris = RealisasiBulanan.objects.get()
    assert f'name="r{baris.pk}-realisasi"' in isi
    assert 'form="form-realisasi"' in isi
    assert reverse("umpan_balik", args=[baris.indikator.rhk_id]) + "?bulan=2026-03" in isi


def test_bulan_bawaan_bulan_lalu_selama_belum_lewat_batas(org):
    from aktivitas.views.realisasi import bulan_bawaan

    assert bulan_bawaan(org.staf, dt.date(2026, 4, 5)) == (2026, 3)
    assert bulan_bawaan(org.staf, dt.date(2026, 4, 6)) == (2026, 4)
    assert bulan_bawaan(org.staf, dt.date(2026, 1, 3)) == (2025, 12)


def test_bulan_tidak_valid_galat_di_samping_kolom(client, org, rhk_staf):
    client.force_login(org.staf)
    r = client.get(URL, {"bulan": "2026-13"})
    assert r.status_code == 200
    assert "Tulis bulan sebagai TTTT-BB" in r.content.decode()


def test_simpan_lewat_halaman(client, org, maret, jam_tetap):
    client.force_login(org.staf)
    client.get(URL, {"bulan": "2026-03"})
    baris = RealisasiBulanan.objects.get()
    r = client.post(
        f"{URL}?bulan=2026-03",
        {f"r{baris.pk}-realisasi": "Arsip Maret tertata", f"r{baris.pk}-catatan": ""},
    )
    assert r.status_code == 302 and r["Location"] == f"{URL}?bulan=2026-03"
    baris.refresh_from_db()
    assert baris.realisasi == "Arsip Maret tertata" and baris.status == R.DRAFT


def test_simpan_galat_isian_tidak_hilang(client, org, maret, kuantitatif, jam_tetap):
    client.force_login(org.staf)
    client.get(URL, {"bulan": "2026-03"})
    b = RealisasiBulanan.objects.get(indikator=kuantitatif)
    r = client.post(
        f"{URL}?bulan=2026-03", {f"r{b.pk}-realisasi": "Teks saya", f"r{b.pk}-nilai": "abc"}
    )
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Tulis angka, mis. 12 atau 12,5." in isi and "Teks saya" in isi
    b.refresh_from_db()
    assert b.realisasi != "Teks saya"


def test_simpan_dan_ajukan_lewat_halaman(client, org, maret, jam_tetap):
    jam_tetap(jam(2026, 4, 7))
    client.force_login(org.staf)
    client.get(URL, {"bulan": "2026-03"})
    b = RealisasiBulanan.objects.get()
    r = client.post(
        f"{URL}ajukan/?bulan=2026-03", {f"r{b.pk}-realisasi": "Final", f"r{b.pk}-catatan": ""}
    )
    assert r.status_code == 302
    b.refresh_from_db()
    assert (b.realisasi, b.status, b.terlambat) == ("Final", R.DIAJUKAN, True)
    pesan = [str(m) for m in client.get(r["Location"]).context["messages"]]
    assert any("Menunggu persetujuan Kasi" in p for p in pesan)
    assert "Realisasi ini diajukan melewati batas waktu." in pesan
    isi = client.get(r["Location"]).content.decode()
    assert 'badge-warn">Terlambat<' in isi and f'name="r{b.pk}-realisasi"' not in isi


def test_ajukan_tanpa_baris_pesan_galat(client, org, jam_tetap):
    client.force_login(org.staf)
    r = client.post(f"{URL}ajukan/", {"bulan": "2026-03"})
    assert r.status_code == 302
    pesan = [str(m) for m in client.get(r["Location"]).context["messages"]]
    assert any("Tidak ada realisasi" in p for p in pesan)


def test_operator_membuka_halaman_pegawai(client, org, maret, jam_tetap):
    client.force_login(org.operator)
    r = client.get(URL, {"bulan": "2026-03", "pegawai": org.staf.pk})
    assert r.status_code == 200
    assert "Anda mengisi sebagai operator" in r.content.decode()
    assert RealisasiBulanan.objects.get().realisasi.startswith("3 aktivitas")


def test_atasan_hanya_membaca(client, org, maret, jam_tetap):
    real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    client.force_login(org.kasi)
    r = client.get(URL, {"bulan": "2026-03", "pegawai": org.staf.pk})
    assert r.status_code == 200
    isi = r.content.decode()
    assert "form-realisasi" not in isi and "3 aktivitas; output" in isi
    assert client.post(f"{URL}?bulan=2026-03&pegawai={org.staf.pk}", {}).status_code == 403
    assert (
        client.post(f"{URL}ajukan/", {"bulan": "2026-03", "pegawai": org.staf.pk}).status_code
        == 403
    )


@pytest.mark.parametrize("peran", ["orang_lain", "kabid"])
def test_yang_tidak_melihat_pegawai_404(client, org, maret, peran):
    client.force_login(getattr(org, peran))
    assert client.get(URL, {"bulan": "2026-03", "pegawai": org.staf.pk}).status_code == 404
    assert (
        client.post(f"{URL}ajukan/", {"bulan": "2026-03", "pegawai": org.staf.pk}).status_code
        == 404
    )


def test_tanpa_skp_keadaan_kosong(client, org):
    client.force_login(org.staf)
    r = client.get(URL, {"bulan": "2026-03"})
    assert r.status_code == 200
    assert "Belum ada realisasi pada bulan ini" in r.content.decode()


def test_aktivitas_dikembalikan_tidak_dihitung(org, maret, jam_tetap):
    assert Aktivitas.objects.filter(status=Aktivitas.Status.DIKEMBALIKAN).count() == 1
    teks = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0].realisasi
    assert "Dikembalikan" not in teks and "Bulan April" not in teks


def _indikator(rhk, n):
    for i in range(n):
        IndikatorKinerja.objects.create(rhk=rhk, teks=f"Indikator tambahan {i}", aspek="kuantitas")


@pytest.mark.parametrize("n", [0, 6])
def test_siapkan_menulis_semua_baris_dengan_dua_insert(org, maret, rhk_staf, jam_tetap, n):
    """The month-end page's first visit creates every indicator's draft and its history row
    with one INSERT each, however many indicators (it was five statements per indicator)."""
    from django.test.utils import CaptureQueriesContext

    _indikator(rhk_staf, n)
    with CaptureQueriesContext(connection) as q:
        baris = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    assert len(baris) == 1 + n
    insert = [x["sql"] for x in q.captured_queries if x["sql"].startswith("INSERT")]
    assert len(insert) == 2
    riwayat = Riwayat.objects.filter(aksi="realisasi.disiapkan")
    assert sorted(riwayat.values_list("object_id", flat=True)) == sorted(r.pk for r in baris)
    assert {(r.data["indikator"], r.ke_status) for r in riwayat} == {
        (b.indikator_id, R.DRAFT) for b in baris
    }


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="two transactions at once need PostgreSQL; SQLite serialises writes (CI: PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
def test_dua_tab_membuka_bulan_bersamaan_satu_baris_per_indikator(org, rhk_staf, jam_tetap):
    """Two tabs opening the month at the same instant: each indicator's draft is made once
    (the preparations take their turn; the second finds the first's rows), with one history
    row each, and both answers list the same rows."""
    from tests.bersamaan import bersamaan

    _indikator(rhk_staf, 3)

    def buka():
        return [r.pk for r in real.siapkan_realisasi(org.staf, org.staf, 2026, 3)]

    hasil = bersamaan(buka, buka)
    assert hasil[0] is not None and hasil[0] == hasil[1]
    assert RealisasiBulanan.objects.count() == 4
    assert Riwayat.objects.filter(aksi="realisasi.disiapkan").count() == 4


@pytest.mark.parametrize("n", [0, 6])
def test_ajukan_kueri_tetap_kecuali_satu_update_per_baris(org, maret, rhk_staf, jam_tetap, n):
    """Submitting the month: one UPDATE per row (its save tells the start box), the history in
    one INSERT, and no other query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _indikator(rhk_staf, n)
    baris = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)
    RealisasiBulanan.objects.filter(realisasi="").update(realisasi="Tercapai")
    with CaptureQueriesContext(connection) as q:
        real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    sql = [x["sql"] for x in q.captured_queries]
    assert len([s for s in sql if s.startswith("UPDATE")]) == len(baris)
    assert len([s for s in sql if s.startswith("INSERT")]) == 1
    lain = [s for s in sql if not s.startswith(("UPDATE", "INSERT"))]
    assert len(lain) <= 6, [s[:80] for s in lain]  # the rows, the penilai: never per row
    assert Riwayat.objects.filter(aksi="realisasi.diajukan").count() == len(baris)
