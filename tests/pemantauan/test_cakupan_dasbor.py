"""Who sees what: an operator only his units (another unit of the same instansi: 404), an
atasan only his subordinates of today (asking for a unit: 404), an admin the whole
instansi, a plain ASN nothing (403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pemantauan.services import bangun_ringkasan
from tests.factories import OperatorUnitFactory, PegawaiFactory, PenugasanFactory
from tests.pemantauan.conftest import HARI_INI, TAHUN

pytestmark = pytest.mark.django_db


@pytest.fixture
def siap(kabupaten):
    bangun_ringkasan(TAHUN, hari_ini=HARI_INI)
    return kabupaten


def _sub(kab, unit):
    return [u for u in kab.unit if u.path.startswith(unit.path)]


def test_operator_hanya_unitnya(client, siap):
    kab = siap
    # an operator of a unit that is not the root, and a unit outside his subtree
    milik = next(u for u in kab.unit[1:] if len(_sub(kab, u)) >= 1)
    asing = next(u for u in kab.unit if not u.path.startswith(milik.path))
    op = PegawaiFactory(instansi=kab.instansi, unit_kerja=milik)
    OperatorUnitFactory(pegawai=op, unit=milik)
    client.force_login(op)
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN})
    assert r.status_code == 200
    d = r.context["d"]
    ids_sub = {u.pk for u in _sub(kab, milik)}
    harap = [p for p in kab.pegawai if p.unit_kerja_id in ids_sub and p.status == "aktif"]
    harap.append(op)  # the operator works in that unit too
    assert d.total.pegawai == len(harap)
    assert [b.unit for b in d.baris] == [milik]
    # another unit of the same instansi, by id: 404, on every page
    for nama, args in (
        ("pemantauan_dasbor", []),
        ("pemantauan_beban", []),
        ("pemantauan_rincian", ["hari_kosong"]),
    ):
        r = client.get(reverse(nama, args=args), {"tahun": TAHUN, "unit": asing.pk})
        assert r.status_code == 404, nama
    # the drill-down and the workload list only his pegawai
    r = client.get(reverse("pemantauan_beban"), {"tahun": TAHUN})
    assert {b.pegawai_id for b in r.context["page_obj"].paginator.object_list} <= {
        p.pk for p in harap
    }
    r = client.get(reverse("pemantauan_rincian", args=["skp_belum"]), {"tahun": TAHUN})
    assert {b.pegawai_id for b in r.context["page_obj"].paginator.object_list} <= {
        p.pk for p in harap
    }


def test_atasan_hanya_bawahannya(client, org):
    bangun_ringkasan(HARI_INI.year)
    client.force_login(org.kasi)
    r = client.get(reverse("pemantauan_dasbor"))
    assert r.status_code == 200
    d = r.context["d"]
    assert not d.cakupan.per_unit
    assert d.cakupan.bawahan_ids == {org.staf.pk}
    assert d.total.pegawai == 1
    # a unit id (even his own): 404 — an atasan monitors people, not units
    r = client.get(reverse("pemantauan_dasbor"), {"unit": org.seksi.pk})
    assert r.status_code == 404
    r = client.get(reverse("pemantauan_beban"))
    assert [b.pegawai_id for b in r.context["page_obj"]] == [org.staf.pk]


def test_atasan_pengganti_melihat_bawahan_hari_ini(client, org):
    """A Plt of the kasi's jabatan sees the staf too (today's bawahan_ids)."""
    from pegawai.models import Penugasan

    plt = PegawaiFactory(instansi=org.instansi, unit_kerja=org.bidang)
    PenugasanFactory(pegawai=plt, jabatan=org.jab_kasi, jenis=Penugasan.Jenis.PLT)
    client.force_login(plt)
    r = client.get(reverse("pemantauan_dasbor"))
    if r.status_code == 200:
        assert org.staf.pk in r.context["d"].cakupan.bawahan_ids
    else:  # the definitif kasi is still there: the Plt has no subordinates
        assert r.status_code == 403


def test_admin_seluruh_instansi_asn_ditolak(client, siap, org):
    kab = siap
    admin = PegawaiFactory(instansi=kab.instansi, is_admin_instansi=True)
    client.force_login(admin)
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN})
    assert r.context["d"].total.pegawai == sum(1 for p in kab.pegawai if p.status == "aktif")
    # a unit of another instansi: 404
    r = client.get(reverse("pemantauan_dasbor"), {"tahun": TAHUN, "unit": org.dinas.pk})
    assert r.status_code == 404
    client.force_login(kab.pegawai[0])
    assert client.get(reverse("pemantauan_dasbor")).status_code == 403
