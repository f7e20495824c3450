"""Dependencies between apps flow one way (docs/arsitektur.md, a **must**):
inti ← pegawai ← kalender ← skp ← aktivitas ← penilaian; notifikasi and pemantauan may read
from all of them; nothing imports pemantauan.  ``inti`` (shared code) imports no app.
``ekinerja`` (the project: settings, URLs, the demo seed package) may import every app.

Inside an app: a service never imports a view, and nothing outside the project reaches
into another app's views.

Reading: "all of them" includes notifikasi for pemantauan (the dashboards' "kirim pengingat"
action calls the notification service); notifikasi never imports pemantauan.

``akun`` (account security: two-step login, login history, sessions) is a reader too: it
records logins through Django's auth signals (so ``pegawai``'s login view needs nothing of
it) and tells the user of a new device through notifikasi; no app imports akun.

``bantuan`` (in-app help, the PIC, "Tanya operator") reads the apps below and notifikasi; the
page templates reach it only through its template tags; no app imports bantuan.

``sinkron`` (the SIASN-shaped synchronisation) sits above pegawai: it applies through
pegawai's import and services and tells the admin through notifikasi; no app imports it."""

import ast
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
URUTAN = ["inti", "pegawai", "kalender", "skp", "aktivitas", "penilaian"]
PEMBACA = {"notifikasi", "pemantauan", "akun", "bantuan", "sinkron", "pengumuman"}
#: At the top: the REST API (issue 18) calls every app's selectors and services; nothing
#: imports it.
PUNCAK = {"api"}
SEMUA = set(URUTAN) | PEMBACA | PUNCAK


def _modul_diimpor(berkas: Path) -> set[str]:
    """The absolute module names a file imports (``from a.b import c`` gives a.b and a.b.c)."""
    pohon = ast.parse(berkas.read_text(), filename=str(berkas))
    nama = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Import):
            nama |= {a.name for a in simpul.names}
        elif isinstance(simpul, ast.ImportFrom) and simpul.module and simpul.level == 0:
            nama.add(simpul.module)
            nama |= {f"{simpul.module}.{a.name}" for a in simpul.names}
    return nama


def _impor(berkas: Path) -> set[str]:
    return {m.split(".")[0] for m in _modul_diimpor(berkas)} & SEMUA


def _views(modul: str) -> bool:
    bagian = modul.split(".")
    return len(bagian) > 1 and bagian[0] in SEMUA and bagian[1] == "views"


def _boleh(app: str) -> set[str]:
    if app in PUNCAK:
        return SEMUA
    if app in {"pemantauan", "akun", "bantuan", "sinkron"}:
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


def test_layanan_tidak_mengimpor_view_dan_view_tidak_lintas_app():
    pelanggaran = []
    for app in SEMUA:
        for berkas in (AKAR / app).rglob("*.py"):
            bagian = berkas.relative_to(AKAR).parts
            for modul in _modul_diimpor(berkas):
                if not _views(modul):
                    continue
                if "services" in bagian or berkas.name == "services.py":
                    pelanggaran.append(f"{berkas.relative_to(AKAR)}: layanan mengimpor {modul}")
                elif modul.split(".")[0] != app:
                    pelanggaran.append(f"{berkas.relative_to(AKAR)}: view app lain {modul}")
    assert not pelanggaran, "\n".join(sorted(pelanggaran))


def test_inti_tidak_mengimpor_app_mana_pun():
    for berkas in (AKAR / "inti").rglob("*.py"):
        assert not (_impor(berkas) | {m.split(".")[0] for m in _modul_diimpor(berkas)}) & (
            SEMUA | {"ekinerja"}
        ) - {"inti"}, berkas


def test_deteksi_bekerja():
    # The checker itself must see an upward import.
    contoh = AKAR / "skp" / "models.py"
    assert "pegawai" in _impor(contoh)
    assert "skp" not in _boleh("pegawai") and "pegawai" in _boleh("skp")
    assert "kalender" in _boleh("aktivitas") and "aktivitas" not in _boleh("kalender")
    assert _boleh("inti") == {"inti"}
    assert "akun" not in _boleh("pegawai") and "akun" not in _boleh("notifikasi")
    assert _boleh("api") == SEMUA and not any("api" in _boleh(a) for a in SEMUA - {"api"})
    assert _views("aktivitas.views.harian") and not _views("aktivitas.services.harian")
