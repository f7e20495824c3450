"""The English catalogue is complete: every Indonesian string of the source has a translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

AKAR = Path(__file__).resolve().parent.parent
PO = AKAR / "locale/en/LC_MESSAGES/django.po"
MO = AKAR / "locale/en/LC_MESSAGES/django.mo"
DI_CI = os.environ.get("CI") == "true"


def _entri_aktif(po):
    return [e for e in po if not e.obsolete]


def test_setiap_entri_diterjemahkan_dan_tidak_fuzzy():
    po = polib.pofile(str(PO))
    kosong = [e.msgid for e in _entri_aktif(po) if not e.translated()]
    assert not kosong, f"Belum diterjemahkan ({len(kosong)}): {kosong[:20]}"
    fuzzy = [e.msgid for e in _entri_aktif(po) if "fuzzy" in e.flags]
    assert not fuzzy, f"Terjemahan fuzzy: {fuzzy[:20]}"


def test_mo_sesuai_po():
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in _entri_aktif(polib.pofile(str(PO)))
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO))}
    mo.pop((None, ""), None)
    assert po == mo, "django.mo tidak sesuai django.po: jalankan `make messages`"


@pytest.mark.skipif(
    not shutil.which("xgettext") and not DI_CI, reason="GNU gettext tidak terpasang"
)
def test_katalog_memuat_setiap_string_sumber(tmp_path):
    """Extract the strings again into a copy of the tree and compare with the catalogue."""
    salinan = tmp_path / "src"
    shutil.copytree(
        AKAR,
        salinan,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".tools",
            ".git",
            "var",
            "staticfiles",
            "node_modules",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
            "bench",
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "-v",
            "0",
        ],
        cwd=salinan,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ekinerja.settings"},
    )
    baru = {(e.msgctxt, e.msgid) for e in polib.pofile(str(salinan / PO.relative_to(AKAR)))}
    ada = {(e.msgctxt, e.msgid) for e in _entri_aktif(polib.pofile(str(PO)))}
    hilang = sorted(m for _, m in baru - ada)
    assert not hilang, f"String baru belum masuk katalog (jalankan `make messages`): {hilang[:20]}"
