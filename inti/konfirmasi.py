"""A second look before what cannot be undone: one confirmation, as a dialog or a page.

The action's button is a link to the action's own URL with GET (``components/
tombol_konfirmasi.html``): with htmx the confirmation comes back as a fragment opened in the
page's ``<dialog id="dialog-konfirmasi">`` (static/js/konfirmasi.js); without JavaScript it is
a page.  Either way it says what will happen in numbers, and its "Ya" button POSTs to the
same URL, which does the work once (a repeated POST is answered from the state it left).
The GET changes nothing; the view reads it through the same scoped selectors and rights as
the POST.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TEMPLATE = "components/konfirmasi.html"


@dataclass
class Konfirmasi:
    judul: str  # "Ajukan SKP?"
    pertanyaan: str  # the action in numbers: "Setujui 37 aktivitas?"
    akibat: str  # what cannot be undone, in one sentence
    tombol: str  # "Ya, ajukan"
    aksi: str  # the URL the POST goes to
    kembali: str  # where "Batal" leads without JavaScript
    data: list[tuple[str, str]] = field(default_factory=list)  # hidden fields posted with "Ya"
    bahaya: bool = False  # red button (deleting, finalising)
    rincian: list[str] = field(default_factory=list)  # optional lines under the question
    form: object = None  # optional fields posted with "Ya" (e.g. a justification)


def tampilkan_konfirmasi(request: HttpRequest, konfirmasi: Konfirmasi) -> HttpResponse:
    """The dialog fragment for htmx, else the full confirmation page."""
    nama = TEMPLATE + "#dialog" if getattr(request, "htmx", False) else TEMPLATE
    return render(request, nama, {"k": konfirmasi})
