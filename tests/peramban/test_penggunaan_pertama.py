"""Measured first use (issue 16 point 5): a first-time ASN logs in and records his first
activity with evidence, starting from the home page's three steps.  Every click, field
filled and file chosen after login is one interaction; the journey must take at most 8.

The count is printed (``-s`` shows it) and is what the issue's note reports."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import DEMO_SANDI, NIP_ASN
from pegawai.models import Jabatan, Pegawai, Penugasan
from tests.aktivitas.test_sniff_bukti import buat_jpeg
from tests.peramban.conftest import masuk

BATAS_INTERAKSI = 8
NIP_BARU = "199901012024011001"


class Penghitung:
    """Performs the user's actions on the page and counts them, by kind."""

    def __init__(self, halaman):
        self.halaman = halaman
        self.klik = 0
        self.isian = 0
        self.berkas = 0

    @property
    def jumlah(self) -> int:
        return self.klik + self.isian + self.berkas

    def tekan(self, locator) -> None:
        locator.click()
        self.klik += 1

    def isi(self, selector: str, nilai: str) -> None:
        self.halaman.fill(selector, nilai)
        self.isian += 1

    def pilih_berkas(self, selector: str, path: str) -> None:
        self.halaman.set_input_files(selector, path)
        self.berkas += 1


def _asn_baru() -> Pegawai:
    """A pegawai who has never used the app: a new pelaksana beside the demo ASN, under the
    same atasan, with no SKP, activity or realisation yet."""
    contoh = Pegawai.objects.get(nip=NIP_ASN)
    jab_contoh = Penugasan.objects.filter(pegawai=contoh, jenis="definitif").first().jabatan
    jabatan = Jabatan.objects.create(
        instansi=jab_contoh.instansi,
        unit=jab_contoh.unit,
        nama="Pengadministrasi Umum (baru)",
        jenis=Jabatan.Jenis.PELAKSANA,
        induk=jab_contoh.induk,
        kelas_jabatan=5,
    )
    baru = Pegawai.objects.create_user(
        NIP_BARU,
        DEMO_SANDI,
        nama="Pegawai Baru",
        instansi=contoh.instansi,
        unit_kerja=jab_contoh.unit,
    )
    Penugasan.objects.create(
        pegawai=baru, jabatan=jabatan, jenis="definitif", mulai=dt.date.today().replace(day=1)
    )
    return baru


def test_asn_pertama_kali_mencatat_aktivitas_dengan_bukti_paling_banyak_8_interaksi(
    demo, buka, tmp_path
):
    asn = _asn_baru()
    hari_ini = timezone.localdate()
    foto = tmp_path / "rapat.jpg"
    foto.write_bytes(buat_jpeg())

    hp = buka("ponsel")
    masuk(hp, demo, NIP_BARU)  # login (both steps) is not counted
    n = Penghitung(hp)

    kotak = hp.locator("section.langkah-awal")
    kotak.wait_for()
    n.tekan(kotak.get_by_role("link", name="Catat aktivitas hari ini"))
    hp.wait_for_url(demo + reverse("aktivitas_harian") + "**")
    n.isi("input[name=uraian], textarea[name=uraian]", "Rapat koordinasi surveilans")
    # The start time is prefilled (07:30 on a first day); the end is typed.
    if not hp.input_value("input[name=jam_mulai]"):
        n.isi("input[name=jam_mulai]", "07:30")
    n.isi("input[name=jam_selesai]", "09:00")
    if not hp.input_value("input[name=satuan_output]"):
        n.isi("input[name=satuan_output]", "kegiatan")
    n.pilih_berkas("form input[name=berkas]", str(foto))
    n.tekan(hp.get_by_role("button", name="Simpan aktivitas"))
    hp.locator("tr, li", has_text="Rapat koordinasi surveilans").first.wait_for()

    a = Aktivitas.objects.get(pegawai=asn, tanggal=hari_ini, uraian="Rapat koordinasi surveilans")
    assert a.bukti.filter(nama_asli="rapat.jpg").exists()
    print(
        f"\nPenggunaan pertama: {n.jumlah} interaksi setelah masuk "
        f"({n.klik} klik, {n.isian} isian, {n.berkas} berkas)"
    )
    assert n.jumlah <= BATAS_INTERAKSI

    # Back home, the step is ticked.
    hp.goto(demo + reverse("beranda"))
    assert "Catat aktivitas hari ini" in hp.locator("section.langkah-awal s").inner_text()

    # The day page's help opens with one tap and loads its steps from the guide, without
    # widening the page at 360 px.
    hp.goto(demo + reverse("aktivitas_harian"))
    hp.locator("details.bantuan > summary").click()
    hp.locator("details.bantuan .bantuan-muatan", has_text="Simpan aktivitas").wait_for()
    assert "Operator unit Anda" in hp.locator("details.bantuan").inner_text()
    assert hp.evaluate("document.documentElement.scrollWidth") <= 360
