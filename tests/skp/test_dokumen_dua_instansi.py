"""Two instansi in one deployment: each signed document names the instansi of the pegawai it is
about, is set in that instansi's town and is sealed with that instansi's own certificate; an
instansi without one falls back to the single certificate, with a warning in the log.

The fixtures and checks here are shared with the evaluation document's test
(``tests/penilaian/test_dokumen_evaluasi_dua_instansi.py``)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from inti import tanda_tangan
from pegawai.models import Instansi, Jabatan, Pegawai, Penugasan
from skp.models import Dokumen, Periode, Skp
from skp.services import dokumen
from skp.services import penyusunan as services
from tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    PenugasanFactory,
    UnitKerjaFactory,
)
from tests.skp.conftest import isi_skp

TAHUN = 2026
SANDI_BERSAMA = "sandi-bersama"
SANDI_SKM = "sandi-khusus-sukamaju"

# Names and towns that share no word, so that "the other's name is absent" means something.
DATA_INSTANSI = {
    "SKM": {
        "nama": "Pemerintah Kabupaten Sukamaju",
        "jenis": Instansi.Jenis.KABUPATEN,
        "kota": "Sukamaju",
        "ppk_nama": "Bupati Sukamaju",
        "ppk_jabatan": "Bupati",
    },
    "MKS": {
        "nama": "Pemerintah Kota Mekarsari",
        "jenis": Instansi.Jenis.KOTA,
        "kota": "Mekarsari",
        "ppk_nama": "Wali Kota Mekarsari",
        "ppk_jabatan": "Wali Kota",
    },
}


@dataclass
class Pihak:
    """One instansi with a kepala dinas, his staf and the staf's SKP ditetapkan."""

    instansi: Instansi
    periode: Periode
    kepala: Pegawai
    staf: Pegawai
    skp: Skp


def bangun_pihak(kode: str, nama_kepala: str, nama_staf: str) -> Pihak:
    instansi = InstansiFactory(kode=kode, **DATA_INSTANSI[kode])
    dinas = UnitKerjaFactory(instansi=instansi, kode=f"{kode}.D1", nama="Dinas Kesehatan")
    jab_kepala = JabatanFactory(
        unit=dinas, nama="Kepala Dinas Kesehatan", jenis=Jabatan.Jenis.JPT_PRATAMA
    )
    jab_staf = JabatanFactory(
        unit=dinas, nama="Pengadministrasi Umum", jenis=Jabatan.Jenis.PELAKSANA, induk=jab_kepala
    )

    def orang(nama, jabatan):
        p = PegawaiFactory(nama=nama, instansi=instansi)
        PenugasanFactory(pegawai=p, jabatan=jabatan, jenis=Penugasan.Jenis.DEFINITIF)
        p.refresh_from_db()
        return p

    kepala = orang(nama_kepala, jab_kepala)
    staf = orang(nama_staf, jab_staf)
    admin = PegawaiFactory(nama=f"Admin {kode}", instansi=instansi, is_admin_instansi=True)
    periode = services.buka_periode(admin, instansi, TAHUN)
    skp_kepala = services.buat_skp(kepala, kepala, periode, tanggal=periode.mulai)
    rhk_kepala = isi_skp(kepala, skp_kepala, perspektif="penerima_layanan")
    services.ajukan_skp(kepala, skp_kepala)
    services.setujui_skp(admin, skp_kepala)  # for the PPK
    services.tetapkan_skp(admin, skp_kepala)
    skp = services.buat_skp(staf, staf, periode, tanggal=periode.mulai)
    isi_skp(staf, skp, rhk_atasan=rhk_kepala[0])
    services.ajukan_skp(staf, skp)
    services.setujui_skp(kepala, skp)
    services.tetapkan_skp(kepala, skp)
    skp.refresh_from_db()
    return Pihak(instansi, periode, kepala, staf, skp)


@pytest.fixture
def dua(db) -> tuple[Pihak, Pihak]:
    return (
        bangun_pihak("SKM", "Budi Hartono", "Andi Saputra"),
        bangun_pihak("MKS", "Dewi Lestari", "Citra Maharani"),
    )


# --- certificates -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Sertifikat:
    folder: Path
    per_kode: dict[str, tanda_tangan.SertifikatDemo]
    cadangan: tanda_tangan.SertifikatDemo


@pytest.fixture(scope="module")
def sertifikat_dua(tmp_path_factory) -> Sertifikat:
    """<kode>.p12 for both instansi (SKM with a password of its own) and the single
    certificate, named after the application as ``buat_sertifikat_demo`` names it when a
    deployment holds several instansi."""
    folder = tmp_path_factory.mktemp("ttd-dua")
    per_kode = {
        "SKM": tanda_tangan.buat_sertifikat_demo(
            folder / "SKM.p12", SANDI_SKM.encode(), DATA_INSTANSI["SKM"]["nama"]
        ),
        "MKS": tanda_tangan.buat_sertifikat_demo(
            folder / "MKS.p12", SANDI_BERSAMA.encode(), DATA_INSTANSI["MKS"]["nama"]
        ),
    }
    cadangan = tanda_tangan.buat_sertifikat_demo(
        folder / "demo-ttd.p12", SANDI_BERSAMA.encode(), "e-Kinerja"
    )
    return Sertifikat(folder, per_kode, cadangan)


@pytest.fixture
def ttd_dua(settings, sertifikat_dua) -> Sertifikat:
    """Per-instansi certificates found next to the single one (EKINERJA_SIGN_P12_DIR unset)."""
    settings.EKINERJA_SIGN_P12 = str(sertifikat_dua.cadangan.p12)
    settings.EKINERJA_SIGN_P12_DIR = ""
    settings.EKINERJA_SIGN_P12_PASSWORD = SANDI_BERSAMA
    settings.EKINERJA_SIGN_P12_PASSWORDS = {"SKM": SANDI_SKM}
    settings.EKINERJA_BASE_URL = "https://ekinerja.contoh.go.id"
    return sertifikat_dua


@pytest.fixture
def ttd_tunggal(settings, sertifikat_dua, tmp_path) -> Sertifikat:
    """Only the single certificate: the per-instansi folder is empty."""
    settings.EKINERJA_SIGN_P12 = str(sertifikat_dua.cadangan.p12)
    settings.EKINERJA_SIGN_P12_DIR = str(tmp_path)
    settings.EKINERJA_SIGN_P12_PASSWORD = SANDI_BERSAMA
    settings.EKINERJA_SIGN_P12_PASSWORDS = {}
    settings.EKINERJA_BASE_URL = "https://ekinerja.contoh.go.id"
    return sertifikat_dua


# --- reading a document -------------------------------------------------------------------------
def isi_berkas(dok: Dokumen) -> bytes:
    with dok.berkas.open("rb") as f:
        return f.read()


def teks_pdf(data: bytes) -> str:
    halaman = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in halaman)


def tanda_tangan_pdf(data: bytes):
    tanda = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(tanda) == 1
    return tanda[0]


def dipercaya_oleh(tanda, ca_pem: Path) -> bool:
    konteks = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_pem))])
    return validate_pdf_signature(tanda, konteks).bottom_line


def organisasi_penanda(tanda) -> str:
    return tanda.signer_cert.subject.native["organization_name"]


def periksa_menyebut_instansinya(dok: Dokumen, sendiri: Instansi, lain: Instansi) -> object:
    """The PDF names its own instansi and town everywhere, never the other's; return its
    signature for the caller's certificate checks."""
    data = isi_berkas(dok)
    teks = teks_pdf(data)
    assert sendiri.nama.upper() in teks  # the heading
    assert f"{sendiri.kota}, " in teks  # "<tempat>, <tanggal>" above the signature block
    assert lain.nama.upper() not in teks.upper()
    assert lain.kota.upper() not in teks.upper()
    assert PdfReader(io.BytesIO(data)).metadata.author == sendiri.nama
    tanda = tanda_tangan_pdf(data)
    assert str(tanda.sig_object["/Location"]) == sendiri.kota
    return tanda


def periksa_segel_instansinya(
    dok: Dokumen, tanda, sendiri: Instansi, lain: Instansi, sertifikat: Sertifikat
) -> None:
    """Sealed with its own instansi's certificate: O and CN name it, its CA trusts it."""
    assert organisasi_penanda(tanda) == sendiri.nama
    assert dok.penanda_tangan == f"e-Kinerja Demo — {sendiri.nama}"
    assert dok.penanda_tangan in teks_pdf(isi_berkas(dok))  # "ditandatangani … oleh" footer
    assert dipercaya_oleh(tanda, sertifikat.per_kode[sendiri.kode].ca)
    assert not dipercaya_oleh(tanda, sertifikat.per_kode[lain.kode].ca)


def periksa_halaman_verifikasi(client, dok: Dokumen, sendiri: Instansi, lain: Instansi) -> None:
    html = client.get(reverse("verifikasi_dokumen", kwargs={"kode": dok.kode})).content.decode()
    assert sendiri.nama in html
    assert lain.nama not in html


# --- the SKP document -------------------------------------------------------------------------
def test_dokumen_skp_menyebut_instansi_dan_kota_pegawainya_sendiri(client, dua, ttd_dua):
    a, b = dua
    dok_a = dokumen.terbitkan_dokumen_skp(a.skp.pk)
    dok_b = dokumen.terbitkan_dokumen_skp(b.skp.pk)

    for dok, sendiri, lain in ((dok_a, a, b), (dok_b, b, a)):
        tanda = periksa_menyebut_instansinya(dok, sendiri.instansi, lain.instansi)
        assert str(tanda.sig_object["/Reason"]) == "Penetapan Sasaran Kinerja Pegawai"
        periksa_segel_instansinya(dok, tanda, sendiri.instansi, lain.instansi, ttd_dua)
        periksa_halaman_verifikasi(client, dok, sendiri.instansi, lain.instansi)


def test_folder_sertifikat_per_instansi_dapat_diatur_sendiri(settings, dua, ttd_dua, tmp_path):
    # EKINERJA_SIGN_P12_DIR elsewhere than the single certificate: only SKM has a file there.
    a, b = dua
    tanda_tangan.buat_sertifikat_demo(tmp_path / "SKM.p12", SANDI_SKM.encode(), a.instansi.nama)
    settings.EKINERJA_SIGN_P12_DIR = str(tmp_path)

    dok_a = dokumen.terbitkan_dokumen_skp(a.skp.pk)
    dok_b = dokumen.terbitkan_dokumen_skp(b.skp.pk)

    tanda_a = tanda_tangan_pdf(isi_berkas(dok_a))
    assert dipercaya_oleh(tanda_a, tmp_path / "SKM-ca.pem")
    assert organisasi_penanda(tanda_a) == a.instansi.nama
    # MKS has no file in that folder: the single certificate seals its document.
    assert dok_b.penanda_tangan == ttd_dua.cadangan.nama


def test_tanpa_sertifikat_per_instansi_sertifikat_tunggal_dipakai_dengan_peringatan(
    caplog, dua, ttd_tunggal
):
    a, b = dua
    with caplog.at_level(logging.WARNING, logger="inti.tanda_tangan"):
        dok_a = dokumen.terbitkan_dokumen_skp(a.skp.pk)
        dok_b = dokumen.terbitkan_dokumen_skp(b.skp.pk)

    for dok, sendiri, lain in ((dok_a, a, b), (dok_b, b, a)):
        # The text and the place are still the pegawai's own instansi...
        tanda = periksa_menyebut_instansinya(dok, sendiri.instansi, lain.instansi)
        # ...sealed (not refused) with the single certificate, which is no instansi's.
        assert dok.penanda_tangan == ttd_tunggal.cadangan.nama
        assert dipercaya_oleh(tanda, ttd_tunggal.cadangan.ca)
    # The signing module's own warnings (WeasyPrint warns too when HarfBuzz-Subset is missing).
    peringatan = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name == "inti.tanda_tangan"
    ]
    assert len(peringatan) == 2
    for pihak, pesan in zip((a, b), peringatan, strict=True):
        assert pihak.instansi.nama in pesan
        assert str(ttd_tunggal.folder / "demo-ttd.p12") in pesan
        assert f"{pihak.instansi.kode}.p12" in pesan


def test_sertifikat_yang_cocok_tanpa_peringatan(caplog, dua, ttd_dua):
    with caplog.at_level(logging.WARNING, logger="inti.tanda_tangan"):
        for pihak in dua:
            tanda_tangan.muat_penanda_tangan(pihak.instansi)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_kata_sandi_per_instansi_salah_pesan_menyebut_variabelnya(settings, dua, ttd_dua):
    a, b = dua
    settings.EKINERJA_SIGN_P12_PASSWORDS = {"SKM": "salah"}
    with pytest.raises(ImproperlyConfigured, match="EKINERJA_SIGN_P12_PASSWORD_SKM"):
        tanda_tangan.muat_penanda_tangan(a.instansi)
    # MKS.p12 has no password of its own: the shared one still opens it.
    assert tanda_tangan.nama_penanda_tangan(tanda_tangan.muat_penanda_tangan(b.instansi)) == (
        f"e-Kinerja Demo — {b.instansi.nama}"
    )


def test_tanpa_sertifikat_sama_sekali_pesan_menyebut_berkas_instansi(settings, dua, tmp_path):
    a, _b = dua
    settings.EKINERJA_SIGN_P12 = str(tmp_path / "tidak-ada.p12")
    settings.EKINERJA_SIGN_P12_DIR = ""

    with pytest.raises(ImproperlyConfigured) as e:
        dokumen.terbitkan_dokumen_skp(a.skp.pk)
    assert str(tmp_path / "SKM.p12") in str(e.value) and "buat_sertifikat_demo" in str(e.value)
    assert not Dokumen.objects.exists()


def test_nama_berkas_sertifikat_dari_kode_instansi():
    assert tanda_tangan.nama_berkas_p12("SKM") == "SKM.p12"
    assert tanda_tangan.nama_berkas_p12("32.01-a") == "32.01-a.p12"
    assert tanda_tangan.nama_berkas_p12("../rahasia") == "_rahasia.p12"  # never leaves the folder
    assert tanda_tangan.nama_berkas_p12("Kab Uji/1") == "Kab_Uji_1.p12"


def test_organisasi_dibandingkan_tanpa_beda_huruf_dan_spasi_serta_batas_64():
    nama = "Pemerintah Kabupaten Sukamaju"
    assert tanda_tangan.organisasi_cocok(["PEMERINTAH  kabupaten Sukamaju"], nama)
    assert not tanda_tangan.organisasi_cocok(["Pemerintah Kota Mekarsari"], nama)
    assert not tanda_tangan.organisasi_cocok([], nama)
    panjang = "Pemerintah Provinsi " + "Sangat Panjang " * 5
    assert tanda_tangan.organisasi_cocok([panjang[:64]], panjang)


# --- the demo certificates ---------------------------------------------------------------------
def test_sertifikat_demo_satu_per_instansi_ditambah_cadangan(settings, tmp_path, db):
    for kode in DATA_INSTANSI:
        InstansiFactory(kode=kode, **DATA_INSTANSI[kode])
    folder = tmp_path / "sertifikat"
    settings.EKINERJA_SIGN_P12 = str(folder / "demo-ttd.p12")
    settings.EKINERJA_SIGN_P12_DIR = ""
    settings.EKINERJA_SIGN_P12_PASSWORD = SANDI_BERSAMA
    settings.EKINERJA_SIGN_P12_PASSWORDS = {"SKM": SANDI_SKM}

    call_command("buat_sertifikat_demo", stdout=io.StringIO())

    for instansi in Instansi.objects.all():
        penanda = tanda_tangan.muat_penanda_tangan(instansi)  # opens with its own password
        assert tanda_tangan.organisasi_sertifikat(penanda) == [instansi.nama]
        assert tanda_tangan.nama_penanda_tangan(penanda) == f"e-Kinerja Demo — {instansi.nama}"
        assert (folder / f"{instansi.kode}-ca.pem").exists()
        assert ((folder / f"{instansi.kode}.p12").stat().st_mode & 0o777) == 0o600
    # Two instansi: the fallback belongs to neither, it carries the application's name.
    cadangan = tanda_tangan.muat_penanda_tangan()
    assert tanda_tangan.organisasi_sertifikat(cadangan) == [settings.EKINERJA_NAMA_APLIKASI]

    isi = {p.name: p.read_bytes() for p in folder.glob("*.p12")}
    assert set(isi) == {"SKM.p12", "MKS.p12", "demo-ttd.p12"}
    keluaran = io.StringIO()
    call_command("buat_sertifikat_demo", stdout=keluaran)
    assert keluaran.getvalue().count("sudah ada") == 3
    assert {p.name: p.read_bytes() for p in folder.glob("*.p12")} == isi

    # Renewing one instansi's certificate touches neither the other's nor the fallback.
    call_command("buat_sertifikat_demo", "--instansi", "SKM", "--paksa", stdout=io.StringIO())
    assert (folder / "SKM.p12").read_bytes() != isi["SKM.p12"]
    assert (folder / "MKS.p12").read_bytes() == isi["MKS.p12"]
    assert (folder / "demo-ttd.p12").read_bytes() == isi["demo-ttd.p12"]
