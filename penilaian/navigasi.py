"""Menu entries of the appraisal pages (see ``ekinerja.navigasi.daftarkan``)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401

from ekinerja.navigasi import (
    GRUP_ADMIN,
    GRUP_TIM,
    GRUP_UNIT,
    Menu,
    admin_instansi_sendiri,
    daftarkan,
)

# One ``daftarkan(Menu(...), setelah="…")`` per page, in the order they should appear.

# Ratings: the atasan (and the admin, for the PPK-rated JPT) rates; everybody reads his own.
daftarkan(
    Menu(_("Penilaian kinerja"), "nilai_daftar", lambda p: p.is_atasan or p.is_admin, GRUP_TIM),
    setelah="aktivitas_tinjau",
)
daftarkan(Menu(_("Penilaian saya"), "penilaian_saya", lambda p: True), setelah="skp_daftar")
daftarkan(
    Menu(_("Jendela penilaian"), "jendela_daftar", lambda p: p.is_admin, GRUP_ADMIN),
    setelah="periode_daftar",
)

# Follow-up (TPP, angka kredit, SIASN): operators and the admin instansi.
daftarkan(
    Menu(_("TPP"), "tpp_rekap", lambda p: p.is_operator or p.is_admin, GRUP_UNIT),
    setelah="kelola_impor",
)
daftarkan(
    Menu(
        _("Angka kredit"),
        "angka_kredit_rekap",
        lambda p: p.is_operator or p.is_admin,
        GRUP_UNIT,
    ),
    setelah="tpp_rekap",
)
daftarkan(
    Menu(
        _("Rekomendasi pengembangan"),
        "pengembangan_rekap",
        lambda p: p.is_operator or p.is_admin,
        GRUP_UNIT,
    ),
    setelah="angka_kredit_rekap",
)
daftarkan(
    Menu(_("Pengaturan TPP"), "tpp_pengaturan", admin_instansi_sendiri, GRUP_ADMIN),
    setelah="angka_kredit_rekap",
)
daftarkan(
    Menu(_("Ekspor SIASN"), "siasn_ekspor", lambda p: p.is_admin, GRUP_ADMIN),
    setelah="tpp_pengaturan",
)

# Distribution curve: the admin instansi sets the predikat kinerja organisasi per unit.
daftarkan(
    Menu(_("Predikat organisasi"), "predikat_organisasi", admin_instansi_sendiri, GRUP_ADMIN),
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
        GRUP_TIM,
    ),
    setelah="nilai_daftar",
)
