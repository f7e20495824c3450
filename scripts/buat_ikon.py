"""Draw the installable app's PNG icons from the logo's geometry (static/img/logo.svg).

Run once when the logo changes; the output is committed under static/img/:
``./scripts/uv run python scripts/buat_ikon.py``.  Pillow only, nothing downloaded.
The logo is a green rounded square with a white rising line; the "maskable" variant keeps
the line inside the safe zone (the inner 80 %) and fills the whole square, as launchers crop it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HIJAU = (11, 93, 75, 255)
PUTIH = (255, 255, 255, 255)
# The logo's 24×24 viewBox: rx=5, the polyline M6 16 l4-5 3 3 5-7, stroke 2.2.
GARIS = [(6, 16), (10, 11), (13, 14), (18, 7)]
SUDUT, TEBAL = 5, 2.2
TUJUAN = Path(__file__).resolve().parent.parent / "static" / "img"
SKALA = 4  # drawn larger, then reduced: smooth edges without an SVG renderer


def gambar(ukuran: int, *, maskable: bool = False) -> Image.Image:
    besar = ukuran * SKALA
    img = Image.new("RGBA", (besar, besar), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        d.rectangle([0, 0, besar, besar], fill=HIJAU)
        # The 24-unit logo drawn in the middle 70 %: the line stays in the safe zone.
        satuan, geser = besar * 0.7 / 24, besar * 0.15
    else:
        d.rounded_rectangle([0, 0, besar - 1, besar - 1], radius=besar * SUDUT / 24, fill=HIJAU)
        satuan, geser = besar / 24, 0.0
    titik = [(geser + x * satuan, geser + y * satuan) for x, y in GARIS]
    lebar = max(1, round(TEBAL * satuan))
    d.line(titik, fill=PUTIH, width=lebar, joint="curve")
    for x, y in (titik[0], titik[-1]):  # round caps
        r = lebar / 2
        d.ellipse([x - r, y - r, x + r, y + r], fill=PUTIH)
    return img.resize((ukuran, ukuran), Image.Resampling.LANCZOS)


def main() -> None:
    berkas = {
        "ikon-192.png": gambar(192),
        "ikon-512.png": gambar(512),
        "ikon-maskable-512.png": gambar(512, maskable=True),
        "ikon-apple-180.png": gambar(180, maskable=True),  # iOS rounds the corners itself
    }
    for nama, img in berkas.items():
        img.save(TUJUAN / nama, optimize=True)
        print(TUJUAN / nama)


if __name__ == "__main__":
    main()
