import datetime as dt

from pegawai.selectors.hierarki import bawahan_langsung_ids, rantai_penilai


def test_fixture_org_resolves(org):
    r = rantai_penilai(org.staf, dt.date.today())
    assert r.atasan_langsung.pegawai == org.kasi
    assert r.atasan_pejabat_penilai.pegawai == org.kabid
    assert bawahan_langsung_ids(org.kabid, dt.date.today()) == {org.kasi.pk, org.jf.pk}
    top = rantai_penilai(org.kadis, dt.date.today())
    assert top.atasan_langsung.is_ppk and top.atasan_pejabat_penilai is None
