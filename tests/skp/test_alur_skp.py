"""The SKP workflow (domain.md §2): every transition, every refused one, and who may act."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pegawai.models import Riwayat
from skp.models import RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.factories import OperatorUnitFactory, PegawaiFactory
from tests.skp.conftest import isi_skp

S = Skp.Status


@pytest.fixture
def kasi_siap(org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    isi_skp(org.kasi, skp, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    return skp


def riwayat(skp, aksi):
    return Riwayat.objects.filter(object_id=skp.pk, content_type__model="skp", aksi=aksi)


def test_ajukan_setujui_tetapkan(org, kasi_siap):
    skp = services.ajukan_skp(org.kasi, kasi_siap)
    assert skp.status == S.DIAJUKAN and skp.penilai == org.kabid and skp.diajukan_pada
    skp = services.setujui_skp(org.kabid, skp)
    assert skp.status == S.DISETUJUI and skp.disetujui_pada
    skp = services.tetapkan_skp(org.kabid, skp)
    assert skp.status == S.DITETAPKAN and skp.ditetapkan_pada
    r = riwayat(skp, "skp.ditetapkan").get()
    assert (r.pelaku, r.subjek, r.sebagai, r.dari_status, r.ke_status) == (
        org.kabid,
        org.kasi,
        "atasan",
        "disetujui",
        "ditetapkan",
    )
    assert [x.aksi for x in riwayat(skp, "skp.diajukan")] == ["skp.diajukan"]


def test_kembalikan_wajib_alasan_lalu_ajukan_lagi(org, kasi_siap):
    skp = services.ajukan_skp(org.kasi, kasi_siap)
    with pytest.raises(ValidationError) as e:
        services.kembalikan_skp(org.kabid, skp, "   ")
    assert "alasan" in e.value.message_dict
    skp.refresh_from_db()
    assert skp.status == S.DIAJUKAN
    skp = services.kembalikan_skp(org.kabid, skp, "Indikator RHK 1 belum terukur.")
    assert skp.status == S.DIKEMBALIKAN
    assert skp.alasan_pengembalian == "Indikator RHK 1 belum terukur."
    assert riwayat(skp, "skp.dikembalikan").get().keterangan == "Indikator RHK 1 belum terukur."
    skp = services.ajukan_skp(org.kasi, skp)
    assert skp.status == S.DIAJUKAN and skp.alasan_pengembalian == ""


@pytest.mark.parametrize(
    ("sampai", "aksi"),
    [
        ("draft", "setujui"),
        ("draft", "tetapkan"),
        ("draft", "kembalikan"),
        ("diajukan", "ajukan"),
        ("diajukan", "tetapkan"),
        ("disetujui", "ajukan"),
        ("disetujui", "setujui"),
        ("disetujui", "kembalikan"),
        ("ditetapkan", "ajukan"),
        ("ditetapkan", "setujui"),
        ("ditetapkan", "kembalikan"),
        ("ditetapkan", "tetapkan"),
    ],
)
def test_transisi_dari_status_yang_salah_ditolak(org, kasi_siap, sampai, aksi):
    skp = kasi_siap
    langkah = [
        ("diajukan", services.ajukan_skp, org.kasi),
        ("disetujui", services.setujui_skp, org.kabid),
        ("ditetapkan", services.tetapkan_skp, org.kabid),
    ]
    for status, fungsi, aktor in langkah:
        if skp.status == sampai:
            break
        skp = fungsi(aktor, skp)
    assert skp.status == sampai
    jumlah = Riwayat.objects.count()
    fungsi, aktor = {
        "ajukan": (services.ajukan_skp, org.kasi),
        "setujui": (services.setujui_skp, org.kabid),
        "tetapkan": (services.tetapkan_skp, org.kabid),
        "kembalikan": (lambda a, s: services.kembalikan_skp(a, s, "alasan"), org.kabid),
    }[aksi]
    with pytest.raises(ValidationError, match="tidak dapat"):
        fungsi(aktor, skp)
    skp.refresh_from_db()
    assert skp.status == sampai
    assert Riwayat.objects.count() == jumlah


@pytest.mark.parametrize("siapa", ["kasi", "staf", "kadis", "operator", "admin", "orang_lain"])
def test_hanya_pejabat_penilai_yang_menyetujui(org, kasi_siap, siapa):
    skp = services.ajukan_skp(org.kasi, kasi_siap)
    for fungsi in (services.setujui_skp, lambda a, s: services.kembalikan_skp(a, s, "x")):
        with pytest.raises(PermissionDenied):
            fungsi(getattr(org, siapa), skp)
    skp.refresh_from_db()
    assert skp.status == S.DIAJUKAN


@pytest.mark.parametrize("siapa", ["kabid", "staf", "admin", "orang_lain"])
def test_hanya_pemilik_atau_operatornya_yang_mengajukan(org, kasi_siap, siapa):
    with pytest.raises(PermissionDenied):
        services.ajukan_skp(getattr(org, siapa), kasi_siap)


def test_operator_mengisi_atas_nama_pegawai_dicatat(org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    isi_skp(org.operator, skp, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    services.ajukan_skp(org.operator, skp)
    r = riwayat(skp, "skp.diajukan").get()
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")


def test_operator_unit_lain_ditolak(org, kasi_siap):
    op_lain = PegawaiFactory(instansi=org.instansi)
    OperatorUnitFactory(pegawai=op_lain, unit=org.unit_lain)
    with pytest.raises(PermissionDenied):
        services.ajukan_skp(op_lain, kasi_siap)


def test_plt_menyetujui_sebagai_penilai_hari_itu(org, kasi_siap):
    import datetime as dt

    from pegawai.models import Penugasan

    skp = services.ajukan_skp(org.kasi, kasi_siap)
    Penugasan.objects.filter(pegawai=org.kabid).update(selesai=dt.date.today() - dt.timedelta(1))
    plt = PegawaiFactory(instansi=org.instansi)
    Penugasan.objects.create(pegawai=plt, jabatan=org.jab_kabid, jenis="plt", mulai=dt.date.today())
    with pytest.raises(PermissionDenied):
        services.setujui_skp(org.kabid, skp)
    assert services.setujui_skp(plt, skp).status == S.DISETUJUI


def test_jpt_disetujui_admin_atas_nama_ppk(org, periode):
    skp = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, skp, perspektif="anggaran")
    services.ajukan_skp(org.kadis, skp)
    with pytest.raises(PermissionDenied):
        services.setujui_skp(org.kadis, skp)  # nobody approves his own SKP
    skp = services.setujui_skp(org.admin, skp)
    r = riwayat(skp, "skp.disetujui").get()
    assert r.sebagai == "admin" and r.keterangan == "atas nama PPK"


def test_pengajuan_tidak_lengkap_ditolak_dengan_daftar_kekurangan(org, skp_berjenjang):
    skp = skp_berjenjang["kasi"]
    with pytest.raises(ValidationError) as e:
        services.ajukan_skp(org.kasi, skp)
    assert any("RHK utama" in m for m in e.value.messages)
    rhk = services.simpan_rhk(org.kasi, RencanaHasilKerja(skp=skp, teks="Laporan surveilans"))
    with pytest.raises(ValidationError) as e:
        services.ajukan_skp(org.kasi, skp)
    assert any("belum memiliki indikator" in m for m in e.value.messages)
    assert any("belum memilih RHK atasan" in m for m in e.value.messages)
    skp.refresh_from_db()
    assert skp.status == S.DRAFT
    assert rhk.pk


def test_isi_tidak_dapat_diubah_setelah_diajukan(org, kasi_siap):
    skp = services.ajukan_skp(org.kasi, kasi_siap)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.simpan_rhk(org.kasi, RencanaHasilKerja(skp=skp, teks="baru"))
    rhk = skp.rhk.first()
    with pytest.raises(ValidationError):
        services.hapus_rhk(org.kasi, rhk)
