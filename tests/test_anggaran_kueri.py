"""Query budget (issue 12): every page costs at most 10 queries — the session, the user, the
menu with its badges, the header and the page itself — and the number does not grow with the
data.  Measured for the demo's users of every role on every page of their menu and on the
pages an ASN or an atasan opens daily, on the second visit: what every page repeats (roles,
subordinates, operator units, settings, holidays, rating chains) is cached until it changes
(``inti.cache_versi``), so the first visit of the day pays it once."""

import datetime as dt
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import AKUN_DEMO, NIP_ASN, NIP_ATASAN
from ekinerja.navigasi import MENU
from notifikasi.models import Jenis, Notifikasi
from pegawai.models import Pegawai
from pegawai.permissions import peran
from tests.test_bobot_halaman import _halaman_harian, demo  # noqa: F401 - the fixture

BATAS = 10


def _halaman() -> list[tuple[Pegawai, str]]:
    hasil = []
    for akun in AKUN_DEMO:
        p = Pegawai.objects.get(nip=akun.nip)
        if p.is_active:
            hasil += [(p, reverse(m.url_name)) for m in MENU if m.boleh(peran(p))]
    return hasil + _halaman_harian(
        Pegawai.objects.get(nip=NIP_ASN), Pegawai.objects.get(nip=NIP_ATASAN)
    )


def _kueri(client, halaman) -> dict[tuple[str, str], tuple[int, list[str]]]:
    hasil = {}
    for pegawai, url in halaman:
        client.force_login(pegawai)
        assert client.get(url).status_code == 200, (pegawai.nip, url)  # the first visit
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        hasil[(pegawai.nip, url)] = (len(q), [x["sql"][:160] for x in q.captured_queries])
    return hasil


def _perbanyak_data() -> None:
    """Ten times more of what grows: activities of every pegawai who has some (each on a day
    of his own history), and unread notifications for everyone."""
    baru = []
    for contoh in (
        Aktivitas.objects.order_by("pegawai_id", "-tanggal").distinct("pegawai_id")
        if (connection.vendor == "postgresql")
        else {a.pegawai_id: a for a in Aktivitas.objects.order_by("-tanggal")}.values()
    ):
        for i in range(1, 40):
            baru.append(
                Aktivitas(
                    pegawai_id=contoh.pegawai_id,
                    skp_id=contoh.skp_id,
                    rhk_id=contoh.rhk_id,
                    tanggal=contoh.tanggal - dt.timedelta(days=i),
                    jam_mulai=dt.time(7, 0),
                    jam_selesai=dt.time(7, 30),
                    uraian=f"Tambahan {i}",
                    jumlah_output=1,
                    satuan_output="dokumen",
                    status=Aktivitas.Status.MENUNGGU if i % 2 else Aktivitas.Status.DISETUJUI,
                    penilai_id=contoh.penilai_id,
                    dientri_pada=contoh.dientri_pada,
                    diisi_oleh_id=contoh.pegawai_id,
                    kunci=uuid.uuid4(),
                )
            )
    Aktivitas.objects.bulk_create(baru)
    Notifikasi.objects.bulk_create(
        Notifikasi(penerima=p, jenis=Jenis.choices[0][0], kunci=f"tambahan-{i}", judul="x")
        for p in Pegawai.objects.all()
        for i in range(20)
    )


def test_setiap_halaman_paling_banyak_10_kueri_dan_datar(client, demo):  # noqa: F811
    halaman = _halaman()
    assert len(halaman) > 60
    sedikit = _kueri(client, halaman)
    boros = [f"{url} ({nip}): {n}" for (nip, url), (n, _q) in sedikit.items() if n > BATAS]
    assert not boros, "Halaman di atas 10 kueri:\n" + "\n".join(boros)
    _perbanyak_data()
    banyak = _kueri(client, halaman)
    tumbuh = [
        f"{url} ({nip}): {sedikit[k][0]} → {n}\n  " + "\n  ".join(q)
        for k, (n, q) in banyak.items()
        if n != sedikit[k][0]
        for nip, url in [k]
    ]
    assert not tumbuh, "Jumlah kueri tumbuh dengan data:\n" + "\n".join(tumbuh)
