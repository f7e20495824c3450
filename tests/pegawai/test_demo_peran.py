"""The demo shows every role's daily work: the ASN's SKP in force with this month's activities
and their evidence, the atasan's reviews, realisations and ratings due, the operator's late
staff; a demo server's login page lists the accounts by role."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan
from ekinerja.demo.organisasi import AKUN_DEMO, DEMO_SANDI, NIP_ASN, NIP_ATASAN, NIP_OPERATOR
from pegawai.models import Pegawai
from skp.models import Skp
from skp.services import penyusunan as skp_services


@pytest.fixture
def demo(db, monkeypatch, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    for modul in ("nilai", "kurva", "keberatan"):
        monkeypatch.setattr(
            f"penilaian.services.{modul}.jadwalkan_dokumen_evaluasi", lambda pk: None
        )
    call_command("seed_demo", paksa=True, stdout=StringIO())


def test_asn_punya_skp_berlaku_dan_aktivitas_bulan_ini_dengan_bukti(demo):
    asn = Pegawai.objects.get(nip=NIP_ASN)
    hari_ini = skp_services.hari_ini()
    assert Skp.objects.filter(
        pegawai=asn, status=Skp.Status.DITETAPKAN, mulai__lte=hari_ini, selesai__gte=hari_ini
    ).exists()
    bukti = BuktiDukung.objects.filter(aktivitas__pegawai=asn)
    assert bukti.exclude(berkas="").count() >= 2 and bukti.exclude(tautan="").count() >= 1
    awal_bulan = hari_ini.replace(day=1)
    if Aktivitas.objects.filter(pegawai=asn, tanggal__gte=awal_bulan, status="menunggu").exists():
        assert all(b.aktivitas.tanggal >= awal_bulan for b in bukti)


def test_atasan_punya_tinjauan_realisasi_dan_penilaian(client, demo):
    kabid = Pegawai.objects.get(nip=NIP_ATASAN)
    assert Aktivitas.objects.filter(penilai=kabid, status=Aktivitas.Status.MENUNGGU).exists()
    if skp_services.hari_ini().month > 1:
        assert RealisasiBulanan.objects.filter(
            penilai=kabid, status=RealisasiBulanan.Status.DIAJUKAN
        ).exists()
    client.force_login(kabid)
    html = client.get(reverse("beranda")).content.decode()
    assert "belum dinilai pada" in html  # ratings due in the open window


def test_operator_melihat_pegawai_terlambat(client, demo):
    client.force_login(Pegawai.objects.get(nip=NIP_OPERATOR))
    r = client.get(reverse("pemantauan_rincian", args=["hari_kosong"]))
    assert r.status_code == 200 and r.context["page_obj"].paginator.count > 0


def test_halaman_masuk_mencantumkan_akun_demo(client, demo, settings):
    settings.EKINERJA_DEMO = True
    html = client.get(reverse("masuk")).content.decode()
    assert "Akun demo" in html and DEMO_SANDI in html
    for akun in AKUN_DEMO:
        assert akun.nip in html and akun.peran in html
    settings.EKINERJA_DEMO = False
    html = client.get(reverse("masuk")).content.decode()
    assert "Akun demo" not in html and DEMO_SANDI not in html
