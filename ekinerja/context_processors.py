from django.conf import settings
from django.urls import NoReverseMatch, reverse

from pegawai.permissions import peran

from .navigasi import MENU


def navigasi(request):
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
        items.append({"label": menu.label, "url": url, "aktif": False, "grup": menu.grup})
    # The active entry is the one with the longest URL prefix of this path (the matriks page
    # lives under the approval queue's URL, and only one of them is the current page).
    cocok = [
        i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    if cocok:
        max(cocok, key=lambda i: len(i["url"]))["aktif"] = True
    ctx["menu"] = items
    ctx["peran"] = p
    return ctx
