"""Screenshot of the pemantauan dashboard for the README: ``./scripts/uv run --with
playwright python scripts/tangkap_layar.py [--url http://127.0.0.1:8000] [--keluar
docs/gambar/dasbor.png]``.  Needs the app running with the demo data (``make migrate demo``
then runserver) and Debian's Chromium (``apt-get install -y chromium``); logs in as the
demo admin instansi."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

NIP_ADMIN = "198605272010011007"  # ekinerja.demo.organisasi.NIP_ADMIN
SANDI = "demo12345"  # ekinerja.demo.organisasi.DEMO_SANDI


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8000")
    p.add_argument("--keluar", default=str(AKAR / "docs" / "gambar" / "dasbor.png"))
    p.add_argument("--jalur", default="/pemantauan/")
    p.add_argument("--lebar", type=int, default=1280)
    p.add_argument("--tinggi", type=int, default=900)
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        peramban = pw.chromium.launch(executable_path="/usr/bin/chromium")
        halaman = peramban.new_page(viewport={"width": args.lebar, "height": args.tinggi})
        halaman.goto(f"{args.url}/masuk/")
        halaman.fill("input[name=username]", NIP_ADMIN)
        halaman.fill("input[name=password]", SANDI)
        halaman.click("button[type=submit]")
        halaman.wait_for_load_state("networkidle")
        halaman.goto(f"{args.url}{args.jalur}")
        halaman.wait_for_load_state("networkidle")
        Path(args.keluar).parent.mkdir(parents=True, exist_ok=True)
        halaman.screenshot(path=args.keluar)
        peramban.close()
    print(f"Tersimpan: {args.keluar}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
