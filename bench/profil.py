"""Where one page's CPU goes: the page and the floor, in this process, one after another.

``python -m bench.profil --halaman hari[,minggu,...] [--kali 200] [--profil 25]`` with
``DATABASE_URL`` (the bench database) and ``REDIS_URL`` set.  Each page is requested ``--kali``
times through Django's WSGI handler (the same middleware stack as gunicorn, bench settings) by
a pegawai the bench would pick, after a warm-up; the CPU time of this process per request
(``time.process_time``: Python, templates, ORM, the driver; not PostgreSQL's own) is reported
with the floor's (``bench/lantai.py``), and their ratio.  ``--profil N`` prints cProfile's N
costliest functions (own time) per page.

This is the load benchmark's question asked without concurrency or a client on the same
cores: ``bench.beban`` says how long a user waits, this says which code to look at.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()


def _pegawai():
    """(ASN with an SKP in force today and activities, an atasan with a queue, the admin)."""
    from django.utils import timezone

    from pegawai.models import Instansi, Pegawai

    from .beban import antrean_per_penilai, skp_berlaku
    from .generate import KODE_INSTANSI

    instansi = Instansi.objects.get(kode=KODE_INSTANSI)
    skp = skp_berlaku(instansi, timezone.localdate()).order_by("pk").select_related("pegawai")[500]
    antre = antrean_per_penilai(instansi)
    atasan = Pegawai.objects.get(pk=antre[len(antre) // 2]["penilai_id"])
    admin = Pegawai.objects.filter(instansi=instansi, is_admin_instansi=True).first()
    return skp, atasan, admin


def _klien(pegawai):
    from django.test import Client

    from bench.beban import kode_otp

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(pegawai)
    if kode_otp(pegawai.nip):
        # A 2FA role: verify as the login page would.
        from django_otp.plugins.otp_totp.models import TOTPDevice

        dev = TOTPDevice.objects.filter(user=pegawai, name="bench").first()
        if dev is not None:
            sesi = c.session
            sesi["otp_device_id"] = dev.persistent_id
            sesi.save()
    return c


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profil", description=__doc__)
    p.add_argument("--halaman", default="hari,minggu,bulan,beranda,notifikasi")
    p.add_argument("--kali", type=int, default=200)
    p.add_argument("--profil", type=int, default=0, help="cProfile: N fungsi termahal")
    args = p.parse_args(argv)
    _django()
    from django.db import connection
    from django.utils import timezone

    from skp.models import RencanaHasilKerja

    from .beban import _slot_bebas, bersihkan, catat_awal, isian_entri
    from .lantai import SQL_TABEL

    with connection.cursor() as cur:
        cur.execute(SQL_TABEL)
    skp, atasan, admin = _pegawai()
    asn = skp.pegawai
    hari_ini = timezone.localdate().isoformat()
    halaman = {
        "lantai": (None, "POST", "/bench/lantai/", {"pegawai": "1", "uraian": "lantai"}),
        "beranda": (asn, "GET", "/", None),
        "hari": (asn, "GET", f"/aktivitas/?tanggal={hari_ini}", None),
        "minggu": (asn, "GET", "/aktivitas/minggu/", None),
        "bulan": (asn, "GET", "/aktivitas/bulan/", None),
        "skp": (asn, "GET", f"/skp/{skp.pk}/", None),
        "realisasi": (asn, "GET", "/aktivitas/realisasi/", None),
        "notifikasi": (asn, "GET", "/notifikasi/", None),
        "antrean": (atasan, "GET", "/aktivitas/tinjau/", None),
        "dasbor": (admin, "GET", "/pemantauan/", None),
        # Entry: a new activity in a free slot each time (removed again at the end).
        "entri": (asn, "POST", f"/aktivitas/?tanggal={hari_ini}", "entri"),
        "entri_htmx": (asn, "POST", f"/aktivitas/?tanggal={hari_ini}", "entri"),
    }
    awal = catat_awal(asn.instansi_id)
    slot = _slot_bebas([asn.pk], timezone.localdate())[asn.pk]
    rhk = list(RencanaHasilKerja.objects.filter(skp=skp).values_list("pk", flat=True))
    entri_ok = {"entri": 302, "entri_htmx": 200}
    try:
        nama = ["lantai", *[h.strip() for h in args.halaman.split(",") if h.strip() != "lantai"]]
        # Entries last: they add rows to the pegawai's recent days, which pages would show.
        nama.sort(key=lambda n: n.startswith("entri"))
        lantai_ms = None
        for n in nama:
            if n not in halaman:
                print(f"halaman tidak dikenal: {n} (pilih: {', '.join(halaman)})", file=sys.stderr)
                return 2
            siapa, metode, jalur, data = halaman[n]
            from django.test import Client

            c = _klien(siapa) if siapa else Client(HTTP_HOST="127.0.0.1")

            def minta(c=c, metode=metode, jalur=jalur, data=data, n=n):
                kepala = {}
                if data == "entri":
                    tanggal, mulai, selesai = slot.pop()
                    jalur = f"/aktivitas/?tanggal={tanggal}"
                    data = isian_entri(tanggal, mulai, selesai, rhk[len(slot) % len(rhk)])
                    if n == "entri_htmx":
                        kepala = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "aktivitas-hari"}
                r = c.post(jalur, data, **kepala) if metode == "POST" else c.get(jalur)
                if r.status_code != entri_ok.get(n, 200) or b"field-error" in r.content:
                    raise SystemExit(f"{n}: HTTP {r.status_code} {jalur}")
                return r

            for _ in range(20):
                r = minta()
            ukuran = len(r.content)
            waktu = []
            prof = cProfile.Profile() if args.profil else None
            for _ in range(args.kali):
                t0 = time.process_time()
                if prof:
                    prof.enable()
                minta()
                if prof:
                    prof.disable()
                waktu.append((time.process_time() - t0) * 1000)
            ms = statistics.median(waktu)
            if n == "lantai":
                lantai_ms = ms
            rasio = f"{ms / lantai_ms:5.1f}×" if lantai_ms else "  —"
            print(
                f"{n:12s} CPU p50 {ms:6.2f} ms (min {min(waktu):6.2f})  {rasio} lantai  "
                f"HTML {ukuran / 1024:5.1f} KB"
            )
            if prof and n != "lantai":
                s = io.StringIO()
                urut = os.environ.get("PROFIL_URUT", "tottime")
                pstats.Stats(prof, stream=s).sort_stats(urut).print_stats(args.profil)
                print(s.getvalue())
            if prof and os.environ.get("PROFIL_SIMPAN"):
                prof.dump_stats(f"{os.environ['PROFIL_SIMPAN']}-{n}.prof")
    finally:
        bersihkan(asn.instansi_id, awal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
