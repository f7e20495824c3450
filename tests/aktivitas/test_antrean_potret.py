"""The review queue draws each row from its plain values
(``aktivitas.views.potret.potret_baris_antrean``, kept per process by ``{% fragmen %}``): the
row drawn from them is the row drawn from the activity itself, for every kind of row, and a
changed activity is drawn anew."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse

from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.selectors import tinjau as selectors_tinjau
from aktivitas.services import harian as akt
from aktivitas.services import kuasa as services_kuasa
from aktivitas.views.potret import potret_baris_antrean as potret_baris
from tests.aktivitas.conftest import HARI, data, kunci


def _catat(aktor, pegawai, **kw):
    return akt.catat_aktivitas(aktor, pegawai, data(**kw), kunci())[0]


@pytest.fixture
def baris(org, rhk_staf):
    from django.utils import timezone

    hari_ini = timezone.localdate()
    kuasa = services_kuasa.beri_kuasa(org.staf, org.jf, hari_ini, hari_ini + dt.timedelta(days=14))
    lengkap = _catat(
        org.staf,
        org.staf,
        rhk=rhk_staf,
        uraian="Menyusun <laporan>\nbaris dua",
        mulai=(7, 0),
        selesai=(7, 30),
    )
    BuktiDukung.objects.create(
        aktivitas=lengkap,
        berkas=ContentFile(b"%PDF-1.4 uji", name="notulen.pdf"),
        nama_asli="Notulen rapat koordinasi bulanan yang panjang sekali.pdf",
        ukuran=12,
        diunggah_oleh=org.staf,
    )
    BuktiDukung.objects.create(
        aktivitas=lengkap, tautan="https://contoh.go.id/foto?a=1&b=2", diunggah_oleh=org.staf
    )
    operator = _catat(
        org.operator, org.staf, tanggal=HARI - dt.timedelta(days=40), uraian="Oleh operator"
    )
    dikuasakan = _catat(
        org.jf, org.staf, tanggal=hari_ini, uraian="Atas kuasa", mulai=(13, 0), selesai=(14, 0)
    )
    assert dikuasakan.kuasa_id == kuasa.pk
    kembali = _catat(org.staf, org.staf, uraian="Dikembalikan", mulai=(10, 0), selesai=(11, 0))
    akt.kembalikan_aktivitas(org.kasi, [kembali.pk], "Lengkapi <bukti> & foto")
    setuju = _catat(org.staf, org.staf, uraian="Disetujui", mulai=(11, 0), selesai=(12, 0))
    akt.setujui_aktivitas(org.kasi, [setuju.pk])
    ids = [lengkap.pk, operator.pk, dikuasakan.pk, kembali.pk, setuju.pk]
    return list(
        selectors_tinjau.aktivitas_untuk_tinjau(org.kasi)
        .select_related("rhk", "diisi_oleh", "pegawai")
        .filter(pk__in=ids)
        .order_by("pk")
    )


def test_baris_dari_potret_sama_dengan_dari_aktivitas(baris):
    assert {a.status for a in baris} == {"menunggu", "dikembalikan", "disetujui"}
    assert any(a.terlambat for a in baris) and any(a.diisi_kuasa for a in baris)
    assert any(a.diisi_operator for a in baris)
    for a in baris:
        for kembali in ("", "tab=aktivitas&page=2"):
            dari_model = render_to_string(
                "aktivitas/tinjau/antrean.html#baris", {"a": a, "kembali": kembali}
            )
            dari_potret = render_to_string(
                "aktivitas/tinjau/antrean.html#baris",
                {"a": potret_baris(a), "kembali": kembali},
            )
            assert dari_potret == dari_model, a.uraian
    # What the richest row shows really is in it (the comparison is not of two empty rows).
    isi = render_to_string("aktivitas/tinjau/antrean.html#baris", {"a": potret_baris(baris[0])})
    assert "Menyusun &lt;laporan&gt;<br>baris dua" in isi
    assert reverse("bukti_unduh", args=[baris[0].bukti.all()[0].pk]) in isi
    assert "https://contoh.go.id/foto?a=1&amp;b=2" in isi


def test_halaman_antrean_menggambar_ulang_baris_yang_berubah(client, org):
    a = _catat(org.staf, org.staf, uraian="Uraian pertama")
    client.force_login(org.kasi)
    url = reverse("aktivitas_tinjau")
    assert "Uraian pertama" in client.get(url).content.decode()
    assert "Uraian pertama" in client.get(url).content.decode()  # the kept row
    Aktivitas.objects.filter(pk=a.pk).update(uraian="Uraian kedua")
    BuktiDukung.objects.create(
        aktivitas=a, tautan="https://contoh.go.id/baru", diunggah_oleh=org.staf
    )
    isi = client.get(url).content.decode()
    assert "Uraian kedua" in isi and "Uraian pertama" not in isi
    assert "https://contoh.go.id/baru" in isi
