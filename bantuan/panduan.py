"""The user guides of docs/panduan/ rendered as pages of the app (one source of truth).

Markdown is rendered with markdown-it-py (CommonMark plus tables); every heading gets an id
(the slug of its text) so that a page's help panel can show one section and link to it.  The
rendering of a file is kept in memory until the file changes (its modification time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from markdown_it import MarkdownIt

from .rules import PANDUAN

_NAMA_BERKAS = {berkas: nama for nama, berkas in PANDUAN.items()}
_TAUTAN_MD = re.compile(r"^(?:\./)?([A-Za-z0-9_-]+\.md)(#[\w-]*)?$")


def folder() -> Path:
    return Path(
        getattr(settings, "EKINERJA_FOLDER_PANDUAN", settings.BASE_DIR / "docs" / "panduan")
    )


@dataclass(frozen=True)
class Bagian:
    anchor: str
    judul: str
    tingkat: int
    html: str


@dataclass(frozen=True)
class Dokumen:
    judul: str
    html: str
    isi: tuple[Bagian, ...]  # the ## and ### sections, in order (the table of contents)

    def bagian(self, anchor: str) -> Bagian | None:
        return next((b for b in self.isi if b.anchor == anchor), None)


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _tautan(href: str) -> str | None:
    """A link between guides becomes the guide page; a link to another doc is dropped."""
    if href.startswith(("http://", "https://", "mailto:", "#")):
        return href
    m = _TAUTAN_MD.match(href)
    if m and m.group(1) in _NAMA_BERKAS:
        return reverse("bantuan_panduan", args=[_NAMA_BERKAS[m.group(1)]]) + (m.group(2) or "")
    return None


def _siapkan(tokens) -> None:
    """Ids on headings; links between guides rewritten (others become plain text)."""
    dipakai: dict[str, int] = {}
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            teks = tokens[i + 1].content.replace("*", "").replace("`", "")
            slug = slugify(teks) or "bagian"
            n = dipakai.get(slug, 0)
            dipakai[slug] = n + 1
            t.attrSet("id", slug if n == 0 else f"{slug}-{n}")
        elif t.type == "inline" and t.children:
            hasil, lepas = [], False
            for c in t.children:
                if c.type == "link_open":
                    href = _tautan(str(c.attrGet("href") or ""))
                    if href is None:
                        lepas = True  # links do not nest: drop this one's closing tag too
                        continue
                    c.attrSet("href", href)
                elif c.type == "link_close" and lepas:
                    lepas = False
                    continue
                hasil.append(c)
            t.children = hasil


@lru_cache(maxsize=16)
def _render(path: str, mtime: float) -> Dokumen:
    md = _md()
    tokens = md.parse(Path(path).read_text(encoding="utf-8"))
    _siapkan(tokens)
    judul = ""
    kepala = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    isi = []
    for n, i in enumerate(kepala):
        tingkat = int(tokens[i].tag[1])
        if tingkat == 1:
            judul = judul or tokens[i + 1].content
            continue
        akhir = next((j for j in kepala[n + 1 :] if int(tokens[j].tag[1]) <= tingkat), len(tokens))
        isi.append(
            Bagian(
                anchor=str(tokens[i].attrGet("id")),
                judul=tokens[i + 1].content.replace("*", ""),
                tingkat=tingkat,
                html=md.renderer.render(tokens[i:akhir], md.options, {}),
            )
        )
    return Dokumen(judul, md.renderer.render(tokens, md.options, {}), tuple(isi))


def dokumen(nama: str) -> Dokumen | None:
    """The rendered guide ``nama`` (a key of rules.PANDUAN), None if unknown or missing."""
    berkas = PANDUAN.get(nama)
    if berkas is None:
        return None
    path = folder() / berkas
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    return _render(str(path), mtime)


def bagian(nama: str, anchor: str) -> Bagian | None:
    doc = dokumen(nama)
    return doc.bagian(anchor) if doc else None
