"""The form renderer: Django's, with its commonest widget templates drawn in Python.

Every form field on a page renders its widget through a template (``<input>`` through
``input.html`` and ``attrs.html``, a ``<select>`` through one more template per option): the
day page's entry form spent about a fifth of the page's CPU there (``bench.profil``).  For the
widget templates below, ``PenggambarCepat`` writes the same HTML directly — the same escaping,
localisation, attribute rules and whitespace as Django's templates, which
``tests/test_penggambar.py`` checks widget by widget against the templates themselves.  Any
other template (a file input showing its current file, radio and checkbox lists, the
project's own) goes through the templates as before, and so does any of these names when an
installed app overrides it.
"""

from __future__ import annotations

from functools import cached_property

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime

AWALAN = "django/forms/widgets/"
# Templates that are exactly ``{% include "django/forms/widgets/input.html" %}``.
INPUT = frozenset(
    AWALAN + f"{n}.html"
    for n in (
        "input",
        "text",
        "number",
        "time",
        "date",
        "datetime",
        "email",
        "url",
        "password",
        "hidden",
        "search",
        "tel",
        "color",
        "checkbox",
    )
)
SELECT = AWALAN + "select.html"
OPTION = AWALAN + "select_option.html"
TEXTAREA = AWALAN + "textarea.html"
# The file input (the entry form's evidence field): drawn here while it shows no current file.
BERKAS = AWALAN + "clearable_file_input.html"
SENDIRI = INPUT | {SELECT, OPTION, TEXTAREA, BERKAS}


def _var(nilai) -> str:
    """``{{ nilai }}`` in a template (render_value_in_context, autoescape on)."""
    nilai = localize(template_localtime(nilai))
    if not isinstance(nilai, str):
        nilai = str(nilai)
    return conditional_escape(nilai)


def _format_s(nilai) -> str:
    """``{{ nilai|stringformat:'s' }}``: the filter is is_safe, so safe input stays unescaped."""
    teks = str(nilai)
    return teks if isinstance(nilai, SafeData) else conditional_escape(teks)


def _attrs(attrs: dict) -> str:
    bagian = []
    for nama, nilai in attrs.items():
        if nilai is False:
            continue
        bagian.append(f" {_var(nama)}" if nilai is True else f' {_var(nama)}="{_format_s(nilai)}"')
    return "".join(bagian)


def _input(w: dict) -> str:
    nilai = "" if w["value"] == None else f' value="{_format_s(w["value"])}"'  # noqa: E711 — as the template's != None
    return f'<input type="{_var(w["type"])}" name="{_var(w["name"])}"{nilai}{_attrs(w["attrs"])}>'


def _option(w: dict) -> str:
    return (
        f'<option value="{_format_s(w["value"])}"{_attrs(w["attrs"])}>{_var(w["label"])}</option>'
    )


class PenggambarCepat(DjangoTemplates):
    @cached_property
    def _sendiri(self) -> frozenset[str]:
        """The templates drawn here: those that resolve to Django's own files."""
        hasil = set()
        for nama in SENDIRI:
            asal = self.get_template(nama).origin.name or ""
            if asal.replace("\\", "/").endswith("django/forms/templates/" + nama):
                hasil.add(nama)
        return frozenset(hasil)

    def render(self, template_name, context, request=None):
        w = context["widget"] if template_name in self._sendiri else None
        if w is None or (template_name == BERKAS and w.get("is_initial")):
            return super().render(template_name, context, request=request)
        if template_name in INPUT:
            return mark_safe(_input(w))  # noqa: S308 — every value escaped above
        if template_name == TEXTAREA:
            isi = _var(w["value"]) if w["value"] else ""
            html = f'<textarea name="{_var(w["name"])}"{_attrs(w["attrs"])}>\n{isi}</textarea>'
            return mark_safe(html)  # noqa: S308
        if template_name == OPTION:
            return mark_safe(_option(w))  # noqa: S308
        if template_name == BERKAS:  # its {% if widget.is_initial %} part draws nothing
            w = {**w, "value": None}  # the template never writes a file input's value
            return mark_safe(_input(w))  # noqa: S308
        return self._select(w)

    def _select(self, w: dict) -> SafeString:
        bagian = [f'<select name="{_var(w["name"])}"{_attrs(w["attrs"])}>']
        for nama_grup, pilihan, _indeks in w["optgroups"]:
            if nama_grup:
                bagian.append(f'\n  <optgroup label="{_var(nama_grup)}">')
            for opsi in pilihan:
                if opsi["template_name"] == OPTION and OPTION in self._sendiri:
                    html = _option(opsi) + "\n"
                else:  # a widget with its own option template: the template, unstripped
                    html = self.get_template(opsi["template_name"]).render({"widget": opsi})
                bagian.append(f"\n  {html}")
            if nama_grup:
                bagian.append("\n  </optgroup>")
        bagian.append("\n</select>")
        return mark_safe("".join(bagian))  # noqa: S308
