"""Menu entries of the appraisal pages (see ``ekinerja.navigasi.daftarkan``)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401

from ekinerja.navigasi import Menu, daftarkan  # noqa: F401

# One ``daftarkan(Menu(...), setelah="…")`` per page, in the order they should appear.
