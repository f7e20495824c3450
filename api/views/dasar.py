"""What every API endpoint shares: the token check, the rate limit, the rights of a token kind
and scope, and errors as RFC 9457 problem details (``application/problem+json``) in Bahasa
Indonesia.

A service error reaches the client as the page would show it: ``PermissionDenied`` → 403,
``Http404`` (a foreign id, through the scoped selectors) → 404, Django's ``ValidationError``
→ 422 with its messages per field.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import errors as ninja_errors
from ninja.security import HttpBearer

from api import rules
from api.models import TokenAkses
from api.selectors.token import token_dari_rahasia, token_masih_sah
from api.services.token import sentuh_token
from pegawai.permissions import peran

logger = logging.getLogger("django.request")

JENIS_MASALAH = "application/problem+json"
#: ``type`` of each problem: a page of docs/api.md (relative URI, resolved against the API).
TIPE = "/api/v1/docs#galat-"


class BatasLaju(Exception):
    """The token made more requests this minute than settings.API_BATAS_PER_MENIT."""

    def __init__(self, tunggu: int) -> None:
        super().__init__()
        self.tunggu = tunggu


# --- problem details --------------------------------------------------------------------------
def masalah(
    status: int,
    judul: str,
    rincian: str = "",
    *,
    kode: str = "",
    galat: list[dict] | None = None,
    kepala: dict[str, str] | None = None,
) -> HttpResponse:
    """One problem details response (RFC 9457)."""
    isi: dict = {"type": TIPE + (kode or str(status)), "title": judul, "status": status}
    if rincian:
        isi["detail"] = rincian
    if galat:
        isi["errors"] = galat
    respons = HttpResponse(
        json.dumps(isi, ensure_ascii=False), status=status, content_type=JENIS_MASALAH
    )
    for k, v in (kepala or {}).items():
        respons[k] = v
    return respons


def _pesan_pydantic(e: dict) -> str:
    tipe = e.get("type", "")
    ctx = e.get("ctx") or {}
    if tipe == "missing":
        return _("Wajib diisi.")
    if tipe.startswith(("string_too_long", "too_long")):
        return _("Terlalu panjang (paling banyak %(n)s).") % {"n": ctx.get("max_length", "")}
    if tipe.startswith(("string_too_short", "too_short")):
        return _("Terlalu pendek.")
    if tipe in {"greater_than", "greater_than_equal"}:
        return _("Nilai terlalu kecil.")
    if tipe in {"less_than", "less_than_equal"}:
        return _("Nilai terlalu besar.")
    if tipe.startswith("uuid"):
        return _("Harus berupa UUID.")
    if tipe.startswith("date"):
        return _("Tanggal tidak sah (format YYYY-MM-DD).")
    if tipe.startswith("time"):
        return _("Jam tidak sah (format HH:MM).")
    if tipe.startswith(("int", "decimal", "float")):
        return _("Harus berupa angka.")
    if tipe.startswith("bool"):
        return _("Harus true atau false.")
    if tipe in {"enum", "literal_error"}:
        return _("Pilihan tidak sah.")
    return _("Isian tidak sah.")


def _kolom(loc) -> str:
    """``["body", "masuk", "tanggal"]`` → ``tanggal``: where the value was, then the view's
    parameter name, then the field."""
    bagian = [str(x) for x in loc]
    if bagian and bagian[0] in {"body", "query", "path", "form", "file", "header", "cookie"}:
        bagian = bagian[2:] if len(bagian) > 2 else bagian[1:]
    return ".".join(bagian) or "__all__"


def _galat_pydantic(errors: list[dict]) -> list[dict]:
    return [{"field": _kolom(e.get("loc", ())), "message": _pesan_pydantic(e)} for e in errors]


def galat_django(e: ValidationError) -> list[dict]:
    if hasattr(e, "error_dict"):
        return [
            {"field": kolom, "message": pesan}
            for kolom, daftar in e.message_dict.items()
            for pesan in daftar
        ]
    return [{"field": "__all__", "message": pesan} for pesan in e.messages]


def pasang_penangan(api) -> None:
    """Every error of the API as a problem details response."""

    def tidak_masuk(request, exc):
        return masalah(
            401,
            _("Perlu token"),
            _(
                "Kirim token yang masih berlaku di kepala Authorization: Bearer <token>. "
                "Token dibuat di halaman profil (Token API)."
            ),
            kode="401",
            kepala={"WWW-Authenticate": 'Bearer realm="e-Kinerja"'},
        )

    def dilarang(request, exc):
        pesan = "" if isinstance(exc, ninja_errors.AuthorizationError) else str(exc)
        return masalah(403, _("Tidak diizinkan"), pesan or _("Anda tidak berhak."), kode="403")

    def galat_server(request, exc):
        # Logged as Django logs a server error (the admins' mail, the error tracker).
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=exc, extra={"request": request}
        )
        return masalah(
            500,
            _("Galat server"),
            _("Terjadi kesalahan di server. Coba lagi nanti; bila berulang, hubungi admin."),
            kode="500",
        )

    def tidak_ada(request, exc):
        return masalah(
            404,
            _("Tidak ditemukan"),
            _("Data ini tidak ada atau tidak dapat Anda lihat."),
            kode="404",
        )

    def tidak_sah(request, exc):
        return masalah(
            422,
            _("Isian tidak sah"),
            _("Periksa isian pada daftar errors."),
            kode="422",
            galat=_galat_pydantic(exc.errors),
        )

    def tidak_sah_django(request, exc):
        daftar = galat_django(exc)
        return masalah(
            422,
            _("Isian tidak sah"),
            " ".join(g["message"] for g in daftar),
            kode="422",
            galat=daftar,
        )

    def laju(request, exc):
        return masalah(
            429,
            _("Terlalu banyak permintaan"),
            _("Batas %(n)d permintaan per menit per token terlampaui. Coba lagi %(s)d detik lagi.")
            % {"n": settings.API_BATAS_PER_MENIT, "s": exc.tunggu},
            kode="429",
            kepala={"Retry-After": str(exc.tunggu)},
        )

    def http(request, exc):
        if exc.status_code == 400:
            return masalah(
                400,
                _("Permintaan tidak sah"),
                _("Badan permintaan tidak dapat dibaca: kirim JSON atau multipart yang sah."),
            )
        return masalah(exc.status_code, _("Permintaan ditolak"), str(exc))

    api.add_exception_handler(ninja_errors.AuthenticationError, tidak_masuk)
    api.add_exception_handler(ninja_errors.AuthorizationError, dilarang)
    api.add_exception_handler(PermissionDenied, dilarang)
    api.add_exception_handler(Http404, tidak_ada)
    api.add_exception_handler(ninja_errors.ValidationError, tidak_sah)
    api.add_exception_handler(ValidationError, tidak_sah_django)
    api.add_exception_handler(BatasLaju, laju)
    api.add_exception_handler(ninja_errors.HttpError, http)
    api.add_exception_handler(Exception, galat_server)


# --- the token ------------------------------------------------------------------------------
def periksa_laju(token: TokenAkses) -> None:
    """A counter per token per minute in the cache; over the limit → BatasLaju.  A cache
    outage (read as a miss) lets the request through rather than refusing everyone."""
    batas = settings.API_BATAS_PER_MENIT
    jendela, sisa = rules.jendela_laju(timezone.now())
    kunci = f"api:laju:{token.pk}:{jendela}"
    if cache.add(kunci, 1, timeout=sisa + 1):
        return
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.add(kunci, 1, timeout=sisa + 1)
        return
    if jumlah > batas:
        raise BatasLaju(sisa)


class TokenBearer(HttpBearer):
    """``Authorization: Bearer ekn_…``: a live token of an active pegawai."""

    def authenticate(self, request: HttpRequest, token: str) -> TokenAkses | None:
        t = token_dari_rahasia(token.strip())
        if t is None or not token_masih_sah(t):
            return None
        periksa_laju(t)
        sentuh_token(t)
        request.user = t.pemilik
        request.token = t
        return t


# --- what a token may do ----------------------------------------------------------------------
def pribadi(request: HttpRequest):
    """A personal token (the pegawai's own data); a service token is refused."""
    if request.auth.is_layanan:
        raise PermissionDenied(
            _("Token layanan instansi hanya untuk endpoint instansi; pakai token pribadi.")
        )
    return request.user


def tulis(request: HttpRequest) -> None:
    """Writes need a token of scope "tulis"."""
    if not request.auth.boleh_menulis:
        raise PermissionDenied(_("Token ini hanya boleh membaca; buat token dengan cakupan tulis."))


def admin(request: HttpRequest):
    """The admin endpoints: a service token, or the personal token of an admin instansi."""
    if not peran(request.user).is_admin:
        raise PermissionDenied(_("Hanya untuk admin instansi dan token layanan instansi."))
    return request.user
