"""The example client (scripts/contoh_impor_api.py, stdlib urllib only) against a live
server: a month of activities from a CSV, run twice without duplicates, refusals by row."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from django.test import override_settings

from aktivitas.models import Aktivitas
from tests.api.conftest import buat_token

BERKAS = Path(__file__).resolve().parents[2] / "scripts" / "contoh_impor_api.py"
spec = importlib.util.spec_from_file_location("contoh_impor_api", BERKAS)
contoh = importlib.util.module_from_spec(spec)
sys.modules["contoh_impor_api"] = contoh  # its dataclasses look themselves up there
spec.loader.exec_module(contoh)

CSV = """tanggal;jam_mulai;jam_selesai;uraian;jumlah_output;satuan_output
2026-03-02;08:00;09:30;Menyusun laporan surveilans;1;laporan
2026-03-03;08:00;10:00;Rapat koordinasi;1;kegiatan
2026-03-04;13:00;14:30;Mengarsip berkas;2,5;berkas
2026-03-05;10:00;09:00;Jam terbalik;1;laporan
"""


def test_impor_sebulan_lewat_api(transactional_db, live_server, org):
    token = buat_token(org.staf)
    baris = contoh.baca_csv(CSV)
    keluaran: list[str] = []
    hasil = contoh.impor(live_server.url, token, baris, cetak=keluaran.append)
    assert (hasil.baru, hasil.sudah_ada) == (3, 0)
    assert [n for n, _p in hasil.ditolak] == [5]
    assert "jam_selesai" in hasil.ditolak[0][1]
    assert Aktivitas.objects.filter(pegawai=org.staf).count() == 3
    assert Aktivitas.objects.get(uraian="Mengarsip berkas").jumlah_output == 2.5
    # Run again (after a lost connection, say): nothing doubles.
    lagi = contoh.impor(live_server.url, token, baris, cetak=keluaran.append)
    assert (lagi.baru, lagi.sudah_ada) == (0, 3)
    assert Aktivitas.objects.filter(pegawai=org.staf).count() == 3
    assert any("Baris 5 ditolak" in k for k in keluaran)


@override_settings(API_BATAS_PER_MENIT=1)
def test_klien_menunggu_retry_after(transactional_db, live_server, org):
    token = buat_token(org.staf)
    tunggu: list[float] = []
    dua = contoh.baca_csv(CSV)[:2]

    def tidur(detik):
        tunggu.append(detik)
        from django.core.cache import cache

        cache.clear()  # the minute has passed

    hasil = contoh.impor(live_server.url, token, dua, cetak=lambda s: None, tidur=tidur)
    assert hasil.baru == 2 and len(tunggu) == 1 and tunggu[0] >= 1


def test_token_salah_berhenti(transactional_db, live_server, org):
    keluaran: list[str] = []
    hasil = contoh.impor(live_server.url, "ekn_salah", contoh.baca_csv(CSV), cetak=keluaran.append)
    assert hasil.baru == 0 and len(hasil.ditolak) == 1
    assert "berhenti" in keluaran[0]
