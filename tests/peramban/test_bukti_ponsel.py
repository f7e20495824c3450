"""At 360×740 on a 3G link an ASN records today's activity, attaches a photo from the day page
through the file chooser, sees the upload progress and the evidence in the list; the atasan
finds it in his review queue and previews it."""

from django.urls import reverse

from aktivitas.models import BuktiDukung
from ekinerja.demo.organisasi import NIP_ASN, NIP_ATASAN
from tests.aktivitas.test_sniff_bukti import buat_jpeg
from tests.peramban.conftest import JARINGAN_3G, masuk


def test_asn_melampirkan_foto_dari_halaman_hari_atasan_mempratinjau(demo, buka, tmp_path):
    # A photo of ~200 KB: at 250 kbit/s up its upload takes seconds, so the bar is seen.
    foto = tmp_path / "posyandu.jpg"
    foto.write_bytes(buat_jpeg() + b"\x00" * 200_000)

    hp = buka("ponsel", jaringan=JARINGAN_3G)
    masuk(hp, demo, NIP_ASN)
    hp.goto(demo + reverse("aktivitas_harian"))
    hp.fill("input[name=uraian]", "Memotret kegiatan posyandu balita")
    hp.fill("input[name=jam_mulai]", "07:00")
    hp.fill("input[name=jam_selesai]", "07:20")
    hp.fill("input[name=satuan_output]", "kegiatan")
    hp.click("button:has-text('Simpan aktivitas')")
    baris = hp.locator("tr", has_text="Memotret kegiatan posyandu balita")
    baris.wait_for()

    # "Tambah bukti dukung" brings the row's forms; "Lampirkan berkas" opens the file chooser;
    # the upload starts once the photo is chosen.
    baris.get_by_text("Tambah bukti dukung").click()
    baris.get_by_text("Lampirkan berkas").wait_for()
    with hp.expect_file_chooser() as pilih:
        baris.get_by_text("Lampirkan berkas").click()
    pilih.value.set_files(str(foto))
    progres = baris.locator("[data-bukti-progres-wadah]")
    progres.wait_for(state="visible")
    baris.locator("[data-bukti-item]", has_text="posyandu.jpg").wait_for()
    assert progres.is_hidden()
    bukti = BuktiDukung.objects.get(nama_asli="posyandu.jpg")
    assert bukti.aktivitas.uraian == "Memotret kegiatan posyandu balita"

    # The atasan finds it in his queue (oldest first, 20 a page: he filters on the pegawai
    # and today, as the queue's filter offers) and previews it.
    pc = buka("komputer")
    masuk(pc, demo, NIP_ATASAN)
    a = bukti.aktivitas
    pc.goto(
        demo
        + reverse("aktivitas_tinjau")
        + f"?tab=aktivitas&pegawai={a.pegawai_id}&dari={a.tanggal:%Y-%m-%d}"
    )
    kartu = pc.locator(f"#bukti-{bukti.aktivitas_id}")
    kartu.get_by_text("posyandu.jpg").wait_for()
    kartu.locator("[data-bukti-pratinjau]").click()
    pc.locator(f"#pratinjau-{bukti.pk} img").wait_for()
