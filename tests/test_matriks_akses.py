"""Authorization matrix: every URL × every role.

Every named URL of the project must have a rule here; a new URL without one fails
``test_setiap_url_punya_aturan``.  Each rule gives, per role, the status code of a GET (or of
the given method) on the URL built from the ``org`` fixture.  Anonymous users are sent to the
login page (302) unless the page is public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PegawaiFactory

PERAN = ("anonim", "asn", "atasan", "operator", "admin", "superuser", "lain")


@dataclass
class Aturan:
    status: dict[str, int]
    kwargs: Callable[[object], dict] | None = None
    metode: str = "get"
    data: dict = field(default_factory=dict)

    def untuk(self, peran: str) -> int:
        return self.status[peran]


def semua(kode: int, **kecuali: int) -> dict[str, int]:
    hasil = dict.fromkeys(PERAN, kode)
    hasil.update(kecuali)
    return hasil


def masuk_dulu(**lainnya: int) -> dict[str, int]:
    """Logged-in roles as given; anonymous → 302 to the login page."""
    return {"anonim": 302, **lainnya}


HANYA_ADMIN = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=200, lain=403)
POST_ADMIN = masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=302, lain=403)


def staf(org):
    return {"pk": org.staf.pk}


def pk(atribut):
    return lambda org: {"pk": atribut(org).pk}


ATURAN: dict[str, Aturan] = {
    # public
    "healthz": Aturan(semua(200)),
    "set_language": Aturan(semua(302), metode="post", data={"language": "en", "next": "/"}),
    "masuk": Aturan(semua(200)),
    "reset_sandi": Aturan(semua(200)),
    "reset_sandi_terkirim": Aturan(semua(200)),
    "reset_sandi_konfirmasi": Aturan(
        semua(200), kwargs=lambda org: {"uidb64": "MQ", "token": "salah-token"}
    ),
    "reset_sandi_selesai": Aturan(semua(200)),
    # every logged-in user
    "keluar": Aturan(semua(302), metode="post"),
    "beranda": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "profil": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "ganti_sandi": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    "ganti_sandi_selesai": Aturan(masuk_dulu(**dict.fromkeys(PERAN[1:], 200))),
    # atasan
    "bawahan": Aturan(
        masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=403)
    ),
    # operator / admin reading
    "pegawai_daftar": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
    ),
    "pegawai_detail": Aturan(
        masuk_dulu(asn=200, atasan=200, operator=200, admin=200, superuser=200, lain=404),
        kwargs=staf,
    ),
    "pegawai_atur_ulang_sandi": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=404),
        kwargs=staf,
        metode="post",
    ),
    # admin instansi: master data (another instansi's objects: 404, tested per page)
    "kelola_unit": Aturan(HANYA_ADMIN),
    "kelola_unit_tambah": Aturan(HANYA_ADMIN),
    "kelola_unit_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.seksi)),
    "kelola_jabatan": Aturan(HANYA_ADMIN),
    "kelola_jabatan_tambah": Aturan(HANYA_ADMIN),
    "kelola_jabatan_ubah": Aturan(HANYA_ADMIN, kwargs=pk(lambda o: o.jab_kasi)),
    "kelola_pegawai": Aturan(HANYA_ADMIN),
    "kelola_pegawai_cari": Aturan(HANYA_ADMIN),
    "kelola_pegawai_tambah": Aturan(HANYA_ADMIN),
    "kelola_pegawai_detail": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_pegawai_ubah": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_pegawai_status": Aturan(POST_ADMIN, kwargs=staf, metode="post",
                                    data={"status": "cuti"}),
    "kelola_pegawai_admin": Aturan(POST_ADMIN, kwargs=staf, metode="post",
                                   data={"jadi_admin": "1"}),
    "kelola_penugasan_tambah": Aturan(HANYA_ADMIN, kwargs=staf),
    "kelola_penugasan_akhiri": Aturan(POST_ADMIN, kwargs=pk(lambda o: o.staf.penugasan.get()),
                                      metode="post", data={"selesai": "2025-01-01"}),
    "kelola_impor": Aturan(HANYA_ADMIN),
    "kelola_impor_templat": Aturan(HANYA_ADMIN, kwargs=lambda org: {"fmt": "xlsx"}),
    "kelola_impor_terapkan": Aturan(
        masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=302, lain=403),
        metode="post",
    ),
    "kelola_operator": Aturan(HANYA_ADMIN),
    "kelola_operator_tambah": Aturan(HANYA_ADMIN),
    "kelola_operator_cabut": Aturan(POST_ADMIN, kwargs=pk(lambda o: o.operator.unit_operator.get()),
                                    metode="post"),
}


def _nama_url(patterns, prefix: str = "") -> set[str]:
    nama = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            nama |= _nama_url(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            nama.add(prefix + p.name)
    return nama


def test_setiap_url_punya_aturan():
    # Django's own admin (namespace "admin") is for superusers and guarded by Django itself;
    # one rule below covers its index.  Everything else must be listed.
    semua_nama = {n for n in _nama_url(get_resolver().url_patterns) if not n.startswith("admin:")}
    tanpa_aturan = sorted(semua_nama - ATURAN.keys())
    assert not tanpa_aturan, f"URL tanpa aturan akses di tests/test_matriks_akses.py: {tanpa_aturan}"
    basi = sorted(ATURAN.keys() - semua_nama)
    assert not basi, f"Aturan untuk URL yang tidak ada lagi: {basi}"


@pytest.fixture
def pengguna(org):
    superuser = PegawaiFactory(nama="Root", is_superuser=True, is_staff=True, instansi=None)
    return {
        "anonim": None,
        "asn": org.staf,
        "atasan": org.kasi,
        "operator": org.operator,
        "admin": org.admin,
        "superuser": superuser,
        "lain": org.orang_lain,
    }


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("nama", sorted(ATURAN))
def test_akses(client, org, pengguna, nama, peran):
    aturan = ATURAN[nama]
    user = pengguna[peran]
    if user is not None:
        client.force_login(user)
    url = reverse(nama, kwargs=aturan.kwargs(org) if aturan.kwargs else None)
    resp = getattr(client, aturan.metode)(url, aturan.data)
    assert resp.status_code == aturan.untuk(peran), (nama, peran, resp.status_code)
    if resp.status_code == 302 and peran == "anonim" and aturan.untuk("anonim") == 302:
        if nama not in {"set_language", "keluar"}:
            assert resp["Location"].startswith(reverse("masuk"))


@pytest.mark.parametrize(("peran", "kode"), [("superuser", 200), ("admin", 302), ("asn", 302)])
def test_admin_django_hanya_superuser(client, pengguna, peran, kode):
    client.force_login(pengguna[peran])
    assert client.get(reverse("admin:index")).status_code == kode
