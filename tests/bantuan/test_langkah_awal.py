"""The first-use start: three steps on the home page, ticked when done, closed and reopened
per user (issue 16 point 1)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from aktivitas.services import harian as akt
from bantuan.models import MulaiPengguna

pytestmark = pytest.mark.django_db

KOTAK = 'id="langkah-awal-judul"'  # the box itself, not the guide's words about it


def _beranda(client) -> str:
    return client.get(reverse("beranda")).content.decode()


def test_asn_baru_melihat_tiga_langkah_bertaut(client, org):
    client.force_login(org.staf)
    html = _beranda(client)
    assert KOTAK in html
    for url_name, label in [
        ("skp_daftar", "Lengkapi SKP"),
        ("aktivitas_harian", "Catat aktivitas hari ini"),
        ("realisasi_bulanan", "Kirim realisasi bulanan"),
    ]:
        assert f'<a href="{reverse(url_name)}">{label}</a>' in html


def test_langkah_dicentang_setelah_aktivitas_hari_ini(client, org):
    client.force_login(org.staf)
    assert '<a href="/aktivitas/">Catat aktivitas hari ini</a>' in _beranda(client)  # cached
    akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=dt.date.today(),
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="Mengarsip",
            jumlah_output=Decimal("1"),
            satuan_output="berkas",
        ),
        uuid.uuid4(),
    )
    html = _beranda(client)
    assert "<s>Catat aktivitas hari ini</s>" in html
    assert f'<a href="{reverse("skp_daftar")}">Lengkapi SKP</a>' in html


def test_ditutup_tersimpan_per_pengguna_dan_dapat_dibuka_lagi(client, org):
    client.force_login(org.staf)
    r = client.post(reverse("bantuan_langkah_awal"), {"ditutup": "1"})
    assert r.status_code == 302
    assert MulaiPengguna.objects.get(pegawai=org.staf).ditutup
    # Another session (another device) of the same user: still closed, and reopenable.
    lain = Client()
    lain.force_login(org.staf)
    html = _beranda(lain)
    assert KOTAK not in html
    assert "Tampilkan lagi langkah awal" in html
    lain.post(reverse("bantuan_langkah_awal"), {"ditutup": "0"})
    assert KOTAK in _beranda(lain)
    # Another user is not affected by the staf's choice.
    client.force_login(org.jf)
    assert KOTAK in _beranda(client)


def test_hanya_perubahan_yang_mencentang_menyegarkan_kotak(org):
    """The box's cached steps are forgotten when a step can change — a new activity, a
    realisation's status — and not for an approval or a draft's text (issue 12: no cache
    writes per approved row)."""
    from django.core.cache import cache

    from aktivitas.models import RealisasiBulanan
    from bantuan.selectors import versi_langkah
    from inti.cache_versi import versi
    from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
    from skp.services.penyusunan import buka_periode
    from tests.aktivitas.conftest import data, kunci

    def token():
        return cache.get(f"versi:{versi_langkah(org.staf.pk)}")

    versi(versi_langkah(org.staf.pk))
    awal = token()
    a, _dibuat = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    setelah_entri = token()
    assert setelah_entri != awal
    akt.setujui_aktivitas(org.kasi, [a.pk])
    assert token() == setelah_entri
    lain, _dibuat = akt.catat_aktivitas(
        org.staf, org.staf, data(mulai=(13, 0), selesai=(14, 0)), kunci()
    )
    setelah_entri = token()
    lain.delete()  # deleting an activity can untick the step
    assert token() != setelah_entri
    setelah_entri = token()
    skp = Skp.objects.create(
        pegawai=org.staf,
        periode=buka_periode(org.admin, org.instansi, 2026),
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
    )
    ind = IndikatorKinerja.objects.create(
        rhk=RencanaHasilKerja.objects.create(skp=skp, teks="RHK"), teks="Indikator"
    )
    r = RealisasiBulanan.objects.create(skp=skp, indikator=ind, tahun=2026, bulan=3)
    setelah_draf = token()
    r.realisasi = "Teks realisasi"
    r.save(update_fields=["realisasi"])  # typing in the draft
    assert token() == setelah_draf
    r.status = RealisasiBulanan.Status.DIAJUKAN
    r.save(update_fields=["status"])
    assert token() != setelah_draf
