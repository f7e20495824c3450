"""Page weight budget (issue 12): on a 3G link (≈ 750 kbit/s) 30 KB of HTML is already 0.3 s
before anything else, so every page stays at or under 30 KB (gzip off), measured for the
demo's users of every role on every page of their menu and on the pages an ASN or an atasan
opens daily (the SKP, the rating page).  Long lists paginate at 25 rows or fewer and load
what a row needs on demand (the return form, the TPP steps, a unit's predikat form)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ekinerja.demo.organisasi import AKUN_DEMO, NIP_ASN, NIP_ATASAN
from ekinerja.navigasi import MENU
from pegawai.models import Pegawai
from pegawai.permissions import peran
from penilaian.models import Penilaian
from skp.models import Skp

BATAS = 30 * 1024


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    for modul in ("nilai", "kurva", "keberatan"):
        monkeypatch.setattr(
            f"penilaian.services.{modul}.jadwalkan_dokumen_evaluasi", lambda pk: None
        )
    call_command("seed_demo", paksa=True, stdout=StringIO())


def _halaman_harian(asn: Pegawai, atasan: Pegawai) -> list[tuple[Pegawai, str]]:
    skp = Skp.objects.filter(pegawai=asn, status=Skp.Status.DITETAPKAN).first()
    hasil = [
        (asn, reverse("aktivitas_minggu")),
        (asn, reverse("aktivitas_bulan")),
        (asn, reverse("skp_detail", args=[skp.pk])),
        (atasan, reverse("skp_detail", args=[skp.pk])),
    ]
    for p in Penilaian.objects.filter(penilai=atasan).select_related("periode_penilaian")[:3]:
        hasil.append((atasan, reverse("nilai_isi", args=[p.periode_penilaian_id, p.skp_id])))
    return hasil


def test_setiap_halaman_paling_besar_30_kb(client, demo):
    terlalu_berat = []
    halaman = []
    for akun in AKUN_DEMO:
        p = Pegawai.objects.get(nip=akun.nip)
        if p.is_active:
            halaman += [(p, reverse(m.url_name)) for m in MENU if m.boleh(peran(p))]
    halaman += _halaman_harian(
        Pegawai.objects.get(nip=NIP_ASN), Pegawai.objects.get(nip=NIP_ATASAN)
    )
    assert len(halaman) > 60  # every role's menu and the daily pages were reached
    for pegawai, url in halaman:
        client.force_login(pegawai)
        r = client.get(url)
        assert r.status_code == 200, (pegawai.nip, url, r.status_code)
        if len(r.content) > BATAS:
            terlalu_berat.append(f"{url} ({pegawai.nip}): {len(r.content):,} B")
    assert not terlalu_berat, "Halaman di atas 30 KB:\n" + "\n".join(terlalu_berat)
