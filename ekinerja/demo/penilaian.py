"""Demo data of the appraisal: the evaluation windows of the demo period and a few ratings
in various states (final, draft) — by the kepala dinas for the kepala bidang and by the
admin instansi on behalf of the PPK for the kepala dinas.  Safe to run again: what exists is
left alone."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ekinerja.demo.organisasi import KODE_INSTANSI, NIP_ADMIN, NIP_ATASAN
from pegawai.models import Instansi, Pegawai, UnitKerja
from pegawai.selectors.hierarki import rantai_penilai
from penilaian.models import Penilaian, PredikatKinerjaOrganisasi
from penilaian.services import nilai as services
from penilaian.services.kurva import tetapkan_predikat_organisasi
from skp.models import Periode, Skp

# (window number, ratings, catatan, make final?) for the kepala bidang, by the kepala dinas.
PENILAIAN_KABID = (
    (1, "di_atas", "sesuai", "Target surveilans triwulan I tercapai lebih cepat.", True),
    (2, "sesuai", "di_atas", "Pelaporan tepat waktu; koordinasi lintas seksi baik.", True),
    (3, "sesuai", "", "Draf: menunggu realisasi September.", False),
)


def _nilai(aktor, pp, skp, hasil, perilaku, catatan, final) -> bool:
    if Penilaian.objects.filter(periode_penilaian=pp, skp=skp).exists():
        return False
    p = services.mulai_penilaian(aktor, pp, skp)
    data = {
        "rating_perilaku": perilaku,
        "catatan_hasil_kerja": catatan,
        "catatan_perilaku": {"kolaboratif": "Aktif membantu unit lain."} if perilaku else {},
        "rekomendasi_pengembangan": "Pelatihan analisis data epidemiologi.",
    }
    if not p.hasil_kerja_dari_organisasi:
        data["rating_hasil_kerja"] = hasil
    p = services.simpan_penilaian(aktor, p, data)
    if final:
        services.tetapkan_penilaian(aktor, p)
    return True


@transaction.atomic
def muat_demo_penilaian(hari_ini: dt.date | None = None) -> list[str]:
    """Create what is missing; return what was created (for the command's summary)."""
    hari_ini = hari_ini or dt.date.today()
    dibuat: list[str] = []
    instansi = Instansi.objects.get(kode=KODE_INSTANSI)
    admin = Pegawai.objects.get(nip=NIP_ADMIN)
    periode = Periode.objects.filter(instansi=instansi, tahun=hari_ini.year).first()
    if periode is None:
        return dibuat
    sebelum = periode.penilaian.count()
    jendela = services.buat_periode_penilaian(admin, periode)
    if len(jendela) > sebelum:
        dibuat.append(f"{len(jendela) - sebelum} jendela penilaian")
    periodik = [pp for pp in jendela if not pp.is_tahunan]
    kabid = Pegawai.objects.get(nip=NIP_ATASAN)
    n = _predikat_organisasi(admin, instansi, periodik, kabid, hari_ini)
    if n:
        dibuat.append(f"{n} predikat kinerja organisasi periodik")
    kadis = rantai_penilai(kabid, hari_ini).pejabat_penilai.pegawai
    skp = {
        s.pegawai_id: s
        for s in Skp.objects.filter(
            periode=periode, pegawai__in=[kabid, kadis], status=Skp.Status.DITETAPKAN
        )
    }
    jumlah = 0
    if kabid.pk in skp:
        for urutan, hasil, perilaku, catatan, final in PENILAIAN_KABID:
            pp = next((j for j in periodik if j.urutan == urutan), None)
            if pp is not None and pp.dibuka <= hari_ini:
                jumlah += _nilai(kadis, pp, skp[kabid.pk], hasil, perilaku, catatan, final)
    if kadis.pk in skp and periodik and periodik[0].dibuka <= hari_ini:
        jumlah += _nilai(
            admin, periodik[0], skp[kadis.pk], "sesuai", "sesuai", "Capaian dinas sesuai.", True
        )
    if jumlah:
        dibuat.append(f"{jumlah} penilaian kinerja")
    return dibuat


def _predikat_organisasi(admin, instansi, periodik, kabid, hari_ini: dt.date) -> int:
    """Periodic organisational results (0004 §2): every unit for the windows that have
    ended; for the window now being rated only the demo atasan's bidang and its seksi, so that
    his ratings can be completed and the operator's dashboard shows units still missing one."""
    semua = list(UnitKerja.objects.filter(instansi=instansi, aktif=True))
    bidang = kabid.unit_kerja
    ada = set(
        PredikatKinerjaOrganisasi.objects.filter(instansi=instansi).values_list(
            "unit_id", "tahun", "jenis", "urutan"
        )
    )
    jumlah = 0
    for pp in periodik:
        if pp.dibuka > hari_ini:
            continue
        if pp.selesai < hari_ini:
            unit = semua
        else:
            unit = [u for u in semua if bidang and u.path.startswith(bidang.path)]
        for u in unit:
            if (u.pk, pp.periode.tahun, pp.jenis, pp.urutan) in ada:
                continue
            tetapkan_predikat_organisasi(
                admin,
                u,
                pp.periode.tahun,
                "baik",
                "Capaian kinerja organisasi sesuai target (demo).",
                jenis=pp.jenis,
                urutan=pp.urutan,
                nomor_penetapan=f"800/{pp.urutan:02d}/BKPSDM/{pp.periode.tahun}",
                tanggal_penetapan=pp.selesai,
            )
            jumlah += 1
    return jumlah
