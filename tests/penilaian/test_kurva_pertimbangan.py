"""The curve as the regulation words it: a guide for the pimpinan (SE MenPANRB 3/2023).

By default a group outside its curve is finalised with the pimpinan's written justification
(minimum length, stored once, in the audit trail, shown on the curve page, the list and its
export); an instansi may choose the strict mode, which refuses as before."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pegawai.models import Riwayat
from penilaian import rules
from penilaian.models import PengaturanPenilaian, Penilaian
from penilaian.services.kurva import finalkan_kurva, tetapkan_predikat_organisasi
from tests.penilaian.test_finalkan_kurva import TAHUN, nilai

JUSTIFIKASI = (
    "Seluruh staf bidang menuntaskan target penanganan KLB di atas rencana; "
    "rapat pimpinan 12 Januari memutuskan predikat ini."
)


@pytest.fixture
def di_luar(org, jendela, skp_semua, monkeypatch):
    """The bidang's group (kasi, staf, jf) all Baik under a Baik predikat: outside the curve
    (Baik at most 2 of 3, and nobody Butuh Perbaikan/Kurang)."""
    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", lambda pk: None)
    po = tetapkan_predikat_organisasi(org.admin, org.bidang, TAHUN, "baik", "")
    for kunci in ("kasi", "staf", "jf"):
        nilai(jendela, skp_semua[kunci])
    return po


def test_bawaan_butuh_justifikasi_minimal(org, di_luar):
    with pytest.raises(ValidationError) as e:
        finalkan_kurva(org.admin, di_luar, "terlalu pendek")
    assert "justifikasi" in e.value.message_dict
    assert f"paling sedikit {rules.MIN_JUSTIFIKASI} karakter" in str(e.value)
    assert not Penilaian.objects.filter(status="final").exists()
    assert not Riwayat.objects.filter(aksi="kurva.difinalkan").exists()


def test_justifikasi_disimpan_dan_dicatat_sekali(org, di_luar):
    assert finalkan_kurva(org.admin, di_luar, f"  {JUSTIFIKASI}  ") == 3
    di_luar.refresh_from_db()
    assert di_luar.justifikasi == JUSTIFIKASI
    assert any("kelebihan 1 orang" in b for b in di_luar.pelanggaran_kurva)
    r = Riwayat.objects.get(aksi="kurva.difinalkan")
    assert r.keterangan == JUSTIFIKASI and r.data["di_luar_kurva"] is True
    with pytest.raises(ValidationError, match="sudah difinalkan"):
        finalkan_kurva(org.admin, di_luar, JUSTIFIKASI)
    assert Riwayat.objects.filter(aksi="kurva.difinalkan").count() == 1
    assert Riwayat.objects.filter(keterangan=JUSTIFIKASI).count() == 1


def test_di_dalam_kurva_tanpa_justifikasi(org, jendela, skp_semua, monkeypatch):
    monkeypatch.setattr("penilaian.services.kurva.jadwalkan_dokumen_evaluasi", lambda pk: None)
    po = tetapkan_predikat_organisasi(org.admin, org.bidang, TAHUN, "baik", "")
    nilai(jendela, skp_semua["kasi"])
    nilai(jendela, skp_semua["staf"], predikat="butuh_perbaikan")
    nilai(jendela, skp_semua["jf"])
    assert finalkan_kurva(org.admin, po, JUSTIFIKASI) == 3
    po.refresh_from_db()
    assert po.justifikasi == "" and po.pelanggaran_kurva == []


def test_mode_ketat_menolak(org, di_luar):
    PengaturanPenilaian.objects.create(instansi=org.instansi, kurva_ketat=True)
    with pytest.raises(ValidationError) as e:
        finalkan_kurva(org.admin, di_luar, JUSTIFIKASI)
    assert "kelebihan 1 orang" in " ".join(e.value.messages)
    di_luar.refresh_from_db()
    assert di_luar.difinalkan_pada is None and di_luar.justifikasi == ""


def test_pimpinan_unit_memfinalkan_sebagai_atasan(org, di_luar):
    assert finalkan_kurva(org.kabid, di_luar, JUSTIFIKASI) == 3
    r = Riwayat.objects.get(aksi="kurva.difinalkan")
    assert (r.pelaku, r.sebagai) == (org.kabid, Riwayat.Sebagai.ATASAN)


def test_halaman_meminta_justifikasi_lalu_menampilkannya(client, org, di_luar):
    client.force_login(org.admin)
    aksi = reverse("kurva_finalkan", args=[org.bidang.pk]) + f"?tahun={TAHUN}"
    teks = client.get(aksi).content.decode()
    assert 'name="justifikasi"' in teks and "Di luar kurva:" in teks
    r = client.post(aksi, {"justifikasi": "pendek"})
    assert r.status_code == 200 and "paling sedikit 50 karakter" in r.content.decode()
    assert not Penilaian.objects.filter(status="final").exists()
    r = client.post(aksi, {"justifikasi": JUSTIFIKASI}, follow=True)
    assert "3 pegawai difinalkan" in r.content.decode()
    halaman = client.get(reverse("kurva_unit", args=[org.bidang.pk]) + f"?tahun={TAHUN}")
    assert "justifikasi pimpinan" in halaman.content.decode() and JUSTIFIKASI in (
        halaman.content.decode()
    )
    daftar = client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}").content.decode()
    assert JUSTIFIKASI[:60] in daftar and "di luar kurva" in daftar
    csv = client.get(reverse("kurva_daftar") + f"?tahun={TAHUN}&format=csv").content.decode()
    assert JUSTIFIKASI in csv and "kelebihan 1 orang" in csv


def test_mode_ketat_tidak_bertanya(client, org, di_luar):
    client.force_login(org.admin)
    halaman = reverse("kurva_unit", args=[org.bidang.pk]) + f"?tahun={TAHUN}"
    assert "meminta justifikasi tertulis pimpinan" in client.get(halaman).content.decode()
    PengaturanPenilaian.objects.create(instansi=org.instansi, kurva_ketat=True)
    assert "kurva ketat" in client.get(halaman).content.decode()
    aksi = reverse("kurva_finalkan", args=[org.bidang.pk]) + f"?tahun={TAHUN}"
    r = client.get(aksi, follow=True)
    assert "kurva ketat" in r.content.decode()
    assert not Penilaian.objects.filter(status="final").exists()


def test_predikat_periodik_tidak_difinalkan_per_kurva(org, jendela, skp_semua):
    po = tetapkan_predikat_organisasi(
        org.admin, org.bidang, TAHUN, "baik", jenis="triwulan", urutan=1
    )
    with pytest.raises(ValidationError, match="Hanya predikat tahunan"):
        finalkan_kurva(org.admin, po, JUSTIFIKASI)
    po.refresh_from_db()
    assert po.difinalkan_pada is None
