"""``{% fragmen "nama" a=x b=y %}…{% endfragmen %}``: a part of a page drawn from the named
inputs only, once per distinct inputs in each process (``inti.fragmen``).

Inside, only ``a`` and ``b`` exist (and ``csrf_token``, standing for the request's own): a
variable the part reads without passing it renders empty — on every request alike, so the
omission shows at once instead of serving one user's value to another.  Inputs must be plain
values (text, numbers, dates, None, lists, dicts and dataclasses of them)."""

from __future__ import annotations

from django import template
from django.template.base import token_kwargs
from django.template.context import Context

from inti.fragmen import sekali

register = template.Library()


class FragmenNode(template.Node):
    def __init__(self, nama: str, masukan: dict, nodelist: template.NodeList):
        self.nama = nama
        self.masukan = masukan
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        nilai = {k: v.resolve(context) for k, v in self.masukan.items()}

        def gambar(isi: dict) -> str:
            sendiri = Context(
                isi,
                autoescape=context.autoescape,
                use_l10n=context.use_l10n,
                use_tz=context.use_tz,
            )
            with sendiri.bind_template(context.template):
                return self.nodelist.render(sendiri)

        return sekali(
            self.nama,
            nilai,
            gambar,
            token=context.get("csrf_token"),
            autoescape=context.autoescape,
        )


@register.tag
def fragmen(parser, token):
    bagian = token.split_contents()
    if len(bagian) < 2 or bagian[1][0] not in "\"'" or bagian[1][0] != bagian[1][-1]:
        raise template.TemplateSyntaxError(
            '{% fragmen "nama" a=x … %}: nama bagian (teks) lebih dulu'
        )
    nama = bagian[1][1:-1]
    sisa = bagian[2:]
    masukan = token_kwargs(sisa, parser, support_legacy=False)
    if sisa:
        raise template.TemplateSyntaxError(
            f"{{% fragmen %}}: masukan harus berbentuk nama=nilai, bukan {sisa[0]!r}"
        )
    nodelist = parser.parse(("endfragmen",))
    parser.delete_first_token()
    return FragmenNode(nama, masukan, nodelist)
