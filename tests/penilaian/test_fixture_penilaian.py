from skp.models import Skp


def test_semua_skp_ditetapkan_dan_jendela_lengkap(skp_semua, jendela):
    assert all(s.status == Skp.Status.DITETAPKAN for s in skp_semua.values())
    assert [j.urutan for j in jendela.tw] == [1, 2, 3, 4]
    assert jendela.tahunan.is_tahunan
