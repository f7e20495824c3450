"""Token lifecycle: made on the profile's Token API page and shown once, stored hashed,
expiring, revocable, the second-step rule, the admin's service tokens; and the rate limit."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from api.models import TokenAkses
from api.services import token as services
from pegawai.models import Riwayat
from tests.api.conftest import KlienApi, buat_token


def _buat_lewat_halaman(client, user, **isian):
    client.force_login(user)
    data = {"nama": "Skrip impor", "cakupan": "tulis", "kedaluwarsa": "30"} | isian
    return client.post(reverse("api_token"), data)


def _rahasia(resp) -> str:
    html = resp.content.decode()
    return html.split("data-token-baru>", 1)[1].split("<", 1)[0]


def test_profil_menautkan_halaman_token(client, org):
    client.force_login(org.staf)
    assert reverse("api_token") in client.get(reverse("profil")).content.decode()


def test_token_ditampilkan_sekali_dan_disimpan_sebagai_hash(client, org):
    resp = _buat_lewat_halaman(client, org.staf)
    assert resp.status_code == 200
    assert "no-cache" in resp["Cache-Control"] or "no-store" in resp["Cache-Control"]
    rahasia = _rahasia(resp)
    t = TokenAkses.objects.get(pemilik=org.staf)
    assert rahasia.startswith(t.awalan + "_") and len(rahasia) > 40
    assert t.hash == hashlib.sha256(rahasia.encode()).hexdigest()
    # Nothing stored holds the secret; the list shows only the prefix.
    simpanan = " ".join(str(v) for v in TokenAkses.objects.filter(pk=t.pk).values().get().values())
    assert rahasia not in simpanan
    halaman = client.get(reverse("api_token")).content.decode()
    assert t.awalan in halaman and rahasia not in halaman
    assert t.cakupan == "tulis" and t.kedaluwarsa > timezone.now() + dt.timedelta(days=29)
    # ...and it works.
    assert KlienApi(rahasia).get("/saya").json()["nip"] == org.staf.nip


def test_pembuatan_dan_pencabutan_dicatat(client, org):
    rahasia = _rahasia(_buat_lewat_halaman(client, org.staf))
    t = TokenAkses.objects.get(pemilik=org.staf)
    dibuat = Riwayat.objects.get(aksi="api.token_dibuat")
    assert (dibuat.pelaku, dibuat.subjek, dibuat.object_id) == (org.staf, org.staf, t.pk)
    resp = client.post(reverse("api_token_cabut", args=[t.pk]))
    assert resp.status_code == 302
    t.refresh_from_db()
    assert t.dicabut_pada is not None and t.dicabut_oleh == org.staf
    dicabut = Riwayat.objects.get(aksi="api.token_dicabut")
    assert dicabut.pelaku == org.staf and dicabut.data["token"] == t.pk
    # A revoked token answers 401 at once.
    resp = KlienApi(rahasia).get("/saya")
    assert resp.status_code == 401 and resp["Content-Type"] == "application/problem+json"


def test_cabut_meminta_konfirmasi_dulu(client, org):
    buat_token(org.staf)
    t = TokenAkses.objects.get()
    client.force_login(org.staf)
    resp = client.get(reverse("api_token_cabut", args=[t.pk]))
    assert resp.status_code == 200
    t.refresh_from_db()
    assert t.dicabut_pada is None


def test_token_orang_lain_tidak_dapat_dicabut(client, org):
    buat_token(org.kasi)
    t = TokenAkses.objects.get()
    client.force_login(org.staf)
    assert client.post(reverse("api_token_cabut", args=[t.pk])).status_code == 404
    t.refresh_from_db()
    assert t.dicabut_pada is None


def test_token_kedaluwarsa_ditolak(org):
    rahasia = buat_token(org.staf)
    TokenAkses.objects.update(kedaluwarsa=timezone.now() - dt.timedelta(seconds=1))
    assert KlienApi(rahasia).get("/saya").status_code == 401


def test_token_pegawai_nonaktif_ditolak(org):
    rahasia = buat_token(org.staf)
    type(org.staf).objects.filter(pk=org.staf.pk).update(is_active=False)
    assert KlienApi(rahasia).get("/saya").status_code == 401


@pytest.mark.parametrize(
    "kepala", ["", "Bearer ", "Bearer ekn_salah", "Token abc", "Bearer x" * 50]
)
def test_token_tidak_sah_401(db, kepala):
    from django.test import Client

    resp = Client().get("/api/v1/saya", headers={"authorization": kepala} if kepala else {})
    assert resp.status_code == 401
    assert resp["Content-Type"] == "application/problem+json"
    assert resp["WWW-Authenticate"].startswith("Bearer")
    assert resp.json()["title"] == "Perlu token"


def test_terakhir_dipakai_dicatat(org):
    rahasia = buat_token(org.staf)
    assert TokenAkses.objects.get().terakhir_dipakai is None
    KlienApi(rahasia).get("/saya")
    assert TokenAkses.objects.get().terakhir_dipakai is not None


# --- the second step ---------------------------------------------------------------------------
def test_peran_wajib_dua_langkah_tanpa_perangkat_tidak_dapat_membuat(client, org):
    """The admin must use the second step: without an app set up, no token."""
    resp = _buat_lewat_halaman(client, org.admin)
    assert resp.status_code == 200
    assert not TokenAkses.objects.exists()
    assert "verifikasi dua langkah" in resp.content.decode()


def test_peran_wajib_dua_langkah_dengan_perangkat_dan_sesi_lolos_dapat_membuat(client, org):
    TOTPDevice.objects.create(user=org.admin, name="app", confirmed=True)
    resp = _buat_lewat_halaman(client, org.admin)
    assert TokenAkses.objects.filter(pemilik=org.admin).count() == 1
    assert _rahasia(resp).startswith("ekn_")


def test_sesi_belum_lolos_dua_langkah_ditolak_layanan(org):
    """The rule lives in the service: a session that has not passed the step is refused."""
    with pytest.raises(PermissionDenied):
        services.buat_token_pribadi(
            org.kasi, "x", "baca", 30, wajib_dua_langkah=True, dua_langkah_lolos=False
        )


def test_asn_biasa_tanpa_dua_langkah_dapat_membuat(client, org):
    _buat_lewat_halaman(client, org.staf)
    assert TokenAkses.objects.filter(pemilik=org.staf).count() == 1


def test_isian_salah_pesan_di_samping_kolom(client, org):
    resp = _buat_lewat_halaman(client, org.staf, nama="", cakupan="semua")
    html = resp.content.decode()
    assert "Nama token wajib diisi." in html
    assert not TokenAkses.objects.exists()


# --- service tokens ----------------------------------------------------------------------------
def test_admin_membuat_token_layanan_tercatat(client, org):
    TOTPDevice.objects.create(user=org.admin, name="app", confirmed=True)
    client.force_login(org.admin)
    resp = client.post(
        reverse("api_token_layanan"), {"nama": "Sistem TPP", "cakupan": "baca", "kedaluwarsa": "90"}
    )
    rahasia = _rahasia(resp)
    t = TokenAkses.objects.get()
    assert (t.jenis, t.instansi, t.pemilik) == ("layanan", org.instansi, org.admin)
    r = Riwayat.objects.get(aksi="api.token_dibuat")
    assert r.pelaku == org.admin and r.sebagai == "admin" and r.data["instansi"] == org.instansi.pk
    assert KlienApi(rahasia).get("/instansi/pegawai").status_code == 200
    # The admin revokes it from the same page.
    assert "Sistem TPP" in client.get(reverse("api_token_layanan")).content.decode()
    client.post(reverse("api_token_cabut", args=[t.pk]))
    assert KlienApi(rahasia).get("/instansi/pegawai").status_code == 401


def test_bukan_admin_tidak_dapat_membuat_token_layanan(org):
    with pytest.raises(PermissionDenied):
        services.buat_token_layanan(org.staf, org.instansi, "x", "baca", 30, dua_langkah_lolos=True)


def test_token_layanan_berhenti_bila_pembuatnya_bukan_admin_lagi(org):
    rahasia = buat_token(org.admin, layanan=True)
    assert KlienApi(rahasia).get("/instansi/pegawai").status_code == 200
    type(org.admin).objects.filter(pk=org.admin.pk).update(is_admin_instansi=False)
    assert KlienApi(rahasia).get("/instansi/pegawai").status_code == 401


def test_token_layanan_ditolak_di_endpoint_pribadi(org):
    resp = KlienApi(buat_token(org.admin, layanan=True)).get("/aktivitas")
    assert resp.status_code == 403
    assert "Token layanan" in resp.json()["detail"]


def test_batas_jumlah_token_aktif(org):
    for _i in range(services.MAKS_TOKEN_AKTIF):
        buat_token(org.staf)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        buat_token(org.staf)


# --- rate limit --------------------------------------------------------------------------------
@override_settings(API_BATAS_PER_MENIT=3)
def test_batas_laju_per_token(org):
    k = KlienApi(buat_token(org.staf))
    assert [k.get("/saya").status_code for _i in range(3)] == [200, 200, 200]
    resp = k.get("/saya")
    assert resp.status_code == 429
    assert resp["Content-Type"] == "application/problem+json"
    assert 1 <= int(resp["Retry-After"]) <= 60
    assert "3 permintaan per menit" in resp.json()["detail"]
    # Another token of the same pegawai has its own counter.
    assert KlienApi(buat_token(org.staf)).get("/saya").status_code == 200


def test_halaman_token_ringan_dan_yang_aktif_di_atas(client, org, django_assert_max_num_queries):
    lama = buat_token(org.staf)
    baru = buat_token(org.staf)
    t_lama = TokenAkses.objects.get(hash=hashlib.sha256(lama.encode()).hexdigest())
    services.cabut_token(org.staf, t_lama)
    client.force_login(org.staf)
    client.get(reverse("api_token"))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("api_token")).content.decode()
    awalan_baru = baru.split("_")[0] + "_" + baru.split("_")[1]
    assert html.index(awalan_baru) < html.index(t_lama.awalan)
    assert len(html.encode()) < 30_000
