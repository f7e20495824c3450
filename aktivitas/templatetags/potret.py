"""``a|potret_hari``: the day page's row of an activity as plain values (aktivitas.views.potret),
the input of its ``{% fragmen %}``."""

from django import template

from aktivitas.views.potret import potret_baris_hari

register = template.Library()


@register.filter
def potret_hari(aktivitas) -> dict:
    return potret_baris_hari(aktivitas)


@register.filter
def potret_pk(pk) -> dict:
    """``{"pk": pk}``: an object the row reads only the key of (``pegawai.pk``)."""
    return {"pk": pk}
