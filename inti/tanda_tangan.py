"""Electronic signature of issued documents: PAdES with the instansi's certificate (pyHanko).

The system seals each document it issues (SKP, later the evaluation document) with one
certificate of the instansi, kept as a PKCS#12 file.  Settings (read with defaults, see
``docs/tanda-tangan.md``):

* ``EKINERJA_SIGN_P12``: path of the PKCS#12 file
  (default ``VAR_DIR/sertifikat/demo-ttd.p12``, made by ``manage.py buat_sertifikat_demo``);
* ``EKINERJA_SIGN_P12_PASSWORD``: its password (empty: the file is not encrypted).

The demo certificate is *not* a certified electronic signature (PP 71/2019): production loads
the certificate issued to the instansi (e.g. by BSrE/BSSN) through the same two settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

# The name of the (invisible) signature field in every PDF the system signs.
NAMA_FIELD = "TandaTanganInstansi"


def lokasi_p12() -> Path:
    bawaan = Path(settings.VAR_DIR) / "sertifikat" / "demo-ttd.p12"
    return Path(getattr(settings, "EKINERJA_SIGN_P12", "") or bawaan)


def sandi_p12() -> bytes | None:
    sandi = getattr(settings, "EKINERJA_SIGN_P12_PASSWORD", "") or ""
    return sandi.encode() if sandi else None


def lokasi_ca(p12: Path) -> Path:
    """Where the demo CA certificate lies: next to the P12 (``demo-ttd-ca.pem``)."""
    return p12.with_name(f"{p12.stem}-ca.pem")


# --- loading the key ------------------------------------------------------------------------
def muat_penanda_tangan():
    """The pyHanko ``SimpleSigner`` of the configured certificate (cached while the file and
    password stay the same); ``ImproperlyConfigured`` with what to do when it is missing."""
    p12 = lokasi_p12()
    try:
        mtime = p12.stat().st_mtime_ns
    except FileNotFoundError:
        raise ImproperlyConfigured(
            _(
                "Sertifikat tanda tangan elektronik tidak ditemukan di %(path)s. Untuk "
                "percobaan jalankan `python manage.py buat_sertifikat_demo`; untuk produksi "
                "atur EKINERJA_SIGN_P12 dan EKINERJA_SIGN_P12_PASSWORD ke sertifikat instansi "
                "(lihat docs/tanda-tangan.md)."
            )
            % {"path": p12}
        ) from None
    return _muat(str(p12), mtime, sandi_p12())


@functools.lru_cache(maxsize=4)
def _muat(path: str, _mtime: int, sandi: bytes | None):
    # Decrypting a P12 runs a slow key derivation: keep the loaded signer per (file, version).
    from pyhanko.sign import signers

    try:
        data = Path(path).read_bytes()
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=sandi)
    except ValueError as exc:
        raise ImproperlyConfigured(
            _(
                "Sertifikat %(path)s tidak dapat dibuka: kata sandi (EKINERJA_SIGN_P12_PASSWORD) "
                "salah atau berkas bukan PKCS#12."
            )
            % {"path": path}
        ) from exc


def nama_penanda_tangan(penanda_tangan) -> str:
    """The subject common name of the signing certificate (shown as "ditandatangani oleh")."""
    subjek = penanda_tangan.signing_cert.subject.native
    return subjek.get("common_name") or penanda_tangan.signing_cert.subject.human_friendly


# --- signing --------------------------------------------------------------------------------
def tandatangani_pdf(
    pdf: bytes, penanda_tangan, *, alasan: str = "", lokasi: str = "", kontak: str = ""
) -> bytes:
    """Sign ``pdf`` (PAdES baseline B-B, SHA-256) as an incremental update; return the bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=alasan or None,
        location=lokasi or None,
        contact_info=kontak or None,
    )
    penulis = IncrementalPdfFileWriter(io.BytesIO(pdf))
    hasil = signers.PdfSigner(meta, signer=penanda_tangan).sign_pdf(penulis)
    return hasil.getvalue()


# --- the demo certificate ----------------------------------------------------------------------
@dataclass(frozen=True)
class SertifikatDemo:
    p12: Path
    ca: Path
    nama: str


def buat_sertifikat_demo(
    p12: Path, sandi: bytes | None, nama_instansi: str, *, masa_berlaku_tahun: int = 3
) -> SertifikatDemo:
    """Make a demo root CA and a signing certificate for the instansi; write the P12 (key,
    certificate, CA) and the CA certificate as PEM next to it (to validate signatures)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def nama(cn: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, nama_instansi[:64]),
                x509.NameAttribute(NameOID.COMMON_NAME, cn[:64]),
            ]
        )

    sekarang = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)  # tolerate clock skew
    kunci_ca = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    subjek_ca = nama(f"e-Kinerja Demo Root CA — {nama_instansi}")
    ca = (
        x509.CertificateBuilder()
        .subject_name(subjek_ca)
        .issuer_name(subjek_ca)
        .public_key(kunci_ca.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang)
        .not_valid_after(sekarang + dt.timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci_ca.public_key()), False)
        .sign(kunci_ca, hashes.SHA256())
    )

    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cn = f"e-Kinerja Demo — {nama_instansi}"
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(nama(cn))
        .issuer_name(subjek_ca)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang)
        .not_valid_after(sekarang + dt.timedelta(days=365 * masa_berlaku_tahun))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(kunci_ca.public_key()), False
        )
        .sign(kunci_ca, hashes.SHA256())
    )

    enkripsi = (
        serialization.BestAvailableEncryption(sandi) if sandi else serialization.NoEncryption()
    )
    isi_p12 = pkcs12.serialize_key_and_certificates(
        b"e-kinerja-demo", kunci, sertifikat, [ca], enkripsi
    )
    p12 = Path(p12)
    p12.parent.mkdir(parents=True, exist_ok=True)
    _tulis(p12, isi_p12, mode=0o600)  # the private key: readable by the app's user only
    ca_pem = lokasi_ca(p12)
    _tulis(ca_pem, ca.public_bytes(serialization.Encoding.PEM), mode=0o644)
    _muat.cache_clear()
    return SertifikatDemo(p12=p12, ca=ca_pem, nama=cn)


def _tulis(path: Path, isi: bytes, *, mode: int) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    sementara = path.with_name(f".{path.name}.tmp")
    fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(isi)
    os.chmod(sementara, mode)
    os.replace(sementara, path)
