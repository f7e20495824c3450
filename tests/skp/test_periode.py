"""The admin instansi opens, closes and reopens performance periods (skp/periode/)."""

import datetime as dt
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import Periode
from skp.services import penyusunan as services
from tests.factories import PegawaiFactory

TAHUN = dt.date.today().year
DAFTAR, BUKA = "/skp/periode/", "/skp/periode/buka/"


def galat(response, field_id: str) -> list[str]:
    pola = rf'<small class="error" id="{field_id}_error">(.*?)</small>'
    return [unescape(m) for m in re.findall(pola, response.content.decode(), re.S)]


def pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def status_url(periode) -> str:
    return reverse("periode_status", args=[periode.pk])


def test_url():
    assert (reverse("periode_daftar"), reverse("periode_buka")) == (DAFTAR, BUKA)


# --- who ------------------------------------------------------------------------------------
@pytest.mark.parametrize("siapa", ["staf", "kabid", "operator", "orang_lain"])
def test_bukan_admin_403(client, org, periode, siapa):
    client.force_login(getattr(org, siapa))
    assert client.get(DAFTAR).status_code == 403
    assert client.get(BUKA).status_code == 403
    assert client.post(BUKA, {"tahun": TAHUN + 1}).status_code == 403
    assert client.post(status_url(periode), {"status": "ditutup"}).status_code == 403
    assert Periode.objects.count() == 1
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DIBUKA


def test_tamu_diarahkan_ke_halaman_masuk(client, org):
    r = client.get(DAFTAR)
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))


# --- the list -------------------------------------------------------------------------------
def test_daftar_periode_instansi_sendiri(client, org, periode):
    Periode.objects.create(
        instansi=org.orang_lain.instansi,
        nama="Periode Instansi Lain",
        tahun=TAHUN,
        mulai=periode.mulai,
        selesai=periode.selesai,
        batas_penetapan_skp=periode.mulai,
    )
    client.force_login(org.admin)
    r = client.get(DAFTAR)
    assert r.status_code == 200
    assert list(r.context["page_obj"]) == [periode]
    isi = r.content.decode()
    assert periode.nama in isi and "Periode Instansi Lain" not in isi
    assert status_url(periode) in isi


def test_daftar_kosong(client, org):
    client.force_login(org.admin)
    assert "Belum ada periode kinerja" in client.get(DAFTAR).content.decode()


def test_jumlah_query_tetap(client, org, django_assert_max_num_queries):
    for tahun in range(1990, 2030):
        Periode.objects.create(
            instansi=org.instansi,
            nama=f"Periode {tahun}",
            tahun=tahun,
            mulai=dt.date(tahun, 1, 1),
            selesai=dt.date(tahun, 12, 31),
            batas_penetapan_skp=dt.date(tahun, 1, 31),
        )
    client.force_login(org.admin)
    client.get(DAFTAR)  # the first visit fills the per-organisation caches
    with django_assert_max_num_queries(7):
        r = client.get(DAFTAR)
    assert len(r.context["page_obj"]) == 25
    assert r.context["page_obj"][0].tahun == 2029


# --- open -----------------------------------------------------------------------------------
def test_formulir_menjelaskan_batas_bawaan(client, org):
    client.force_login(org.admin)
    r = client.get(BUKA)
    assert r.status_code == 200
    assert "akhir Januari" in r.content.decode()
    assert "instansi" not in r.context["form"].fields  # an admin opens for his own instansi


def test_buka_cukup_dengan_tahun(client, org):
    client.force_login(org.admin)
    r = client.post(BUKA, {"tahun": TAHUN})
    assert r.status_code == 302 and r["Location"] == DAFTAR
    p = Periode.objects.get()
    assert (p.instansi, p.tahun, p.mulai, p.selesai, p.batas_penetapan_skp, p.status) == (
        org.instansi,
        TAHUN,
        dt.date(TAHUN, 1, 1),
        dt.date(TAHUN, 12, 31),
        dt.date(TAHUN, 1, 31),
        Periode.Status.DIBUKA,
    )
    assert p.nama == f"Periode Kinerja {TAHUN}" and p.dibuat_oleh == org.admin
    rw = Riwayat.objects.get(aksi="periode.dibuka")
    assert (rw.pelaku, rw.sebagai, rw.object_id, rw.ke_status) == (
        org.admin,
        "admin",
        p.pk,
        "dibuka",
    )
    assert pesan(r) == [f"Periode Kinerja {TAHUN} dibuka. Batas penetapan SKP: 31-01-{TAHUN}."]


def test_buka_dengan_tanggal_sendiri(client, org):
    client.force_login(org.admin)
    data = {
        "tahun": TAHUN,
        "nama": "Periode Uji",
        "mulai": f"{TAHUN}-02-01",
        "selesai": f"{TAHUN}-11-30",
        "batas_penetapan_skp": f"{TAHUN}-02-28",
    }
    assert client.post(BUKA, data).status_code == 302
    p = Periode.objects.get()
    assert (p.nama, p.mulai, p.selesai, p.batas_penetapan_skp) == (
        "Periode Uji",
        dt.date(TAHUN, 2, 1),
        dt.date(TAHUN, 11, 30),
        dt.date(TAHUN, 2, 28),
    )


def test_tahun_yang_sudah_ada_ditolak(client, org, periode):
    client.force_login(org.admin)
    r = client.post(BUKA, {"tahun": periode.tahun, "nama": "Ganda"})
    assert r.status_code == 200
    assert galat(r, "id_tahun") == [f"Periode tahun {periode.tahun} sudah ada."]
    assert 'value="Ganda"' in r.content.decode()  # what was typed stays
    assert Periode.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "kolom", "teks"),
    [
        ({"tahun": ""}, "id_tahun", "Tahun wajib diisi."),
        ({"tahun": "dua ribu"}, "id_tahun", "Tahun harus berupa angka, misalnya 2025."),
        (
            {"tahun": TAHUN, "mulai": f"{TAHUN}-06-01", "selesai": f"{TAHUN}-05-01"},
            "id_selesai",
            "Tanggal selesai harus sesudah tanggal mulai.",
        ),
        (
            {"tahun": TAHUN, "mulai": f"{TAHUN - 1}-06-01"},
            "id_mulai",
            "Tanggal mulai harus di tahun periode.",
        ),
        (
            {"tahun": TAHUN, "batas_penetapan_skp": f"{TAHUN + 1}-01-31"},
            "id_batas_penetapan_skp",
            "Batas penetapan SKP harus di tahun periode.",
        ),
    ],
)
def test_isian_tidak_sah_ditolak_di_samping_kolomnya(client, org, data, kolom, teks):
    client.force_login(org.admin)
    r = client.post(BUKA, data)
    assert r.status_code == 200
    assert galat(r, kolom) == [teks]
    assert not Periode.objects.exists()


def test_superuser_memilih_instansi(client, org):
    root = PegawaiFactory(is_superuser=True, is_staff=True, instansi=None)
    client.force_login(root)
    r = client.post(BUKA, {"tahun": TAHUN})
    assert galat(r, "id_instansi") == ["Pilih instansi."]
    assert client.post(BUKA, {"tahun": TAHUN, "instansi": org.instansi.pk}).status_code == 302
    assert Periode.objects.get().instansi == org.instansi


# --- close / reopen -----------------------------------------------------------------------------
def test_tutup_lalu_buka_kembali(client, org, periode):
    client.force_login(org.admin)
    r = client.post(status_url(periode), {"status": "ditutup"})
    assert r.status_code == 302 and r["Location"] == DAFTAR
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DITUTUP
    rw = Riwayat.objects.get(aksi="periode.status", ke_status="ditutup")
    assert (rw.pelaku, rw.sebagai, rw.dari_status) == (org.admin, "admin", "dibuka")
    assert "Buka kembali" in client.get(DAFTAR).content.decode()
    client.post(status_url(periode), {"status": "dibuka"})
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DIBUKA
    rw = Riwayat.objects.get(aksi="periode.status", ke_status="dibuka")
    assert rw.dari_status == "ditutup"


def test_periode_ditutup_menolak_skp_baru(client, org, periode):
    client.force_login(org.admin)
    client.post(status_url(periode), {"status": "ditutup"})
    with pytest.raises(ValidationError):
        services.buat_skp(org.staf, org.staf, Periode.objects.get(pk=periode.pk))


@pytest.mark.parametrize(
    ("status", "teks"),
    [
        ("dibuka", "sudah berstatus Dibuka."),
        ("arsip", "Status periode tidak dikenal."),
    ],
)
def test_status_yang_salah_ditolak_tanpa_perubahan(client, org, periode, status, teks):
    client.force_login(org.admin)
    jumlah = Riwayat.objects.count()
    r = client.post(status_url(periode), {"status": status})
    assert r.status_code == 302
    assert len(pesan(r)) == 1 and pesan(r)[0].endswith(teks)
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DIBUKA
    assert Riwayat.objects.count() == jumlah


def test_periode_instansi_lain_404(client, org, periode):
    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    client.force_login(admin_lain)
    assert client.post(status_url(periode), {"status": "ditutup"}).status_code == 404
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DIBUKA


def test_menutup_bertanya_dulu_dengan_angka_dan_get_tidak_mengubah_apa_pun(client, org, periode):
    from skp.models import Skp

    for p in (org.staf, org.kasi):
        Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=p.penugasan.first().jabatan,
            unit=p.penugasan.first().jabatan.unit,
            mulai=periode.mulai,
            selesai=periode.selesai,
        )
    client.force_login(org.admin)
    daftar = client.get(DAFTAR).content.decode()
    tanya = status_url(periode) + "?status=ditutup"
    assert f'href="{tanya}"' in daftar and 'data-konfirmasi="tutup-periode"' in daftar
    html = client.get(tanya).content.decode()
    assert f"Tutup {periode.nama} dengan 2 SKP?" in html and "Draf: 2 SKP" in html
    assert 'name="status" value="ditutup"' in html and "data-konfirmasi-batal" in html
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DIBUKA
    assert not Riwayat.objects.filter(aksi="periode.status").exists()
    fragmen = client.get(tanya, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragmen and "data-konfirmasi-ya" in fragmen


def test_post_tutup_kedua_tidak_mengulang(client, org, periode):
    client.force_login(org.admin)
    client.post(status_url(periode), {"status": "ditutup"})
    r = client.post(status_url(periode), {"status": "ditutup"})
    assert r.status_code == 302 and pesan(r)[-1].endswith("sudah berstatus Ditutup.")
    assert Riwayat.objects.filter(aksi="periode.status").count() == 1
    # Reopening needs no question: a GET for it changes nothing and asks nothing.
    r = client.get(status_url(periode) + "?status=dibuka")
    assert r.status_code == 302
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DITUTUP
