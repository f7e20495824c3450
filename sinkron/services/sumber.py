"""The HTTP source of an instansi's SIASN export: its settings, fetching it, the nightly run.

Fetching uses the standard library (``urllib``), with the source's own time limit, no
redirects (the credentials are never sent to another address) and the import's size limit.
Every failure becomes :class:`~sinkron.services.sinkron.SumberDitolak` with a message in
Bahasa Indonesia that the admin can act on."""

from __future__ import annotations

import base64
import hashlib
import logging
import socket
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, Riwayat
from pegawai.services.organisasi import catat_riwayat
from sinkron import selectors
from sinkron.models import SinkronSiasn, SumberSiasn
from sinkron.services import sinkron as services_sinkron
from sinkron.services.sinkron import SumberDitolak

logger = logging.getLogger(__name__)

_TERIMA = (
    "text/csv, application/json, "
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0.9, */*;q=0.1"
)


def alamat_tampil(url: str) -> str:
    """The URL without any user:password part (what is recorded and shown)."""
    bagian = urlsplit(url)
    host = bagian.hostname or ""
    if bagian.port:
        host = f"{host}:{bagian.port}"
    return urlunsplit((bagian.scheme, host, bagian.path, bagian.query, ""))


@transaction.atomic
def simpan_sumber(aktor: Pegawai, sumber: SumberSiasn, *, rahasia_baru: str = "") -> SumberSiasn:
    """Save the source of the admin's instansi.  An empty ``rahasia_baru`` keeps the stored
    secret (the form never shows it back)."""
    services_sinkron.wajib_admin(aktor, sumber.instansi)
    if rahasia_baru:
        sumber.rahasia = rahasia_baru
    if sumber.autentikasi == SumberSiasn.Autentikasi.TANPA:
        sumber.nama_pengguna, sumber.rahasia = "", ""
    sumber.diubah_oleh = aktor
    sumber.full_clean()
    sumber.save()
    catat_riwayat(
        pelaku=aktor,
        objek=sumber,
        aksi="sinkron.sumber_diubah",
        sebagai=Riwayat.Sebagai.ADMIN,
        keterangan=alamat_tampil(sumber.url),
        data={"autentikasi": sumber.autentikasi, "terjadwal": sumber.terjadwal},
    )
    return sumber


class _TanpaAlih(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx becomes an HTTPError


def ambil(sumber: SumberSiasn) -> tuple[bytes, str]:
    """The body of the source's answer and its kind (``"json"``, ``".csv"`` or ``".xlsx"``)."""
    if urlsplit(sumber.url).scheme not in ("http", "https"):
        raise SumberDitolak(_("Alamat sumber SIASN harus diawali http:// atau https://."))
    permintaan = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        sumber.url, headers={"Accept": _TERIMA, "User-Agent": "e-Kinerja-sinkron-siasn/1"}
    )
    if sumber.autentikasi == SumberSiasn.Autentikasi.BASIC:
        kunci = base64.b64encode(f"{sumber.nama_pengguna}:{sumber.rahasia}".encode()).decode()
        permintaan.add_header("Authorization", f"Basic {kunci}")
    elif sumber.autentikasi == SumberSiasn.Autentikasi.TOKEN:
        permintaan.add_header("Authorization", f"Bearer {sumber.rahasia}")
    pembuka = urllib.request.build_opener(_TanpaAlih)
    batas = settings.IMPORT_MAX_BYTES
    try:
        with pembuka.open(permintaan, timeout=sumber.batas_waktu) as jawaban:
            isi = jawaban.read(batas + 1)
            jenis = jawaban.headers.get_content_type()
    except urllib.error.HTTPError as e:
        if e.code in (401, 403):
            raise SumberDitolak(
                _(
                    "Sumber SIASN menolak kredensial (HTTP %(kode)d). Periksa nama pengguna "
                    "dan kata sandi atau token di pengaturan sumber."
                )
                % {"kode": e.code}
            ) from None
        if 300 <= e.code < 400:
            raise SumberDitolak(
                _(
                    "Sumber SIASN mengalihkan ke alamat lain (HTTP %(kode)d). Isi alamat "
                    "akhirnya di pengaturan sumber."
                )
                % {"kode": e.code}
            ) from None
        raise SumberDitolak(
            _("Sumber SIASN menjawab dengan galat HTTP %(kode)d.") % {"kode": e.code}
        ) from None
    except TimeoutError:
        raise SumberDitolak(_waktu_habis(sumber)) from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, (TimeoutError, socket.timeout)):
            raise SumberDitolak(_waktu_habis(sumber)) from None
        raise SumberDitolak(
            _("Sumber SIASN tidak dapat dihubungi: %(alasan)s.") % {"alasan": e.reason}
        ) from None
    except (OSError, ValueError) as e:
        raise SumberDitolak(
            _("Sumber SIASN tidak dapat dihubungi: %(alasan)s.") % {"alasan": e}
        ) from None
    if len(isi) > batas:
        raise SumberDitolak(_("Jawaban sumber SIASN terlalu besar."))
    if jenis == "application/json" or isi.lstrip()[:1] in (b"[", b"{"):
        return isi, "json"
    if isi.startswith(b"PK\x03\x04"):
        return isi, ".xlsx"
    return isi, ".csv"


def _waktu_habis(sumber: SumberSiasn) -> str:
    return _("Sumber SIASN tidak menjawab dalam %(detik)d detik (batas waktu habis).") % {
        "detik": sumber.batas_waktu
    }


def periksa_sumber(aktor: Pegawai | None, sumber: SumberSiasn) -> SinkronSiasn | None:
    """Fetch the source and check it: a new batch (None when the nightly run finds nothing
    to change).  Raises ``SumberDitolak``."""
    services_sinkron.wajib_admin(aktor, sumber.instansi)
    isi, jenis = ambil(sumber)
    if jenis == "json":
        data = services_sinkron.baca_json(isi)
    else:
        nama = PurePosixPath(urlsplit(sumber.url).path).name or "siasn"
        data = services_sinkron.baca_tabel(isi, PurePosixPath(nama).stem + jenis)
    return services_sinkron.periksa(
        aktor,
        sumber.instansi,
        data,
        asal=SinkronSiasn.Asal.HTTP,
        nama_sumber=alamat_tampil(sumber.url),
        sha256=hashlib.sha256(isi).hexdigest(),
        simpan_bila_sama=aktor is not None,
    )


def ambil_terjadwal() -> int:
    """The nightly run: each scheduled source is fetched and checked, never applied.  The
    admins hear of a batch waiting (or of a source that failed); nothing to change makes no
    batch and no notification.  Returns the batches made."""
    dibuat = 0
    for sumber in selectors.sumber_terjadwal():
        try:
            batch = periksa_sumber(None, sumber)
        except SumberDitolak as e:
            logger.warning("Sumber SIASN instansi %s gagal: %s", sumber.instansi_id, e)
            batch = _catat_gagal_ambil(sumber, str(e))
        except Exception:
            logger.exception("Sumber SIASN instansi %s gagal", sumber.instansi_id)
            continue
        if batch is None:
            continue  # SIASN says what we already have
        dibuat += 1
        services_sinkron.kabari_admin(batch)
    return dibuat


@transaction.atomic
def _catat_gagal_ambil(sumber: SumberSiasn, pesan: str) -> SinkronSiasn:
    batch = SinkronSiasn.objects.create(
        instansi=sumber.instansi,
        asal=SinkronSiasn.Asal.HTTP,
        nama_sumber=alamat_tampil(sumber.url),
        sha256="",
        status=SinkronSiasn.Status.GAGAL,
        pesan=pesan,
    )
    catat_riwayat(
        pelaku=None,
        objek=batch,
        aksi="sinkron.gagal",
        sebagai=Riwayat.Sebagai.SISTEM,
        ke_status=batch.status,
        keterangan=pesan,
    )
    return batch
