"""A SIASN export file checked, shown, approved (all or nothing), rejected or refused as stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from pegawai.models import Pegawai, Penugasan, Riwayat, UnitKerja
from pegawai.services import organisasi as services_org
from sinkron.models import SinkronSiasn
from sinkron.services import sinkron as services
from tests.factories import PegawaiFactory
from tests.sinkron.conftest import data

NIP_DEWI = "199203052015032004"
NIP_BUDI = "198502142010011003"
NIP_RIZKY = "199001012024211001"
NIP_ANDI = "199505202019031002"
UNOR_SEKSI = "8ae483a56a8c1d2b016a8c5f3e2a0003"
UNOR_YANKES = "8ae483a56a8c1d2b016a8c5f3e2a0004"

pytestmark = pytest.mark.django_db


def _periksa(siasn, nama="siasn_berubah.csv"):
    return services.periksa_berkas(siasn.admin, siasn.instansi, data(nama), nama)


def _unit_definitif(nip):
    return (
        Penugasan.objects.aktif_pada(dt.date.today())
        .filter(pegawai__nip=nip, jenis=Penugasan.Jenis.DEFINITIF)
        .values_list("jabatan__unit__kode", flat=True)
        .first()
    )


def test_unggah_menghitung_selisih_tanpa_menulis_data(client, siasn):
    client.force_login(siasn.admin)
    berkas = SimpleUploadedFile("siasn_awal.csv", data("siasn_awal.csv"), "text/csv")
    respons = client.post(reverse("sinkron_daftar"), {"berkas": berkas})
    batch = SinkronSiasn.objects.get()
    assert respons.status_code == 302
    assert respons["Location"] == reverse("sinkron_detail", args=[batch.pk])
    assert batch.status == SinkronSiasn.Status.MENUNGGU
    assert batch.diambil_oleh == siasn.admin
    # six new pegawai; the admin herself (already here, without a jabatan) changes
    assert (batch.jumlah_baru, batch.jumlah_berubah, batch.jumlah_unit_baru) == (6, 1, 4)
    # the admin is in the export; the fixture's other pegawai is not
    assert [p["nip"] for p in batch.selisih["keluar"]] == [siasn.staf.nip]
    assert not UnitKerja.objects.filter(instansi=siasn.instansi).exists()
    assert Pegawai.objects.filter(instansi=siasn.instansi).count() == 2
    assert Riwayat.objects.filter(aksi="sinkron.diperiksa", pelaku=siasn.admin).exists()


def test_setujui_menerapkan_lewat_impor_pegawai(siasn, diterapkan_awal):
    assert diterapkan_awal.diputus_oleh == siasn.admin and diterapkan_awal.diputus_pada
    assert Pegawai.objects.filter(instansi=siasn.instansi).count() == 8
    assert Pegawai.objects.get(pk=siasn.staf.pk).status == Pegawai.Status.BERHENTI
    # units keyed by the SIASN unor id, jabatan kinds from the eselon, atasan from nip_atasan
    assert UnitKerja.objects.get(kode=UNOR_SEKSI).induk.nama == "Bidang P2P"
    dewi = Penugasan.objects.select_related("jabatan__induk").get(pegawai__nip=NIP_DEWI)
    assert dewi.jabatan.jenis == "pelaksana"
    assert dewi.jabatan.induk.nama == "Kepala Seksi Surveilans"
    assert Pegawai.objects.get(nip=NIP_BUDI).pangkat_golongan == "Penata (III/c)"
    # history: the import's own record and the synchronisation's
    assert Riwayat.objects.filter(aksi="impor.pegawai").count() == 1
    assert Riwayat.objects.filter(aksi="sinkron.diterapkan", pelaku=siasn.admin).count() == 1
    assert Riwayat.objects.filter(aksi="penugasan.dibuat").count() == 7


def test_selisih_kedua_baru_berubah_pindah_keluar(siasn, diterapkan_awal):
    batch = _periksa(siasn)
    assert batch.status == SinkronSiasn.Status.MENUNGGU, batch.kesalahan
    s = batch.selisih
    assert [p["nip"] for p in s["baru"]] == [NIP_ANDI]
    assert [p["nip"] for p in s["pindah"]] == [NIP_DEWI]
    assert [p["nip"] for p in s["berubah"]] == [NIP_BUDI]
    assert [p["nip"] for p in s["keluar"]] == [NIP_RIZKY]
    assert [u["kode"] for u in s["unit_berubah"]] == [UNOR_YANKES]
    assert len(s["unit_baru"]) == 1
    budi = {u["bidang"]: (u["lama"], u["baru"]) for u in s["berubah"][0]["perubahan"]}
    assert budi == {"pangkat_golongan": ("Penata (III/c)", "Penata Tingkat I (III/d)")}
    dewi = {u["bidang"]: (u["lama"], u["baru"]) for u in s["pindah"][0]["perubahan"]}
    assert dewi["kode_unit"] == ("Seksi Surveilans", "Bidang Pelayanan Kesehatan")
    assert dewi["nip_atasan"] == (NIP_BUDI, "197204101998031003")

    batch = services.setujui(siasn.admin, batch.pk)
    assert batch.status == SinkronSiasn.Status.DITERAPKAN
    assert _unit_definitif(NIP_DEWI) == UNOR_YANKES
    assert Pegawai.objects.get(nip=NIP_BUDI).pangkat_golongan == "Penata Tingkat I (III/d)"
    assert Pegawai.objects.filter(nip=NIP_ANDI, instansi=siasn.instansi).exists()
    rizky = Pegawai.objects.get(nip=NIP_RIZKY)  # marked, never deleted
    assert rizky.status == Pegawai.Status.BERHENTI and not rizky.is_active
    assert not Penugasan.objects.aktif_pada(dt.date.today()).filter(pegawai=rizky).exists()
    assert Riwayat.objects.filter(aksi="pegawai.status", subjek=rizky).exists()
    assert UnitKerja.objects.get(kode=UNOR_YANKES).nama == "Bidang Pelayanan Kesehatan"
    # the same export again: nothing left to do
    ulang = _periksa(siasn)
    assert not ulang.ada_perubahan


def _keadaan(instansi):
    return (
        sorted(
            Pegawai.objects.filter(instansi=instansi).values_list(
                "nip", "status", "pangkat_golongan"
            )
        ),
        sorted(Penugasan.objects.values_list("pegawai__nip", "jabatan_id", "mulai", "selesai")),
        sorted(UnitKerja.objects.filter(instansi=instansi).values_list("kode", "nama")),
        Riwayat.objects.exclude(aksi__startswith="sinkron.").count(),
    )


def test_baris_yang_gagal_saat_diterapkan_tidak_menyimpan_apa_pun(
    siasn, diterapkan_awal, monkeypatch
):
    batch = _periksa(siasn)
    sebelum = _keadaan(siasn.instansi)

    def gagal(*args, **kwargs):
        raise DatabaseError("disk penuh")

    # the import has written everything by then; marking the retired pegawai fails
    monkeypatch.setattr(services_org, "ubah_status_pegawai", gagal)
    batch = services.setujui(siasn.admin, batch.pk)
    assert batch.status == SinkronSiasn.Status.GAGAL
    assert "Tidak ada yang disimpan" in batch.pesan
    assert _keadaan(siasn.instansi) == sebelum
    assert not Pegawai.objects.filter(nip=NIP_ANDI).exists()
    assert Riwayat.objects.filter(aksi="sinkron.gagal", object_id=batch.pk).exists()


def test_baris_ditolak_impor_saat_diterapkan_membatalkan_semua(siasn, diterapkan_awal):
    batch = _periksa(siasn)
    # after the check, the new pegawai's NIP is registered in another instansi
    PegawaiFactory(nip=NIP_ANDI, instansi=siasn.instansi_lain)
    sebelum = _keadaan(siasn.instansi)
    batch = services.setujui(siasn.admin, batch.pk)
    assert batch.status == SinkronSiasn.Status.GAGAL
    assert "Impor menolak" in batch.pesan
    assert _keadaan(siasn.instansi) == sebelum
    assert Pegawai.objects.get(nip=NIP_RIZKY).status == Pegawai.Status.AKTIF


def test_selisih_basi_ditolak_lalu_dihitung_ulang(siasn, diterapkan_awal):
    batch = _periksa(siasn)
    budi = Pegawai.objects.get(nip=NIP_BUDI)
    budi.nama = "Budi Santoso Diubah"
    services_org.simpan_pegawai(siasn.admin, budi)
    sebelum = _keadaan(siasn.instansi)
    with pytest.raises(ValidationError, match="Hitung ulang"):
        services.setujui(siasn.admin, batch.pk)
    assert _keadaan(siasn.instansi) == sebelum
    batch.refresh_from_db()
    assert batch.status == SinkronSiasn.Status.MENUNGGU
    batch = services.hitung_ulang(siasn.admin, batch.pk)
    budi_baru = next(p for p in batch.selisih["berubah"] if p["nip"] == NIP_BUDI)
    assert {"bidang": "nama", "lama": "Budi Santoso Diubah", "baru": "Budi Santoso"} in (
        budi_baru["perubahan"]
    )
    assert services.setujui(siasn.admin, batch.pk).status == SinkronSiasn.Status.DITERAPKAN


def test_halaman_selisih_basi_menawarkan_hitung_ulang(client, siasn, diterapkan_awal):
    batch = _periksa(siasn)
    client.force_login(siasn.admin)
    assert "Hitung ulang" not in client.get(reverse("sinkron_detail", args=[batch.pk])).text
    budi = Pegawai.objects.get(nip=NIP_BUDI)
    budi.nama = "Budi Lain"
    services_org.simpan_pegawai(siasn.admin, budi)
    halaman = client.get(reverse("sinkron_detail", args=[batch.pk])).text
    assert "Hitung ulang" in halaman
    respons = client.post(reverse("sinkron_setujui", args=[batch.pk]), follow=True)
    assert "berubah sejak selisih ini dihitung" in respons.text


def test_tolak(client, siasn, diterapkan_awal):
    batch = _periksa(siasn)
    sebelum = _keadaan(siasn.instansi)
    client.force_login(siasn.admin)
    assert client.get(reverse("sinkron_tolak", args=[batch.pk])).status_code == 200
    respons = client.post(reverse("sinkron_tolak", args=[batch.pk]), {"alasan": "belum final"})
    assert respons.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.pesan, batch.diputus_oleh) == (
        SinkronSiasn.Status.DITOLAK,
        "belum final",
        siasn.admin,
    )
    assert _keadaan(siasn.instansi) == sebelum
    assert Riwayat.objects.filter(aksi="sinkron.ditolak").exists()
    with pytest.raises(ValidationError):
        services.setujui(siasn.admin, batch.pk)


def test_setujui_lewat_halaman_dengan_konfirmasi(client, siasn):
    batch = _periksa(siasn, "siasn_awal.csv")
    client.force_login(siasn.admin)
    konfirmasi = client.get(reverse("sinkron_setujui", args=[batch.pk]))
    assert konfirmasi.status_code == 200 and "Ya, terapkan" in konfirmasi.text
    assert not UnitKerja.objects.filter(instansi=siasn.instansi).exists()
    client.post(reverse("sinkron_setujui", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == SinkronSiasn.Status.DITERAPKAN


def test_berkas_dengan_kesalahan_menjadi_gagal_dengan_daftar_kesalahan(siasn):
    teks = data("siasn_awal.csv").decode()
    baris = teks.splitlines()
    baris[3] = baris[3].replace("198502142010011003", "19850214201001100")  # bad NIP
    baris.append(baris[2])  # Sri twice
    baris[5] = baris[5].replace(
        ",8ae483a56a8c1d2b016a8c5f3e2a0001,J0005", ",UNOR-TIDAK-ADA,J0005"
    )  # unknown parent of Bidang P2P (also written differently than in row 3)
    batch = services.periksa_berkas(
        siasn.admin, siasn.instansi, "\n".join(baris).encode(), "salah.csv"
    )
    assert batch.status == SinkronSiasn.Status.GAGAL
    tempat = {(k["baris"], k["kolom"]) for k in batch.kesalahan}
    assert (4, "nip_baru") in tempat
    assert (9, "nip_baru") in tempat  # the duplicate
    assert any(k["kolom"] == "unor_induk_id" for k in batch.kesalahan)
    with pytest.raises(ValidationError):
        services.setujui(siasn.admin, batch.pk)


def test_berkas_tanpa_kolom_wajib_ditolak_di_form(client, siasn):
    client.force_login(siasn.admin)
    berkas = SimpleUploadedFile("x.csv", b"nip_baru,nama\n197005121995031002,A\n", "text/csv")
    respons = client.post(reverse("sinkron_daftar"), {"berkas": berkas})
    assert respons.status_code == 200
    assert "Kolom wajib berikut tidak ada" in respons.text
    assert not SinkronSiasn.objects.exists()


def test_berkas_xlsx_dan_json_dibaca_sama(siasn):
    import csv
    import io
    import json

    import openpyxl

    baris = list(csv.reader(io.StringIO(data("siasn_awal.csv").decode())))
    buku = openpyxl.Workbook()
    for b in baris:
        buku.active.append(b)
    keluar = io.BytesIO()
    buku.save(keluar)
    dari_xlsx = services.periksa_berkas(siasn.admin, siasn.instansi, keluar.getvalue(), "s.xlsx")
    objek = [dict(zip(baris[0], b, strict=True)) for b in baris[1:]]
    dari_json = services.periksa_berkas(
        siasn.admin, siasn.instansi, json.dumps({"data": objek}).encode(), "s.json"
    )
    assert dari_xlsx.selisih == dari_json.selisih
    assert dari_xlsx.status == dari_json.status == SinkronSiasn.Status.MENUNGGU
