""" "Tanya operator": the question's lifecycle, its scoping, the notifications and history,
and the admin's box of late questions (issue 16 point 2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from bantuan import services
from bantuan.models import Pertanyaan
from bantuan.rules import batas_tertunda
from bantuan.selectors import pertanyaan_masuk, pic, tertunda
from notifikasi.models import Notifikasi
from pegawai.models import Riwayat
from tests.factories import OperatorUnitFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def op_lain(org):
    """An operator of another unit (Dinas Pendidikan) of the same instansi."""
    p = PegawaiFactory(nama="Operator Lain", instansi=org.instansi, unit_kerja=org.unit_lain)
    OperatorUnitFactory(pegawai=p, unit=org.unit_lain)
    return p


def test_pic_adalah_operator_unit_pegawai_dengan_kontak(org, op_lain):
    org.operator.email = "op@dinkes.go.id"
    org.operator.save()
    hasil = pic(org.staf)
    assert [o["id"] for o in hasil] == [org.operator.pk]
    assert hasil[0]["email"] == "op@dinkes.go.id"
    assert hasil[0]["unit"] == org.dinas.nama


def test_tanpa_operator_pic_adalah_admin_instansi(org):
    org.operator.unit_operator.all().delete()
    assert [o["id"] for o in pic(org.staf)] == [org.admin.pk]


def test_siklus_tanya_jawab_selesai_dengan_notifikasi_dan_riwayat(client, org, op_lain):
    client.force_login(org.staf)
    r = client.post(
        reverse("bantuan_tanya"),
        {"teks": "Tombol Ajukan tidak muncul.", "halaman": "/skp/12/"},
    )
    assert r.status_code == 302
    p = Pertanyaan.objects.get()
    assert (p.status, p.halaman, p.unit_id) == ("baru", "/skp/12/", org.seksi.pk)
    # The unit's operator is notified with a link to the question; the other unit's is not.
    n = Notifikasi.objects.get(penerima=org.operator)
    assert n.tautan == reverse("bantuan_pertanyaan", args=[p.pk])
    assert n.jenis == "pertanyaan"
    assert not Notifikasi.objects.filter(penerima=op_lain).exists()

    client.force_login(org.operator)
    kotak = client.get(reverse("bantuan_kotak") + "?status=baru").content.decode()
    assert "Tombol Ajukan tidak muncul." in kotak
    r = client.post(reverse("bantuan_jawab", args=[p.pk]), {"jawaban": "Isi indikator dulu."})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.penjawab_id) == ("dijawab", org.operator.pk)
    jawab = Notifikasi.objects.get(penerima=org.staf)
    assert "Isi indikator dulu." in jawab.pesan
    assert jawab.jenis == "pertanyaan"

    client.force_login(org.staf)
    assert client.post(reverse("bantuan_selesai", args=[p.pk])).status_code == 302
    p.refresh_from_db()
    assert p.status == "selesai"
    aksi = list(
        Riwayat.objects.filter(object_id=p.pk, aksi__startswith="bantuan.")
        .order_by("id")
        .values_list("aksi", "pelaku_id", "sebagai")
    )
    assert aksi == [
        ("bantuan.ditanyakan", org.staf.pk, "sendiri"),
        ("bantuan.dijawab", org.operator.pk, "operator"),
        ("bantuan.selesai", org.staf.pk, "sendiri"),
    ]


def test_operator_unit_lain_tidak_melihat_dan_tidak_dapat_menjawab(client, org, op_lain):
    p = services.kirim_pertanyaan(org.staf, "Bagaimana?", "/skp/")
    assert not pertanyaan_masuk(op_lain).exists()
    client.force_login(op_lain)
    assert "Bagaimana?" not in client.get(reverse("bantuan_kotak")).content.decode()
    assert client.get(reverse("bantuan_pertanyaan", args=[p.pk])).status_code == 404
    r = client.post(reverse("bantuan_jawab", args=[p.pk]), {"jawaban": "x"})
    assert r.status_code == 404
    with pytest.raises(PermissionDenied):
        services.jawab_pertanyaan(op_lain, p, "x")
    # Another ASN (his atasan included) sees nothing of it either.
    client.force_login(org.kasi)
    assert client.get(reverse("bantuan_pertanyaan", args=[p.pk])).status_code == 404


def test_halaman_hanya_jalur_situs_ini_dan_teks_wajib(client, org):
    p = services.kirim_pertanyaan(org.staf, "x", "https://jahat.example/")
    assert p.halaman == ""
    assert services.kirim_pertanyaan(org.staf, "x", "//jahat.example/").halaman == ""
    client.force_login(org.staf)
    r = client.post(reverse("bantuan_tanya"), {"teks": "  "})
    assert r.status_code == 200
    assert "Tulis pertanyaan Anda." in r.content.decode()


def test_batas_hari_kerja_melewati_akhir_pekan_dan_libur():
    rabu = dt.date(2026, 12, 9)
    assert batas_tertunda(rabu, 2, set()) == dt.date(2026, 12, 7)  # Monday
    senin = dt.date(2026, 12, 7)
    assert batas_tertunda(senin, 2, set()) == dt.date(2026, 12, 3)  # Thursday
    assert batas_tertunda(senin, 2, {dt.date(2026, 12, 4)}) == dt.date(2026, 12, 2)


def test_admin_melihat_kotak_pertanyaan_tertunda_di_beranda(client, org):
    lama = services.kirim_pertanyaan(org.staf, "Lama sekali", "/")
    services.kirim_pertanyaan(org.staf, "Baru saja", "/")
    Pertanyaan.objects.filter(pk=lama.pk).update(dibuat_pada=timezone.now() - dt.timedelta(days=10))
    hari_ini = timezone.localdate()
    assert list(tertunda(org.admin, hari_ini)) == [lama]
    assert not tertunda(org.operator, hari_ini).filter(pk__in=[]).exists()
    client.force_login(org.admin)
    html = client.get(reverse("beranda")).content.decode()
    assert "Pertanyaan pegawai belum dijawab" in html
    assert "1 pertanyaan kepada operator belum dijawab" in html
    # Answered, it leaves the box.
    services.jawab_pertanyaan(org.operator, lama, "Sudah.")
    html = client.get(reverse("beranda")).content.decode()
    assert "Pertanyaan pegawai belum dijawab" not in html


def test_admin_melihat_pertanyaan_tertunda_di_dasbor(client, org):
    lama = services.kirim_pertanyaan(org.staf, "Lama sekali", "/")
    Pertanyaan.objects.filter(pk=lama.pk).update(dibuat_pada=timezone.now() - dt.timedelta(days=10))
    services.kirim_pertanyaan(org.staf, "Baru saja", "/")
    client.force_login(org.admin)
    dasbor = client.get(reverse("pemantauan_dasbor")).content.decode()
    url = reverse("bantuan_kotak_dasbor")
    assert f'hx-get="{url}" hx-trigger="load"' in dasbor
    r = client.get(url, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert '<span class="kpi-angka">1</span>' in html
    assert "Pertanyaan pegawai belum dijawab" in html
    # Not for an operator (his inbox has its own badge) nor his dashboard.
    client.force_login(org.operator)
    assert url not in client.get(reverse("pemantauan_dasbor")).content.decode()
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 403


def test_lencana_menu_operator_menghitung_pertanyaan_baru(client, org):
    services.kirim_pertanyaan(org.staf, "Satu", "/")
    client.force_login(org.operator)
    r = client.get(reverse("bantuan_kotak"))
    item = next(i for i in r.context["menu"] if i["url_name"] == "bantuan_kotak")
    assert item["jumlah"] == 1
