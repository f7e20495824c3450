"""The pejabat penilai's queue of SKP to review (skp/persetujuan/)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pegawai.models import Jabatan
from skp.models import RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory, UnitKerjaFactory
from tests.skp.conftest import isi_skp

S = Skp.Status
URL = "/skp/persetujuan/"


def test_url():
    assert reverse("skp_antrean") == URL


@pytest.fixture
def dua_diajukan(org, periode):
    """kasi and jf (both rated by kabid) submitted; jf first."""
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk = isi_skp(org.kabid, kabid)[0]
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    isi_skp(org.kasi, kasi, rhk_atasan=rhk, n=3)
    kasi = services.ajukan_skp(org.kasi, kasi)
    jf = services.buat_skp(org.jf, org.jf, periode)
    isi_skp(org.jf, jf, rhk_atasan=rhk)
    jf = services.ajukan_skp(org.jf, jf)
    sekarang = timezone.now()
    Skp.objects.filter(pk=jf.pk).update(diajukan_pada=sekarang - dt.timedelta(days=2))
    Skp.objects.filter(pk=kasi.pk).update(diajukan_pada=sekarang - dt.timedelta(days=1))
    return {"kabid": kabid, "kasi": kasi, "jf": jf}


def test_antrean_terlama_di_atas_dengan_jumlah_rhk(client, org, dua_diajukan):
    services.setujui_skp(org.kabid, dua_diajukan["kasi"])  # disetujui: still waits (tetapkan)
    client.force_login(org.kabid)
    r = client.get(URL)
    assert r.status_code == 200
    baris = list(r.context["page_obj"])
    assert [s.pegawai for s in baris] == [org.jf, org.kasi]
    assert [s.jumlah_rhk for s in baris] == [1, 3]
    assert [s.status for s in baris] == [S.DIAJUKAN, S.DISETUJUI]
    assert not any(s.atas_nama_ppk for s in baris)
    isi = r.content.decode()
    assert reverse("skp_tinjau", args=[dua_diajukan["jf"].pk]) in isi
    assert org.jab_jf.nama in isi and dua_diajukan["jf"].periode.nama in isi


def test_draft_dikembalikan_dan_ditetapkan_tidak_masuk_antrean(client, org, dua_diajukan):
    services.kembalikan_skp(org.kabid, dua_diajukan["kasi"], "Perbaiki.")
    services.setujui_skp(org.kabid, dua_diajukan["jf"])
    services.tetapkan_skp(org.kabid, dua_diajukan["jf"])
    client.force_login(org.kabid)
    r = client.get(URL)
    assert list(r.context["page_obj"]) == []
    assert "Tidak ada SKP yang menunggu" in r.content.decode()


def test_atasan_lain_tidak_melihat_antrean_kabid(client, org, dua_diajukan):
    client.force_login(org.kasi)  # atasan of staf only
    r = client.get(URL)
    assert r.status_code == 200
    assert list(r.context["page_obj"]) == []


@pytest.mark.parametrize("siapa", ["staf", "operator", "orang_lain"])
def test_bukan_atasan_403(client, org, siapa):
    client.force_login(getattr(org, siapa))
    assert client.get(URL).status_code == 403


def test_tamu_diarahkan_ke_halaman_masuk(client, org):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


def test_admin_melihat_skp_yang_dinilai_ppk(client, org, periode, dua_diajukan):
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    kadis = services.ajukan_skp(org.kadis, kadis)
    client.force_login(org.admin)
    r = client.get(URL)
    assert r.status_code == 200
    baris = list(r.context["page_obj"])
    # Only the kadis (rated by the PPK); kasi and jf are kabid's to review.
    assert [(s.pegawai, s.atas_nama_ppk) for s in baris] == [(org.kadis, True)]
    assert "atas nama PPK" in r.content.decode()
    services.setujui_skp(org.admin, kadis)
    assert [s.status for s in client.get(URL).context["page_obj"]] == [S.DISETUJUI]
    services.tetapkan_skp(org.admin, kadis)
    assert list(client.get(URL).context["page_obj"]) == []


def test_jabatan_atasan_diisi_plt_bukan_lagi_urusan_ppk(client, org, periode, hari_ini):
    """A JPT under a vacant top jabatan is the PPK's; once a Plt holds it, it is the Plt's."""
    atas = JabatanFactory(unit=org.dinas, nama="Sekretaris Daerah", jenis=Jabatan.Jenis.JPT_MADYA)
    org.jab_kadis.induk = atas
    org.jab_kadis.save()
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    services.ajukan_skp(org.kadis, kadis)
    client.force_login(org.admin)
    assert [s.pegawai for s in client.get(URL).context["page_obj"]] == [org.kadis]
    plt = PegawaiFactory(instansi=org.instansi, nama="Plt Sekda")
    PenugasanFactory(pegawai=plt, jabatan=atas, jenis="plt", mulai=hari_ini)
    assert list(client.get(URL).context["page_obj"]) == []
    client.force_login(plt)
    assert [s.pegawai for s in client.get(URL).context["page_obj"]] == [org.kadis]


def test_admin_lain_instansi_tidak_melihat(client, org, periode):
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    services.ajukan_skp(org.kadis, kadis)
    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    client.force_login(admin_lain)
    r = client.get(URL)
    assert r.status_code == 200 and list(r.context["page_obj"]) == []


def _bawahan_diajukan(org, periode, n: int):
    """n pelaksana under the kasi, each with a submitted SKP of 2 RHK (plain rows: speed)."""
    for i in range(n):
        jabatan = JabatanFactory(unit=org.seksi, nama=f"Pelaksana {i}", induk=org.jab_kasi)
        p = PegawaiFactory(instansi=org.instansi, nama=f"Bawahan {i:02d}")
        PenugasanFactory(pegawai=p, jabatan=jabatan)
        skp = Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jabatan,
            unit=org.seksi,
            mulai=periode.mulai,
            selesai=periode.selesai,
            status=S.DIAJUKAN,
            penilai=org.kasi,
            diajukan_pada=timezone.now() - dt.timedelta(hours=n - i),
        )
        RencanaHasilKerja.objects.bulk_create(
            [RencanaHasilKerja(skp=skp, teks=f"RHK {j}") for j in range(2)]
        )


def _jpt_diajukan(org, periode, n: int):
    """n JPT at the top of the tree (rated by the PPK), each with a submitted SKP."""
    for i in range(n):
        unit = UnitKerjaFactory(instansi=org.instansi, nama=f"Badan {i}")
        jabatan = JabatanFactory(unit=unit, nama=f"Kepala Badan {i}", jenis="jpt_pratama")
        p = PegawaiFactory(instansi=org.instansi, nama=f"Kepala {i:02d}")
        PenugasanFactory(pegawai=p, jabatan=jabatan)
        Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jabatan,
            unit=unit,
            mulai=periode.mulai,
            selesai=periode.selesai,
            status=S.DIAJUKAN,
            diajukan_pada=timezone.now(),
        )


def test_jumlah_query_tetap_untuk_atasan(client, org, periode, django_assert_max_num_queries):
    _bawahan_diajukan(org, periode, 40)
    client.force_login(org.kasi)
    with django_assert_max_num_queries(13):  # +3: the menu's waiting-work counts
        r = client.get(URL)
    assert len(r.context["page_obj"]) == 25
    assert r.context["page_obj"].paginator.count == 40
    assert r.context["page_obj"][0].pegawai.nama == "Bawahan 00"


def test_jumlah_query_tetap_untuk_admin(client, org, periode, django_assert_max_num_queries):
    _jpt_diajukan(org, periode, 40)
    client.force_login(org.admin)
    with django_assert_max_num_queries(13):  # +3: the menu's waiting-work counts
        r = client.get(URL)
    assert r.context["page_obj"].paginator.count == 40
    assert all(s.atas_nama_ppk for s in r.context["page_obj"])
