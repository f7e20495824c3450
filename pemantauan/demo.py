"""Demo data of the dashboards: for the demo kabupaten (``pegawai.demo``), the running
year of daily activities and the monthly realisation of the SKPs ditetapkan — written
once, only when the demo instansi has no activities yet (a hand-filled demo is never
touched) — then the summary tables.  Called by ``seed_demo``; safe to run again."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone

from aktivitas import rules as aturan_aktivitas
from aktivitas.models import Aktivitas, HariLibur, RealisasiBulanan
from pegawai.demo import KODE_INSTANSI
from pegawai.hierarki import rantai_penilai
from pegawai.models import Instansi, Pegawai
from skp import services as skp_services
from skp.models import IndikatorKinerja, Skp

from .services import bangun_ringkasan

URAIAN = (
    ("Menyusun laporan kegiatan", "laporan"),
    ("Verifikasi data layanan", "berkas"),
    ("Rapat koordinasi", "kegiatan"),
    ("Memproses surat masuk", "surat"),
    ("Pendampingan lapangan", "kegiatan"),
    ("Pengolahan data bulanan", "dokumen"),
)


def _waktu(tanggal: dt.date, jam: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(jam, 30)))


@transaction.atomic
def _isi_aktivitas(instansi: Instansi, hari_ini: dt.date) -> int:
    acak = random.Random(2026)
    libur = set(HariLibur.objects.values_list("tanggal", flat=True))
    pegawai = list(
        Pegawai.objects.filter(
            instansi=instansi, unit_kerja__isnull=False, status__in=Pegawai.STATUS_BOLEH_MASUK
        ).order_by("pk")
    )
    skp = {
        s.pegawai_id: s
        for s in Skp.objects.filter(pegawai__in=pegawai, periode__tahun=hari_ini.year)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .order_by("pegawai_id", "versi")
    }
    # The whole running year: the monthly chart and the realisation need every month.
    awal = dt.date(hari_ini.year, 1, 1)
    baris = []
    for i, p in enumerate(pegawai):
        rajin = (0.97, 0.9, 0.75, 0.45)[i % 4] if i % 11 else 0.2  # a few with little work
        banyak = (1, 2, 3, 4) if i % 13 == 5 else (1, 2, 3)
        rantai = rantai_penilai(p, hari_ini).pejabat_penilai
        penilai_id = rantai.pegawai.pk if rantai and rantai.pegawai else None
        tanggal = awal
        while tanggal < hari_ini:
            if aturan_aktivitas.is_hari_kerja(tanggal, libur) and acak.random() < rajin:
                for k in range(acak.choice(banyak)):
                    uraian, satuan = acak.choice(URAIAN)
                    telat = acak.random() < 0.06
                    baru = (hari_ini - tanggal).days <= 14
                    status = (
                        Aktivitas.Status.MENUNGGU
                        if baru or acak.random() < 0.03
                        else (
                            Aktivitas.Status.DIKEMBALIKAN
                            if acak.random() < 0.03
                            else Aktivitas.Status.DISETUJUI
                        )
                    )
                    entri = tanggal + dt.timedelta(days=acak.choice((6, 8, 10)) if telat else 0)
                    baris.append(
                        Aktivitas(
                            pegawai=p,
                            skp=skp.get(p.pk),
                            tanggal=tanggal,
                            jam_mulai=dt.time(8 + 2 * k, 0),
                            jam_selesai=dt.time(9 + 2 * k, acak.choice((0, 30, 45))),
                            uraian=uraian,
                            jumlah_output=acak.choice((1, 1, 2, 3)),
                            satuan_output=satuan,
                            status=status,
                            penilai_id=penilai_id,
                            dientri_pada=_waktu(min(entri, hari_ini), 16),
                            terlambat=telat,
                            diisi_oleh=p,
                            kunci=uuid.uuid4(),
                        )
                    )
            tanggal += dt.timedelta(days=1)
    Aktivitas.objects.bulk_create(baris, batch_size=2000)
    # Monthly realisation of the SKPs ditetapkan: mostly on time, some late, one missing.
    realisasi = []
    for j, s in enumerate(skp.values()):
        if s.status != Skp.Status.DITETAPKAN:
            continue
        indikator = IndikatorKinerja.objects.filter(rhk__skp=s).order_by("pk")
        for bulan in range(awal.month, hari_ini.month):
            batas = aturan_aktivitas.batas_realisasi(hari_ini.year, bulan)
            if batas >= hari_ini or (bulan + j) % 7 == 0:
                continue  # not due yet, or missing
            telat = (bulan + j) % 4 == 0
            for ind in indikator:
                realisasi.append(
                    RealisasiBulanan(
                        skp=s,
                        indikator=ind,
                        tahun=hari_ini.year,
                        bulan=bulan,
                        realisasi="Terlaksana sesuai rencana aksi bulan ini.",
                        status=RealisasiBulanan.Status.DISETUJUI,
                        diajukan_pada=_waktu(batas + dt.timedelta(days=3 if telat else -1), 9),
                        terlambat=telat,
                        diisi_oleh=s.pegawai,
                    )
                )
    RealisasiBulanan.objects.bulk_create(realisasi, ignore_conflicts=True)
    return len(baris)


def muat_demo_pemantauan(hari_ini: dt.date | None = None) -> list[str]:
    hari_ini = hari_ini or skp_services.hari_ini()
    instansi = Instansi.objects.filter(kode=KODE_INSTANSI).first()
    if instansi is None:
        return []
    hasil = []
    if not Aktivitas.objects.filter(pegawai__instansi=instansi).exists():
        n = _isi_aktivitas(instansi, hari_ini)
        hasil.append(f"{n} aktivitas demo")
    # Always rebuilt (it follows the data), reported only with new activities: a second run
    # of seed_demo changes nothing visible.
    baris = bangun_ringkasan(hari_ini.year, instansi_id=instansi.pk, hari_ini=hari_ini)
    if hasil:
        hasil.append(f"{baris} baris ringkasan pemantauan")
    return hasil
