"""The atasan's queue in a browser: one row approved in place (its button posts the page's
form), the return form loaded into its row on demand and sent with a note."""

from django.urls import reverse

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import NIP_ATASAN
from pegawai.models import Pegawai
from tests.peramban.conftest import masuk


def test_setujui_di_tempat_dan_kembalikan_dengan_form_yang_dimuat(demo, buka):
    kabid = Pegawai.objects.get(nip=NIP_ATASAN)
    h = buka("ponsel")
    masuk(h, demo, NIP_ATASAN)
    h.goto(demo + reverse("aktivitas_tinjau"))
    baris = h.locator("tbody tr[id^=aktivitas-]")
    pertama, kedua = (int(baris.nth(i).get_attribute("id").split("-")[1]) for i in (0, 1))
    assert h.locator("textarea[name=catatan]").count() == 0  # no form until asked for

    h.locator(f"#aktivitas-{pertama}").get_by_role("button", name="Setujui").click()
    h.locator(f"#aktivitas-{pertama}").get_by_text("Disetujui", exact=False).first.wait_for()
    assert Aktivitas.objects.get(pk=pertama).status == "disetujui"

    h.locator(f"#aktivitas-{kedua}").get_by_role("link", name="Kembalikan").click()
    catatan = h.locator(f"#aktivitas-{kedua} textarea[name=catatan]")
    catatan.wait_for()
    catatan.fill("Lampirkan daftar hadir kegiatan ini.")
    h.locator(f"#aktivitas-{kedua}").get_by_role("button", name="Kembalikan dengan catatan").click()
    h.locator(f"#aktivitas-{kedua}").get_by_text("Dikembalikan", exact=False).first.wait_for()
    a = Aktivitas.objects.get(pk=kedua)
    assert a.status == "dikembalikan" and a.catatan_penilai.startswith("Lampirkan daftar")
    assert Aktivitas.objects.filter(penilai=kabid, status="disetujui").count() >= 1
