"""Dependencies between apps flow one way (architecture §1, a **must**):
pegawai ← skp ← aktivitas ← penilaian; notifikasi and pemantauan may read from all of them;
nothing imports pemantauan.  ``ekinerja`` (the project) may import every app.

Reading: "all of them" includes notifikasi for pemantauan (the dashboards' "kirim pengingat"
action calls the notification service); notifikasi never imports pemantauan."""

import ast
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
URUTAN = ["pegawai", "skp", "aktivitas", "penilaian"]
PEMBACA = {"notifikasi", "pemantauan"}
SEMUA = set(URUTAN) | PEMBACA


def _impor(berkas: Path) -> set[str]:
    pohon = ast.parse(berkas.read_text(), filename=str(berkas))
    nama = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Import):
            nama |= {a.name.split(".")[0] for a in simpul.names}
        elif isinstance(simpul, ast.ImportFrom) and simpul.module and simpul.level == 0:
            nama.add(simpul.module.split(".")[0])
    return nama & SEMUA


def _boleh(app: str) -> set[str]:
    if app == "pemantauan":
        return set(URUTAN) | {"notifikasi", app}
    if app in PEMBACA:
        return set(URUTAN) | {app}
    return set(URUTAN[: URUTAN.index(app) + 1])


def test_tidak_ada_impor_ke_atas_atau_siklus():
    pelanggaran = []
    for app in SEMUA:
        folder = AKAR / app
        if not folder.is_dir():
            continue
        for berkas in folder.rglob("*.py"):
            for target in _impor(berkas) - _boleh(app):
                pelanggaran.append(f"{berkas.relative_to(AKAR)} mengimpor {target}")
    assert not pelanggaran, "\n".join(sorted(pelanggaran))


def test_deteksi_bekerja():
    # The checker itself must see an upward import.
    contoh = AKAR / "skp" / "models.py"
    assert "pegawai" in _impor(contoh)
    assert "skp" not in _boleh("pegawai") and "pegawai" in _boleh("skp")
