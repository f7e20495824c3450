"""A double click or a retried post on a bad network stores one activity, never two."""

import re
import uuid

import pytest
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI, data

HTMX = {"HTTP_HX_REQUEST": "true"}
URL = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"


def isian(kunci, **ubah):
    nilai = {
        "tanggal": HARI.isoformat(),
        "rhk": "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "uraian": "Menginput data kasus",
        "jumlah_output": "12",
        "satuan_output": "data",
        "kunci": kunci,
    }
    nilai.update(ubah)
    return nilai


@pytest.fixture
def masuk(client, org):
    client.force_login(org.staf)
    return org.staf


def test_post_biasa_dua_kali_satu_baris(client, masuk):
    kunci = str(uuid.uuid4())
    pertama = client.post(URL, isian(kunci))
    kedua = client.post(URL, isian(kunci), follow=True)
    assert pertama.status_code == 302
    assert Aktivitas.objects.count() == 1
    assert Riwayat.objects.filter(aksi="aktivitas.dicatat").count() == 1
    html = kedua.content.decode()
    assert "sudah tersimpan sebelumnya" in html
    assert len(re.findall(r'id="aktivitas-\d+"', html)) == 1


def test_htmx_dua_kali_satu_baris(client, masuk):
    kunci = str(uuid.uuid4())
    client.post(URL, isian(kunci), **HTMX)
    kedua = client.post(URL, isian(kunci), **HTMX)
    assert kedua.status_code == 200
    html = kedua.content.decode()
    assert "sudah tersimpan sebelumnya" in html
    assert len(re.findall(r'id="aktivitas-\d+"', html)) == 1
    assert Aktivitas.objects.count() == 1


def test_htmx_lalu_post_biasa_dengan_kunci_sama_satu_baris(client, masuk):
    # htmx answered but the answer was lost; the browser falls back to a plain post.
    kunci = str(uuid.uuid4())
    client.post(URL, isian(kunci), **HTMX)
    client.post(URL, isian(kunci))
    assert Aktivitas.objects.count() == 1


def test_kunci_berbeda_dua_baris(client, masuk):
    client.post(URL, isian(str(uuid.uuid4())))
    client.post(URL, isian(str(uuid.uuid4()), jam_mulai="09:00", jam_selesai="10:00"))
    assert Aktivitas.objects.count() == 2


def test_layanan_mengembalikan_baris_pertama(masuk):
    kunci = uuid.uuid4()
    satu, dibuat_satu = akt.catat_aktivitas(masuk, masuk, data(), kunci)
    dua, dibuat_dua = akt.catat_aktivitas(masuk, masuk, data(), str(kunci))
    assert (dibuat_satu, dibuat_dua) == (True, False)
    assert satu.pk == dua.pk


def test_kunci_sama_untuk_pegawai_lain_tidak_bentrok(org):
    kunci = uuid.uuid4()
    akt.catat_aktivitas(org.staf, org.staf, data(), kunci)
    _a, dibuat = akt.catat_aktivitas(org.jf, org.jf, data(), kunci)
    assert dibuat is True


def test_kunci_tetap_sama_setelah_galat_validasi(client, masuk):
    kunci = str(uuid.uuid4())
    resp = client.post(URL, isian(kunci, jam_selesai="07:00"))
    assert f'name="kunci" value="{kunci}"' in resp.content.decode()
    # corrected and sent again with the same key: stored once
    client.post(URL, isian(kunci))
    client.post(URL, isian(kunci))
    assert Aktivitas.objects.count() == 1


def test_form_lama_yang_dipulihkan_peramban_tidak_menghilangkan_isian(client, masuk):
    """A form restored by the browser keeps the key of an activity already saved; what is
    typed into it now is another activity: not dropped silently, asked to be sent again."""
    kunci = str(uuid.uuid4())
    client.post(URL, isian(kunci))
    lain = isian(kunci, jam_mulai="10:00", jam_selesai="11:00", uraian="Rapat koordinasi")
    resp = client.post(URL, lain)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Formulir ini sudah pernah terkirim" in html
    assert 'value="Rapat koordinasi"' in html
    kunci_baru = re.search(r'name="kunci" value="([0-9a-f-]{36})"', html).group(1)
    assert kunci_baru != kunci
    assert Aktivitas.objects.count() == 1
    client.post(URL, {**lain, "kunci": kunci_baru})
    assert Aktivitas.objects.count() == 2


def test_halaman_harian_tidak_disimpan_peramban(client, masuk):
    resp = client.get(URL)
    assert "no-store" in resp["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_entri_tanpa_bukti_satu_transaksi_tanpa_savepoint(client, org):
    """A plain entry is one transaction of its own: no savepoint (two round trips each) around
    the activity or the row, the month-end peak's commonest write (issue 12)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.staf)
    with CaptureQueriesContext(connection) as q:
        assert client.post(URL, isian(str(uuid.uuid4()))).status_code == 302
    sql = [x["sql"].upper() for x in q.captured_queries]
    assert Aktivitas.objects.count() == 1
    assert not [s for s in sql if "SAVEPOINT" in s]
