"""The demo lets the demo ASN draft an SKP straight away: period open, atasan's SKP set."""

from io import StringIO

import pytest
from django.core.management import call_command

from pegawai.demo import NIP_ASN
from pegawai.models import Pegawai
from skp import services
from skp.models import PustakaRhk, Skp


@pytest.fixture
def demo(db):
    call_command("seed_demo", paksa=True, verbosity=0, stdout=StringIO())


def test_asn_demo_dapat_mulai_skp_dengan_rhk_atasan(demo):
    asn = Pegawai.objects.get(nip=NIP_ASN)
    periode = asn.instansi.periode.get()
    assert Skp.objects.filter(periode=periode, status=Skp.Status.DITETAPKAN).count() == 2
    skp = services.buat_skp(asn, asn, periode)
    assert services.rhk_atasan_yang_boleh(skp).count() == 2
    assert PustakaRhk.objects.filter(jabatan=skp.jabatan).count() == 2


def test_seed_demo_skp_idempoten(demo):
    jumlah = (Skp.objects.count(), PustakaRhk.objects.count())
    call_command("seed_demo", paksa=True, verbosity=0, stdout=StringIO())
    assert (Skp.objects.count(), PustakaRhk.objects.count()) == jumlah
