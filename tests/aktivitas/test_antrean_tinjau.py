"""The atasan's review queue (aktivitas/tinjau/): what waits for him, grouped and filtered."""

import datetime as dt

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.services import harian as akt
from pegawai.models import Penugasan
from tests.aktivitas.conftest import HARI, data, kunci
from tests.factories import PegawaiFactory, PenugasanFactory

URL = "/aktivitas/tinjau/"


def catat(aktor, pegawai, **kw):
    return akt.catat_aktivitas(aktor, pegawai, data(**kw), kunci())[0]


def test_url():
    assert reverse("aktivitas_tinjau") == URL


@pytest.mark.parametrize(
    ("peran", "kode"),
    [("staf", 403), ("kasi", 200), ("kabid", 200), ("operator", 403), ("admin", 200)],
)
def test_hanya_atasan_atau_admin_untuk_ppk(client, org, peran, kode):
    client.force_login(getattr(org, peran))
    assert client.get(URL).status_code == kode


def test_anonim_diarahkan_masuk(client, db):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_lain_instansi_ditolak(client, org):
    client.force_login(org.orang_lain)
    assert client.get(URL).status_code == 403


def test_per_pegawai_terlama_di_atas(client, org):
    """kabid rates kasi and jf: each one's activities together, oldest first."""
    jf_baru = catat(org.jf, org.jf, tanggal=HARI, uraian="Analisis data kasus")
    kasi_lama = catat(org.kasi, org.kasi, tanggal=HARI - dt.timedelta(days=1), uraian="Rapat")
    kasi_baru = catat(org.kasi, org.kasi, tanggal=HARI, uraian="Supervisi puskesmas")
    jf_lama = catat(org.jf, org.jf, tanggal=HARI - dt.timedelta(days=2), uraian="Kajian")
    catat(org.staf, org.staf, uraian="Milik kasi, bukan kabid")
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.status_code == 200
    baris = list(r.context["page_obj"])
    # Groups by name ("Jf" < "Kasi"), oldest first inside each.
    assert baris == [jf_lama, jf_baru, kasi_lama, kasi_baru]
    isi = r.content.decode()
    assert "Milik kasi, bukan kabid" not in isi
    assert isi.index("Kajian") < isi.index("Analisis data kasus") < isi.index("Rapat")


def test_hanya_yang_menunggu(client, org):
    a = catat(org.staf, org.staf, uraian="Sudah disetujui")
    b = catat(org.staf, org.staf, mulai=(9, 0), selesai=(10, 0), uraian="Sudah dikembalikan")
    c = catat(org.staf, org.staf, mulai=(10, 0), selesai=(11, 0), uraian="Masih menunggu")
    akt.setujui_aktivitas(org.kasi, [a.pk])
    akt.kembalikan_aktivitas(org.kasi, [b.pk], "Lengkapi bukti")
    client.force_login(org.kasi)
    r = client.get(URL)
    assert list(r.context["page_obj"]) == [c]
    assert r.context["jumlah"] == {"aktivitas": 1, "realisasi": 0}


def test_saring_pegawai_dan_rentang_tanggal(client, org):
    catat(org.jf, org.jf, tanggal=HARI - dt.timedelta(days=7), uraian="Minggu lalu")
    jf_ini = catat(org.jf, org.jf, tanggal=HARI, uraian="Minggu ini")
    catat(org.kasi, org.kasi, tanggal=HARI, uraian="Kasi minggu ini")
    client.force_login(org.kabid)
    r = client.get(URL, {"pegawai": org.jf.pk, "dari": HARI - dt.timedelta(days=1), "sampai": HARI})
    assert list(r.context["page_obj"]) == [jf_ini]
    pilihan = list(r.context["form"].fields["pegawai"].queryset)
    assert pilihan == [org.jf, org.kasi]


def test_saringan_tidak_valid_ditampilkan_di_sampingnya(client, org):
    catat(org.jf, org.jf)
    client.force_login(org.kabid)
    r = client.get(URL, {"dari": HARI, "sampai": HARI - dt.timedelta(days=1)})
    assert r.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in r.content.decode()
    assert len(r.context["page_obj"]) == 1  # the list stays, unfiltered


def test_lencana_terlambat_operator_dan_bukti(client, org):
    lama = HARI - dt.timedelta(days=40)
    a = catat(org.operator, org.staf, tanggal=lama, uraian="Diisi operator, terlambat")
    BuktiDukung.objects.create(
        aktivitas=a, tautan="https://contoh.go.id/notulen", diunggah_oleh=org.staf
    )
    assert a.terlambat and a.diisi_operator
    client.force_login(org.kasi)
    isi = client.get(URL).content.decode()
    assert "Terlambat diisi" in isi
    assert "Diisi oleh operator: Operator" in isi
    assert "contoh.go.id/notulen" in isi
    assert reverse("aktivitas_setujui", args=[a.pk]) in isi
    assert reverse("aktivitas_kembalikan", args=[a.pk]) in isi
    assert f'value="{a.pk}" form="form-massal"' in isi


def test_tanpa_rhk_dan_dengan_rhk_bertaut_ke_umpan_balik(client, org, rhk_staf):
    catat(org.staf, org.staf, rhk=rhk_staf, uraian="Untuk RHK")
    catat(org.staf, org.staf, mulai=(9, 0), selesai=(10, 0), uraian="Tugas tambahan")
    client.force_login(org.kasi)
    isi = client.get(URL).content.decode()
    assert f"{reverse('umpan_balik', args=[rhk_staf.pk])}?bulan=2026-03" in isi
    assert "Tugas tambahan (di luar RHK)" in isi


def test_kosong(client, org):
    client.force_login(org.kasi)
    r = client.get(URL)
    assert "Tidak ada aktivitas yang menunggu" in r.content.decode()


def test_halaman_15_baris_di_bawah_30_kb(client, org):
    Aktivitas.objects.bulk_create(
        Aktivitas(
            pegawai=org.staf,
            tanggal=HARI - dt.timedelta(days=i // 8),
            jam_mulai=dt.time(7 + i % 8),
            jam_selesai=dt.time(8 + i % 8),
            uraian=f"Kegiatan {i}",
            jumlah_output=1,
            satuan_output="dokumen",
            penilai=org.kasi,
            dientri_pada=dt.datetime(2026, 3, 12, tzinfo=dt.UTC),
            diisi_oleh=org.staf,
            kunci=kunci(),
        )
        for i in range(45)
    )
    client.force_login(org.kasi)
    r = client.get(URL)
    assert len(r.context["page_obj"]) == 15
    assert r.context["page_obj"].paginator.num_pages == 3
    assert len(client.get(URL, {"page": 3}).context["page_obj"]) == 15
    # The page weight budget (issue 12): the return form is loaded on demand, not per row.
    assert len(r.content) <= 30 * 1024, len(r.content)
    assert r.content.decode().count('name="catatan"') == 0


def test_plh_yang_sudah_berakhir_masih_melihat_hari_yang_ia_jabat(client, org):
    """A Plh for one past day is no atasan today, but only he may approve that day."""
    plh = PegawaiFactory(nama="Plh Kasi", instansi=org.instansi)
    PenugasanFactory(pegawai=plh, jabatan=org.jab_staf, jenis=Penugasan.Jenis.DEFINITIF)
    PenugasanFactory(
        pegawai=plh, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLH, mulai=HARI, selesai=HARI
    )
    a = catat(org.staf, org.staf)
    assert a.penilai == plh
    client.force_login(plh)
    r = client.get(URL)
    assert r.status_code == 200
    assert list(r.context["page_obj"]) == [a]
