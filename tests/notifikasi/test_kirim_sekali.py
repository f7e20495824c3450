"""Each reminder reaches each recipient at most once per kind and period — even when the
task runs twice or an e-mail send fails and is retried — and only where the rule says so."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from aktivitas.services import harian as akt
from kalender.models import HariLibur
from notifikasi.models import EmailKeluar, Jenis, Notifikasi, PreferensiNotifikasi
from notifikasi.services import kirim as services
from tests.aktivitas.conftest import data, kunci
from tests.notifikasi.conftest import RABU


def jam(tanggal, h, m=0):
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(h, m)))


def siapkan_email(org):
    for p in (org.kasi, org.staf):
        p.email = f"{p.nama.lower()}@contoh.go.id"
        p.save()


def test_pengingat_aktivitas_dua_kali_sekali_terkirim(org, skp_2026):
    siapkan_email(org)
    akt.catat_aktivitas(org.kasi, org.kasi, data(tanggal=RABU), kunci())
    assert services.ingatkan_aktivitas_kosong(jam(RABU, 15, 59)) == 0  # before the hour
    assert services.ingatkan_aktivitas_kosong(jam(RABU, 16)) == 1  # only the staf
    assert services.ingatkan_aktivitas_kosong(jam(RABU, 17)) == 0  # second run: nothing new
    n = Notifikasi.objects.get()
    assert (n.penerima, n.jenis, n.kunci) == (org.staf, Jenis.AKTIVITAS_KOSONG, "2026-03-11")
    assert services.kirim_email_antre() == 1
    assert services.kirim_email_antre() == 0
    assert [m.to for m in mail.outbox] == [["staf@contoh.go.id"]]
    assert mail.outbox[0].alternatives  # HTML part


def test_tidak_ada_pengingat_di_hari_libur_nasional_instansi_atau_akhir_pekan(org, skp_2026):
    HariLibur.objects.create(tanggal=dt.date(2026, 3, 11), nama="Nasional", jenis="libur_nasional")
    HariLibur.objects.create(
        tanggal=dt.date(2026, 3, 12),
        nama="HUT Kabupaten",
        jenis="libur_daerah",
        instansi=org.instansi,
    )
    for hari in (dt.date(2026, 3, 11), dt.date(2026, 3, 12), dt.date(2026, 3, 14)):
        assert services.ingatkan_aktivitas_kosong(jam(hari, 17)) == 0
    # another instansi's holiday does not apply here
    from tests.factories import InstansiFactory

    HariLibur.objects.create(
        tanggal=dt.date(2026, 3, 13),
        nama="Lain",
        jenis="libur_daerah",
        instansi=InstansiFactory(kode="X"),
    )
    assert services.ingatkan_aktivitas_kosong(jam(dt.date(2026, 3, 13), 17)) == 2


def test_email_gagal_dicoba_lagi_tanpa_terkirim_dua_kali(org, skp_2026, monkeypatch):
    siapkan_email(org)
    services.ingatkan_aktivitas_kosong(jam(RABU, 16))
    asli = services._kirim
    panggil = {"n": 0}

    def gagal_sekali(email):
        panggil["n"] += 1
        if panggil["n"] == 1:
            raise ConnectionError("SMTP mati")
        asli(email)

    monkeypatch.setattr(services, "_kirim", gagal_sekali)
    with pytest.raises(ConnectionError):
        services.kirim_email_antre()
    gagal = EmailKeluar.objects.get(status=EmailKeluar.Status.ANTRE, percobaan=1)
    assert "SMTP mati" in gagal.galat_terakhir
    assert not mail.outbox
    assert services.kirim_email_antre() == 2  # the failed one retried, and the other
    assert services.kirim_email_antre() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["kasi@contoh.go.id", "staf@contoh.go.id"]
    assert set(EmailKeluar.objects.values_list("status", flat=True)) == {"terkirim"}


def test_preferensi_mematikan_jenis_tidak_wajib(org, skp_2026):
    siapkan_email(org)
    PreferensiNotifikasi.objects.create(pegawai=org.staf, jenis=Jenis.AKTIVITAS_KOSONG, email=False)
    PreferensiNotifikasi.objects.create(
        pegawai=org.kasi, jenis=Jenis.AKTIVITAS_KOSONG, aplikasi=False
    )
    assert services.ingatkan_aktivitas_kosong(jam(RABU, 16)) == 1
    assert Notifikasi.objects.get().penerima == org.staf
    assert not EmailKeluar.objects.exists()


def test_pengembalian_aktivitas_dari_riwayat_sekali(org):
    siapkan_email(org)
    a = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())[0]
    akt.kembalikan_aktivitas(org.kasi, [a.pk], "Lampirkan notulen.")
    assert services.proses_riwayat() == 1
    assert services.proses_riwayat() == 0
    n = Notifikasi.objects.get()
    assert n.penerima == org.staf and n.jenis == Jenis.AKTIVITAS_DIKEMBALIKAN
    assert n.pesan == "Lampirkan notulen."
    # a replay from an older watermark (a crash after sending) creates nothing new
    from notifikasi.models import PosisiRiwayat

    PosisiRiwayat.objects.update(riwayat_terakhir=0)
    assert services.proses_riwayat() == 0
    assert Notifikasi.objects.count() == 1
