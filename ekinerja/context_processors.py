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
        aktif = path == url if url == "/" else path.startswith(url)
        items.append({"label": menu.label, "url": url, "aktif": aktif, "grup": menu.grup})
    ctx["menu"] = items
    ctx["peran"] = p
    return ctx
