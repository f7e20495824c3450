"""``{% panel_bantuan %}``: the collapsed help of the current page (base.html), and
``{% pic_bantuan %}``: the user's operator(s) with contact (the error pages).

The panel carries the PIC (one cached read, bantuan.selectors.pic) and "Tanya operator"; its
body — the page's guide section (from memory, bantuan.panduan) and the words of the
regulation — is loaded when the panel is opened, so that no page grows by it.  The home page
adds the first-use steps (cached per user)."""

from __future__ import annotations

from django import template
from django.template.context_processors import csrf
from django.template.loader import render_to_string

from bantuan.rules import JUDUL_PANDUAN, bagian_untuk
from bantuan.selectors import langkah_awal, pic
from inti.fragmen import sekali

register = template.Library()


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return request, (user if user is not None and user.is_authenticated else None)


@register.simple_tag(takes_context=True)
def panel_bantuan(context) -> str:
    request, user = _user(context)
    if user is None:
        return ""
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match else None
    nama, anchor = bagian_untuk(url_name)
    ctx = {
        "url_name": url_name or "",
        "nama_panduan": nama,
        "judul_panduan": JUDUL_PANDUAN[nama],
        "anchor": anchor,
        "pic": pic(user),
        "halaman": request.get_full_path(),
    }
    if url_name == "beranda":
        ditutup, langkah = langkah_awal(user)
        ctx["langkah_ditutup"] = ditutup
        ctx["langkah"] = langkah
        ctx["langkah_semua_selesai"] = all(lk.selesai for lk in langkah)
    # Its own context, not the page's request (a RequestContext would run every context
    # processor again for this one box), drawn once per distinct inputs in each process; the
    # langkah forms' CSRF token is the request's own (inti.fragmen).
    return sekali(
        "panel-bantuan",
        ctx,
        lambda isi: render_to_string("bantuan/_panel.html", isi),
        token=csrf(request)["csrf_token"],
    )


@register.simple_tag(takes_context=True)
def pic_bantuan(context) -> str:
    request, user = _user(context)
    if user is None:
        return ""
    return render_to_string(
        "bantuan/_pic.html",
        {"pic": pic(user), "halaman": request.get_full_path()},
        request=request,
    )
