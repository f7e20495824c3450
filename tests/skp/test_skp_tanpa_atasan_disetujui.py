"""Unblocking the SKP (issue 17 §7): an ASN drafts his SKP before his atasan's SKP is approved;
the cascade link is completed later, with a reminder once the atasan's SKP is approved; the
SKP cannot be submitted or approved while a link is missing, and the message names the RHK."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifikasi.models import Jenis, Notifikasi
from notifikasi.services.kirim import proses_riwayat
from skp import rules
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp


def rhk(jenis, rhk_atasan_id=None):
    return SimpleNamespace(jenis=jenis, rhk_atasan_id=rhk_atasan_id)


def test_aturan_rhk_tanpa_intervensi():
    a, b, c = rhk("utama"), rhk("utama", 7), rhk("tambahan")
    assert rules.rhk_tanpa_intervensi([a, b, c], wajib_intervensi=True) == [a]
    assert rules.rhk_tanpa_intervensi([a, b, c], wajib_intervensi=False) == []
    assert rules.rhk_tanpa_intervensi([], wajib_intervensi=True) == []
    assert rules.pesan_rhk_tanpa_intervensi(["x" * 80]) == [
        f'RHK utama "{"x" * 60}" belum memilih RHK atasan yang diintervensi.'
    ]


def draf_tanpa_atasan(org, periode, teks="Arsip surveilans tertata"):
    """The staf drafts an SKP while his atasan (the kasi) has none yet."""
    skp = services.buat_skp(org.staf, org.staf, periode)
    isi = services.simpan_rhk(org.staf, RencanaHasilKerja(skp=skp, teks=teks))
    services.simpan_indikator(
        org.staf,
        IndikatorKinerja(rhk=isi, teks="Laporan terarsip", aspek="kuantitas", target_teks="12"),
    )
    return skp, isi


def test_draf_dapat_disusun_sebelum_skp_atasan_ada(client, org, periode):
    skp, isi = draf_tanpa_atasan(org, periode)
    assert isi.pk and isi.rhk_atasan_id is None
    client.force_login(org.staf)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "SKP atasan Anda untuk periode ini belum dibuat" in html
    assert "Arsip surveilans tertata" in html
    assert "Atasan saya salah? Laporkan ke admin" in html


def test_halaman_menyebut_status_skp_atasan(client, org, periode):
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    skp, _isi = draf_tanpa_atasan(org, periode)
    client.force_login(org.staf)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "SKP atasan Anda masih berstatus Draf" in html
    assert kasi.pk


def test_pengajuan_ditolak_menyebut_rhk(org, periode):
    skp, _isi = draf_tanpa_atasan(org, periode, teks="Laporan bulanan surveilans")
    with pytest.raises(ValidationError) as e:
        services.ajukan_skp(org.staf, skp)
    assert any("Laporan bulanan surveilans" in m for m in e.value.messages)
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DRAFT


def test_persetujuan_ditolak_bila_tautan_hilang(org, periode):
    # An SKP submitted without the link (before the rule, or by data import): never approved.
    skp, _isi = draf_tanpa_atasan(org, periode, teks="Rekap kasus mingguan")
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DIAJUKAN, penilai=org.kasi)
    with pytest.raises(ValidationError) as e:
        services.setujui_skp(org.kasi, skp)
    assert any("Rekap kasus mingguan" in m for m in e.value.messages)
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN


def test_pengingat_saat_skp_atasan_disetujui_lalu_tautan_dilengkapi(client, org, periode):
    # The kabid's SKP is set, so the kasi can cascade from it.
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk_kabid = isi_skp(org.kabid, kabid)
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    staf, isi = draf_tanpa_atasan(org, periode)
    proses_riwayat()  # what came before is not this feature's
    rhk_kasi = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid[0])
    services.ajukan_skp(org.kasi, kasi)
    services.setujui_skp(org.kabid, kasi)
    proses_riwayat()
    n = Notifikasi.objects.get(penerima=org.staf, jenis=Jenis.SKP_MENJELANG)
    assert "SKP atasan Anda sudah disetujui" in n.judul
    assert n.tautan == reverse("skp_detail", args=[staf.pk])
    # nobody else is reminded: the jf's penilai is the kabid, the kasi's own SKP is linked
    assert not Notifikasi.objects.filter(jenis=Jenis.SKP_MENJELANG).exclude(penerima=org.staf)
    proses_riwayat()
    assert Notifikasi.objects.filter(penerima=org.staf, jenis=Jenis.SKP_MENJELANG).count() == 1
    # completing the link later unblocks the submission
    isi.rhk_atasan = rhk_kasi[0]
    services.simpan_rhk(org.staf, isi)
    services.ajukan_skp(org.staf, staf)
    staf.refresh_from_db()
    assert staf.status == Skp.Status.DIAJUKAN


def test_tanpa_pengingat_bila_semua_sudah_bertaut(org, periode):
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk_kabid = isi_skp(org.kabid, kabid)
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    rhk_kasi = isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid[0])
    staf = services.buat_skp(org.staf, org.staf, periode)
    isi_skp(org.staf, staf, rhk_atasan=rhk_kasi[0])
    services.ajukan_skp(org.kasi, kasi)
    services.setujui_skp(org.kabid, kasi)
    proses_riwayat()
    assert not Notifikasi.objects.filter(jenis=Jenis.SKP_MENJELANG).exists()


def test_kueri_halaman_skp_tetap(client, org, periode):
    skp, _isi = draf_tanpa_atasan(org, periode)
    client.force_login(org.staf)
    url = reverse("skp_detail", args=[skp.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for i in range(6):
        services.simpan_rhk(org.staf, RencanaHasilKerja(skp=skp, teks=f"RHK lain {i}"))
    with CaptureQueriesContext(connection) as banyak:
        html = client.get(url).content.decode()
    assert len(banyak) == len(sedikit)
    assert html.count("belum memilih RHK atasan yang diintervensi") == 7


def test_atasan_menyetujui_lewat_halaman_melihat_rhk_yang_kurang(client, org, periode):
    skp, _isi = draf_tanpa_atasan(org, periode, teks="Rekap kasus mingguan")
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DIAJUKAN, penilai=org.kasi)
    client.force_login(org.kasi)
    r = client.post(reverse("skp_setujui", args=[skp.pk]), follow=True)
    assert "Rekap kasus mingguan" in r.content.decode()
    assert "belum memilih RHK atasan yang diintervensi" in r.content.decode()
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN
