"""Demo planning data on top of the demo kabupaten (``ekinerja.demo.organisasi``).

The current year's period is open; the Kepala Dinas Kesehatan and the Kepala Bidang P2P have
SKPs that are ditetapkan, so the demo ASN (an epidemiologist of that bidang) can draft his own
SKP and pick the RHK atasan he intervenes; the operator has put two suggestions for his jabatan
in the RHK library.  Everything goes through the services, so the history is real.  Safe to run
any number of times.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ekinerja.demo.organisasi import KODE_INSTANSI, NIP_ADMIN, NIP_ASN, NIP_ATASAN, NIP_OPERATOR
from pegawai.models import Instansi, Pegawai
from pegawai.selectors.hierarki import jabatan_definitif, rantai_penilai
from skp.models import IndikatorKinerja, Periode, PustakaRhk, RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from skp.services.pustaka import simpan_pustaka

RHK_KADIS = [
    (
        "penerima_layanan",
        "Meningkatnya derajat kesehatan masyarakat Kabupaten Sukamaju",
        [("Persentase capaian SPM bidang kesehatan", "kualitas", "100%")],
    ),
    (
        "proses_bisnis",
        "Terkendalinya penyakit menular di Kabupaten Sukamaju",
        [("Angka keberhasilan pengobatan TBC", "kualitas", "90%")],
    ),
]
RHK_KABID = [
    (
        "Terlaksananya surveilans dan pengendalian penyakit menular yang tepat waktu",
        1,
        [
            ("Persentase laporan surveilans mingguan tepat waktu", "waktu", "95% tepat waktu"),
            ("Persentase KLB ditanggulangi < 24 jam", "kualitas", "100%"),
        ],
    ),
    (
        "Meningkatnya cakupan imunisasi dasar lengkap",
        0,
        [("Cakupan imunisasi dasar lengkap", "kuantitas", "95% bayi")],
    ),
]
RHK_ASN = [
    (
        "Tersedianya analisis data surveilans penyakit menular mingguan",
        0,
        [("Jumlah laporan analisis surveilans tepat waktu", "kuantitas", "52 laporan")],
    ),
    (
        "Terlaksananya penyelidikan epidemiologi setiap sinyal KLB",
        0,
        [("Persentase sinyal KLB yang diselidiki < 24 jam", "waktu", "100%")],
    ),
]
PUSTAKA_EPIDEMIOLOG = [
    (
        "Tersedianya analisis data surveilans penyakit menular mingguan",
        [
            {
                "teks": "Jumlah laporan analisis surveilans",
                "aspek": "kuantitas",
                "target": "52 laporan",
                "satuan": "laporan",
            }
        ],
    ),
    (
        "Terlaksananya penyelidikan epidemiologi setiap sinyal KLB",
        [
            {
                "teks": "Persentase sinyal KLB yang diselidiki < 24 jam",
                "aspek": "waktu",
                "target": "100%",
                "satuan": "%",
            }
        ],
    ),
]


def _isi(aktor: Pegawai, skp: Skp, rhk_list) -> list[RencanaHasilKerja]:
    hasil = []
    for rhk_kw, indikator in rhk_list:
        rhk = services.simpan_rhk(aktor, RencanaHasilKerja(skp=skp, **rhk_kw))
        for teks, aspek, target in indikator:
            services.simpan_indikator(
                aktor, IndikatorKinerja(rhk=rhk, teks=teks, aspek=aspek, target_teks=target)
            )
        hasil.append(rhk)
    return hasil


@transaction.atomic
def muat_demo_skp(hari_ini: dt.date | None = None) -> list[str]:
    """Create what is missing; return what was created (for the command's summary)."""
    hari_ini = hari_ini or dt.date.today()
    dibuat: list[str] = []
    instansi = Instansi.objects.get(kode=KODE_INSTANSI)
    admin = Pegawai.objects.get(nip=NIP_ADMIN)
    periode = Periode.objects.filter(instansi=instansi, tahun=hari_ini.year).first()
    if periode is None:
        periode = services.buka_periode(admin, instansi, hari_ini.year)
        dibuat.append(f"periode {periode.tahun}")
    kabid = Pegawai.objects.get(nip=NIP_ATASAN)
    kadis = rantai_penilai(kabid, hari_ini).pejabat_penilai.pegawai
    if not Skp.objects.filter(pegawai=kadis, periode=periode).exists():
        skp = services.buat_skp(kadis, kadis, periode, tanggal=periode.mulai)
        _isi(kadis, skp, [({"perspektif": p, "teks": t}, ind) for p, t, ind in RHK_KADIS])
        services.ajukan_skp(kadis, skp)
        services.setujui_skp(admin, skp)  # the PPK's decision, recorded by the admin
        services.tetapkan_skp(admin, skp)
        dibuat.append("SKP kepala dinas (ditetapkan)")
    if not Skp.objects.filter(pegawai=kabid, periode=periode).exists():
        rhk_kadis = list(
            RencanaHasilKerja.objects.filter(skp__pegawai=kadis, skp__periode=periode)
            .exclude(skp__status=Skp.Status.DIGANTIKAN)
            .order_by("urutan", "id")
        )
        skp = services.buat_skp(kabid, kabid, periode, tanggal=periode.mulai)
        _isi(
            kabid, skp, [({"teks": t, "rhk_atasan": rhk_kadis[i]}, ind) for t, i, ind in RHK_KABID]
        )
        services.ajukan_skp(kabid, skp)
        services.setujui_skp(kadis, skp)
        services.tetapkan_skp(kadis, skp)
        dibuat.append("SKP kepala bidang (ditetapkan)")
    asn = Pegawai.objects.get(nip=NIP_ASN)
    # The demo ASN has an SKP in force, cascaded from his kabid's, so that his day page, his
    # realisation and his atasan's rating window all have something to show.
    if not Skp.objects.filter(pegawai=asn, periode=periode).exists() and kabid.pk in (
        rantai_penilai(asn, hari_ini).pejabat_penilai.pegawai.pk,
    ):
        rhk_kabid = list(
            RencanaHasilKerja.objects.filter(skp__pegawai=kabid, skp__periode=periode)
            .exclude(skp__status=Skp.Status.DIGANTIKAN)
            .order_by("urutan", "id")
        )
        skp = services.buat_skp(asn, asn, periode, tanggal=periode.mulai)
        _isi(asn, skp, [({"teks": t, "rhk_atasan": rhk_kabid[i]}, ind) for t, i, ind in RHK_ASN])
        services.ajukan_skp(asn, skp)
        services.setujui_skp(kabid, skp)
        services.tetapkan_skp(kabid, skp)
        dibuat.append("SKP ASN demo (ditetapkan)")
    jabatan_asn = jabatan_definitif(asn, hari_ini).jabatan
    if not PustakaRhk.objects.filter(jabatan=jabatan_asn).exists():
        operator = Pegawai.objects.get(nip=NIP_OPERATOR)
        for teks, ind in PUSTAKA_EPIDEMIOLOG:
            simpan_pustaka(operator, PustakaRhk(jabatan=jabatan_asn, teks=teks, indikator=ind))
        dibuat.append("pustaka RHK epidemiolog")
    return dibuat
