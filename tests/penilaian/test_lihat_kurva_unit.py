"""The unit's distribution page: the live distribution against the curve, the people of the
group, who may see it, the admin's finalisation from the page, and a fixed query count."""

import pytest
from django.urls import reverse

from penilaian.models import Penilaian, PredikatKinerjaOrganisasi
from skp.models import Skp
from tests.factories import JabatanFactory, PegawaiFactory, PenugasanFactory

TAHUN = 2026


def url(unit):
    return f"{reverse('kurva_unit', args=[unit.pk])}?tahun={TAHUN}"


def anggota(org, periode, jendela, n, predikat="baik", status="dinilai"):
    """n staf under the kasi, each with a ditetapkan SKP and an annual rating."""
    jab = JabatanFactory(unit=org.seksi, induk=org.jab_kasi, nama="Analis")
    hasil = []
    for _i in range(n):
        p = PegawaiFactory(instansi=org.instansi)
        PenugasanFactory(pegawai=p, jabatan=jab)
        skp = Skp.objects.create(
            pegawai=p,
            periode=periode,
            jabatan=jab,
            unit=org.seksi,
            mulai=periode.mulai,
            selesai=periode.selesai,
            status=Skp.Status.DITETAPKAN,
        )
        hasil.append(
            Penilaian.objects.create(
                periode_penilaian=jendela.tahunan,
                skp=skp,
                pegawai=p,
                unit=org.seksi,
                penilai=org.kasi,
                rating_hasil_kerja="sesuai",
                rating_perilaku="sesuai",
                predikat=predikat,
                status=status,
            )
        )
    return hasil


@pytest.fixture
def po_seksi(org, periode):
    return PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.seksi, tahun=TAHUN, predikat="baik"
    )


def test_admin_melihat_distribusi_batas_dan_tombol_finalkan(
    client, org, periode, jendela, po_seksi
):
    anggota(org, periode, jendela, 3)
    client.force_login(org.admin)
    r = client.get(url(org.seksi))
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Baik paling banyak 70% (2 dari 3 orang); saat ini 3 — kelebihan 1 orang." in teks
    assert "Finalkan predikat tahunan unit" in teks
    assert "Contoh distribusi" in teks and "dibulatkan ke bawah" in teks


def test_finalkan_dari_halaman_ditolak_dengan_batas_lalu_berhasil(
    client, org, periode, jendela, po_seksi, monkeypatch
):
    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", lambda pk: None)
    a, b, c = anggota(org, periode, jendela, 3)
    client.force_login(org.admin)
    r = client.post(reverse("kurva_finalkan", args=[org.seksi.pk]) + f"?tahun={TAHUN}", follow=True)
    teks = r.content.decode()
    assert "kelebihan 1 orang" in teks and "kurang 1 orang" in teks
    assert not Penilaian.objects.filter(status="final").exists()
    Penilaian.objects.filter(pk=c.pk).update(predikat="butuh_perbaikan")
    r = client.post(reverse("kurva_finalkan", args=[org.seksi.pk]) + f"?tahun={TAHUN}", follow=True)
    assert "3 pegawai difinalkan" in r.content.decode()
    assert Penilaian.objects.filter(status="final").count() == 3


def test_pimpinan_unit_yang_menilai_boleh_memfinalkan_dan_pegawai_lain_ditolak(
    client, org, periode, jendela, po_seksi
):
    anggota(org, periode, jendela, 2)
    # The kasi leads the seksi: the curve is his guide, he may finalise it (0004 §3).
    client.force_login(org.kasi)
    r = client.get(url(org.seksi))
    assert r.status_code == 200 and "Finalkan predikat" in r.content.decode()
    client.force_login(org.jf)
    assert client.get(url(org.seksi)).status_code == 403
    client.force_login(org.orang_lain)
    assert client.get(url(org.seksi)).status_code == 404


def test_daftar_kurva_terlingkup(client, org, periode, jendela, po_seksi):
    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.unit_lain, tahun=TAHUN, predikat="istimewa"
    )
    anggota(org, periode, jendela, 1)
    client.force_login(org.admin)
    assert len(client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}").context["daftar"]) == 2
    client.force_login(org.operator)  # operator of the dinas: only the seksi's curve
    daftar = client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}").context["daftar"]
    assert [po.unit for po in daftar] == [org.seksi]
    client.force_login(org.kasi)  # rates the seksi's staff
    daftar = client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}").context["daftar"]
    assert [po.unit for po in daftar] == [org.seksi]


def test_operator_subunit_melihat_kurva_unit_di_atasnya(client, org, periode, jendela):
    from tests.factories import OperatorUnitFactory, PegawaiFactory

    PredikatKinerjaOrganisasi.objects.create(
        instansi=org.instansi, unit=org.dinas, tahun=TAHUN, predikat="baik"
    )
    op_seksi = PegawaiFactory(instansi=org.instansi, unit_kerja=org.seksi)
    OperatorUnitFactory(pegawai=op_seksi, unit=org.seksi)
    client.force_login(op_seksi)
    daftar = client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}").context["daftar"]
    assert [po.unit for po in daftar] == [org.dinas]  # his seksi falls in the dinas' curve
    assert client.get(url(org.dinas)).status_code == 200
    assert client.get(url(org.unit_lain)).status_code == 403


def test_kueri_tetap_3_dan_30_pegawai(
    client, org, periode, jendela, po_seksi, django_assert_max_num_queries
):
    client.force_login(org.admin)
    anggota(org, periode, jendela, 3)
    client.get(url(org.seksi))  # the first visit fills the per-organisation caches
    with django_assert_max_num_queries(30) as kecil:
        assert client.get(url(org.seksi)).status_code == 200
    anggota(org, periode, jendela, 27, predikat="butuh_perbaikan")
    client.get(url(org.seksi))  # new pegawai changed the organisation: caches refill once
    with django_assert_max_num_queries(30) as besar:
        assert client.get(url(org.seksi)).status_code == 200
    assert len(besar.captured_queries) == len(kecil.captured_queries)


def test_halaman_penilaian_tahunan_menampilkan_distribusi_unit(
    client, org, periode, jendela, po_seksi, skp_semua
):
    anggota(org, periode, jendela, 2)
    client.force_login(org.kasi)
    r = client.get(
        reverse("nilai_kurva", args=[jendela.tahunan.pk, skp_semua["staf"].pk]),
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    ringkasan = r.context["ringkasan_kurva"]
    # staf and two analysts; the kasi leads the seksi and is counted above it (0004)
    assert ringkasan.unit == org.seksi and ringkasan.n == 3
    assert "Distribusi predikat" in r.content.decode()
    # The kabid rating the kasi sees the group the kasi is counted in: not the seksi's.
    client.force_login(org.kabid)
    r = client.get(
        reverse("nilai_kurva", args=[jendela.tahunan.pk, skp_semua["kasi"].pk]),
        HTTP_HX_REQUEST="true",
    )
    assert r.context["ringkasan_kurva"].unit != org.seksi
    client.force_login(org.kasi)
    r = client.get(
        reverse("nilai_kurva", args=[jendela.tw[0].pk, skp_semua["staf"].pk]),
        HTTP_HX_REQUEST="true",
    )
    # A quarter is checked against the quarter's own predikat organisasi (none set here).
    ringkasan = r.context["ringkasan_kurva"]
    assert ringkasan.jendela == jendela.tw[0] and ringkasan.predikat_organisasi is None


def test_finalkan_bertanya_dulu_dengan_angka_dan_get_tidak_mengubah_apa_pun(
    client, org, periode, jendela, po_seksi, monkeypatch
):
    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", lambda pk: None)
    anggota(org, periode, jendela, 2)
    anggota(org, periode, jendela, 1, predikat="butuh_perbaikan")
    client.force_login(org.admin)
    aksi = reverse("kurva_finalkan", args=[org.seksi.pk]) + f"?tahun={TAHUN}"
    assert f'href="{aksi}"' in client.get(url(org.seksi)).content.decode()
    teks = client.get(aksi).content.decode()
    assert f"Finalkan predikat tahunan 3 pegawai {org.seksi.nama} tahun {TAHUN}?" in teks
    assert "Baik: 2 orang" in teks and "Butuh Perbaikan: 1 orang" in teks
    assert f'action="{aksi}"' in teks.replace("&amp;", "&")
    assert not Penilaian.objects.filter(status="final").exists()
    html = client.get(aksi, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "data-konfirmasi-ya" in html
    client.post(aksi)
    r = client.post(aksi, follow=True)
    assert "sudah difinalkan; tidak diulang" in r.content.decode()
    assert Penilaian.objects.filter(status="final").count() == 3
    po_seksi.refresh_from_db()
    assert po_seksi.difinalkan_pada is not None


def test_konfirmasi_finalkan_hanya_untuk_admin_dan_pimpinan_unit(
    client, org, periode, jendela, po_seksi
):
    anggota(org, periode, jendela, 2)
    aksi = reverse("kurva_finalkan", args=[org.seksi.pk]) + f"?tahun={TAHUN}"
    client.force_login(org.kasi)
    assert client.get(aksi).status_code == 200
    client.force_login(org.kabid)  # rates nobody of the seksi's group and does not lead it
    assert client.get(aksi).status_code == 403
    client.force_login(org.orang_lain)
    assert client.get(aksi).status_code == 404
