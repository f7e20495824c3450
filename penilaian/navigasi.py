"""Menu entries of the appraisal pages (see ``ekinerja.navigasi.daftarkan``)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401

from ekinerja.navigasi import Menu, daftarkan  # noqa: F401

# One ``daftarkan(Menu(...), setelah="…")`` per page, in the order they should appear.

# Ratings: the atasan (and the admin, for the PPK-rated JPT) rates; everybody reads his own.
daftarkan(
    Menu(_("Penilaian kinerja"), "nilai_daftar", lambda p: p.is_atasan or p.is_admin),
    setelah="aktivitas_tinjau",
)
daftarkan(Menu(_("Penilaian saya"), "penilaian_saya", lambda p: True), setelah="skp_daftar")
daftarkan(
    Menu(_("Jendela penilaian"), "jendela_daftar", lambda p: p.is_admin, _("Kelola")),
    setelah="periode_daftar",
)

# Follow-up (TPP, angka kredit, SIASN): operators and the admin instansi.
_TINDAK_LANJUT = _("Tindak lanjut")
daftarkan(
    Menu(_("TPP"), "tpp_rekap", lambda p: p.is_operator or p.is_admin, _TINDAK_LANJUT),
    setelah="kelola_impor",
)
daftarkan(
    Menu(
        _("Angka kredit"),
        "angka_kredit_rekap",
        lambda p: p.is_operator or p.is_admin,
        _TINDAK_LANJUT,
    ),
    setelah="tpp_rekap",
)
daftarkan(
    Menu(_("Pengaturan TPP"), "tpp_pengaturan", lambda p: p.is_admin, _TINDAK_LANJUT),
    setelah="angka_kredit_rekap",
)
daftarkan(
    Menu(_("Ekspor SIASN"), "siasn_ekspor", lambda p: p.is_admin, _TINDAK_LANJUT),
    setelah="tpp_pengaturan",
)

# Distribution curve: the admin instansi sets the predikat kinerja organisasi per unit.
daftarkan(
    Menu(_("Predikat organisasi"), "predikat_organisasi", lambda p: p.is_admin, _("Kelola")),
    setelah="jendela_daftar",
)

# Objections: one entry with both lists (mine and, for the pemutus/admin, incoming).
daftarkan(Menu(_("Keberatan"), "keberatan_daftar", lambda p: True), setelah="penilaian_saya")

# The live distribution of each curve group: admin, operators, and atasan who rate in it.
daftarkan(
    Menu(
        _("Kurva distribusi"),
        "kurva_daftar",
        lambda p: p.is_admin or p.is_operator or p.is_atasan,
    ),
    setelah="nilai_daftar",
)
