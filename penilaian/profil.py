"""Profile-page sections of the appraisal (registered with ``pegawai.profil``): the
development recommendations of the pegawai's final ratings (issue 17, point 3)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pegawai.profil import BagianProfil, daftarkan
from penilaian.selectors import pengembangan as selectors


@daftarkan
def bagian_pengembangan(request, pegawai) -> list[BagianProfil]:
    rekomendasi = selectors.milik_pegawai(pegawai)
    if not rekomendasi:
        return []
    return [
        BagianProfil(
            _("Rekomendasi pengembangan"),
            "penilaian/tpp/_profil_pengembangan.html",
            {"rekomendasi": rekomendasi},
        )
    ]
