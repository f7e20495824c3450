from django.conf import settings
from django.urls import NoReverseMatch, reverse

from pegawai.permissions import peran

from .navigasi import HITUNGAN, MENU, URUTAN_GRUP


def navigasi(request):
    """The menu of the user's role, grouped (``menu_grup``: [{"label", "item", "aktif"}]),
    with the count of waiting work beside the entries that have one."""
    user = getattr(request, "user", None)
    ctx = {"NAMA_APLIKASI": settings.EKINERJA_NAMA_APLIKASI}
    if user is None or not user.is_authenticated:
        return ctx
    p = peran(user)
    path = request.path
    items = []
    for menu in MENU:
        if not menu.boleh(p):
            continue
        try:
            url = reverse(menu.url_name)
        except NoReverseMatch:
            continue
        hitung = HITUNGAN.get(menu.url_name)
        items.append(
            {
                "label": menu.label,
                "url": url,
                "url_name": menu.url_name,
                "aktif": False,
                "grup": menu.grup,
                "jumlah": hitung(user, p) if hitung else 0,
            }
        )
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
