"""Every confirmation appears as a dialog and "Batal" changes nothing in the database."""

from django.urls import reverse

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import NIP_ATASAN, NIP_OPERATOR
from notifikasi.models import Notifikasi
from pegawai.models import Pegawai, Riwayat
from tests.peramban.conftest import masuk


def _batal(h, pertanyaan: str) -> None:
    dialog = h.locator("#dialog-konfirmasi")
    dialog.get_by_text(pertanyaan).wait_for()
    assert dialog.evaluate("d => d.open")
    dialog.locator("[data-konfirmasi-batal]").click()
    h.wait_for_function("() => !document.getElementById('dialog-konfirmasi').open")


def test_setujui_massal_dan_pengingat_batal_tidak_mengubah_apa_pun(demo, buka):
    kabid = Pegawai.objects.get(nip=NIP_ATASAN)
    menunggu = Aktivitas.objects.filter(penilai=kabid, status="menunggu").count()
    riwayat = Riwayat.objects.count()

    h = buka("komputer")
    masuk(h, demo, NIP_ATASAN)
    h.goto(demo + reverse("aktivitas_tinjau"))
    kotak = h.locator("input[name=ids][form=form-massal]")
    kotak.nth(0).check()
    kotak.nth(1).check()
    h.locator("[data-konfirmasi=setujui-massal]").click()
    _batal(h, "Setujui 2 aktivitas?")
    assert Aktivitas.objects.filter(penilai=kabid, status="menunggu").count() == menunggu
    # "Ya" does it, once.
    h.locator("[data-konfirmasi=setujui-massal]").click()
    h.locator("#dialog-konfirmasi [data-konfirmasi-ya]").click()
    h.get_by_text("2 aktivitas disetujui.").wait_for()
    assert Aktivitas.objects.filter(penilai=kabid, status="menunggu").count() == menunggu - 2

    o = buka("ponsel")
    masuk(o, demo, NIP_OPERATOR)
    o.goto(demo + reverse("pemantauan_rincian", args=["hari_kosong"]))
    o.locator("[data-konfirmasi=pengingat-semua]").click()
    dialog = o.locator("#dialog-konfirmasi")
    dialog.locator("[data-konfirmasi-batal]").wait_for()
    assert "Kirim pengingat ke" in dialog.inner_text()
    dialog.locator("[data-konfirmasi-batal]").click()
    o.wait_for_function("() => !document.getElementById('dialog-konfirmasi').open")
    assert not Notifikasi.objects.filter(jenis="manual").exists()
    assert Riwayat.objects.filter(aksi="notifikasi.pengingat_manual").count() == 0
    assert Riwayat.objects.count() == riwayat + 2  # only the two approvals


def test_tutup_periode_batal_tidak_mengubah_apa_pun(demo, buka):
    from ekinerja.demo.organisasi import NIP_ADMIN
    from skp.models import Periode

    dibuka = set(Periode.objects.filter(status="dibuka").values_list("pk", flat=True))
    h = buka("ponsel")
    masuk(h, demo, NIP_ADMIN)
    h.goto(demo + reverse("periode_daftar"))
    h.locator("[data-konfirmasi=tutup-periode]").first.click()
    dialog = h.locator("#dialog-konfirmasi")
    dialog.locator("[data-konfirmasi-batal]").wait_for()
    assert "Tutup Periode" in dialog.inner_text() and "SKP?" in dialog.inner_text()
    dialog.locator("[data-konfirmasi-batal]").click()
    h.wait_for_function("() => !document.getElementById('dialog-konfirmasi').open")
    assert set(Periode.objects.filter(status="dibuka").values_list("pk", flat=True)) == dibuka
    assert not Riwayat.objects.filter(aksi="periode.status").exists()
