"""The ASN copies yesterday's (the previous workday's) activities to a day in one click."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from aktivitas.services import rencana_aksi as svc
from kalender.models import HariLibur
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data, kunci

URL = reverse("aktivitas_salin_kemarin")
SELASA = HARI - dt.timedelta(days=1)
HTMX = {"HTTP_HX_REQUEST": "true"}


def catat(pegawai, tanggal, mulai, selesai, uraian="Mengarsip laporan", rhk=None, aktor=None):
    isi = data(rhk=rhk, tanggal=tanggal, mulai=mulai, selesai=selesai, uraian=uraian)
    a, _ = akt.catat_aktivitas(aktor or pegawai, pegawai, isi, kunci())
    return a


@pytest.fixture
def kemarin(org, rhk_staf):
    """Two activities on Tuesday 10 March 2026, the day before HARI."""
    return [
        catat(org.staf, SELASA, (8, 0), (10, 0), "Mengarsip laporan", rhk=rhk_staf),
        catat(org.staf, SELASA, (13, 0), (14, 30), "Rapat koordinasi"),
    ]


def test_salin_jam_rhk_uraian_output_dengan_kunci_baru(client, org, kemarin):
    client.force_login(org.staf)
    resp = client.post(URL, {"tanggal": HARI.isoformat()})
    assert resp.status_code == 302
    assert resp["Location"] == reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"
    salinan = list(Aktivitas.objects.filter(tanggal=HARI).order_by("jam_mulai"))
    assert len(salinan) == 2
    for asal, baru in zip(kemarin, salinan, strict=True):
        assert (baru.jam_mulai, baru.jam_selesai) == (asal.jam_mulai, asal.jam_selesai)
        assert (baru.rhk_id, baru.uraian) == (asal.rhk_id, asal.uraian)
        assert (baru.jumlah_output, baru.satuan_output) == (Decimal("2"), "laporan")
        assert baru.kunci != asal.kunci and baru.status == "menunggu"
    assert Riwayat.objects.filter(aksi="aktivitas.dicatat").count() == 4
    html = client.get(resp["Location"]).content.decode()
    assert "2 aktivitas disalin dari Selasa, 10 Maret 2026" in html


def test_yang_bertumpang_tindih_dilewati_dengan_pesan(client, org, kemarin):
    catat(org.staf, HARI, (9, 0), (9, 30), "Apel pagi")
    client.force_login(org.staf)
    html = client.post(URL, {"tanggal": HARI.isoformat()}, follow=True).content.decode()
    assert Aktivitas.objects.filter(tanggal=HARI).count() == 2  # Apel pagi + Rapat koordinasi
    assert "1 aktivitas disalin" in html
    assert "Tidak disalin: 08:00–10:00 Mengarsip laporan — Waktu ini bertumpang tindih" in html


def test_salin_dua_kali_tidak_menggandakan(client, org, kemarin):
    client.force_login(org.staf)
    client.post(URL, {"tanggal": HARI.isoformat()})
    client.post(URL, {"tanggal": HARI.isoformat()})
    assert Aktivitas.objects.filter(tanggal=HARI).count() == 2


def test_senin_menyalin_dari_jumat(org):
    jumat, senin = dt.date(2026, 3, 6), dt.date(2026, 3, 9)
    catat(org.staf, jumat, (8, 0), (9, 0))
    hasil = svc.salin_hari_kerja_sebelumnya(org.staf, org.staf, senin)
    assert hasil.sumber == jumat and len(hasil.disalin) == 1


def test_hari_libur_dilewati(org):
    HariLibur.objects.create(tanggal=SELASA, nama="Libur", jenis="libur_nasional")
    senin = SELASA - dt.timedelta(days=1)
    catat(org.staf, senin, (8, 0), (9, 0))
    hasil = svc.salin_hari_kerja_sebelumnya(org.staf, org.staf, HARI)
    assert hasil.sumber == senin and len(hasil.disalin) == 1


def test_tidak_ada_yang_disalin(client, org):
    client.force_login(org.staf)
    html = client.post(URL, {"tanggal": HARI.isoformat()}, follow=True).content.decode()
    assert "Tidak ada aktivitas pada Selasa, 10 Maret 2026 untuk disalin." in html
    assert not Aktivitas.objects.exists()


def test_htmx_mengembalikan_daftar_hari_itu(client, org, kemarin):
    client.force_login(org.staf)
    resp = client.post(URL, {"tanggal": HARI.isoformat()}, **HTMX)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Rapat koordinasi" in html and "2 aktivitas disalin" in html


def test_tanggal_masa_depan_ditolak(client, org):
    besok = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        svc.salin_hari_kerja_sebelumnya(org.staf, org.staf, besok)
    client.force_login(org.staf)
    html = client.post(URL, {"tanggal": besok.isoformat()}, follow=True).content.decode()
    assert "Tanggal aktivitas tidak boleh di masa depan." in html


def test_satu_transaksi_semua_atau_tidak_sama_sekali(org, kemarin, monkeypatch):
    asli = akt.catat_aktivitas
    panggilan = []

    def gagal_kedua(*args, **kwargs):
        panggilan.append(1)
        if len(panggilan) == 2:
            raise RuntimeError("server mati di tengah jalan")
        return asli(*args, **kwargs)

    monkeypatch.setattr(akt, "catat_aktivitas", gagal_kedua)
    with pytest.raises(RuntimeError):
        svc.salin_hari_kerja_sebelumnya(org.staf, org.staf, HARI)
    assert not Aktivitas.objects.filter(tanggal=HARI).exists()


def test_operator_menyalin_atas_nama_pegawai(client, org, kemarin):
    client.force_login(org.operator)
    resp = client.post(URL + f"?pegawai={org.staf.pk}", {"tanggal": HARI.isoformat()})
    assert resp["Location"].endswith(f"pegawai={org.staf.pk}")
    salinan = Aktivitas.objects.filter(tanggal=HARI)
    assert salinan.count() == 2
    assert {a.diisi_oleh_id for a in salinan} == {org.operator.pk}


def test_orang_lain_tidak_boleh_menyalin(client, org, kemarin):
    with pytest.raises(PermissionDenied):
        svc.salin_hari_kerja_sebelumnya(org.kasi, org.staf, HARI)
    client.force_login(org.kasi)
    assert (
        client.post(URL + f"?pegawai={org.staf.pk}", {"tanggal": HARI.isoformat()}).status_code
        == 403
    )
    client.force_login(org.orang_lain)
    assert (
        client.post(URL + f"?pegawai={org.staf.pk}", {"tanggal": HARI.isoformat()}).status_code
        == 404
    )
    assert not Aktivitas.objects.filter(tanggal=HARI).exists()


def test_hanya_post(client, org):
    client.force_login(org.staf)
    assert client.get(URL).status_code == 405
