"""A generated unit tree for the dashboard tests: units, pegawai, SKP (most ditetapkan),
activities over January–March 2026 (pending, returned, late entries, missing days), a
holiday, monthly realisation (on time, late, missing), quarterly ratings and an objection.
Rows are written directly: the tests compare the dashboard with raw rows, whatever wrote
them; ``hari_ini`` is 10 April 2026 (March's realisation is past its deadline, April's
is not due)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from aktivitas.models import Aktivitas, RealisasiBulanan
from kalender.models import HariLibur
from pegawai.models import Instansi, Pegawai, UnitKerja
from penilaian.models import Keberatan, Penilaian, PeriodePenilaian
from penilaian.rules import JenisPeriode
from skp.models import IndikatorKinerja, Periode, RencanaHasilKerja, Skp
from tests.factories import InstansiFactory, JabatanFactory, PegawaiFactory, UnitKerjaFactory

TAHUN = 2026
HARI_INI = dt.date(2026, 4, 10)
LIBUR = dt.date(2026, 2, 17)  # a Tuesday


@dataclass
class Kabupaten:
    instansi: Instansi
    akar: UnitKerja
    unit: list[UnitKerja]
    pegawai: list[Pegawai]
    periode: Periode
    jendela: list[PeriodePenilaian] = field(default_factory=list)


def _waktu(tanggal: dt.date, jam: int = 16) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(jam, 0)))


def bangun_kabupaten(
    n_unit: int, n_pegawai: int, *, seed: int = 7, aktivitas: bool = True, instansi=None
) -> Kabupaten:
    acak = random.Random(seed)
    instansi = instansi or InstansiFactory(kode=f"GEN{seed}", nama=f"Kabupaten {seed}")
    akar = UnitKerjaFactory(instansi=instansi, kode=f"G{seed}", nama="Sekretariat Daerah")
    unit = [akar]
    for i in range(n_unit - 1):
        induk = unit[acak.randrange(len(unit))] if i >= 2 else akar
        unit.append(
            UnitKerjaFactory(
                instansi=instansi, kode=f"G{seed}.{i}", nama=f"Unit {i:02d}", induk=induk
            )
        )
    jabatan = {u.pk: JabatanFactory(unit=u, nama=f"Pelaksana {u.nama}") for u in unit}
    periode = Periode.objects.create(
        instansi=instansi,
        nama=f"Periode {TAHUN}",
        tahun=TAHUN,
        mulai=dt.date(TAHUN, 1, 1),
        selesai=dt.date(TAHUN, 12, 31),
        batas_penetapan_skp=dt.date(TAHUN, 1, 31),
    )
    HariLibur.objects.get_or_create(
        tanggal=LIBUR, instansi=None, defaults={"nama": "Libur uji", "jenis": "libur_nasional"}
    )
    jendela = []
    for i in range(4):
        mulai = dt.date(TAHUN, 3 * i + 1, 1)
        selesai = (
            dt.date(TAHUN, 3 * i + 4, 1) - dt.timedelta(days=1) if i < 3 else dt.date(TAHUN, 12, 31)
        )
        jendela.append(
            PeriodePenilaian.objects.create(
                periode=periode,
                jenis=JenisPeriode.TRIWULAN,
                urutan=i + 1,
                mulai=mulai,
                selesai=selesai,
                dibuka=selesai.replace(day=1),
                batas=selesai + dt.timedelta(days=10),
            )
        )
    jendela.append(
        PeriodePenilaian.objects.create(
            periode=periode,
            jenis=JenisPeriode.TAHUNAN,
            urutan=1,
            mulai=periode.mulai,
            selesai=periode.selesai,
            dibuka=dt.date(TAHUN, 12, 1),
            batas=dt.date(TAHUN + 1, 1, 31),
        )
    )
    pegawai = []
    for i in range(n_pegawai):
        u = unit[i % len(unit)] if i < len(unit) else unit[acak.randrange(len(unit))]
        pegawai.append(PegawaiFactory(instansi=instansi, unit_kerja=u, nama=f"Gen {seed}-{i:03d}"))
    # one pegawai retired: not monitored
    pegawai[-1].status = Pegawai.Status.PENSIUN
    pegawai[-1].save(update_fields=["status"])

    aktivitas_baru, realisasi_baru = [], []
    for i, p in enumerate(pegawai):
        status = Skp.Status.DITETAPKAN if i % 5 else Skp.Status.DRAFT
        skp = Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jabatan[p.unit_kerja_id],
            unit=p.unit_kerja,
            mulai=periode.mulai,
            selesai=periode.selesai,
            status=status,
        )
        rhk = RencanaHasilKerja.objects.create(skp=skp, teks="RHK")
        ind = IndikatorKinerja.objects.create(rhk=rhk, teks="Indikator", aspek="kuantitas")
        if aktivitas:
            tanggal = dt.date(TAHUN, 1, 1)
            malas = i % 7 == 3  # fills few days
            while tanggal <= dt.date(TAHUN, 3, 31):
                if tanggal.weekday() < 5 and acak.random() > (0.6 if malas else 0.08):
                    for k in range(acak.choice((1, 2, 3))):
                        telat = acak.random() < 0.1
                        pending = tanggal >= dt.date(TAHUN, 3, 20) or acak.random() < 0.05
                        st = (
                            Aktivitas.Status.MENUNGGU
                            if pending
                            else (
                                Aktivitas.Status.DIKEMBALIKAN
                                if acak.random() < 0.05
                                else Aktivitas.Status.DISETUJUI
                            )
                        )
                        aktivitas_baru.append(
                            Aktivitas(
                                pegawai=p,
                                skp=skp,
                                tanggal=tanggal,
                                jam_mulai=dt.time(8 + 2 * k, 0),
                                jam_selesai=dt.time(9 + 2 * k, acak.choice((0, 15, 30, 45))),
                                uraian="Kegiatan",
                                jumlah_output=1,
                                satuan_output="dokumen",
                                status=st,
                                dientri_pada=_waktu(tanggal + dt.timedelta(days=9 if telat else 0)),
                                terlambat=telat,
                                diisi_oleh=p,
                                kunci=uuid.uuid4(),
                            )
                        )
                tanggal += dt.timedelta(days=1)
            # realisation: January on time, February late for some, March missing for some
            for bulan in (1, 2, 3):
                pilih = (i + bulan) % 4
                if status != Skp.Status.DITETAPKAN and pilih:
                    continue
                if pilih == 0 and bulan == 3:
                    continue  # missing
                if pilih == 1 and bulan == 2:
                    realisasi_baru.append(
                        RealisasiBulanan(
                            skp=skp, indikator=ind, tahun=TAHUN, bulan=bulan, realisasi="draf"
                        )
                    )  # a draft only: missing
                    continue
                late = pilih == 2
                batas = dt.date(TAHUN, bulan + 1, 5)
                realisasi_baru.append(
                    RealisasiBulanan(
                        skp=skp,
                        indikator=ind,
                        tahun=TAHUN,
                        bulan=bulan,
                        realisasi="ok",
                        status=RealisasiBulanan.Status.DIAJUKAN,
                        diajukan_pada=_waktu(batas + dt.timedelta(days=3 if late else -2)),
                        terlambat=late,
                    )
                )
        if status == Skp.Status.DITETAPKAN and i % 3 == 0:
            pn = Penilaian.objects.create(
                periode_penilaian=jendela[0],
                skp=skp,
                pegawai=p,
                unit=p.unit_kerja,
                status=Penilaian.Status.DINILAI if i % 2 else Penilaian.Status.FINAL,
                rating_hasil_kerja="sesuai",
                rating_perilaku="sesuai",
                predikat="baik",
            )
            if i % 9 == 0:
                Keberatan.objects.create(
                    penilaian=pn,
                    pegawai=p,
                    alasan="Tidak sesuai",
                    diajukan_oleh=p,
                    predikat_semula="baik",
                    rating_hasil_kerja_semula="sesuai",
                    rating_perilaku_semula="sesuai",
                )
        elif status == Skp.Status.DITETAPKAN and i % 3 == 1:
            Penilaian.objects.create(
                periode_penilaian=jendela[0], skp=skp, pegawai=p, unit=p.unit_kerja
            )  # a draft rating: not done
    Aktivitas.objects.bulk_create(aktivitas_baru, batch_size=1000)
    RealisasiBulanan.objects.bulk_create(realisasi_baru)
    return Kabupaten(instansi, akar, unit, pegawai, periode, jendela)


@pytest.fixture
def hari_ini(monkeypatch):
    from skp.services import penyusunan as services

    monkeypatch.setattr(services, "hari_ini", lambda: HARI_INI)
    return HARI_INI


@pytest.fixture
def kabupaten(db, hari_ini) -> Kabupaten:
    return bangun_kabupaten(6, 30)


@pytest.fixture
def admin_kab(kabupaten) -> Pegawai:
    return PegawaiFactory(instansi=kabupaten.instansi, is_admin_instansi=True, nama="Admin Gen")
