"""Only the admin of his own instansi: a foreign batch is a 404, anyone else a 403; the pages
stay within the query, weight and CSP budgets, paginated at 25 rows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sinkron.models import SinkronSiasn
from sinkron.selectors import batch_terlihat
from sinkron.services import sinkron as services
from tests.factories import PegawaiFactory
from tests.sinkron.conftest import data
from tests.test_csp import periksa as periksa_csp

pytestmark = pytest.mark.django_db


def _batch(instansi, **lain):
    nilai = {
        "instansi": instansi,
        "asal": SinkronSiasn.Asal.BERKAS,
        "nama_sumber": "x.csv",
        "sha256": "0" * 64,
        "status": SinkronSiasn.Status.MENUNGGU,
    }
    nilai.update(lain)
    return SinkronSiasn.objects.create(**nilai)


@pytest.mark.parametrize(
    ("nama", "metode"),
    [
        ("sinkron_detail", "get"),
        ("sinkron_setujui", "get"),
        ("sinkron_setujui", "post"),
        ("sinkron_tolak", "get"),
        ("sinkron_tolak", "post"),
        ("sinkron_hitung_ulang", "post"),
    ],
)
def test_batch_instansi_lain_404(client, siasn, nama, metode):
    asing = _batch(siasn.instansi_lain)
    client.force_login(siasn.admin)
    respons = getattr(client, metode)(reverse(nama, args=[asing.pk]))
    assert respons.status_code == 404
    asing.refresh_from_db()
    assert asing.status == SinkronSiasn.Status.MENUNGGU


def test_daftar_hanya_batch_instansinya(client, siasn):
    sendiri = _batch(siasn.instansi, nama_sumber="milik-sendiri.csv")
    _batch(siasn.instansi_lain, nama_sumber="milik-lain.csv")
    client.force_login(siasn.admin)
    halaman = client.get(reverse("sinkron_daftar")).text
    assert "milik-sendiri.csv" in halaman and "milik-lain.csv" not in halaman
    assert list(batch_terlihat(siasn.admin)) == [sendiri]


@pytest.mark.parametrize(
    "nama", ["sinkron_daftar", "sinkron_sumber", "sinkron_detail", "sinkron_setujui"]
)
def test_bukan_admin_403(client, siasn, nama):
    batch = _batch(siasn.instansi)
    args = [batch.pk] if nama in ("sinkron_detail", "sinkron_setujui") else []
    client.force_login(siasn.staf)
    assert client.get(reverse(nama, args=args)).status_code == 403
    superuser = PegawaiFactory(is_superuser=True, instansi=None)
    client.force_login(superuser)
    assert client.get(reverse(nama, args=args)).status_code == 403


def test_anonim_diarahkan_masuk(client):
    respons = client.get(reverse("sinkron_daftar"))
    assert respons.status_code == 302 and "next=" in respons["Location"]


def test_layanan_menolak_admin_instansi_lain(siasn):
    with pytest.raises(PermissionDenied):
        services.periksa_berkas(
            siasn.admin_lain, siasn.instansi, data("siasn_awal.csv"), "siasn_awal.csv"
        )
    with pytest.raises(PermissionDenied):
        services.periksa_berkas(siasn.staf, siasn.instansi, data("siasn_awal.csv"), "a.csv")
    batch = _batch(siasn.instansi)
    with pytest.raises(SinkronSiasn.DoesNotExist):
        services.setujui(siasn.admin_lain, batch.pk)
    with pytest.raises(SinkronSiasn.DoesNotExist):
        services.tolak(siasn.admin_lain, batch.pk)


def _selisih_besar(n):
    orang = [
        {"baris": i + 2, "nip": f"{i:018d}", "nama": f"Pegawai {i}", "unit": "U", "jabatan": "J"}
        for i in range(n)
    ]
    berubah = [o | {"perubahan": [{"bidang": "nama", "lama": "A", "baru": "B"}]} for o in orang]
    return {
        "baru": orang,
        "berubah": berubah,
        "pindah": [],
        "keluar": [],
        "unit_baru": [],
        "unit_berubah": [],
    }


@pytest.mark.parametrize("banyak", [1, 300])
def test_kueri_dan_bobot_halaman(client, siasn, django_assert_max_num_queries, banyak):
    for _ in range(banyak if banyak < 50 else 40):
        _batch(siasn.instansi, status=SinkronSiasn.Status.DITOLAK)
    besar = _batch(
        siasn.instansi,
        selisih=_selisih_besar(banyak),
        jumlah_baru=banyak,
        jumlah_berubah=banyak,
        kesalahan=[{"baris": i, "kolom": "nip_baru", "pesan": "x"} for i in range(banyak)],
        jumlah_kesalahan=banyak,
    )
    client.force_login(siasn.admin)
    halaman = [
        reverse("sinkron_daftar"),
        reverse("sinkron_detail", args=[besar.pk]),
        reverse("sinkron_detail", args=[besar.pk]) + "?jenis=berubah&page=2",
        reverse("sinkron_detail", args=[besar.pk]) + "?jenis=kesalahan",
        reverse("sinkron_sumber"),
        reverse("sinkron_setujui", args=[besar.pk]),
    ]
    for url in halaman:
        client.get(url)  # the first visit fills the per-request caches
        with django_assert_max_num_queries(10):
            respons = client.get(url)
        assert respons.status_code == 200, url
        assert len(respons.content) <= 30 * 1024, (url, len(respons.content))
        assert respons.content.count(b"<tr>") <= 26, url  # 25 rows and the header
        assert periksa_csp(respons, url) == []
