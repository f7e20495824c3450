import datetime as dt

import pytest

from skp.models import IndikatorKinerja, Periode, RencanaHasilKerja
from skp.services import penyusunan as services


@pytest.fixture
def periode(org) -> Periode:
    return services.buka_periode(org.admin, org.instansi, dt.date.today().year)


def isi_skp(aktor, skp, *, rhk_atasan=None, n=1, perspektif=""):
    """Give an SKP n utama RHK with one indicator each (through the services)."""
    hasil = []
    for i in range(n):
        rhk = services.simpan_rhk(
            aktor,
            RencanaHasilKerja(
                skp=skp,
                teks=f"RHK {i + 1} {skp.pegawai.nama}",
                rhk_atasan=rhk_atasan,
                perspektif=perspektif,
            ),
        )
        services.simpan_indikator(
            aktor,
            IndikatorKinerja(
                rhk=rhk,
                teks=f"Indikator {i + 1}",
                aspek="kuantitas",
                target_teks="100% tepat waktu",
            ),
        )
        hasil.append(rhk)
    return hasil


@pytest.fixture
def skp_berjenjang(org, periode):
    """SKP ditetapkan for kadis (JPT, by admin for PPK) and kabid, a draft for the kasi."""
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    rhk_kadis = isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    for f in (services.ajukan_skp,):
        f(org.kadis, kadis)
    services.setujui_skp(org.admin, kadis)
    services.tetapkan_skp(org.admin, kadis)
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk_kabid = isi_skp(org.kabid, kabid, rhk_atasan=rhk_kadis[0])
    services.ajukan_skp(org.kabid, kabid)
    services.setujui_skp(org.kadis, kabid)
    services.tetapkan_skp(org.kadis, kabid)
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    for s in (kadis, kabid, kasi):
        s.refresh_from_db()
    return {
        "kadis": kadis,
        "kabid": kabid,
        "kasi": kasi,
        "rhk_kadis": rhk_kadis,
        "rhk_kabid": rhk_kabid,
    }
