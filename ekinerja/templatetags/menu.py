"""``{% menu_utama %}``: the main menu, rendered once per distinct menu in each process.

The menu's HTML depends on nothing but its entries (label, URL, active, waiting count) and the
language: the same role on the same page with the same counts gets the same menu, and every
page has one (eight to thirty-two entries, drawn once for both screens).
``components/menu.html`` is rendered with the menu alone in its context, so what it shows
cannot come from anywhere else, and the result is kept under those inputs
(``inti.fragmen.sekali``).  Nothing to invalidate: another count or another language is
another key.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from inti.fragmen import sekali

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_utama(context) -> str:
    menu_grup = context.get("menu_grup")
    if not menu_grup:
        return ""
    return sekali(
        "menu",
        {"menu_grup": menu_grup},
        lambda isi: render_to_string("components/menu.html", isi),
    )
