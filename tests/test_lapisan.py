"""The layers of docs/arsitektur.md, checked on the source (issue 11).

Every ORM write — ``save``, ``delete``, ``create``, ``update``, ``bulk_create``,
``bulk_update``, ``get_or_create``, ``update_or_create`` on a model, a manager or a
queryset — happens in a service module (``<app>/services/`` or a small app's
``services.py``), a migration, a management command or the demo seed package
(``ekinerja/demo/``).  ``models.py`` may keep a model's own derived columns in its
``save()`` and the user manager's ``create_user`` (Django's convention); nothing else.
Views, forms, selectors, tasks and templates tags only read or call a service.
"""

from __future__ import annotations

import ast
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
PAKET = [
    "inti",
    "pegawai",
    "kalender",
    "skp",
    "aktivitas",
    "penilaian",
    "notifikasi",
    "pemantauan",
    "akun",
    "api",
    "sinkron",
    "ekinerja",
]
TULIS = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# Receivers of save()/delete() that are not the ORM: file storage, the cache, a workbook.
BUKAN_ORM = {"default_storage", "cache", "buku"}
QUERYSET = ("objects", ".filter(", ".exclude(", ".all(", ".select_for_update(", "_set")


def _boleh_menulis(berkas: Path) -> bool:
    bagian = berkas.relative_to(AKAR).parts
    return (
        "services" in bagian
        or berkas.name == "services.py"
        or "migrations" in bagian
        or "management" in bagian
        or bagian[:2] == ("ekinerja", "demo")
        or berkas.name == "models.py"
    )


def tulisan_orm(sumber: str) -> list[tuple[int, str]]:
    """(line, call) of every ORM write in a module's source."""
    hasil = []
    for simpul in ast.walk(ast.parse(sumber)):
        if not (isinstance(simpul, ast.Call) and isinstance(simpul.func, ast.Attribute)):
            continue
        nama = simpul.func.attr
        if nama not in TULIS:
            continue
        penerima = ast.unparse(simpul.func.value)
        if nama == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in simpul.keywords
        ):
            continue  # a ModelForm building an unsaved instance
        if nama in {"save", "delete"}:
            orm = penerima.split(".")[0] not in BUKAN_ORM
        else:
            orm = any(q in penerima for q in QUERYSET)
        if orm:
            hasil.append((simpul.lineno, f"{penerima}.{nama}()"))
    return hasil


def test_tulisan_orm_hanya_di_layanan():
    pelanggaran = []
    for paket in PAKET:
        for berkas in sorted((AKAR / paket).rglob("*.py")):
            if _boleh_menulis(berkas):
                continue
            for baris, panggilan in tulisan_orm(berkas.read_text()):
                pelanggaran.append(f"{berkas.relative_to(AKAR)}:{baris} {panggilan}")
    assert not pelanggaran, "Tulisan ORM di luar services/:\n" + "\n".join(pelanggaran)


def test_pemeriksa_melihat_tulisan():
    contoh = (
        "Aktivitas.objects.create(x=1)\n"
        "Aktivitas.objects.filter(pk=1).update(status='x')\n"
        "obj.save()\n"
        "obj.delete()\n"
        "skp.rhk_set.all().delete()\n"
        "form.save(commit=False)\n"
        "konteks.update(a=1)\n"
        "default_storage.delete('x')\n"
    )
    assert [b for b, _ in tulisan_orm(contoh)] == [1, 2, 3, 4, 5]
    assert not _boleh_menulis(AKAR / "aktivitas" / "views" / "harian.py")
    assert _boleh_menulis(AKAR / "aktivitas" / "services" / "harian.py")
    assert _boleh_menulis(AKAR / "notifikasi" / "services.py")
