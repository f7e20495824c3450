"""Every action written to Riwayat by the code has a readable label."""

import re
from pathlib import Path

from pegawai.riwayat import LABEL_AKSI

AKAR = Path(__file__).resolve().parent.parent


def test_setiap_aksi_punya_label():
    pola = re.compile(r'aksi=(?:f?"([a-z_]+\.[a-z_]+)")(?: if [^\n]+ else "([a-z_]+\.[a-z_]+)")?')
    kode = set()
    for berkas in AKAR.glob("*/*.py"):
        if berkas.parts[-2] in {"tests", "bench", ".venv"}:
            continue
        for m in pola.finditer(berkas.read_text()):
            kode |= {k for k in m.groups() if k}
    assert kode, "pola tidak menemukan aksi apa pun"
    tanpa_label = sorted(kode - LABEL_AKSI.keys())
    assert not tanpa_label, f"Aksi tanpa label di */riwayat.py: {tanpa_label}"
