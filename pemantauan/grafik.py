"""Server-side SVG charts: the geometry is computed here, the templates draw it
(``templates/pemantauan/_grafik.html``) with a <title>, a <desc> and the same numbers in a
table next to it.  No JavaScript, no library."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from penilaian import rules as aturan_penilaian

LEBAR, TINGGI = 640, 220
KIRI, KANAN, ATAS, BAWAH = 40, 12, 12, 28


def _y(persen: float, tinggi: int = TINGGI) -> float:
    return round(ATAS + (tinggi - ATAS - BAWAH) * (1 - persen / 100), 1)


def garis_tren(tren: list[dict]) -> dict:
    """Monthly % workdays filled and % realisation on time, as two lines over 12 months."""
    lebar_slot = (LEBAR - KIRI - KANAN) / 12
    seri = {"hari": [], "realisasi": []}
    label = []
    for t in tren:
        x = round(KIRI + lebar_slot * (t["bulan"] - 0.5), 1)
        label.append({"x": x, "teks": t["label"]})
        if t["persen_hari"] is not None:
            seri["hari"].append((x, _y(t["persen_hari"]), t["persen_hari"]))
        if t["persen_realisasi"] is not None:
            seri["realisasi"].append((x, _y(t["persen_realisasi"]), t["persen_realisasi"]))
    return {
        "lebar": LEBAR,
        "tinggi": TINGGI,
        "kiri": KIRI,
        "kanan": LEBAR - KANAN,
        "grid": [{"y": _y(p), "teks": f"{p}%"} for p in (0, 25, 50, 75, 100)],
        "label": label,
        "hari": " ".join(f"{x},{y}" for x, y, _p in seri["hari"]),
        "realisasi": " ".join(f"{x},{y}" for x, y, _p in seri["realisasi"]),
        "titik_hari": seri["hari"],
        "titik_realisasi": seri["realisasi"],
    }


@dataclass
class Batas:
    minimum: float | None
    maksimum: float | None


def batas_kurva(predikat_organisasi: str | None) -> dict[str, Batas]:
    """The curve's percentage limits that concern one predikat each, as marks on its bar
    (limits on a pair of predikat, or an absolute "at least one pegawai", are listed in the
    table under the chart instead)."""
    if not predikat_organisasi:
        return {}
    hasil: dict[str, Batas] = {}
    for b in aturan_penilaian.batas_kurva(predikat_organisasi):
        if len(b.predikat) != 1 or (b.persen == 0 and b.jenis == aturan_penilaian.MIN):
            continue
        (predikat,) = b.predikat
        lama = hasil.get(str(predikat), Batas(None, None))
        if b.jenis == aturan_penilaian.MAKS:
            hasil[str(predikat)] = Batas(lama.minimum, float(b.persen))
        else:
            hasil[str(predikat)] = Batas(float(b.persen), lama.maksimum)
    return hasil


def batang_predikat(distribusi: list[dict], batas: dict[str, Batas]) -> dict:
    """Bars of the annual predikat (% of those rated) with the curve's limit marks."""
    tinggi = TINGGI
    lebar_slot = (LEBAR - KIRI - KANAN) / max(1, len(distribusi))
    batang = []
    for i, d in enumerate(distribusi):
        persen = d["persen"] or 0
        x = KIRI + lebar_slot * i + lebar_slot * 0.2
        b = batas.get(d["predikat"])
        batang.append(
            {
                "x": round(x, 1),
                "lebar": round(lebar_slot * 0.6, 1),
                "y": _y(persen, tinggi),
                "tinggi": round(_y(0, tinggi) - _y(persen, tinggi), 1),
                "tengah": round(x + lebar_slot * 0.3, 1),
                "x2": round(x + lebar_slot * 0.6, 1),
                "label": d["label"],
                "jumlah": d["jumlah"],
                "persen": d["persen"],
                "y_maks": _y(b.maksimum, tinggi) if b and b.maksimum is not None else None,
                "y_min": _y(b.minimum, tinggi) if b and b.minimum is not None else None,
                "maks": b.maksimum if b else None,
                "minimum": b.minimum if b else None,
            }
        )
    return {
        "lebar": LEBAR,
        "tinggi": tinggi,
        "kiri": KIRI,
        "kanan": LEBAR - KANAN,
        "grid": [{"y": _y(p, tinggi), "teks": f"{p}%"} for p in (0, 25, 50, 75, 100)],
        "batang": batang,
        "ada_batas": bool(batas),
    }


def histogram_beban(jam: list[float], bawah: float | None, atas: float | None, n: int = 20):
    """Histogram of hours per pegawai; bins beyond the outlier fences are marked."""
    if not jam:
        return None
    maks = max(jam) or 1
    lebar_bin = maks / n
    hitung = [0] * n
    for j in jam:
        hitung[min(n - 1, int(j / lebar_bin)) if lebar_bin else 0] += 1
    puncak = max(hitung) or 1
    tinggi = 180
    lebar_slot = (LEBAR - KIRI - KANAN) / n
    batang = []
    for i, h in enumerate(hitung):
        dari, sampai = i * lebar_bin, (i + 1) * lebar_bin
        pencil = (bawah is not None and sampai <= bawah) or (atas is not None and dari >= atas)
        tinggi_b = round((tinggi - ATAS - BAWAH) * h / puncak, 1)
        batang.append(
            {
                "x": round(KIRI + lebar_slot * i + 1, 1),
                "lebar": round(lebar_slot - 2, 1),
                "y": round(tinggi - BAWAH - tinggi_b, 1),
                "tinggi": tinggi_b,
                "jumlah": h,
                "dari": round(dari, 1),
                "sampai": round(sampai, 1),
                "pencilan": pencil,
            }
        )

    def x_dari(j):
        if j is None or j < 0 or j > maks:
            return None
        return round(KIRI + (LEBAR - KIRI - KANAN) * j / maks, 1)

    return {
        "lebar": LEBAR,
        "tinggi": tinggi,
        "kiri": KIRI,
        "kanan": LEBAR - KANAN,
        "dasar": tinggi - BAWAH,
        "batang": batang,
        "maks": round(maks, 1),
        "x_bawah": x_dari(bawah),
        "x_atas": x_dari(atas),
        "judul": _("Sebaran jam kerja per pegawai"),
    }
