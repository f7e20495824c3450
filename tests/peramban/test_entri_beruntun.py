"""An ASN enters several activities in a row on the day page: each answer adds only the new
row at the end of the table (htmx out-of-band), updates the day's totals and gives a fresh
form, which keeps working for the next entry; an earlier time brings the whole day back in
time order."""

from django.urls import reverse

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import NIP_ASN
from tests.peramban.conftest import masuk


def catat(hal, uraian, mulai, selesai):
    hal.fill("input[name=uraian]", uraian)
    hal.fill("input[name=jam_mulai]", mulai)
    hal.fill("input[name=jam_selesai]", selesai)
    hal.fill("input[name=satuan_output]", "dokumen")
    hal.click("button:has-text('Simpan aktivitas')")
    hal.locator("#isi-hari tr", has_text=uraian).wait_for()


def test_entri_beruntun_menambah_baris(demo, buka):
    hal = buka("ponsel")
    masuk(hal, demo, NIP_ASN)
    hal.goto(demo + reverse("aktivitas_harian"))
    catat(hal, "Entri malam satu", "21:00", "21:20")
    sebelum = hal.locator("#isi-hari tr").count()
    catat(hal, "Entri malam dua", "21:20", "21:40")
    catat(hal, "Entri malam tiga", "21:40", "22:00")

    baris = hal.locator("#isi-hari tr")
    assert baris.count() == sebelum + 2
    assert "Entri malam tiga" in baris.nth(baris.count() - 1).inner_text()
    assert hal.locator("#aktivitas-hari").count() == 1
    assert hal.locator("#catat-aktivitas").count() == 1
    n = Aktivitas.objects.filter(
        pegawai__nip=NIP_ASN, tanggal=Aktivitas.objects.latest("pk").tanggal
    ).count()
    assert hal.locator("#jumlah-hari").inner_text().startswith(f"{n} aktivitas")
    # A fresh form: empty text, the start where the last one ended, the message shown once.
    assert hal.input_value("input[name=uraian]") == ""
    assert hal.input_value("input[name=jam_mulai]") == "22:00"
    assert hal.locator("#catat-aktivitas", has_text="Aktivitas tersimpan.").count() == 1

    # An earlier time: the whole day again, in time order.
    catat(hal, "Entri sore", "20:00", "20:30")
    teks = hal.locator("#isi-hari tr").all_inner_texts()
    urutan = [i for i, t in enumerate(teks) if "Entri " in t]
    assert ["sore" in teks[urutan[0]], "tiga" in teks[urutan[-1]]] == [True, True]
