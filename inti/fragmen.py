"""Parts of a page rendered once per distinct inputs in each process.

Every page carries the same chrome — the document head, the top bar, the menu, the help
panel, the footer — and drawing it through Django's template engine costs more than many a
page's own content (issue 12: ±5 ms of CPU on every page, five times a bare one-INSERT view).
What it shows depends on a handful of plain values (the user's name and NIP, the unread
count, the language, the path), so it is drawn once per distinct set of them and kept.

Django's own ``{% cache %}`` keeps a fragment in a cache backend keyed by the values it varies
on, but renders it with the whole page's context: a value it reads and that is not in its key
would be served to the next user of that key.  Here the part is rendered with its named inputs
*only*, so what it shows cannot come from anywhere else, and the key is built from those inputs
(plus the language, the time zone and the autoescape flag); inputs must be plain values — an
object (a model instance) is refused, because its rendering could read what its key does not
hold.  ``{% csrf_token %}`` (and ``{{ csrf_token }}``) inside the part renders a placeholder
that is replaced by the current request's own token on every use.

Kept in the process (no round trip to a cache server), the least recently used of
``MAKS`` dropped.  Nothing to invalidate: different inputs are a different key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

MAKS = 2000
# Stands for the CSRF token while a part is drawn; random per process, so that no input can
# contain it by accident.
PENANDA_CSRF = f"csrf{secrets.token_hex(16)}"

_tersimpan: OrderedDict[tuple, str] = OrderedDict()
_kunci = threading.Lock()

_POLOS = (str, int, float, Decimal, dt.date, dt.time, dt.timedelta, type(None))


def beku(nilai):
    """``nilai`` as a hashable key: plain values as they are, told apart where equal values
    render differently (a safe string from a plain one, ``True`` from ``1`` and ``1.0``,
    ``Decimal("1.0")`` from ``Decimal("1.00")``), lazy translations as text (the language is
    in the key), sequences, mappings and dataclasses by their contents.  Anything else:
    TypeError."""
    if isinstance(nilai, str):
        return (nilai, True) if isinstance(nilai, SafeData) else nilai
    if isinstance(nilai, Promise):
        return str(nilai)
    if isinstance(nilai, Decimal):
        return (Decimal, str(nilai))  # 1.0 and 1.00 are equal but do not render alike
    if isinstance(nilai, bool | int | float):
        return (type(nilai), nilai)  # nor do True, 1 and 1.0
    if isinstance(nilai, _POLOS):
        return nilai
    if isinstance(nilai, list | tuple):
        return tuple(beku(v) for v in nilai)
    if isinstance(nilai, Mapping):
        return tuple(sorted((str(k), beku(v)) for k, v in nilai.items()))
    if dataclasses.is_dataclass(nilai) and not isinstance(nilai, type):
        return (
            type(nilai).__qualname__,
            tuple(beku(getattr(nilai, f.name)) for f in dataclasses.fields(nilai)),
        )
    raise TypeError(
        f"fragmen: masukan {type(nilai).__name__} bukan nilai polos; berikan kolom yang dipakai"
    )


def kosongkan() -> None:
    """Forget every kept part (tests)."""
    with _kunci:
        _tersimpan.clear()


def sekali(
    nama: str,
    masukan: Mapping,
    gambar: Callable[[dict], str],
    *,
    token=None,
    autoescape: bool = True,
) -> SafeString:
    """The part ``nama`` drawn by ``gambar(context)`` from ``masukan`` alone, kept per distinct
    inputs.  ``token``: the request's CSRF token (None: none on this page); the context then
    holds a placeholder as ``csrf_token``, which the token replaces in what is returned."""
    ada_token = token is not None
    kunci = (
        nama,
        get_language(),
        get_current_timezone_name(),
        autoescape,
        ada_token,
        beku(dict(masukan)),
    )
    with _kunci:
        html = _tersimpan.get(kunci)
        if html is not None:
            _tersimpan.move_to_end(kunci)
    if html is None:
        konteks = dict(masukan)
        if ada_token:
            konteks["csrf_token"] = PENANDA_CSRF
        html = str(gambar(konteks))
        with _kunci:
            _tersimpan[kunci] = html
            while len(_tersimpan) > MAKS:
                _tersimpan.popitem(last=False)
    if ada_token and PENANDA_CSRF in html:
        html = html.replace(PENANDA_CSRF, str(token))
    return mark_safe(html)  # noqa: S308 — drawn by the template engine, escaped there
