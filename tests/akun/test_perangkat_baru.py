"""A login from a device and network never seen before for that user tells him so."""

from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi
from tests.akun.conftest import FIREFOX_WINDOWS, masuk


def notifikasi(user):
    return Notifikasi.objects.filter(penerima=user, jenis=Jenis.MASUK_PERANGKAT_BARU)


def test_perangkat_baru_memberi_notifikasi(client, org):
    masuk(client, org.staf)  # the first login of all: nothing to compare with
    masuk(client, org.staf, ip="10.1.2.77")  # same browser, same network
    assert not notifikasi(org.staf).exists()
    masuk(client, org.staf, ua=FIREFOX_WINDOWS, ip="10.1.2.77")  # another browser
    masuk(client, org.staf, ip="192.168.5.5")  # another network
    masuk(client, org.staf, sandi="salah", ua=FIREFOX_WINDOWS, ip="172.16.0.1")  # failed: none
    n = list(notifikasi(org.staf).order_by("id"))
    assert len(n) == 2
    assert "Firefox di Windows" in n[0].pesan and "10.1.2.0/24" in n[0].pesan
    assert "Chrome di Android" in n[1].pesan and "192.168.5.0/24" in n[1].pesan
    assert n[0].tautan == reverse("akun_sesi")
    assert not Notifikasi.objects.exclude(penerima=org.staf).exists()


def test_tidak_dapat_dimatikan_dan_terkirim_lewat_email(client, org):
    from notifikasi.models import PreferensiNotifikasi

    org.staf.email = "staf@contoh.go.id"
    org.staf.save(update_fields=["email"])
    PreferensiNotifikasi.objects.create(
        pegawai=org.staf, jenis=Jenis.MASUK_PERANGKAT_BARU, aplikasi=False, email=False
    )
    masuk(client, org.staf)
    masuk(client, org.staf, ua=FIREFOX_WINDOWS)
    n = notifikasi(org.staf).get()
    assert n.email.alamat == "staf@contoh.go.id"
