"""Browser tests: Playwright for Python driving Debian's Chromium (``executable_path``; never a
downloaded browser), against pytest-django's live server with the demo data.

In CI (``EKINERJA_WAJIB_PERAMBAN=1``, set by scripts/tes.sh after scripts/chromium.sh installed
the browser) a missing browser fails the run; elsewhere the package is skipped with one line.
"""

from __future__ import annotations

import os
import shutil
import warnings
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.transaction import TransactionManagementError

CHROMIUM = "/usr/bin/chromium"
WAJIB = os.environ.get("EKINERJA_WAJIB_PERAMBAN") == "1"
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LAYAR = {
    "komputer": {"viewport": {"width": 1366, "height": 768}},
    "ponsel": {
        "viewport": {"width": 360, "height": 740},
        "has_touch": True,
        "is_mobile": True,
        "device_scale_factor": 2,
    },
}
# A slow mobile link (≈ 3G): 750 kbit/s down, 250 kbit/s up, 300 ms.
JARINGAN_3G = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 750 * 1024 / 8,
    "uploadThroughput": 250 * 1024 / 8,
}


def _alasan_tidak_bisa() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "paket playwright tidak terpasang (./scripts/uv sync)"
    if not shutil.which(CHROMIUM):
        return "chromium tidak terpasang (jalankan scripts/chromium.sh)"
    return ""


def pytest_collection_modifyitems(config, items):
    alasan = _alasan_tidak_bisa()
    for item in items:
        if "tests/peramban/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.peramban)
            if alasan and not WAJIB:
                item.add_marker(pytest.mark.skip(reason=f"Tes peramban dilewati: {alasan}"))


@pytest.fixture(scope="session")
def peramban():
    alasan = _alasan_tidak_bisa()
    if alasan:
        pytest.fail(f"Tes peramban wajib berjalan di CI, tetapi {alasan}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db, live_server, monkeypatch):
    """The demo kabupaten in the live server's database (documents are not queued)."""
    monkeypatch.setattr("skp.tasks.jadwalkan_dokumen_skp", lambda skp: None)
    for modul in ("nilai", "kurva", "keberatan"):
        monkeypatch.setattr(
            f"penilaian.services.{modul}.jadwalkan_dokumen_evaluasi", lambda pk: None
        )
    # Twice in several full CI runs (never alone, never with the browser tests alone) this
    # setup stopped with "TransactionManagementError … until the end of the 'atomic' block"
    # inside seed_demo, with no database error before it: the main thread's connection was
    # marked for rollback without an exception (as Django does when a connection is closed
    # inside an atomic block). The cause is not found; seeding is one transaction, so a
    # failed attempt leaves nothing behind, and it is tried once more on a fresh connection,
    # saying so. A second failure fails the test.
    for percobaan in (1, 2):
        try:
            call_command("seed_demo", paksa=True, stdout=StringIO())
            break
        except TransactionManagementError as galat:
            if percobaan == 2:
                raise
            warnings.warn(f"seed_demo diulang sekali: {galat}", stacklevel=1)
            connections.close_all()
    return live_server.url


@pytest.fixture
def buka(peramban):
    """``buka("ponsel" | "komputer", jaringan=None)`` → a new page in a fresh context."""
    konteks = []

    def _buka(layar: str, jaringan: dict | None = None):
        k = peramban.new_context(locale="id-ID", **LAYAR[layar])
        konteks.append(k)
        halaman = k.new_page()
        halaman.set_default_timeout(20_000)
        if jaringan:
            cdp = k.new_cdp_session(halaman)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", jaringan)
        return halaman

    yield _buka
    for k in konteks:
        k.close()


def masuk(halaman, url: str, nip: str) -> None:
    """Log in through the real form, both steps: the user is given an authenticator app (a
    new one each time, so that no code is reused) and types its code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ekinerja.demo.organisasi import DEMO_SANDI
    from pegawai.models import Pegawai
    from tests.akun.conftest import kode_totp

    pegawai = Pegawai.objects.get(nip=nip)
    TOTPDevice.objects.filter(user=pegawai).delete()
    perangkat = TOTPDevice.objects.create(user=pegawai, name="Ponsel uji", confirmed=True)
    halaman.goto(f"{url}/masuk/")
    halaman.fill("input[name=username]", nip)
    halaman.fill("input[name=password]", DEMO_SANDI)
    halaman.click("button[type=submit]")
    halaman.wait_for_url(f"{url}/akun/dua-langkah/verifikasi/**")
    halaman.fill("input[name=kode]", kode_totp(perangkat))
    halaman.click("form.form button.btn-primary")
    halaman.wait_for_url(f"{url}/")
