from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from inti.kueri import hitung_sekaligus
from pegawai.permissions import peran

from .navigasi import HITUNGAN, HITUNGAN_KEPALA, MENU, URUTAN_GRUP


def navigasi(request):
    """The menu of the user's role, grouped (``menu_grup``: [{"label", "item", "aktif"}]),
    with the count of waiting work beside the entries that have one and the header's counts.

    Computed once per request (a page that renders several templates asks again), the counts
    in one query; not at all for an htmx answer that swaps a part of a page."""
    tersimpan = getattr(request, "_ekinerja_navigasi", None)
    if tersimpan is None:
        tersimpan = request._ekinerja_navigasi = _navigasi(request)
    return tersimpan


def jumlah_menu(request, url_name: str) -> int:
    """The badge of a menu entry on this request's page (0 when the user has no such entry):
    a page that shows the same count reads it here instead of counting again."""
    for i in navigasi(request).get("menu", ()):
        if i["url_name"] == url_name:
            return i["jumlah"]
    return 0


def bagian_menu(request, url_name: str) -> dict[str, int] | None:
    """The named parts of a menu entry's badge (a count function that returns
    ``{name: queryset}``), or None when this page counted none for it (no such entry for
    the user, an htmx answer): the page then counts them itself."""
    for i in navigasi(request).get("menu", ()):
        if i["url_name"] == url_name:
            return i.get("bagian")
    return None


# A menu entry's URL per (name, URLconf, script prefix): the same on every page, reversed once
# per process instead of once per entry on every page (None: not in this deployment's URLs).
_url_menu: dict[tuple, str | None] = {}


def _url(url_name: str) -> str | None:
    kunci = (url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if kunci not in _url_menu:
        try:
            _url_menu[kunci] = reverse(url_name)
        except NoReverseMatch:
            _url_menu[kunci] = None
    return _url_menu[kunci]


def _navigasi(request):
    user = getattr(request, "user", None)
    ctx = {"NAMA_APLIKASI": settings.EKINERJA_NAMA_APLIKASI}
    if user is None or not user.is_authenticated:
        return ctx
    p = peran(user)
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        # A part of a page swapped in place (a row, a form, a box loaded after the page):
        # it has no menu or header to count for — one query less on every htmx answer.
        ctx["peran"] = p
        return ctx
    kepala = list(HITUNGAN_KEPALA)
    kueri: list = [HITUNGAN_KEPALA[nama](user) for nama in kepala]  # all counted at once below
    path = request.path
    items = []
    for menu in MENU:
        if not menu.boleh(p):
            continue
        url = _url(menu.url_name)
        if url is None:
            continue
        hitung = HITUNGAN.get(menu.url_name)
        bagian = hitung(user, p) if hitung else []
        nama = list(bagian) if isinstance(bagian, dict) else None
        bagian = list(bagian.values()) if isinstance(bagian, dict) else bagian
        items.append(
            {
                "label": menu.label,
                "url": url,
                "url_name": menu.url_name,
                "aktif": False,
                "grup": menu.grup,
                "jumlah": range(len(kueri), len(kueri) + len(bagian)),
                "bagian": nama,
            }
        )
        kueri.extend(bagian)
    jumlah = hitung_sekaligus(kueri)
    for i in items:
        if i["bagian"] is not None:
            i["bagian"] = dict(zip(i["bagian"], (jumlah[n] for n in i["jumlah"]), strict=True))
        i["jumlah"] = sum(jumlah[n] for n in i["jumlah"])
    ctx.update(zip(kepala, jumlah, strict=False))
    # The active entry is the one with the longest URL prefix of this path (the matriks page
    # lives under the approval queue's URL, and only one of them is the current page).
    cocok = [
        i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    if cocok:
        max(cocok, key=lambda i: len(i["url"]))["aktif"] = True
    urutan = {str(g): n for n, g in enumerate(URUTAN_GRUP)}
    grup: dict[str, dict] = {}
    for i in sorted(items, key=lambda i: urutan.get(str(i["grup"]), len(urutan))):
        g = grup.setdefault(str(i["grup"]), {"label": i["grup"], "item": [], "aktif": False})
        g["item"].append(i)
        g["aktif"] = g["aktif"] or i["aktif"]
        g["jumlah"] = g.get("jumlah", 0) + i["jumlah"]
    ctx["menu"] = items
    ctx["menu_grup"] = list(grup.values())
    ctx["peran"] = p
    return ctx
