import datetime as dt
from dataclasses import dataclass

import pytest

from pegawai.models import Jabatan, Pegawai, Penugasan
from tests.factories import (
    InstansiFactory,
    JabatanFactory,
    OperatorUnitFactory,
    PegawaiFactory,
    PenugasanFactory,
    UnitKerjaFactory,
)


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Each test starts with an empty cache: the local-memory cache outlives the test's
    rolled-back data, and ids are reused on SQLite.  The values each process keeps beside
    it (inti.cache_versi) are under keys of versions the clear forgets; emptied all the same,
    and so are the page parts it keeps drawn (inti.fragmen)."""
    from django.core.cache import cache

    from inti import fragmen
    from inti.cache_versi import _memo, kosongkan_lokal

    cache.clear()
    kosongkan_lokal()
    fragmen.kosongkan()
    # A test that sends request_started without request_finished would leave its request's
    # memo (versions and values read once per request) to every later test of the process.
    _memo.set(None)
    yield


@dataclass
class Organisasi:
    """A small instansi: a dinas with a kepala (JPT), a bidang, a seksi and staff.

    Tree of jabatan: kepala_dinas ← kabid ← kasi ← staf (pelaksana) and kabid ← jf.
    A second instansi (``lain``) holds a pegawai nobody here may see.
    """

    instansi: object
    dinas: object
    bidang: object
    seksi: object
    unit_lain: object
    jab_kadis: Jabatan
    jab_kabid: Jabatan
    jab_kasi: Jabatan
    jab_staf: Jabatan
    jab_jf: Jabatan
    kadis: Pegawai
    kabid: Pegawai
    kasi: Pegawai
    staf: Pegawai
    jf: Pegawai
    operator: Pegawai
    admin: Pegawai
    orang_lain: Pegawai


@pytest.fixture
def org(db) -> Organisasi:
    instansi = InstansiFactory(kode="KAB", nama="Pemerintah Kabupaten Uji")
    dinas = UnitKerjaFactory(instansi=instansi, kode="D1", nama="Dinas Kesehatan")
    bidang = UnitKerjaFactory(instansi=instansi, kode="D1.B1", nama="Bidang P2P", induk=dinas)
    seksi = UnitKerjaFactory(
        instansi=instansi, kode="D1.B1.S1", nama="Seksi Surveilans", induk=bidang
    )
    unit_lain = UnitKerjaFactory(instansi=instansi, kode="D2", nama="Dinas Pendidikan")
    J = Jabatan.Jenis
    jab_kadis = JabatanFactory(
        unit=dinas, nama="Kepala Dinas Kesehatan", jenis=J.JPT_PRATAMA, kelas_jabatan=14
    )
    jab_kabid = JabatanFactory(
        unit=bidang,
        nama="Kepala Bidang P2P",
        jenis=J.ADMINISTRATOR,
        induk=jab_kadis,
        kelas_jabatan=11,
    )
    jab_kasi = JabatanFactory(
        unit=seksi,
        nama="Kepala Seksi Surveilans",
        jenis=J.PENGAWAS,
        induk=jab_kabid,
        kelas_jabatan=9,
    )
    jab_staf = JabatanFactory(
        unit=seksi, nama="Pengadministrasi Umum", jenis=J.PELAKSANA, induk=jab_kasi, kelas_jabatan=5
    )
    jab_jf = JabatanFactory(
        unit=bidang,
        nama="Epidemiolog Kesehatan Ahli Muda",
        jenis=J.FUNGSIONAL,
        induk=jab_kabid,
        kelas_jabatan=9,
    )

    def orang(nama, jabatan):
        p = PegawaiFactory(nama=nama, instansi=instansi)
        PenugasanFactory(pegawai=p, jabatan=jabatan, jenis=Penugasan.Jenis.DEFINITIF)
        p.refresh_from_db()
        return p

    kadis = orang("Kadis", jab_kadis)
    kabid = orang("Kabid", jab_kabid)
    kasi = orang("Kasi", jab_kasi)
    staf = orang("Staf", jab_staf)
    jf = orang("Jf", jab_jf)
    operator = PegawaiFactory(nama="Operator", instansi=instansi, unit_kerja=dinas)
    OperatorUnitFactory(pegawai=operator, unit=dinas)
    admin = PegawaiFactory(nama="Admin", instansi=instansi, is_admin_instansi=True)
    orang_lain = PegawaiFactory(nama="Orang Lain", instansi=InstansiFactory(kode="LAIN"))
    return Organisasi(
        instansi,
        dinas,
        bidang,
        seksi,
        unit_lain,
        jab_kadis,
        jab_kabid,
        jab_kasi,
        jab_staf,
        jab_jf,
        kadis,
        kabid,
        kasi,
        staf,
        jf,
        operator,
        admin,
        orang_lain,
    )


@pytest.fixture
def hari_ini() -> dt.date:
    return dt.date.today()


def verifikasi_2fa(client) -> None:
    """Mark the client's logged-in session as past the second step of login (akun), as if
    the user had typed his code.  ``force_login`` does it by itself (fixture below)."""
    from akun.rules import SESI_LOLOS

    sesi = client.session
    sesi[SESI_LOLOS] = True
    sesi.save()


@pytest.fixture(autouse=True)
def _force_login_lolos_2fa(monkeypatch):
    """``force_login`` skips the password step, so it skips the second step too: a test that
    checks the second step logs in through the form (tests/akun)."""
    from django.test import Client

    asli = Client.force_login

    def force_login(self, user, backend=None):
        asli(self, user, backend)
        verifikasi_2fa(self)

    monkeypatch.setattr(Client, "force_login", force_login)
