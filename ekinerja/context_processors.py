from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

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


# The entries a set of rights sees, in the order shown, with their URLs and labels as text: the
# same on every page of every user with those rights, built once per (rights, language,
# URLconf, script prefix) in each process instead of on every page (reversing, translating and
# ordering thirty entries were a millisecond of every page).  A few roles, two languages: a
# handful of keys.
_menu_dasar: dict[tuple, list[tuple]] = {}


def _dasar(p) -> list[tuple]:
    """[(label, url, url_name, group label, group position)] of the entries ``p`` may see."""
    boleh = tuple(menu.boleh(p) for menu in MENU)
    kunci = (boleh, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    dasar = _menu_dasar.get(kunci)
    if dasar is None:
        urutan = {id(g): n for n, g in enumerate(URUTAN_GRUP)}
        dasar = []
        for menu, ya in zip(MENU, boleh, strict=True):
            if not ya:
                continue
            try:
                url = reverse(menu.url_name)
            except NoReverseMatch:  # not in this deployment's URLs
                continue
            posisi = urutan.get(id(menu.grup), len(urutan))
            dasar.append((str(menu.label), url, menu.url_name, str(menu.grup), posisi))
        dasar.sort(key=lambda d: d[4])  # stable: the entries keep their order in a group
        _menu_dasar[kunci] = dasar
    return dasar


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
    for label, url, url_name, grup, _posisi in _dasar(p):
        hitung = HITUNGAN.get(url_name)
        bagian = hitung(user, p) if hitung else []
        nama = list(bagian) if isinstance(bagian, dict) else None
        bagian = list(bagian.values()) if isinstance(bagian, dict) else bagian
        items.append(
            {
                "label": label,
                "url": url,
                "url_name": url_name,
                "aktif": False,
                "grup": grup,
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
    grup: dict[str, dict] = {}
    for i in items:  # already in the groups' order
        g = grup.setdefault(i["grup"], {"label": i["grup"], "item": [], "aktif": False})
        g["item"].append(i)
        g["aktif"] = g["aktif"] or i["aktif"]
        g["jumlah"] = g.get("jumlah", 0) + i["jumlah"]
    ctx["menu"] = items
    ctx["menu_grup"] = list(grup.values())
    ctx["peran"] = p
    return ctx
