"""The server operator imports a SIASN export with ``manage.py import_pegawai``."""

import io

import pytest
from django.core.management import CommandError, call_command

from pegawai.models import Pegawai, Riwayat
from tests.factories import PegawaiFactory
from tests.pegawai.test_impor_berhasil import berkas_dasar, buat_csv, jumlah, nip


def jalankan(*args, stderr=None) -> str:
    out = io.StringIO()
    call_command("import_pegawai", *args, stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


@pytest.fixture
def berkas(tmp_path):
    jalur = tmp_path / "siasn.csv"
    jalur.write_bytes(buat_csv(berkas_dasar()))
    return jalur


def test_without_terapkan_is_a_dry_run(org, berkas):
    sebelum = jumlah()
    out = jalankan(str(berkas), "--instansi", org.instansi.kode)
    assert "Pegawai: 4 baru, 0 berubah, 0 tetap" in out and "Uji coba" in out
    assert jumlah() == sebelum


def test_terapkan_writes_as_the_system(org, berkas):
    out = jalankan(str(berkas), "--instansi", org.instansi.kode, "--terapkan")
    assert "Impor diterapkan" in out
    assert Pegawai.objects.filter(instansi=org.instansi, nip=nip(1)).exists()
    catatan = Riwayat.objects.get(aksi="impor.pegawai")
    assert catatan.pelaku is None and catatan.sebagai == Riwayat.Sebagai.SISTEM
    assert catatan.data["berkas"] == "siasn.csv"


def test_terapkan_as_an_admin(org, berkas):
    jalankan(str(berkas), "--instansi", org.instansi.kode, "--terapkan", "--nip", org.admin.nip)
    assert Riwayat.objects.get(aksi="impor.pegawai").pelaku == org.admin


def test_nip_that_is_not_an_admin_is_refused(org, berkas):
    with pytest.raises(CommandError, match="Hanya admin instansi"):
        jalankan(str(berkas), "--instansi", org.instansi.kode, "--nip", org.staf.nip)


def test_errors_are_printed_and_exit_non_zero(org, tmp_path):
    rows = berkas_dasar()
    rows[1]["email"] = "salah"
    jalur = tmp_path / "salah.csv"
    jalur.write_bytes(buat_csv(rows))
    sebelum = jumlah()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 kesalahan pada salah.csv"):
        jalankan(str(jalur), "--instansi", org.instansi.kode, "--terapkan", stderr=err)
    assert "Baris 3, kolom email: Alamat e-mail tidak valid." in err.getvalue()
    assert jumlah() == sebelum


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        (["--instansi", "TIDAKADA"], "TIDAKADA tidak ada"),
        (["--instansi", "KAB", "--nip", "000"], "NIP 000 tidak ada"),
    ],
)
def test_unknown_instansi_or_nip(org, berkas, argumen, pesan):
    with pytest.raises(CommandError, match=pesan):
        jalankan(str(berkas), *argumen)


def test_missing_file(org, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        jalankan(str(tmp_path / "tidak-ada.csv"), "--instansi", org.instansi.kode)


def test_non_zero_exit_from_the_shell(org, tmp_path):
    """CommandError is what makes manage.py exit with status 1."""
    PegawaiFactory(nip=nip(3), instansi=org.orang_lain.instansi)
    jalur = tmp_path / "a.csv"
    jalur.write_bytes(buat_csv(berkas_dasar()))
    with pytest.raises(CommandError) as e:
        jalankan(str(jalur), "--instansi", org.instansi.kode)
    assert e.value.returncode == 1
