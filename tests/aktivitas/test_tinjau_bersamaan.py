"""Approve and return at the same moment: exactly one wins, the other gets a clear refusal."""

import datetime as dt
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.services import harian as akt
from aktivitas.services import realisasi as real
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from tests.bersamaan import bersamaan_bernama

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)


def satu_menang(hasil):
    menang = [k for k, v in hasil.items() if v == "ok"]
    kalah = [v for v in hasil.values() if isinstance(v, ValidationError)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    assert "sudah" in kalah[0].messages[0]
    return menang[0]


@pytest.mark.django_db(transaction=True)
def test_setujui_dan_kembalikan_aktivitas_bersamaan_bernama(org):
    a = Aktivitas.objects.create(
        pegawai=org.staf,
        tanggal=dt.date(2026, 3, 11),
        jam_mulai=dt.time(8),
        jam_selesai=dt.time(9),
        uraian="Mengarsip",
        jumlah_output=Decimal(1),
        satuan_output="dokumen",
        penilai=org.kasi,
        dientri_pada=dt.datetime(2026, 3, 11, 10, tzinfo=dt.UTC),
        diisi_oleh=org.staf,
        kunci=uuid.uuid4(),
    )
    hasil = bersamaan_bernama(
        setujui=lambda: akt.setujui_aktivitas(org.kasi, [a.pk]),
        kembalikan=lambda: akt.kembalikan_aktivitas(org.kasi, [a.pk], "Lengkapi bukti"),
    )
    menang = satu_menang(hasil)
    a.refresh_from_db()
    assert a.status == {"setujui": "disetujui", "kembalikan": "dikembalikan"}[menang]


@pytest.mark.django_db(transaction=True)
def test_setujui_dan_kembalikan_realisasi_bersamaan_bernama(org, monkeypatch):
    from skp.services import penyusunan as services

    monkeypatch.setattr(
        real, "sekarang", lambda: dt.datetime(2026, 4, 2, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    )
    periode = services.buka_periode(org.admin, org.instansi, 2026)
    skp = Skp.objects.create(
        pegawai=org.staf,
        periode=periode,
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=periode.mulai,
        selesai=periode.selesai,
    )
    rhk = RencanaHasilKerja.objects.create(skp=skp, teks="Arsip tertata")
    IndikatorKinerja.objects.create(rhk=rhk, teks="Laporan terarsip", aspek="kuantitas")
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    real.simpan_realisasi(org.staf, r, "Tercapai", None, "")
    real.ajukan_realisasi(org.staf, org.staf, 2026, 3)
    hasil = bersamaan_bernama(
        setujui=lambda: real.setujui_realisasi(org.kasi, [r.pk]),
        kembalikan=lambda: real.kembalikan_realisasi(org.kasi, [r.pk], "Perbaiki"),
    )
    menang = satu_menang(hasil)
    r.refresh_from_db()
    assert r.status == {"setujui": "disetujui", "kembalikan": "dikembalikan"}[menang]
    assert RealisasiBulanan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ajukan_dua_kali_bersamaan_sekali_tercatat(org, monkeypatch):
    """A double click on "ajukan": the second waits for the first, then finds nothing left."""
    from pegawai.models import Riwayat
    from skp.services import penyusunan as services

    monkeypatch.setattr(
        real, "sekarang", lambda: dt.datetime(2026, 4, 2, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    )
    periode = services.buka_periode(org.admin, org.instansi, 2026)
    skp = Skp.objects.create(
        pegawai=org.staf,
        periode=periode,
        jabatan=org.jab_staf,
        unit=org.seksi,
        mulai=periode.mulai,
        selesai=periode.selesai,
    )
    rhk = RencanaHasilKerja.objects.create(skp=skp, teks="Arsip tertata")
    IndikatorKinerja.objects.create(rhk=rhk, teks="Laporan terarsip", aspek="kuantitas")
    r = real.siapkan_realisasi(org.staf, org.staf, 2026, 3)[0]
    real.simpan_realisasi(org.staf, r, "Tercapai", None, "")
    hasil = bersamaan_bernama(
        satu=lambda: real.ajukan_realisasi(org.staf, org.staf, 2026, 3),
        dua=lambda: real.ajukan_realisasi(org.staf, org.staf, 2026, 3),
    )
    assert sorted(v == "ok" for v in hasil.values()) == [False, True], hasil
    assert Riwayat.objects.filter(aksi="realisasi.diajukan").count() == 1
