"""The drill-down list's "kirim pengingat": to the selected pegawai (only those on the list)
or to all of them, by plain POST or htmx, through notifikasi.services.kirim.kirim_pengingat_manual;
the success message gives the count."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from notifikasi.models import Notifikasi
from notifikasi.services import kirim as layanan
from pemantauan.services import bangun_ringkasan
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


def token() -> str:
    """The one-time token a confirmation carries (tests/pemantauan/test_konfirmasi_pengingat.py)."""
    return uuid.uuid4().hex


@pytest.fixture
def panggilan(monkeypatch):
    asli = layanan.kirim_pengingat_manual  # the real service, watched
    catatan = []

    def mata_mata(pelaku, penerima_ids, judul, pesan, tautan, **kw):
        n = asli(pelaku, penerima_ids, judul, pesan, tautan, **kw)
        catatan.append((pelaku, sorted(penerima_ids), judul, pesan, tautan, n))
        return n

    monkeypatch.setattr("pemantauan.views.kirim_pengingat_manual", mata_mata)
    return catatan


def test_pengingat_ke_yang_dipilih_dan_ke_semua(client, kabupaten, admin_kab, panggilan):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    client.force_login(admin_kab)
    daftar = reverse("pemantauan_rincian", args=["realisasi_belum"])
    r = client.get(daftar, {"tahun": TAHUN})
    ids = [b.pegawai_id for b in r.context["page_obj"].paginator.object_list]
    assert len(ids) >= 2
    luar = next(p.pk for p in kabupaten.pegawai if p.pk not in ids)
    url = reverse("pemantauan_pengingat", args=["realisasi_belum"]) + f"?tahun={TAHUN}"

    r = client.post(url, {"pegawai": [ids[0], ids[1], luar], "token": token()}, follow=True)
    assert panggilan[-1][1] == sorted(ids[:2])  # the pegawai outside the list is dropped
    assert panggilan[-1][0] == admin_kab
    assert set(Notifikasi.objects.values_list("penerima_id", flat=True)) == set(ids[:2])
    pesan = [str(m) for m in r.context["messages"]]
    assert f"Pengingat dikirim ke {panggilan[-1][5]} pegawai." in pesan

    r = client.post(url, {"semua": "1", "token": token()}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert panggilan[-1][1] == sorted(ids)
    assert f"Pengingat dikirim ke {panggilan[-1][5]} pegawai.".encode() in r.content


def test_tanpa_pilihan_tidak_mengirim(client, kabupaten, admin_kab, panggilan):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    client.force_login(admin_kab)
    url = reverse("pemantauan_pengingat", args=["hari_kosong"]) + f"?tahun={TAHUN}"
    r = client.post(url, {}, follow=True)
    assert not panggilan
    assert any("Pilih paling sedikit" in str(m) for m in r.context["messages"])
