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
