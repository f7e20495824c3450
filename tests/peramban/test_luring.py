"""Works on a bad network (docs/luring.md), in Debian's Chromium on a phone-sized screen:

- offline, three activities (one with a 4000×3000 photo) go into the queue, survive a reload
  and the tab being closed, and arrive exactly once — three rows, one evidence file, shrunk
  in the browser — when the network is back;
- a response lost after the server committed leaves exactly one row;
- a refused entry stays queued with the server's message until fixed; logging out warns,
  then empties the queue;
- the day page's budget on a slow link (750/250 kbit/s, 100 ms): usable ≤ 3 s and ≤ 60 KB on
  the first visit, ≤ 1 s and ≤ 10 KB on the next.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageChops, ImageDraw

from aktivitas.models import Aktivitas, BuktiDukung, PengaturanKinerja
from ekinerja.demo.organisasi import NIP_ASN
from pegawai.models import Pegawai
from tests.peramban.conftest import masuk

# The slow link: 750 kbit/s down, 250 kbit/s up, 100 ms.
JARINGAN_LAMBAT = {
    "offline": False,
    "latency": 100,
    "downloadThroughput": 750 * 1000 / 8,
    "uploadThroughput": 250 * 1000 / 8,
}
HARI = reverse("aktivitas_harian")


# --- helpers ----------------------------------------------------------------------------------
def siap_luring(hp, demo: str) -> None:
    """Logged in; wait until the service worker controls the page and keeps the day page."""
    hp.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
    hp.goto(demo + HARI)
    for _ in range(100):
        if hp.evaluate("caches.open('ekinerja-halaman').then(c => c.keys()).then(k => k.length)"):
            return
        time.sleep(0.1)
    pytest.fail("Halaman hari tidak tersimpan oleh service worker.")


def catat(hp, uraian: str, mulai: str, selesai: str, foto=None) -> None:
    hp.fill("input[name=uraian]", uraian)
    hp.fill("input[name=jam_mulai]", mulai)
    hp.fill("input[name=jam_selesai]", selesai)
    hp.fill("input[name=satuan_output]", "dokumen")
    if foto is not None:
        hp.set_input_files("form[data-form-aktivitas] input[name=berkas][multiple]", str(foto))
        hp.locator("[data-bukti-terpilih]").filter(has_text=".jpg").wait_for()
        hp.wait_for_selector("form[data-form-aktivitas]:not([data-foto-proses])", state="attached")
    hp.click("button:has-text('Simpan aktivitas')")


def jumlah_antrean(hp) -> int:
    return hp.evaluate(
        """() => new Promise((ok, gagal) => {
             const r = indexedDB.open('ekinerja-luring', 1);
             r.onupgradeneeded = () => r.result.createObjectStore('antrean',
                 {keyPath: 'id', autoIncrement: true}).createIndex('pengguna', 'pengguna');
             r.onsuccess = () => { const q = r.result.transaction('antrean')
                 .objectStore('antrean').count(); q.onsuccess = () => ok(q.result); };
             r.onerror = () => gagal(r.error);
           })"""
    )


def foto_dokumen(tmp_path):
    """A phone photo of a typed page: 4000×3000, lines of "words" on grey paper, sensor noise;
    several MB of JPEG, as a phone makes it."""
    acak = random.Random(7)
    img = Image.new("L", (4000, 3000), 235)
    d = ImageDraw.Draw(img)
    for baris in range(220, 2800, 70):
        x = 300
        while x < 3600:
            lebar = acak.randint(30, 160)
            d.rectangle([x, baris, x + lebar, baris + 34], fill=acak.randint(20, 70))
            x += lebar + acak.randint(18, 30)
    img = ImageChops.add(img, Image.effect_noise(img.size, 12), offset=-128).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    jalur = tmp_path / "surat-tugas.jpg"
    jalur.write_bytes(buf.getvalue())
    return jalur


@pytest.fixture
def fajar(demo):
    return Pegawai.objects.get(nip=NIP_ASN)


# --- the tests ----------------------------------------------------------------------------------
def test_luring_tiga_aktivitas_sampai_tepat_sekali(demo, buka, fajar, tmp_path):
    foto = foto_dokumen(tmp_path)
    assert foto.stat().st_size > 2_000_000
    hari_ini = timezone.localdate()
    sebelum = Aktivitas.objects.filter(pegawai=fajar).count()
    hp = buka("ponsel")
    konteks = hp.context
    masuk(hp, demo, NIP_ASN)
    siap_luring(hp, demo)

    konteks.set_offline(True)
    catat(hp, "Luring: menyusun laporan PE campak", "19:00", "19:20")
    hp.get_by_text("menunggu terkirim (1)").wait_for()
    catat(hp, "Luring: memotret surat tugas", "19:20", "19:40", foto=foto)
    hp.get_by_text("menunggu terkirim (2)").wait_for()
    catat(hp, "Luring: rekap kunjungan posyandu", "19:40", "20:00")
    hp.get_by_text("menunggu terkirim (3)").wait_for()
    antrean = hp.locator("[data-antrean] li")
    assert antrean.count() == 3
    assert antrean.filter(has_text="belum terkirim").count() == 3
    assert antrean.filter(has_text="surat-tugas.jpg").count() == 1
    assert antrean.get_by_role("button", name="Perbaiki").count() == 0  # nothing refused
    # The form is ready for the next one: empty, starting where the last one ended.
    assert hp.input_value("input[name=uraian]") == ""
    assert hp.input_value("input[name=jam_mulai]") == "20:00"

    hp.reload()  # no network: the worker's copy, with the queue from IndexedDB
    hp.get_by_text("menunggu terkirim (3)").wait_for()
    assert hp.locator("[data-antrean] li").count() == 3
    hp.close()
    assert Aktivitas.objects.filter(pegawai=fajar).count() == sebelum

    konteks.set_offline(False)
    hp = konteks.new_page()
    hp.goto(demo + HARI)
    hp.locator("tr", has_text="Luring: rekap kunjungan posyandu").wait_for()
    hp.locator("[data-antrean]").wait_for(state="hidden")
    assert jumlah_antrean(hp) == 0

    baru = Aktivitas.objects.filter(pegawai=fajar, uraian__startswith="Luring:")
    assert baru.count() == 3
    assert Aktivitas.objects.filter(pegawai=fajar).count() == sebelum + 3
    assert {a.tanggal for a in baru} == {hari_ini}
    assert list(baru.order_by("jam_mulai").values_list("jam_mulai", flat=True)) == sorted(
        baru.values_list("jam_mulai", flat=True)
    )
    bukti = BuktiDukung.objects.filter(aktivitas__in=baru)
    assert bukti.count() == 1
    b = bukti.get()
    assert b.aktivitas.uraian == "Luring: memotret surat tugas"
    # Shrunk in the browser: longest side 1600 px, a fraction of the photo's bytes.
    with b.berkas.open("rb") as f, Image.open(f) as img:
        assert max(img.size) == 1600 and img.format == "JPEG"
    assert b.ukuran < foto.stat().st_size / 3
    print(f"\n[luring] foto {foto.stat().st_size / 1e6:.1f} MB → bukti {b.ukuran / 1e3:.0f} KB")


def test_jawaban_hilang_setelah_tersimpan_tetap_satu_baris(demo, buka, fajar):
    hp = buka("ponsel")
    masuk(hp, demo, NIP_ASN)
    siap_luring(hp, demo)
    diputus = []

    def putus_sekali(route):
        if route.request.method == "POST" and not diputus:
            diputus.append(route.fetch().status)  # the server stores it...
            route.abort("connectionreset")  # ...and the answer never arrives
        else:
            route.continue_()

    hp.route(re.compile(r".*/aktivitas/(\?.*)?$"), putus_sekali)
    catat(hp, "Jawaban hilang: verifikasi data kasus", "20:00", "20:30")
    hp.locator("tr", has_text="Jawaban hilang: verifikasi data kasus").wait_for()
    hp.locator("[data-antrean]").wait_for(state="hidden")
    assert diputus == [200]
    assert Aktivitas.objects.filter(pegawai=fajar, uraian__startswith="Jawaban hilang").count() == 1
    assert jumlah_antrean(hp) == 0


def test_ditolak_tetap_di_antrean_lalu_keluar_memperingatkan(demo, buka, fajar):
    hp = buka("ponsel")
    konteks = hp.context
    masuk(hp, demo, NIP_ASN)
    siap_luring(hp, demo)
    catat(hp, "Rapat koordinasi lintas program", "21:00", "22:00")
    hp.locator("tr", has_text="Rapat koordinasi lintas program").wait_for()

    konteks.set_offline(True)
    catat(hp, "Bentrok A: menyusun notulen", "21:30", "21:45")
    catat(hp, "Bentrok B: mengirim undangan", "21:10", "21:20")
    hp.get_by_text("menunggu terkirim (2)").wait_for()
    konteks.set_offline(False)
    ditolak = hp.locator("[data-antrean] li.luring-ditolak")
    ditolak.nth(1).wait_for()
    assert ditolak.count() == 2
    assert "bertumpang tindih" in ditolak.first.inner_text()
    hp.get_by_text("menunggu terkirim (2)").wait_for()
    assert Aktivitas.objects.filter(pegawai=fajar, uraian__startswith="Bentrok").count() == 0

    from playwright.sync_api import expect

    # "Perbaiki": back into the form with the message; a new time, saved online.
    ditolak.filter(has_text="Bentrok A").get_by_role("button", name="Perbaiki").click()
    expect(hp.locator("input[name=uraian]")).to_have_value("Bentrok A: menyusun notulen")
    expect(hp.locator("[data-antrean-galat-form]")).to_contain_text("bertumpang tindih")
    hp.get_by_text("menunggu terkirim (1)").wait_for()
    hp.fill("input[name=jam_mulai]", "22:00")
    hp.fill("input[name=jam_selesai]", "22:15")
    hp.click("button:has-text('Simpan aktivitas')")
    hp.locator("tr", has_text="Bentrok A: menyusun notulen").wait_for()
    assert Aktivitas.objects.filter(pegawai=fajar, uraian__startswith="Bentrok").count() == 1

    # Logging out with an entry still queued: asked first; "no" keeps everything.
    pesan = []

    def tolak(d):
        pesan.append(d.message)
        d.dismiss()

    hp.once("dialog", tolak)
    hp.locator("details.akun summary").click()
    hp.get_by_role("button", name="Keluar").click()
    hp.wait_for_timeout(500)
    assert pesan[0].startswith("1 aktivitas belum terkirim")
    assert hp.url.startswith(demo + HARI)
    assert jumlah_antrean(hp) == 1

    hp.once("dialog", lambda d: d.accept())
    hp.get_by_role("button", name="Keluar").click()
    hp.wait_for_url(re.compile(r".*/masuk/.*"))
    assert jumlah_antrean(hp) == 0
    assert not hp.evaluate("caches.has('ekinerja-halaman')")


def test_berkas_di_atas_batas_tidak_masuk_antrean(demo, buka, fajar, tmp_path):
    # The instansi accepts 1 MB per file: a 2 MB PDF taken offline is not queued; the form
    # keeps what was typed and says why.
    PengaturanKinerja.objects.update_or_create(
        instansi_id=fajar.instansi_id, defaults={"ukuran_bukti_maks_mb": 1}
    )
    pdf = tmp_path / "notulen.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 2_000_000)
    hp = buka("ponsel")
    masuk(hp, demo, NIP_ASN)
    siap_luring(hp, demo)
    hp.context.set_offline(True)
    hp.set_input_files("form[data-form-aktivitas] input[name=berkas][multiple]", str(pdf))
    catat(hp, "Notulen rapat desa siaga", "18:00", "18:30")
    galat = hp.locator("[data-antrean-galat-form]")
    galat.wait_for()
    assert "paling besar 1 MB per berkas" in galat.inner_text()
    assert hp.input_value("input[name=uraian]") == "Notulen rapat desa siaga"
    assert jumlah_antrean(hp) == 0

    # Without the file it is queued.
    hp.set_input_files("form[data-form-aktivitas] input[name=berkas][multiple]", [])
    hp.click("button:has-text('Simpan aktivitas')")
    hp.get_by_text("menunggu terkirim (1)").wait_for()
    assert galat.count() == 0


def test_petunjuk_pasang_di_beranda_ponsel(demo, buka):
    tawarkan = """() => {
        const e = new Event("beforeinstallprompt", {cancelable: true});
        e.prompt = () => { window.diminta = (window.diminta || 0) + 1; };
        e.userChoice = Promise.resolve({outcome: "accepted"});
        window.dispatchEvent(e);
    }"""
    pc = buka("komputer")
    masuk(pc, demo, NIP_ASN)
    pc.evaluate(tawarkan)
    assert pc.locator("[data-pasang]").is_hidden()  # a computer is not offered the card

    hp = buka("ponsel")
    masuk(hp, demo, NIP_ASN)
    kartu = hp.locator("[data-pasang]")
    assert kartu.is_hidden()  # nothing to offer until the browser says it can install
    hp.evaluate(tawarkan)
    kartu.wait_for()
    assert kartu.locator("[data-pasang-ios]").is_hidden()  # the iPhone's steps: not here
    kartu.get_by_role("button", name="Pasang aplikasi").click()
    kartu.wait_for(state="hidden")
    assert hp.evaluate("window.diminta") == 1

    # "Nanti saja" hides it for good on this device.
    hp.reload()
    hp.evaluate(tawarkan)
    kartu.wait_for()
    kartu.get_by_role("button", name="Nanti saja").click()
    hp.reload()
    hp.evaluate(tawarkan)
    hp.wait_for_timeout(300)
    assert kartu.is_hidden()


# --- the budget on a slow link --------------------------------------------------------------------
class _ServerUji:
    """WSGI wrapper for the budget test.  Static files are gzip-compressed, as WhiteNoise
    serves them in production (CompressedManifestStaticFilesStorage; the test server sends
    them raw otherwise), and every byte the server sends (status, headers, body) is counted,
    whoever asked: the page or its service worker."""

    def __init__(self, app):
        self.app = app
        self.terkirim = 0

    def __call__(self, environ, start_response):
        tangkap = {}

        def mulai(status, headers, exc_info=None):
            tangkap["status"], tangkap["headers"] = status, headers
            return lambda data: None

        isi = b"".join(self.app(environ, mulai))
        status, headers = tangkap["status"], tangkap["headers"]
        statis = environ.get("PATH_INFO", "").startswith("/static/")
        if (
            statis
            and status.startswith("200")
            and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        ):
            isi = gzip.compress(isi)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers += [
                ("Content-Encoding", "gzip"),
                ("Vary", "Accept-Encoding"),
                ("Content-Length", str(len(isi))),
            ]
        self.terkirim += len(status) + 11 + sum(len(k) + len(v) + 4 for k, v in headers) + len(isi)
        start_response(status, headers)
        return [isi]


@pytest.fixture
def server_uji(live_server):
    httpd = live_server.thread.httpd
    asli = httpd.get_app()
    uji = _ServerUji(asli)
    httpd.set_app(uji)
    yield uji
    httpd.set_app(asli)


def _lambatkan_service_worker(peramban) -> None:
    """Chromium's network emulation on the service worker too (it fetches the day page on a
    repeat visit): through a browser-level DevTools session attached to its target."""
    cdp = peramban.new_browser_cdp_session()
    for t in cdp.send("Target.getTargets")["targetInfos"]:
        if t["type"] != "service_worker":
            continue
        sesi = cdp.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": False})
        for n, (metode, param) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", JARINGAN_LAMBAT)], 1
        ):
            pesan = json.dumps({"id": n, "method": metode, "params": param})
            cdp.send(
                "Target.sendMessageToTarget", {"sessionId": sesi["sessionId"], "message": pesan}
            )


def _ukur(hp, server, url: str) -> tuple[float, int]:
    """Seconds until the entry form is visible and typable, and the bytes the server sent."""
    server.terkirim = 0
    mulai = time.perf_counter()
    hp.goto(url, wait_until="commit")
    hp.locator("input[name=uraian]").wait_for(state="visible")
    hp.fill("input[name=uraian]", "Uji")
    detik = time.perf_counter() - mulai
    hp.wait_for_load_state("load")
    hp.wait_for_timeout(2000)  # late requests (worker install, manifest) count too
    return detik, server.terkirim


def test_anggaran_halaman_hari_di_jaringan_lambat(demo, peramban, fajar, server_uji):
    # A fresh browser, already logged in (the session cookie of a real login): the day page
    # is the first page it ever loads — nothing cached, no service worker yet.
    c = Client()
    c.force_login(fajar)
    konteks = peramban.new_context(
        locale="id-ID",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    try:
        konteks.add_cookies(
            [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": demo}]
        )
        hp = konteks.new_page()
        cdp = konteks.new_cdp_session(hp)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", JARINGAN_LAMBAT)
        url = demo + HARI
        detik_1, byte_1 = _ukur(hp, server_uji, url)
        hp.wait_for_function("navigator.serviceWorker.controller")
        _lambatkan_service_worker(peramban)
        detik_2, byte_2 = _ukur(hp, server_uji, url)
    finally:
        konteks.close()
    print(
        f"\n[anggaran] kunjungan pertama {detik_1:.2f} s, {byte_1 / 1000:.1f} KB; "
        f"kunjungan berikutnya {detik_2:.2f} s, {byte_2 / 1000:.1f} KB"
    )
    assert detik_1 <= 3.0 and byte_1 <= 60_000
    assert detik_2 <= 1.0 and byte_2 <= 10_000
