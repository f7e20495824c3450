"""Electronic signature of issued documents: PAdES with the instansi's certificate (pyHanko).

The system seals each document it issues (the SKP and the evaluation document) with a
certificate of the instansi of the pegawai the document is about, kept as a PKCS#12 file.
Settings (read with defaults, see ``docs/tanda-tangan.md``):

* ``EKINERJA_SIGN_P12_DIR``: the folder of per-instansi certificates, ``<kode instansi>.p12``
  (default: the folder of ``EKINERJA_SIGN_P12``, i.e. ``VAR_DIR/sertifikat``);
* ``EKINERJA_SIGN_P12``: the single certificate used for an instansi without its own file
  (default ``VAR_DIR/sertifikat/demo-ttd.p12``; ``manage.py buat_sertifikat_demo`` makes a
  demo one per instansi and this one);
* ``EKINERJA_SIGN_P12_PASSWORD``: the password (empty: the file is not encrypted);
  ``EKINERJA_SIGN_P12_PASSWORD_<KODE>`` overrides it for ``<kode>.p12``
  (``settings.EKINERJA_SIGN_P12_PASSWORDS``).

A certificate whose subject organisation is not the instansi's name is an operator's mistake
(e.g. the shared certificate of another instansi): it is logged as a warning, not refused.

The demo certificate is *not* a certified electronic signature (PP 71/2019): production loads
the certificates issued to the instansi (e.g. by BSrE/BSSN) through the same settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# The name of the (invisible) signature field in every PDF the system signs.
NAMA_FIELD = "TandaTanganInstansi"
SANDI_BERSAMA = "EKINERJA_SIGN_P12_PASSWORD"
# X.520 ub-organization-name: an O longer than this is cut (so compared as a prefix).
PANJANG_MAKS_O = 64


def lokasi_p12() -> Path:
    """The single (fallback) certificate: ``EKINERJA_SIGN_P12``."""
    bawaan = Path(settings.VAR_DIR) / "sertifikat" / "demo-ttd.p12"
    return Path(getattr(settings, "EKINERJA_SIGN_P12", "") or bawaan)


def direktori_p12() -> Path:
    """The folder of per-instansi certificates: ``EKINERJA_SIGN_P12_DIR``, else the folder of
    the single certificate."""
    return Path(getattr(settings, "EKINERJA_SIGN_P12_DIR", "") or lokasi_p12().parent)


def nama_berkas_p12(kode: str) -> str:
    """``<kode>.p12``; a character a file name should not hold becomes ``_``."""
    aman = re.sub(r"[^A-Za-z0-9._-]", "_", kode).lstrip(".")
    return f"{aman or '_'}.p12"


def lokasi_p12_instansi(kode: str) -> Path:
    return direktori_p12() / nama_berkas_p12(kode)


def _kunci_kode(kode: str) -> str:
    return re.sub(r"[^A-Z0-9]", "_", kode.upper())


def _sandi_sendiri(kode: str) -> str:
    """The password set for ``<kode>.p12`` alone (``EKINERJA_SIGN_P12_PASSWORD_<KODE>``)."""
    per_kode = getattr(settings, "EKINERJA_SIGN_P12_PASSWORDS", None) or {}
    return {_kunci_kode(k): v for k, v in per_kode.items()}.get(_kunci_kode(kode), "") or ""


def variabel_sandi(kode: str | None = None) -> str:
    """The environment variable whose password opens ``<kode>.p12`` (``None``: the single
    certificate): its own when set, else the shared ``EKINERJA_SIGN_P12_PASSWORD``."""
    if kode is not None and _sandi_sendiri(kode):
        return f"{SANDI_BERSAMA}_{_kunci_kode(kode)}"
    return SANDI_BERSAMA


def sandi_p12(kode: str | None = None) -> bytes | None:
    """The password of ``<kode>.p12`` (its own when set, else the shared one), or of the single
    certificate when ``kode`` is ``None``."""
    sandi = (_sandi_sendiri(kode) if kode is not None else "") or (
        getattr(settings, "EKINERJA_SIGN_P12_PASSWORD", "") or ""
    )
    return sandi.encode() if sandi else None


def lokasi_ca(p12: Path) -> Path:
    """Where the demo CA certificate lies: next to the P12 (``demo-ttd-ca.pem``)."""
    return p12.with_name(f"{p12.stem}-ca.pem")


# --- choosing and loading the key -----------------------------------------------------------
@dataclass(frozen=True)
class PilihanSertifikat:
    p12: Path
    sandi: bytes | None
    variabel_sandi: str  # named in the message when the password is wrong


def pilih_sertifikat(instansi=None) -> PilihanSertifikat:
    """The instansi's own ``<kode>.p12`` when present, else the single certificate."""
    if instansi is not None:
        sendiri = lokasi_p12_instansi(instansi.kode)
        if sendiri.is_file():
            kode = instansi.kode
            return PilihanSertifikat(sendiri, sandi_p12(kode), variabel_sandi(kode))
    return PilihanSertifikat(lokasi_p12(), sandi_p12(), SANDI_BERSAMA)


def muat_penanda_tangan(instansi=None):
    """The pyHanko ``SimpleSigner`` that seals the documents of ``instansi`` (its own
    certificate, else the single one; cached per file while the file and password stay the
    same); ``ImproperlyConfigured`` with what to do when it is missing or cannot be opened."""
    pilihan = pilih_sertifikat(instansi)
    p12 = pilihan.p12
    try:
        mtime = p12.stat().st_mtime_ns
    except FileNotFoundError:
        if instansi is None:
            pesan = _(
                "Sertifikat tanda tangan elektronik tidak ditemukan di %(path)s. Untuk "
                "percobaan jalankan `python manage.py buat_sertifikat_demo`; untuk produksi "
                "atur EKINERJA_SIGN_P12 dan EKINERJA_SIGN_P12_PASSWORD ke sertifikat instansi "
                "(lihat docs/tanda-tangan.md)."
            ) % {"path": p12}
        else:
            pesan = _(
                "Sertifikat tanda tangan elektronik untuk %(instansi)s tidak ditemukan: tidak "
                "ada %(berkas)s maupun %(path)s. Untuk percobaan jalankan `python manage.py "
                "buat_sertifikat_demo`; untuk produksi letakkan sertifikat instansi itu di "
                "%(berkas)s atau atur EKINERJA_SIGN_P12 (lihat docs/tanda-tangan.md)."
            ) % {
                "instansi": instansi.nama,
                "berkas": lokasi_p12_instansi(instansi.kode),
                "path": p12,
            }
        raise ImproperlyConfigured(pesan) from None
    try:
        penanda = _muat(str(p12), mtime, pilihan.sandi)
    except ValueError as exc:
        raise ImproperlyConfigured(
            _(
                "Sertifikat %(path)s tidak dapat dibuka: kata sandi (%(variabel)s) salah atau "
                "berkas bukan PKCS#12."
            )
            % {"path": p12, "variabel": pilihan.variabel_sandi}
        ) from exc
    if instansi is not None:
        _periksa_organisasi(penanda, str(p12), instansi)
    return penanda


@functools.lru_cache(maxsize=64)
def _muat(path: str, _mtime: int, sandi: bytes | None):
    # Decrypting a P12 runs a slow key derivation: keep the loaded signer per (file, version).
    from pyhanko.sign import signers

    data = Path(path).read_bytes()
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=sandi)


def nama_penanda_tangan(penanda_tangan) -> str:
    """The subject common name of the signing certificate (shown as "ditandatangani oleh")."""
    subjek = penanda_tangan.signing_cert.subject.native
    return subjek.get("common_name") or penanda_tangan.signing_cert.subject.human_friendly


def organisasi_sertifikat(penanda_tangan) -> list[str]:
    """The subject organisation(s) (O) of the signing certificate."""
    nilai = penanda_tangan.signing_cert.subject.native.get("organization_name") or []
    return [nilai] if isinstance(nilai, str) else list(nilai)


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def organisasi_cocok(organisasi: list[str], nama_instansi: str) -> bool:
    """Does one O of the certificate name the instansi (letter case and spacing aside; an O cut
    at the X.520 limit of 64 characters compared as a prefix)?"""
    nama = _normal(nama_instansi)
    for o in organisasi:
        if _normal(o) == nama or (len(o) >= PANJANG_MAKS_O and nama.startswith(_normal(o))):
            return True
    return False


def _periksa_organisasi(penanda_tangan, path: str, instansi) -> None:
    """Warn when the certificate is not the instansi's (an operator's mistake, not a refusal:
    the document is still sealed, the log says which file to install)."""
    organisasi = organisasi_sertifikat(penanda_tangan)
    if organisasi_cocok(organisasi, instansi.nama):
        return
    logger.warning(
        "Sertifikat %s (O=%s) dipakai untuk dokumen instansi %s (%s) yang namanya tidak sama: "
        "pasang sertifikat instansi itu sebagai %s (lihat docs/tanda-tangan.md).",
        path,
        ", ".join(organisasi) or "-",
        instansi.kode,
        instansi.nama,
        lokasi_p12_instansi(instansi.kode),
    )


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
