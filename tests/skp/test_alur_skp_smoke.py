from skp.models import Skp


def test_alur_dasar(skp_berjenjang):
    assert skp_berjenjang["kabid"].status == Skp.Status.DITETAPKAN
    assert skp_berjenjang["kadis"].snapshot["pejabat_penilai"]["dasar"] == "ppk"
