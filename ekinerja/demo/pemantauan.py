"""Demo data of the dashboards: for the demo kabupaten (``ekinerja.demo.organisasi``), the running
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
from aktivitas.models import Aktivitas, RealisasiBulanan
from ekinerja.demo.organisasi import KODE_INSTANSI
from kalender.models import HariLibur
from kalender.rules import is_hari_kerja
from pegawai.models import Instansi, Pegawai
from pegawai.selectors.hierarki import rantai_penilai
from pemantauan.services import bangun_ringkasan
from skp.models import IndikatorKinerja, Skp
from skp.services import penyusunan as skp_services

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
            if is_hari_kerja(tanggal, libur) and acak.random() < rajin:
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
    _kerja_asn_demo(hari_ini)
    return len(baris)


# A 1×1 PNG and a one-page PDF: real files the evidence checks accept.
PNG_DEMO = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)
PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _kerja_asn_demo(hari_ini: dt.date) -> None:
    """The demo ASN's recent activities carry evidence (files and a link), and last month's
    realisation waits for his atasan: every role then has its daily work to see."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aktivitas.services import bukti as services_bukti
    from ekinerja.demo.organisasi import NIP_ASN

    asn = Pegawai.objects.filter(nip=NIP_ASN).first()
    if asn is None:
        return
    menunggu = Aktivitas.objects.filter(pegawai=asn, status=Aktivitas.Status.MENUNGGU)
    bulan_ini = menunggu.filter(tanggal__gte=hari_ini.replace(day=1))
    # This month's when the month has begun with work, else the latest ones.
    terbaru = list(
        (bulan_ini if bulan_ini.exists() else menunggu).order_by("-tanggal", "jam_mulai")[:3]
    )
    bukti = [
        lambda a: services_bukti.tambah_bukti_berkas(
            asn, a, SimpleUploadedFile("foto-kegiatan.png", PNG_DEMO, "image/png")
        ),
        lambda a: services_bukti.tambah_bukti_berkas(
            asn, a, SimpleUploadedFile("laporan-surveilans.pdf", PDF_DEMO, "application/pdf")
        ),
        lambda a: services_bukti.tambah_bukti_tautan(
            asn, a, "https://drive.sukamaju.go.id/surveilans/minggu-ini"
        ),
    ]
    for i, tambah in enumerate(bukti if terbaru else []):
        tambah(terbaru[i % len(terbaru)])
    bulan = hari_ini.month - 1
    skp = Skp.objects.filter(pegawai=asn, status=Skp.Status.DITETAPKAN).first()
    penilai = rantai_penilai(asn, hari_ini).pejabat_penilai
    if bulan < 1 or skp is None or penilai is None or penilai.pegawai is None:
        return
    for ind in IndikatorKinerja.objects.filter(rhk__skp=skp).order_by("pk"):
        RealisasiBulanan.objects.update_or_create(
            indikator=ind,
            tahun=hari_ini.year,
            bulan=bulan,
            defaults={
                "skp": skp,
                "realisasi": "Laporan analisis surveilans mingguan tersusun dan dikirim.",
                "status": RealisasiBulanan.Status.DIAJUKAN,
                "diajukan_pada": _waktu(hari_ini - dt.timedelta(days=1), 9),
                "penilai": penilai.pegawai,
                "diisi_oleh": asn,
                "terlambat": False,
            },
        )


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
