"""The day page draws each row from its plain values (``aktivitas/views/potret.py``, kept per
process by ``{% fragmen %}``): the row drawn from them is the row drawn from the activity
itself, for every kind of row; a changed row is drawn anew; the forms in a kept row carry
the session's own CSRF token."""

import re

from django.core.files.base import ContentFile
from django.middleware.csrf import _unmask_cipher_token
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from aktivitas.models import Aktivitas, BuktiDukung, RencanaAksi
from aktivitas.selectors import harian as selectors
from aktivitas.services import harian as akt
from aktivitas.views.potret import potret_baris_hari
from tests.aktivitas.conftest import HARI, data, kunci
from tests.aktivitas.test_antrean_potret import baris  # noqa: F401 — the rows of every kind

T = "aktivitas/_partials.html#baris_hari_isi"


def test_baris_hari_dari_potret_sama_dengan_dari_aktivitas(org, baris, rhk_staf):  # noqa: F811
    rencana = RencanaAksi.objects.create(
        rhk=rhk_staf, tahun=HARI.year, bulan=HARI.month, teks="Memindai <arsip>"
    )
    Aktivitas.objects.filter(pk=baris[0].pk).update(rencana_aksi=rencana)
    BuktiDukung.objects.create(
        aktivitas_id=baris[1].pk,
        berkas=ContentFile(b"%PDF-1.4 uji", name="oleh-operator.pdf"),
        nama_asli="",
        ukuran=2048,
        diunggah_oleh=org.operator,
    )
    baris_hari = {}
    for a in baris:
        for x in selectors.aktivitas_hari(org.staf, a.tanggal).filter(pk=a.pk):
            baris_hari[x.pk] = x
    assert len(baris_hari) == len(baris)
    url_form = reverse("aktivitas_harian") + "?tanggal=2026-03-02&a=1"
    for a in baris_hari.values():
        for boleh_usulkan in (True, False):
            umum = {"boleh_usulkan_rhk": boleh_usulkan, "url_form": url_form}
            dari_model = render_to_string(T, {"a": a, "pegawai": org.staf, **umum})
            dari_potret = render_to_string(
                T, {"a": potret_baris_hari(a), "pegawai": {"pk": org.staf.pk}, **umum}
            )
            assert dari_potret == dari_model, a.uraian
    isi = render_to_string(
        T, {"a": potret_baris_hari(baris_hari[baris[0].pk]), "pegawai": {"pk": org.staf.pk}}
    )
    assert "Memindai &lt;arsip&gt;" in isi and "Notulen rapat" in isi
    assert "diunggah oleh operator" in render_to_string(
        T, {"a": potret_baris_hari(baris_hari[baris[1].pk]), "pegawai": {"pk": org.staf.pk}}
    )


def test_halaman_hari_menggambar_ulang_baris_yang_berubah_dan_token_sah(org):
    a = akt.catat_aktivitas(org.staf, org.staf, data(uraian="Uraian pertama"), kunci())[0]
    url = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(org.staf)
    assert "Uraian pertama" in klien.get(url).content.decode()
    assert "Uraian pertama" in klien.get(url).content.decode()  # the kept row
    Aktivitas.objects.filter(pk=a.pk).update(uraian="Uraian kedua")
    isi = klien.get(url).content.decode()
    assert "Uraian kedua" in isi and "Uraian pertama" not in isi
    hapus = reverse("aktivitas_hapus", args=[a.pk])
    form = isi[isi.index(f'action="{hapus}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert _unmask_cipher_token(token) == klien.cookies["csrftoken"].value
    assert klien.post(hapus, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Aktivitas.objects.filter(pk=a.pk).exists()
