"""The demo ASN has an SKP in force, cascaded from his atasan's, and his jabatan's RHK library."""

from io import StringIO

import pytest
from django.core.management import call_command

from ekinerja.demo.organisasi import NIP_ASN, NIP_ATASAN
from pegawai.models import Pegawai
from skp.models import PustakaRhk, RencanaHasilKerja, Skp


@pytest.fixture
def demo(db):
    call_command("seed_demo", paksa=True, verbosity=0, stdout=StringIO())


def test_asn_demo_punya_skp_ditetapkan_dari_rhk_atasan(demo):
    asn = Pegawai.objects.get(nip=NIP_ASN)
    periode = asn.instansi.periode.get()
    assert Skp.objects.filter(periode=periode, status=Skp.Status.DITETAPKAN).count() == 3
    skp = Skp.objects.get(pegawai=asn, periode=periode)
    assert skp.status == Skp.Status.DITETAPKAN
    rhk = RencanaHasilKerja.objects.filter(skp=skp)
    assert rhk.count() == 2
    assert {r.rhk_atasan.skp.pegawai.nip for r in rhk} == {NIP_ATASAN}
    assert PustakaRhk.objects.filter(jabatan=skp.jabatan).count() == 2


def test_seed_demo_skp_idempoten(demo):
    jumlah = (Skp.objects.count(), PustakaRhk.objects.count())
    call_command("seed_demo", paksa=True, verbosity=0, stdout=StringIO())
    assert (Skp.objects.count(), PustakaRhk.objects.count()) == jumlah
