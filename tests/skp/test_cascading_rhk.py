"""Cascading (domain.md §2): a non-JPT utama RHK intervenes an RHK of his atasan's SKP of the
same period, and nothing else."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from skp.models import RencanaHasilKerja
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp


def test_rhk_atasan_yang_boleh_hanya_dari_skp_atasan_periode_sama(org, skp_berjenjang):
    boleh = set(services.rhk_atasan_yang_boleh(skp_berjenjang["kasi"]))
    assert boleh == set(skp_berjenjang["rhk_kabid"])


def test_intervensi_rhk_bukan_milik_atasan_ditolak(org, skp_berjenjang):
    # The kadis is the kasi's atasan pejabat penilai, not his atasan: refused.
    with pytest.raises(ValidationError) as e:
        services.simpan_rhk(
            org.kasi,
            RencanaHasilKerja(
                skp=skp_berjenjang["kasi"], teks="x", rhk_atasan=skp_berjenjang["rhk_kadis"][0]
            ),
        )
    assert "rhk_atasan" in e.value.message_dict
    assert not RencanaHasilKerja.objects.filter(teks="x").exists()


def test_intervensi_rhk_atasan_periode_lain_ditolak(org, skp_berjenjang):
    lalu = services.buka_periode(org.admin, org.instansi, dt.date.today().year - 1)
    skp_kabid_lalu = services.buat_skp(org.kabid, org.kabid, lalu)
    rhk_lalu = isi_skp(org.kabid, skp_kabid_lalu)[0]
    with pytest.raises(ValidationError):
        services.simpan_rhk(
            org.kasi, RencanaHasilKerja(skp=skp_berjenjang["kasi"], teks="x", rhk_atasan=rhk_lalu)
        )


def test_rhk_tambahan_tidak_mengintervensi(org, skp_berjenjang):
    with pytest.raises(ValidationError) as e:
        services.simpan_rhk(
            org.kasi,
            RencanaHasilKerja(
                skp=skp_berjenjang["kasi"],
                teks="x",
                jenis="tambahan",
                rhk_atasan=skp_berjenjang["rhk_kabid"][0],
            ),
        )
    assert "rhk_atasan" in e.value.message_dict


def test_non_jpt_tanpa_perspektif(org, skp_berjenjang):
    with pytest.raises(ValidationError) as e:
        services.simpan_rhk(
            org.kasi, RencanaHasilKerja(skp=skp_berjenjang["kasi"], teks="x", perspektif="anggaran")
        )
    assert "perspektif" in e.value.message_dict


def test_jpt_wajib_perspektif(org, periode):
    skp = services.buat_skp(org.kadis, org.kadis, periode)
    with pytest.raises(ValidationError) as e:
        services.simpan_rhk(org.kadis, RencanaHasilKerja(skp=skp, teks="Capaian SPM kesehatan"))
    assert "perspektif" in e.value.message_dict
    rhk = services.simpan_rhk(
        org.kadis,
        RencanaHasilKerja(skp=skp, teks="Capaian SPM kesehatan", perspektif="penerima_layanan"),
    )
    assert rhk.pk


def test_rhk_atasan_yang_sudah_diintervensi_tidak_dapat_dihapus(org, periode):
    kabid = services.buat_skp(org.kabid, org.kabid, periode)
    rhk = isi_skp(org.kabid, kabid)[0]
    kasi = services.buat_skp(org.kasi, org.kasi, periode)
    isi_skp(org.kasi, kasi, rhk_atasan=rhk)
    with pytest.raises(ValidationError, match="diintervensi"):
        services.hapus_rhk(org.kabid, rhk)


def test_matriks_peran_hasil(org, skp_berjenjang):
    from skp.selectors import matriks_peran_hasil

    kasi = skp_berjenjang["kasi"]
    rhk_kabid = skp_berjenjang["rhk_kabid"]
    isi_skp(org.kasi, kasi, rhk_atasan=rhk_kabid[0], n=2)
    baris = matriks_peran_hasil(skp_berjenjang["kabid"])
    assert [r for r, _ in baris] == rhk_kabid
    assert len(baris[0][1]) == 2 and all(p.skp == kasi for p in baris[0][1])


def test_rhk_atasan_versi_terbaru_dahulu(org, skp_berjenjang):
    """The atasan revising his SKP has two of the period (the one in force, the new draft):
    the choice lists the newest version's RHK first, in their own order."""
    revisi = services.revisi_skp(org.kabid, skp_berjenjang["kabid"])
    urutan = list(services.rhk_atasan_yang_boleh(skp_berjenjang["kasi"]))
    rhk_revisi = list(RencanaHasilKerja.objects.filter(skp=revisi, jenis="utama"))
    assert rhk_revisi
    assert urutan[: len(rhk_revisi)] == rhk_revisi
    assert set(urutan[len(rhk_revisi) :]) == set(skp_berjenjang["rhk_kabid"])


def test_urutan_rhk_dan_indikator_tanpa_gabung_skp():
    """Ordering an SKP's RHK (and what is ordered by its RHK) joins neither the SKP nor the
    period: the model orders by skp_id (issue 12; every page that lists RHK paid two joins)."""
    from aktivitas.models import RealisasiBulanan, RencanaAksi
    from skp.models import IndikatorKinerja

    for model, saring in (
        (RencanaHasilKerja, {"skp": 1}),
        (IndikatorKinerja, {"rhk__skp": 1}),
        (RencanaAksi, {"rhk__skp": 1}),
        (RealisasiBulanan, {"skp": 1}),
    ):
        sql = str(model.objects.filter(**saring).query)
        assert "skp_periode" not in sql, model
        assert '"skp_skp"' not in sql, model
