"""Merge translations from another .po file into locale/en (by msgctxt + msgid).

Used when several people translate in parallel: ``python scripts/gabung_terjemahan.py X.po``.
Only empty or fuzzy entries of the catalogue are filled.
"""

import sys

import polib

TUJUAN = "locale/en/LC_MESSAGES/django.po"


def main(sumber: str) -> None:
    po = polib.pofile(TUJUAN)
    kamus = {(e.msgctxt, e.msgid): e for e in polib.pofile(sumber) if e.translated()}
    n = 0
    for e in po:
        t = kamus.get((e.msgctxt, e.msgid))
        if t is None or (e.translated() and "fuzzy" not in e.flags):
            continue
        e.msgstr, e.msgstr_plural = t.msgstr, dict(t.msgstr_plural)
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
        n += 1
    po.metadata["Language"] = "en"
    po.save()
    print(f"{n} entri diisi; {len(po.untranslated_entries())} belum diterjemahkan")


if __name__ == "__main__":
    main(sys.argv[1])
