"""Versions during the year, and a new SKP when the pegawai changes jabatan mid-year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pegawai.models import Jabatan, Penugasan
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp

S = Skp.Status


def tetapkan(org, skp):
    skp = services.ajukan_skp(org.kabid, skp)
    skp = services.setujui_skp(org.kadis, skp)
    return services.tetapkan_skp(org.kadis, skp)


def test_revisi_membuat_versi_baru_dan_lama_digantikan_setelah_ditetapkan(org, skp_berjenjang):
    lama = skp_berjenjang["kabid"]
    baru = services.revisi_skp(org.kabid, lama)
    assert (baru.versi, baru.status, baru.versi_sebelumnya) == (2, S.DRAFT, lama)
    assert baru.rhk.count() == lama.rhk.count()
    assert baru.rhk.first().rhk_atasan == lama.rhk.first().rhk_atasan
    lama.refresh_from_db()
    assert lama.status == S.DITETAPKAN  # still in force until the revision is set
    with pytest.raises(ValidationError, match="sudah dibuat"):
        services.revisi_skp(org.kabid, lama)
    tambahan = services.simpan_rhk(
        org.kabid, RencanaHasilKerja(skp=baru, teks="RHK tambahan baru", jenis="tambahan")
    )
    services.simpan_indikator(
        org.kabid,
        IndikatorKinerja(
            rhk=tambahan, teks="Jumlah laporan", aspek="kuantitas", target_teks="4 laporan"
        ),
    )
    baru = tetapkan(org, baru)
    lama.refresh_from_db()
    assert lama.status == S.DIGANTIKAN
    assert lama.rhk.count() == 1 and baru.rhk.count() == 2  # the old version is kept as it was


def test_revisi_hanya_dari_ditetapkan(org, skp_berjenjang):
    with pytest.raises(ValidationError):
        services.revisi_skp(org.kasi, skp_berjenjang["kasi"])


def test_skp_kedua_untuk_jabatan_sama_ditolak(org, skp_berjenjang, periode):
    with pytest.raises(ValidationError, match="sudah ada"):
        services.buat_skp(org.kasi, org.kasi, periode)


def test_pindah_jabatan_tengah_tahun_membuat_skp_baru(org, periode):
    awal = dt.date(periode.tahun, 1, 1)
    pindah = dt.date(periode.tahun, 7, 1)
    skp_lama = services.buat_skp(org.staf, org.staf, periode, tanggal=awal)
    Penugasan.objects.filter(pegawai=org.staf).update(selesai=pindah - dt.timedelta(days=1))
    jab_baru = Jabatan.objects.create(
        instansi=org.instansi,
        unit=org.bidang,
        nama="Analis",
        jenis="fungsional",
        induk=org.jab_kabid,
    )
    Penugasan.objects.create(pegawai=org.staf, jabatan=jab_baru, jenis="definitif", mulai=pindah)
    skp_baru = services.buat_skp(org.staf, org.staf, periode, tanggal=pindah)
    skp_lama.refresh_from_db()
    assert skp_lama.selesai == pindah - dt.timedelta(days=1)
    assert (skp_baru.jabatan, skp_baru.mulai, skp_baru.selesai) == (
        jab_baru,
        pindah,
        periode.selesai,
    )
    # The new SKP cascades from the new atasan (kabid), the old from the kasi.
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk_kabid = isi_skp(org.kabid, kabid)
    assert set(services.rhk_atasan_yang_boleh(skp_baru)) == set(rhk_kabid)


def test_snapshot_dibekukan_saat_penetapan(org, skp_berjenjang):
    skp = skp_berjenjang["kabid"]
    snap = skp.snapshot
    assert snap["pegawai"]["nip"] == org.kabid.nip
    assert snap["pegawai"]["jabatan"] == org.jab_kabid.nama
    assert snap["pejabat_penilai"]["nama"] == org.kadis.nama_lengkap
    assert snap["atasan_pejabat_penilai"]["dasar"] == "ppk"
    # People move later; the snapshot does not.
    org.jab_kabid.nama = "Kepala Bidang Pencegahan Penyakit"
    org.jab_kabid.save()
    skp.refresh_from_db()
    assert skp.snapshot["pegawai"]["jabatan"] == "Kepala Bidang P2P"


def test_salin_skp_periode_lalu(org, skp_berjenjang):
    lalu = skp_berjenjang["kabid"]
    baru_periode = services.buka_periode(org.admin, org.instansi, lalu.periode.tahun + 1)
    baru = services.buat_skp(org.kabid, org.kabid, baru_periode, tanggal=baru_periode.mulai)
    services.salin_skp(org.kabid, baru, lalu)
    assert [r.teks for r in baru.rhk.all()] == [r.teks for r in lalu.rhk.all()]
    assert all(r.rhk_atasan_id is None for r in baru.rhk.all())
    assert baru.rhk.first().indikator.count() == 1
    with pytest.raises(ValidationError, match="sudah berisi"):
        services.salin_skp(org.kabid, baru, lalu)


def test_skp_baru_berlaku_sejak_awal_periode_atau_sejak_menjabat(org, periode):
    # Held his jabatan since 2020: the SKP covers the whole period, whatever day it is made.
    assert services.buat_skp(org.staf, org.staf, periode).mulai == periode.mulai
    # Appointed to his jabatan on 1 March: the SKP starts that day.
    mulai = dt.date(periode.tahun, 3, 1)
    Penugasan.objects.filter(pegawai=org.jf).update(mulai=mulai)
    skp = services.buat_skp(org.jf, org.jf, periode)
    assert skp.mulai == mulai
