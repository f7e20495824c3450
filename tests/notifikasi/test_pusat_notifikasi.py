"""The notification centre: header count, list (unread first, paginated), mark read."""

from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi

HTMX = {"HTTP_HX_REQUEST": "true"}


def buat(penerima, n, awal=0):
    return [
        Notifikasi.objects.create(
            penerima=penerima, jenis=Jenis.MANUAL, kunci=str(i), judul=f"J{i}"
        )
        for i in range(awal, awal + n)
    ]


def test_jumlah_di_header_dan_urutan_belum_dibaca_dulu(client, org):
    lama, baru = buat(org.staf, 2)
    client.force_login(org.staf)
    client.post(reverse("notifikasi_baca", args=[baru.pk]))
    r = client.get(reverse("notifikasi_daftar"))
    assert r.context["NOTIFIKASI_BELUM_DIBACA"] == 1
    assert list(r.context["notifikasi"]) == [lama, baru]


def test_tandai_dibaca_htmx_dan_semua(client, org):
    a, b, c = buat(org.staf, 3)
    client.force_login(org.staf)
    r = client.post(reverse("notifikasi_baca", args=[a.pk]), **HTMX)
    assert r.status_code == 200 and f'id="notifikasi-{a.pk}"' in r.content.decode()
    a.refresh_from_db()
    assert a.dibaca_pada is not None
    r = client.post(reverse("notifikasi_baca_semua"))
    assert r.status_code == 302
    assert not Notifikasi.objects.filter(dibaca_pada__isnull=True).exists()
    assert client.get(reverse("notifikasi_daftar")).context["NOTIFIKASI_BELUM_DIBACA"] == 0


def test_notifikasi_orang_lain_404(client, org):
    (n,) = buat(org.kasi, 1)
    client.force_login(org.staf)
    assert client.post(reverse("notifikasi_baca", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_kosong(client, org):
    client.force_login(org.staf)
    assert "Belum ada notifikasi." in client.get(reverse("notifikasi_daftar")).content.decode()


def test_kueri_daftar_tetap(client, org, django_assert_max_num_queries):
    client.force_login(org.staf)
    buat(org.staf, 3)
    with django_assert_max_num_queries(12) as kecil:
        client.get(reverse("notifikasi_daftar"))
    buat(org.staf, 40, awal=3)
    with django_assert_max_num_queries(len(kecil.captured_queries)):
        r = client.get(reverse("notifikasi_daftar"), {"page": 2})
    assert len(r.context["notifikasi"]) == 18
