"""Fixtures of the REST API tests: tokens of every kind and the objects the endpoints name."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from aktivitas.models import RealisasiBulanan
from aktivitas.services import harian as akt
from api.services import token as services_token
from skp.models import IndikatorKinerja, RencanaHasilKerja
from skp.services import penyusunan as services_skp
from tests.factories import InstansiFactory, PegawaiFactory

HARI = dt.date(2026, 3, 11)  # a Wednesday in the past (tests/aktivitas/conftest.py)
API = "/api/v1"


def buat_token(user, cakupan="tulis", *, layanan=False) -> str:
    """A token's secret, made through the service as the pages do."""
    if layanan:
        baru = services_token.buat_token_layanan(
            user, user.instansi, "uji layanan", cakupan, 90, dua_langkah_lolos=True
        )
    else:
        baru = services_token.buat_token_pribadi(
            user, "uji", cakupan, 90, wajib_dua_langkah=False, dua_langkah_lolos=True
        )
    return baru.rahasia


class KlienApi:
    """The test client with a token in the Authorization header."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.token = token

    def _kepala(self, kepala):
        h = dict(kepala or {})
        if self.token:
            h["authorization"] = f"Bearer {self.token}"
        return h

    def get(self, path, data=None, headers=None):
        return self.client.get(API + path, data, headers=self._kepala(headers))

    def post(self, path, data=None, headers=None, multipart=False):
        if multipart:
            return self.client.post(API + path, data, headers=self._kepala(headers))
        return self.client.post(
            API + path, data, content_type="application/json", headers=self._kepala(headers)
        )

    def put(self, path, data=None, headers=None):
        return self.client.put(
            API + path, data, content_type="application/json", headers=self._kepala(headers)
        )

    def delete(self, path, headers=None):
        return self.client.delete(API + path, headers=self._kepala(headers))


def isian_aktivitas(**lain) -> dict:
    d = {
        "tanggal": HARI.isoformat(),
        "jam_mulai": "10:00",
        "jam_selesai": "11:00",
        "uraian": "Menyusun laporan",
        "jumlah_output": "1",
        "satuan_output": "laporan",
        "kunci": str(uuid.uuid4()),
    }
    d.update(lain)
    return d


@dataclass
class DataApi:
    org: object
    skp: object
    rhk: object
    indikator: object
    aktivitas: object
    realisasi_draf: object
    realisasi_diajukan: object
    admin_lain: object


@pytest.fixture
def data_api(org):
    """The staf's SKP 2026 (one RHK, one indicator), a pending activity on HARI, a draft
    realisation row of February and a submitted one of January (penilai: the kasi); the
    admin of another instansi."""
    periode = services_skp.buka_periode(org.admin, org.instansi, 2026)
    skp = services_skp.buat_skp(org.staf, org.staf, periode, tanggal=periode.mulai)
    rhk = services_skp.simpan_rhk(org.staf, RencanaHasilKerja(skp=skp, teks="Arsip tertata"))
    indikator = services_skp.simpan_indikator(
        org.staf,
        IndikatorKinerja(rhk=rhk, teks="Laporan terarsip", aspek="kuantitas", target_teks="12"),
    )
    aktivitas = akt.catat_aktivitas(
        org.staf,
        org.staf,
        akt.DataAktivitas(
            tanggal=HARI,
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="Mengarsip laporan",
            jumlah_output=Decimal("2"),
            satuan_output="laporan",
            rhk=rhk,
        ),
        uuid.uuid4(),
    )[0]
    indikator = IndikatorKinerja.objects.get(rhk=rhk)
    draf = RealisasiBulanan.objects.create(
        skp=skp, indikator=indikator, tahun=2026, bulan=2, realisasi="Dua laporan"
    )
    diajukan = RealisasiBulanan.objects.create(
        skp=skp,
        indikator=indikator,
        tahun=2026,
        bulan=1,
        realisasi="Satu laporan",
        status="diajukan",
        penilai=org.kasi,
    )
    admin_lain = PegawaiFactory(
        nama="Admin Lain", instansi=InstansiFactory(kode="LAIN2"), is_admin_instansi=True
    )
    return DataApi(org, skp, rhk, indikator, aktivitas, draf, diajukan, admin_lain)


@pytest.fixture
def token(data_api):
    """One token per kind of caller (secret strings)."""
    org = data_api.org
    return {
        "anonim": None,
        "pemilik": buat_token(org.staf),
        "baca": buat_token(org.staf, "baca"),
        "atasan": buat_token(org.kasi),
        "atasan_lain": buat_token(org.kabid),
        "admin": buat_token(org.admin),
        "lain": buat_token(org.orang_lain),
        "layanan": buat_token(org.admin, layanan=True),
        "layanan_lain": buat_token(data_api.admin_lain, layanan=True),
    }


@pytest.fixture
def klien(token):
    """``klien("pemilik")``: an API client with that caller's token."""
    return lambda jenis: KlienApi(token[jenis])
