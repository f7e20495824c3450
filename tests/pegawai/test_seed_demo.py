"""``manage.py seed_demo``: the demo kabupaten is complete, consistent and idempotent."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from ekinerja.demo import organisasi as demo
from pegawai.models import (
    Instansi,
    Jabatan,
    OperatorUnit,
    Pegawai,
    Penugasan,
    Riwayat,
    UnitKerja,
)
from pegawai.permissions import Peran
from pegawai.rules import validasi_nip
from pegawai.selectors.hierarki import bawahan_langsung_ids, rantai_penilai

J = Jabatan.Jenis
GOLONGAN = list(demo.GOLONGAN_PNS)
# Pangkat a holder of each kind of jabatan can plausibly have (PNS).
RENTANG_GOLONGAN = {
    J.JPT_PRATAMA: ("IV/b", "IV/d"),
    J.ADMINISTRATOR: ("III/d", "IV/b"),
    J.PENGAWAS: ("III/b", "III/d"),
    J.PELAKSANA: ("II/a", "III/b"),
    "Ahli Pertama": ("III/a", "III/b"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Madya": ("IV/a", "IV/c"),
}


def seed(**kwargs) -> str:
    out = StringIO()
    call_command("seed_demo", paksa=True, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def keluaran(db) -> str:
    return seed()


def pegawai(nip: str) -> Pegawai:
    return Pegawai.objects.get(nip=nip)


def potret() -> dict:
    """Everything the seed writes, as comparable values."""
    return {
        "instansi": list(Instansi.objects.values_list("id", "kode", "nama")),
        "unit": list(UnitKerja.objects.values_list("id", "kode", "path", "induk_id")),
        "jabatan": list(Jabatan.objects.values_list("id", "nama", "path", "induk_id", "unit_id")),
        "pegawai": list(
            Pegawai.objects.order_by("nip").values_list(
                "nip", "password", "unit_kerja_id", "status", "is_active", "is_admin_instansi"
            )
        ),
        "penugasan": list(
            Penugasan.objects.order_by("id").values_list(
                "pegawai_id", "jabatan_id", "jenis", "mulai", "selesai"
            )
        ),
        "operator": list(OperatorUnit.objects.values_list("pegawai_id", "unit_id")),
        "riwayat": Riwayat.objects.count(),
    }


def test_creates_a_realistic_kabupaten(keluaran):
    instansi = Instansi.objects.get(kode=demo.KODE_INSTANSI)
    assert instansi.nama == "Pemerintah Kabupaten Sukamaju"
    assert instansi.jenis == Instansi.Jenis.KABUPATEN
    assert instansi.ppk_jabatan == "Bupati Sukamaju"
    orang = Pegawai.objects.filter(instansi=instansi)
    assert orang.count() >= 60
    assert orang.filter(status_kepegawaian="PPPK").count() >= 3
    assert set(orang.values_list("jenis_kelamin", flat=True)) == {"L", "P"}
    opd = set(
        UnitKerja.objects.filter(instansi=instansi, induk=None).values_list("nama", flat=True)
    )
    assert {"Sekretariat Daerah", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"} <= opd
    assert len(opd) >= 5  # Setda, BKPSDM and at least three dinas
    assert UnitKerja.objects.filter(instansi=instansi, kedalaman=2).count() >= 10  # seksi/subbag
    jenis = set(Jabatan.objects.filter(instansi=instansi).values_list("jenis", flat=True))
    assert {J.JPT_PRATAMA, J.ADMINISTRATOR, J.PENGAWAS, J.FUNGSIONAL, J.PELAKSANA} <= jenis
    assert Penugasan.objects.filter(jenis=Penugasan.Jenis.PLT).count() == 1
    assert Penugasan.objects.filter(jenis=Penugasan.Jenis.PLH).count() == 1
    assert list(orang.filter(is_admin_instansi=True).values_list("nip", flat=True)) == [
        demo.NIP_ADMIN
    ]
    assert pegawai(demo.NIP_SUPERUSER).is_superuser


def test_every_opd_has_an_operator_on_its_top_unit(keluaran):
    puncak = UnitKerja.objects.filter(instansi__kode=demo.KODE_INSTANSI, induk=None)
    for unit in puncak:
        op = OperatorUnit.objects.get(unit=unit)
        assert op.pegawai.unit_kerja.path.startswith(unit.path), unit.nama
    assert Peran(pegawai(demo.NIP_OPERATOR)).is_operator


def test_nips_are_valid_and_agree_with_sex(keluaran):
    for p in Pegawai.objects.filter(instansi__kode=demo.KODE_INSTANSI):
        assert validasi_nip(p.nip, p.status_kepegawaian, p.jenis_kelamin) == p.nip
        assert p.nip[14] == ("1" if p.jenis_kelamin == "L" else "2")


def test_pangkat_is_consistent_with_jabatan(keluaran):
    definitif = Penugasan.objects.filter(
        jenis=Penugasan.Jenis.DEFINITIF, pegawai__status_kepegawaian="PNS"
    ).select_related("pegawai", "jabatan")
    assert definitif.count() >= 60
    for pen in definitif:
        kunci = pen.jabatan.jenis
        if kunci == J.FUNGSIONAL:
            kunci = next(
                k for k in RENTANG_GOLONGAN if isinstance(k, str) and k in pen.jabatan.nama
            )
        golongan = pen.pegawai.pangkat_golongan.split("(")[1].rstrip(")")
        bawah, atas = RENTANG_GOLONGAN[kunci]
        assert GOLONGAN.index(bawah) <= GOLONGAN.index(golongan) <= GOLONGAN.index(atas), (
            pen.pegawai.nama,
            pen.jabatan.nama,
            golongan,
        )


def test_trees_and_unit_kerja_are_in_sync(keluaran):
    for model in (UnitKerja, Jabatan):
        rows = {r.pk: r for r in model.objects.all()}
        for r in rows.values():
            induk = rows[r.induk_id].path if r.induk_id else "/"
            assert r.path == f"{induk}{r.pk}/"
    hari_ini = dt.date.today()
    for p in Pegawai.objects.filter(instansi__kode=demo.KODE_INSTANSI):
        pen = (
            Penugasan.objects.filter(pegawai=p, jenis=Penugasan.Jenis.DEFINITIF)
            .order_by("-mulai")
            .select_related("jabatan")
            .first()
        )
        assert pen.jabatan.unit_id == p.unit_kerja_id, p.nama
        assert pen.aktif_pada(hari_ini) == (p.nip != demo.NIP_PENSIUN)


def test_running_twice_changes_nothing(keluaran):
    sebelum = potret()
    kedua = seed()
    assert "tidak ada yang diubah" in kedua
    assert potret() == sebelum


def test_rerun_on_a_later_day_moves_only_the_plh(db):
    hari_ini = dt.date.today()
    demo.muat_demo(hari_ini)
    plt = Penugasan.objects.get(jenis=Penugasan.Jenis.PLT)
    nanti = hari_ini + dt.timedelta(days=40)
    hasil = demo.muat_demo(nanti)
    assert dict(hasil.dibuat) == {"penugasan plh": 1}
    plh = Penugasan.objects.get(jenis=Penugasan.Jenis.PLH)
    assert plh.aktif_pada(nanti)
    assert Penugasan.objects.get(jenis=Penugasan.Jenis.PLT) == plt


def test_plt_acts_as_atasan_of_the_vacant_kepala_bidang(keluaran):
    hari_ini = dt.date.today()
    plt = pegawai(demo.NIP_ATASAN_PLT)
    kasi_rujukan = Pegawai.objects.get(nama="Budi Santoso")
    rantai = rantai_penilai(kasi_rujukan, hari_ini)
    assert rantai.atasan_langsung.pegawai == plt
    assert rantai.atasan_langsung.dasar == Penugasan.Jenis.PLT
    assert rantai.atasan_langsung.nama_jabatan == "Plt. Kepala Bidang Pelayanan Kesehatan"
    assert kasi_rujukan.pk in bawahan_langsung_ids(plt, hari_ini)
    # The Plt is not his own atasan: the walk goes on to the kepala dinas.
    sendiri = rantai_penilai(plt, hari_ini)
    assert sendiri.atasan_langsung.jabatan.nama == "Kepala Dinas Kesehatan"


def test_plh_acts_for_the_absent_kepala_dinas(keluaran):
    kabid_sd = Pegawai.objects.get(nama="Tatang Sutarman")
    rantai = rantai_penilai(kabid_sd, dt.date.today())
    assert rantai.atasan_langsung.pegawai == pegawai(demo.NIP_ATASAN_PLH)
    assert rantai.atasan_langsung.dasar == Penugasan.Jenis.PLH


def test_demo_roles_are_what_the_table_says(keluaran):
    hari_ini = dt.date.today()
    asn = pegawai(demo.NIP_ASN)
    assert rantai_penilai(asn, hari_ini).atasan_langsung.pegawai.nip == demo.NIP_ATASAN
    peran_asn = Peran(asn)
    assert not (peran_asn.is_atasan or peran_asn.is_operator or peran_asn.is_admin)
    assert Peran(pegawai(demo.NIP_ATASAN)).is_atasan
    assert Peran(pegawai(demo.NIP_ATASAN_PLT)).is_atasan
    assert Peran(pegawai(demo.NIP_ADMIN)).is_admin
    assert not Peran(pegawai(demo.NIP_OPERATOR)).is_admin


def test_every_demo_login_authenticates_except_the_pensiun(keluaran):
    for akun in demo.AKUN_DEMO:
        user = authenticate(username=akun.nip, password=demo.DEMO_SANDI)
        if akun.nip == demo.NIP_PENSIUN:
            assert user is None
        else:
            assert user is not None and user.nip == akun.nip, akun.peran


def test_pensiun_keeps_his_history(keluaran):
    p = pegawai(demo.NIP_PENSIUN)
    assert p.status == Pegawai.Status.PENSIUN and not p.is_active
    pen = Penugasan.objects.get(pegawai=p)
    assert pen.selesai < dt.date.today()
    assert Riwayat.objects.filter(subjek=p, aksi="pegawai.status", ke_status="pensiun").exists()


def test_prints_the_logins_and_the_password(keluaran):
    for akun in demo.AKUN_DEMO:
        assert akun.nip in keluaran
    assert demo.DEMO_SANDI in keluaran


def test_demo_stays_small(db):
    """`make run` loads the demo on every start: its size is bounded (speed is measured in
    bench/, not by timing unit tests).  A year of activities for the demo kabupaten is the
    largest part (the dashboards need real numbers)."""
    from aktivitas.models import Aktivitas

    seed()
    assert Pegawai.objects.count() < 200
    assert Aktivitas.objects.count() < 40_000


def test_refuses_when_debug_is_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--paksa"):
        call_command("seed_demo", stdout=StringIO())
    assert not Pegawai.objects.exists()


def test_demo_does_not_queue_assignment_listeners(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    from pegawai.services import organisasi as services

    # Documents are not the point here (and need a certificate).
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    for modul in ("nilai", "kurva", "keberatan"):
        monkeypatch.setattr(
            f"penilaian.services.{modul}.jadwalkan_dokumen_evaluasi", lambda pk: None
        )

    dipanggil = []
    services.PENDENGAR_PENUGASAN.append(lambda *a: dipanggil.append(a))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            seed()
    finally:
        services.PENDENGAR_PENUGASAN.pop()
    assert dipanggil == []
