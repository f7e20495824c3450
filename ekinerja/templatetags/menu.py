"""``{% menu_utama %}``: the main menu, rendered once per distinct menu in each process.

The menu's HTML depends on nothing but its entries (label, URL, active, waiting count) and the
language: the same role on the same page with the same counts gets the same menu, and every
page has one (eight to thirty-two entries, each drawn twice: the narrow screen's panel and
the wide screen's groups).  ``components/menu.html`` is rendered with the menu alone in its
context, so what it shows cannot come from anywhere else, and the result is kept under those
inputs (the least recently used of ``MAKS`` dropped).  Nothing to invalidate: another count
or another language is another key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

MAKS = 500
_tersimpan: OrderedDict[tuple, SafeString] = OrderedDict()
_kunci = threading.Lock()


def _masukan(menu_grup: list[dict]) -> tuple:
    return (
        get_language(),
        tuple(
            (
                str(g["label"]),
                g["aktif"],
                g.get("jumlah", 0),
                tuple(
                    (str(i["label"]), i["url"], i["url_name"], i["aktif"], i["jumlah"])
                    for i in g["item"]
                ),
            )
            for g in menu_grup
        ),
    )


@register.simple_tag(takes_context=True)
def menu_utama(context) -> str:
    menu_grup = context.get("menu_grup")
    if not menu_grup:
        return ""
    kunci = _masukan(menu_grup)
    with _kunci:
        html = _tersimpan.get(kunci)
        if html is not None:
            _tersimpan.move_to_end(kunci)
            return html
    html = render_to_string("components/menu.html", {"menu_grup": menu_grup})
    with _kunci:
        _tersimpan[kunci] = html
        while len(_tersimpan) > MAKS:
            _tersimpan.popitem(last=False)
    return html
