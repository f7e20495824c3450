"""Prepare the private database of the fault suite: schema, a signing certificate and a
small instansi (run in a subprocess with ``tests.gangguan.settings_gangguan``; prints JSON).

One dinas: a kepala (JPT) and a kepala seksi each with a set SKP (whose documents the tests
make), and ``JUMLAH_STAF`` staf under the kasi, each with a draft SKP (so that the activity
reminder concerns them).  Every password is ``SANDI``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import django

SANDI = "rahasia-gangguan-1"
JUMLAH_STAF = 6


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("buat_sertifikat_demo", verbosity=0, stdout=io.StringIO())

    from unittest import mock

    from pegawai.models import Jabatan, Penugasan
    from skp.services import penyusunan as services
    from tests.factories import (
        InstansiFactory,
        JabatanFactory,
        PegawaiFactory,
        PenugasanFactory,
        UnitKerjaFactory,
    )
    from tests.skp.conftest import isi_skp

    J = Jabatan.Jenis
    instansi = InstansiFactory(kode="GGN", nama="Pemerintah Kabupaten Gangguan")
    dinas = UnitKerjaFactory(instansi=instansi, kode="G1", nama="Dinas Uji")
    seksi = UnitKerjaFactory(instansi=instansi, kode="G1.S1", nama="Seksi Uji", induk=dinas)
    jab_kadis = JabatanFactory(unit=dinas, nama="Kepala Dinas", jenis=J.JPT_PRATAMA)
    jab_kasi = JabatanFactory(unit=seksi, nama="Kepala Seksi", jenis=J.PENGAWAS, induk=jab_kadis)

    def orang(nama, jabatan):
        p = PegawaiFactory(nama=nama, instansi=instansi, password=SANDI)
        PenugasanFactory(pegawai=p, jabatan=jabatan, jenis=Penugasan.Jenis.DEFINITIF)
        p.refresh_from_db()
        return p

    admin = PegawaiFactory(nama="Admin", instansi=instansi, is_admin_instansi=True, password=SANDI)
    kadis = orang("Kadis", jab_kadis)
    kasi = orang("Kasi", jab_kasi)
    staf = [
        orang(f"Staf {i}", JabatanFactory(unit=seksi, nama=f"Pelaksana {i}", induk=jab_kasi))
        for i in range(JUMLAH_STAF)
    ]
    tahun = dt.date.today().year
    periode = services.buka_periode(admin, instansi, tahun)
    # Documents are made by the tests' worker, not here.
    with mock.patch("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None):
        skp_kadis = services.buat_skp(kadis, kadis, periode, tanggal=periode.mulai)
        rhk = isi_skp(kadis, skp_kadis, perspektif="penerima_layanan")
        services.ajukan_skp(kadis, skp_kadis)
        services.setujui_skp(admin, skp_kadis)
        skp_kadis = services.tetapkan_skp(admin, skp_kadis)
        skp_kasi = services.buat_skp(kasi, kasi, periode, tanggal=periode.mulai)
        isi_skp(kasi, skp_kasi, rhk_atasan=rhk[0])
        services.ajukan_skp(kasi, skp_kasi)
        services.setujui_skp(kadis, skp_kasi)
        skp_kasi = services.tetapkan_skp(kadis, skp_kasi)
    for p in staf:
        services.buat_skp(p, p, periode, tanggal=periode.mulai)
    json.dump(
        {
            "sandi": SANDI,
            "staf": [p.nip for p in staf],
            "staf_id": [p.pk for p in staf],
            "kasi": kasi.nip,
            "admin": admin.nip,
            "skp_dokumen": [skp_kadis.pk, skp_kasi.pk],
            "periode_mulai": periode.mulai.isoformat(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
