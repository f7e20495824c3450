"""The SKP PDF carries a PAdES signature of the instansi that any validator can check."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from inti import tanda_tangan
from skp.services import dokumen
from tests.factories import InstansiFactory


@pytest.fixture(scope="module")
def sertifikat_demo(tmp_path_factory):
    p12 = tmp_path_factory.mktemp("ttd") / "demo-ttd.p12"
    return tanda_tangan.buat_sertifikat_demo(p12, b"rahasia-uji", "Pemerintah Kabupaten Uji")


@pytest.fixture
def ttd(settings, sertifikat_demo):
    settings.EKINERJA_SIGN_P12 = str(sertifikat_demo.p12)
    settings.EKINERJA_SIGN_P12_PASSWORD = "rahasia-uji"
    return sertifikat_demo


@pytest.fixture
def pdf_bertanda_tangan(skp_berjenjang, ttd) -> bytes:
    dok = dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)
    with dok.berkas.open("rb") as f:
        return f.read()


def periksa(data: bytes, ca_pem):
    tanda = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(tanda) == 1
    konteks = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_pem))])
    return tanda[0], validate_pdf_signature(tanda[0], konteks)


def test_tanda_tangan_utuh_sah_terpercaya_dan_menutup_seluruh_berkas(pdf_bertanda_tangan, ttd):
    tanda, status = periksa(pdf_bertanda_tangan, ttd.ca)

    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert tanda.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert tanda.field_name == tanda_tangan.NAMA_FIELD
    assert status.signing_cert.subject.native["common_name"] == (
        "e-Kinerja Demo — Pemerintah Kabupaten Uji"
    )


def test_satu_bita_diubah_tanda_tangan_gagal(pdf_bertanda_tangan, ttd):
    # Byte 10 lies in the binary comment after the header: inside the signed range, and the
    # file still parses — only the digest can tell.
    rusak = bytearray(pdf_bertanda_tangan)
    rusak[10] ^= 0x01

    _tanda, status = periksa(bytes(rusak), ttd.ca)

    # The digest over the byte range no longer matches ("intact"); pyHanko's "valid" only
    # speaks of the signature over the signed attributes, so the verdict is the bottom line.
    assert not status.intact
    assert not status.bottom_line


def test_ca_lain_tidak_dipercaya(pdf_bertanda_tangan, tmp_path):
    lain = tanda_tangan.buat_sertifikat_demo(tmp_path / "lain.p12", None, "Instansi Lain")

    _tanda, status = periksa(pdf_bertanda_tangan, lain.ca)

    assert status.intact and status.valid  # the bytes are fine...
    assert not status.trusted  # ...but not signed by a CA the verifier trusts
    assert not status.bottom_line


def test_kata_sandi_salah_pesan_jelas(settings, ttd):
    settings.EKINERJA_SIGN_P12_PASSWORD = "salah"

    with pytest.raises(ImproperlyConfigured, match="kata sandi"):
        tanda_tangan.muat_penanda_tangan()


def test_perintah_sertifikat_demo_idempoten_kecuali_paksa(settings, tmp_path, db):
    InstansiFactory(kode="KAB", nama="Pemerintah Kabupaten Uji")
    settings.EKINERJA_SIGN_P12 = str(tmp_path / "sertifikat" / "demo-ttd.p12")
    settings.EKINERJA_SIGN_P12_PASSWORD = "rahasia"

    call_command("buat_sertifikat_demo", "--instansi", "KAB", stdout=io.StringIO())
    penanda = tanda_tangan.muat_penanda_tangan()
    isi = (tmp_path / "sertifikat" / "demo-ttd.p12").read_bytes()
    assert tanda_tangan.nama_penanda_tangan(penanda) == "e-Kinerja Demo — Pemerintah Kabupaten Uji"
    assert (tmp_path / "sertifikat" / "demo-ttd-ca.pem").exists()
    assert ((tmp_path / "sertifikat" / "demo-ttd.p12").stat().st_mode & 0o777) == 0o600
    penggunaan = penanda.signing_cert.key_usage_value.native
    assert {"digital_signature", "non_repudiation"} <= set(penggunaan)

    keluaran = io.StringIO()
    call_command("buat_sertifikat_demo", stdout=keluaran)
    assert "sudah ada" in keluaran.getvalue()
    assert (tmp_path / "sertifikat" / "demo-ttd.p12").read_bytes() == isi

    call_command("buat_sertifikat_demo", "--paksa", stdout=io.StringIO())
    assert (tmp_path / "sertifikat" / "demo-ttd.p12").read_bytes() != isi


def test_perintah_menolak_instansi_tak_dikenal(settings, tmp_path, db):
    settings.EKINERJA_SIGN_P12 = str(tmp_path / "demo-ttd.p12")

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("buat_sertifikat_demo", "--instansi", "TIDAKADA", stdout=io.StringIO())
    assert not (tmp_path / "demo-ttd.p12").exists()
