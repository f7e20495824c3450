"""Which SKP an activity belongs to: the ditetapkan version, not a draft revision of it."""

from aktivitas.selectors.pengaturan import pengaturan_kinerja as pengaturan
from aktivitas.services.harian import skp_berlaku
from skp.services import penyusunan as services
from tests.aktivitas.conftest import HARI


def test_revisi_draf_tidak_menggantikan_versi_yang_ditetapkan(org, skp_staf):
    assert skp_berlaku(org.staf, HARI) == skp_staf  # only a draft exists: it is used
    skp = services.ajukan_skp(org.staf, skp_staf)
    skp = services.setujui_skp(org.kasi, skp)
    skp = services.tetapkan_skp(org.kasi, skp)
    revisi = services.revisi_skp(org.staf, skp)
    assert skp_berlaku(org.staf, HARI) == skp
    revisi = services.ajukan_skp(org.staf, revisi)
    revisi = services.setujui_skp(org.kasi, revisi)
    revisi = services.tetapkan_skp(org.kasi, revisi)
    assert skp_berlaku(org.staf, HARI) == revisi


def test_pengaturan_tanpa_instansi_memakai_bawaan(db):
    p = pengaturan(None)
    assert p.pk is None and p.batas_hari_kerja_terlambat == 3 and p.batas_tanggal_realisasi == 5
