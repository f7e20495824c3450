"""The form renderer draws its widgets exactly as Django's templates do (ekinerja/penggambar.py):
every widget it draws itself, with awkward values, compared with the template's output."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ekinerja.penggambar import OPTION as OPSI
from ekinerja.penggambar import SENDIRI, PenggambarCepat

PILIHAN = [
    ("", "---------"),
    (1, 'Satu <b>&</b> "dua"'),
    ("Grup A", [(2, "Dua"), (3, Decimal("1.5"))]),
    (mark_safe("<i>x</i>"), _("Tugas tambahan (di luar RHK)")),  # noqa: S308
]


class Semua(forms.Form):
    teks = forms.CharField(
        widget=forms.TextInput(
            attrs={"placeholder": _("Nama"), "autofocus": True, "disabled": False, "data-x": 'a"<'}
        )
    )
    angka = forms.DecimalField(widget=forms.NumberInput(attrs={"step": Decimal("0.01")}))
    jam = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    tanggal = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    waktu = forms.DateTimeField()
    surel = forms.EmailField()
    tautan = forms.URLField()
    sandi = forms.CharField(widget=forms.PasswordInput(render_value=True))
    tersembunyi = forms.CharField(widget=forms.HiddenInput)
    cari = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
    centang = forms.BooleanField()
    uraian = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    pilih = forms.ChoiceField(choices=PILIHAN)
    banyak = forms.MultipleChoiceField(choices=PILIHAN)
    radio = forms.ChoiceField(choices=PILIHAN[1:2], widget=forms.RadioSelect)  # not drawn here
    berkas = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg"}))


DATA = [
    {},
    {
        "teks": "<script>alert(1)</script> & ‘kutip’",
        "angka": "1234.5",
        "jam": "08:30",
        "tanggal": "2026-03-10",
        "waktu": "2026-03-10 08:30",
        "surel": "a@b.id",
        "tautan": "https://contoh.go.id/?a=1&b=<2>",
        "sandi": "r&ahasia",
        "tersembunyi": '"x"',
        "cari": "",
        "centang": "on",
        "uraian": "baris 1\nbaris <2>",
        "pilih": "2",
        "banyak": ["1", "<i>x</i>"],
        "radio": "1",
    },
]
AWAL = {
    "angka": Decimal("1234.50"),
    "jam": dt.time(7, 5),
    "tanggal": dt.date(2026, 1, 2),
    "waktu": dt.datetime(2026, 1, 2, 3, 4),
    "uraian": mark_safe("<b>aman</b>"),  # noqa: S308
    "centang": True,
    "pilih": 1,
}


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize("kasus", ["kosong", "terisi", "awal"])
def test_sama_dengan_template_django(bahasa, kasus, settings):
    settings.USE_TZ = True
    cepat, asli = PenggambarCepat(), DjangoTemplates()
    with translation.override(bahasa):
        form = Semua(initial=AWAL) if kasus == "awal" else Semua(DATA[kasus == "terisi"] or None)
        dilihat = set()
        for bf in form:
            widget = bf.field.widget
            dilihat.add(widget.template_name)
            attrs = bf.build_widget_attrs({}, widget)
            a = widget.render(bf.html_name, bf.value(), attrs, renderer=asli)
            c = widget.render(bf.html_name, bf.value(), attrs, renderer=cepat)
            assert c == a, bf.name
    assert {
        "django/forms/widgets/select.html",
        "django/forms/widgets/textarea.html",
        "django/forms/widgets/clearable_file_input.html",
    } <= dilihat


def test_berkas_yang_sudah_ada_lewat_template():
    """A file input showing its current file (a link, "clear") is the template's to draw."""

    class Berkas:
        url = "/media/a&b.pdf"

        def __str__(self):
            return "a&b.pdf"

    widget = forms.ClearableFileInput()
    a = widget.render("f", Berkas(), {"id": "id_f"}, renderer=DjangoTemplates())
    c = widget.render("f", Berkas(), {"id": "id_f"}, renderer=PenggambarCepat())
    assert c == a and "a&amp;b.pdf" in c


@pytest.mark.parametrize("nama", sorted(SENDIRI))
def test_setiap_template_sendiri_sama(nama):
    """Each template drawn here, straight from its context (color and tel have no form field
    above; an option and the bare input are drawn inside others)."""
    cepat, asli = PenggambarCepat(), DjangoTemplates()
    jenis = nama.rsplit("/", 1)[1].removesuffix(".html")
    widget = {
        "name": "n<a>",
        "type": jenis if jenis not in ("input", "select_option", "textarea", "select") else "text",
        "value": "v&<>\"'",
        "label": Decimal("2.5"),
        "attrs": {"id": "id_n", "required": True, "hidden": False, "title": _("Nama")},
        "template_name": OPSI,
        "optgroups": [
            (
                None,
                [
                    {
                        "value": 1,
                        "label": "a",
                        "attrs": {},
                        "template_name": OPSI,
                    }
                ],
                0,
            ),
            (
                "G<1>",
                [
                    {
                        "value": "",
                        "label": "",
                        "attrs": {"selected": True},
                        "template_name": OPSI,
                    }
                ],
                1,
            ),
        ],
    }
    with translation.override("en"):
        assert cepat.render(nama, {"widget": widget}) == asli.render(nama, {"widget": widget})
    widget["value"] = None
    assert cepat.render(nama, {"widget": widget}) == asli.render(nama, {"widget": widget})


def test_template_yang_ditimpa_tetap_dipakai(tmp_path, settings):
    """An installed app's own copy of one of these templates wins, as with Django's renderer."""
    folder = tmp_path / "django" / "forms" / "widgets"
    folder.mkdir(parents=True)
    (folder / "text.html").write_text('<input class="ditimpa" name="{{ widget.name }}">')

    class Ditimpa(PenggambarCepat):
        @property
        def engine(self):
            from django.template.backends.django import DjangoTemplates as Backend

            mesin = Backend(
                {
                    "APP_DIRS": True,
                    "DIRS": [tmp_path, Path(forms.__file__).parent / "templates"],
                    "NAME": "ditimpa",
                    "OPTIONS": {},
                }
            )
            return mesin

    html = forms.CharField().widget.render("x", "1", renderer=Ditimpa())
    assert html == '<input class="ditimpa" name="x">'
