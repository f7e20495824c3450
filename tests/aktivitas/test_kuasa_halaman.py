"""Kuasa pengisian (issue 14), the pages: giving and revoking, the delegate working on the
pegawai's day page, who entered what shown on every page and export that shows the activity,
and the refusals (403/404) of what a kuasa never gives."""

import csv
import datetime as dt
import io
import uuid

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas, Kuasa
from aktivitas.services import harian as akt
from aktivitas.services import kuasa as services_kuasa
from penilaian.models import PeriodePenilaian
from penilaian.rules import JenisPeriode
from tests.aktivitas.conftest import HARI, data, kunci


def hari_ini():
    return timezone.localdate()


@pytest.fixture
def kuasa(org):
    """The staf's kuasa to the jf, for two weeks from today."""
    return services_kuasa.beri_kuasa(
        org.staf, org.jf, hari_ini(), hari_ini() + dt.timedelta(days=14)
    )


def url_hari(org, **params):
    params.setdefault("pegawai", org.staf.pk)
    return reverse("aktivitas_harian") + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def isian():
    return {
        "tanggal": HARI.isoformat(),
        "rhk": "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "uraian": "Menginput surat masuk",
        "jumlah_output": "3",
        "satuan_output": "surat",
        "kunci": str(uuid.uuid4()),
    }


# --- giving and revoking ------------------------------------------------------------------
def test_memberi_kuasa_dari_halaman(client, org):
    client.force_login(org.staf)
    r = client.post(
        reverse("aktivitas_kuasa"),
        {
            "penerima": org.jf.nip,
            "mulai": hari_ini().isoformat(),
            "selesai": (hari_ini() + dt.timedelta(days=5)).isoformat(),
            "keperluan": "Diklat",
        },
    )
    assert r.status_code == 302
    k = Kuasa.objects.get()
    assert (k.pemberi, k.penerima, k.keperluan) == (org.staf, org.jf, "Diklat")
    html = client.get(reverse("aktivitas_kuasa")).content.decode()
    assert org.jf.nama_lengkap in html and "Berlaku" in html


def test_halaman_kuasa_kueri_tetap(client, org, django_assert_max_num_queries):
    """The page costs the same with 1 kuasa given or 30 (a page of 25 shown)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PegawaiFactory

    def beri_ke(n):
        for i in range(n):
            p = PegawaiFactory(nama=f"Rekan {i:02d}", instansi=org.instansi)
            mulai = hari_ini() + dt.timedelta(days=i)
            services_kuasa.beri_kuasa(org.staf, p, mulai, mulai)

    client.force_login(org.staf)
    beri_ke(1)
    with CaptureQueriesContext(connection) as satu:
        client.get(reverse("aktivitas_kuasa"))
    beri_ke(29)
    with django_assert_max_num_queries(len(satu)):
        r = client.get(reverse("aktivitas_kuasa"))
    assert len(r.context["diberikan"]) == 25


def test_kuasa_ke_luar_instansi_ditolak_di_samping_kolom(client, org):
    client.force_login(org.staf)
    r = client.post(
        reverse("aktivitas_kuasa"),
        {
            "penerima": org.orang_lain.nip,
            "mulai": hari_ini().isoformat(),
            "selesai": hari_ini().isoformat(),
        },
    )
    assert r.status_code == 400
    assert not Kuasa.objects.exists()
    html = r.content.decode()
    assert 'id="id_penerima_error"' in html
    pesan = r.context["form"].errors["penerima"][0]
    assert "instansi" in pesan and pesan in html


def test_mencabut_bertanya_dulu_lalu_tercatat(client, org, kuasa):
    client.force_login(org.staf)
    url = reverse("aktivitas_kuasa_cabut", args=[kuasa.pk])
    r = client.get(url)
    assert r.status_code == 200 and "Ya, cabut" in r.content.decode()
    kuasa.refresh_from_db()
    assert kuasa.dicabut_pada is None  # the question changes nothing
    assert client.post(url).status_code == 302
    kuasa.refresh_from_db()
    assert kuasa.dicabut_pada is not None and kuasa.dicabut_oleh == org.staf
    # a second POST of the same confirmation does nothing more
    assert client.post(url).status_code == 302


def test_operator_melihat_daftar_kuasa_unitnya(client, org, kuasa, django_assert_max_num_queries):
    client.force_login(org.operator)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("aktivitas_kuasa_unit"))
    html = r.content.decode()
    assert org.staf.nama_lengkap in html and org.jf.nama_lengkap in html
    assert reverse("aktivitas_kuasa_cabut", args=[kuasa.pk]) in html
    client.force_login(org.kasi)
    assert client.get(reverse("aktivitas_kuasa_unit")).status_code == 403


# --- the delegate at work -----------------------------------------------------------------
def test_penerima_mengisi_di_halaman_hari_pegawai(client, org, kuasa):
    client.force_login(org.jf)
    html = client.get(reverse("aktivitas_kuasa")).content.decode()
    assert url_hari(org).replace("&", "&amp;") in html or url_hari(org) in html
    r = client.get(url_hari(org, tanggal=HARI.isoformat()))
    assert r.status_code == 200 and "atas kuasanya" in r.content.decode()
    r = client.post(url_hari(org, tanggal=HARI.isoformat()), isian())
    assert r.status_code == 302
    a = Aktivitas.objects.get()
    assert (a.pegawai, a.diisi_oleh, a.kuasa) == (org.staf, org.jf, kuasa)


def test_pegawai_lain_tanpa_kuasa_404(client, org):
    client.force_login(org.jf)
    assert client.get(url_hari(org)).status_code == 404


def test_setelah_dicabut_atau_di_luar_masa_404(client, org, kuasa):
    a, _ = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    services_kuasa.cabut_kuasa(org.staf, kuasa)
    client.force_login(org.jf)
    assert client.get(url_hari(org)).status_code == 404
    assert client.post(url_hari(org), isian()).status_code == 404
    assert client.get(reverse("aktivitas_ubah", args=[a.pk])).status_code == 404
    assert client.post(reverse("aktivitas_hapus", args=[a.pk])).status_code == 404
    besok = hari_ini() + dt.timedelta(days=1)
    services_kuasa.beri_kuasa(org.staf, org.jf, besok, besok + dt.timedelta(days=2))
    assert client.get(url_hari(org)).status_code == 404
    assert Aktivitas.objects.count() == 1


def test_penerima_tidak_dapat_menyetujui_mengajukan_menilai(client, org, kuasa, skp_staf):
    a, _ = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    client.force_login(org.jf)
    # approve / return an activity
    assert client.post(reverse("aktivitas_setujui", args=[a.pk])).status_code == 403
    r = client.post(reverse("aktivitas_kembalikan", args=[a.pk]), {"catatan": "x"})
    assert r.status_code == 403
    assert client.get(reverse("aktivitas_tinjau")).status_code == 403
    # submit the month's realisation (the drafts he may fill in)
    r = client.get(reverse("realisasi_bulanan") + f"?bulan=2026-03&pegawai={org.staf.pk}")
    assert r.status_code == 200 and r.context["boleh_isi"] and not r.context["boleh_ajukan"]
    r = client.post(reverse("realisasi_ajukan"), {"bulan": "2026-03", "pegawai": org.staf.pk})
    assert r.status_code == 403
    # submit the SKP, rate
    assert client.post(reverse("skp_ajukan", args=[skp_staf.pk])).status_code in (403, 404)
    pp = PeriodePenilaian.objects.create(
        periode=skp_staf.periode,
        jenis=JenisPeriode.TRIWULAN,
        urutan=1,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 3, 31),
        dibuka=dt.date(2026, 3, 1),
        batas=dt.date(2026, 4, 10),
    )
    url_nilai = reverse("nilai_isi", kwargs={"jendela": pp.pk, "skp": skp_staf.pk})
    assert client.get(url_nilai).status_code in (403, 404)
    assert client.post(url_nilai, {"rating_hasil_kerja": "sesuai"}).status_code in (403, 404)
    a.refresh_from_db()
    assert a.status == Aktivitas.Status.MENUNGGU


# --- who entered it, everywhere the activity shows ----------------------------------------
@pytest.fixture
def diisi_kuasa(org, kuasa):
    a, _ = akt.catat_aktivitas(org.jf, org.staf, data(), kunci())
    return a


def teks_kuasa(org):
    return f"diisi oleh {org.jf.nama_lengkap} atas kuasa {org.staf.nama_lengkap}"


def test_halaman_hari_minggu_bulan_menunjukkan_pengisi(client, org, diisi_kuasa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aktivitas.services import bukti as services_bukti

    services_bukti.tambah_bukti_berkas(
        org.jf, diisi_kuasa, SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    client.force_login(org.staf)
    hari = client.get(reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}")
    assert teks_kuasa(org) in hari.content.decode()
    assert f"diunggah oleh {org.jf.nama_lengkap} atas kuasa" in hari.content.decode()
    ringkas = f"diisi oleh {org.jf.nama} atas kuasa (1)"
    minggu = client.get(reverse("aktivitas_minggu") + f"?tanggal={HARI.isoformat()}")
    assert ringkas in minggu.content.decode()
    bulan = client.get(reverse("aktivitas_bulan") + "?bulan=2026-03")
    assert ringkas in bulan.content.decode()
    ubah = client.get(reverse("aktivitas_ubah", args=[diisi_kuasa.pk]))
    assert teks_kuasa(org) in ubah.content.decode()


def test_antrean_tinjau_menunjukkan_pengisi_dan_bagiannya(
    client, org, diisi_kuasa, django_assert_max_num_queries
):
    akt.catat_aktivitas(org.staf, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    client.force_login(org.kasi)
    with django_assert_max_num_queries(25):
        r = client.get(reverse("aktivitas_tinjau"))
    html = r.content.decode()
    assert f"Diisi oleh {org.jf.nama_lengkap} atas kuasa {org.staf.nama_lengkap}" in html
    assert "Diisi sendiri 50% · operator 0% · atas kuasa 50%" in html
    assert "Kuasa pengisian berlaku" in html  # the atasan sees the kuasa in force


def test_riwayat_pegawai_menyebut_atas_kuasa(client, org, diisi_kuasa):
    client.force_login(org.kasi)
    html = client.get(reverse("pegawai_detail", args=[org.staf.pk])).content.decode()
    assert f"atas kuasa {org.staf.nama_lengkap}" in html  # the activity recorded under it
    assert "Kuasa pengisian diberikan" in html  # and the grant itself


def test_ekspor_beban_kerja_menghitung_isian_atas_kuasa(client, org, diisi_kuasa):
    from pemantauan.services import bangun_ringkasan

    akt.catat_aktivitas(org.operator, org.staf, data(mulai=(10, 0), selesai=(11, 0)), kunci())
    bangun_ringkasan(2026, bulan=[3], hari_ini=dt.date(2026, 3, 31))
    client.force_login(org.admin)
    url = reverse("pemantauan_beban")
    html = client.get(url, {"tahun": 2026, "bulan": 3}).content.decode()
    assert "0% · 50% · 50%" in html
    r = client.get(url, {"tahun": 2026, "bulan": 3, "format": "csv"})
    baris = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    kepala = baris[0]
    staf = next(b for b in baris if b[0] == org.staf.nip)
    assert [staf[kepala.index(k)] for k in kepala[-3:]] == ["0", "1", "1"]
    assert kepala[-1] == "Diisi atas kuasa"
    r = client.get(url, {"tahun": 2026, "bulan": 3, "format": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    staf = next(b for b in rows if b[0] == org.staf.nip)
    assert list(staf[-3:]) == [0, 1, 1]
