"""Readable names of the appraisal actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        # windows and ratings
        "periode_penilaian.dibuat": _("Periode penilaian dibuat"),
        "periode_penilaian.diubah": _("Periode penilaian diubah"),
        "pengaturan_penilaian.diubah": _("Pengaturan penilaian diubah"),
        "penilaian.dimulai": _("Penilaian mulai diisi"),
        "penilaian.disimpan": _("Penilaian disimpan"),
        "penilaian.dinilai": _("Penilaian selesai diisi penilai"),
        "penilaian.difinalkan": _("Penilaian difinalkan"),
        # predikat kinerja organisasi and the curve
        "predikat_organisasi.ditetapkan": _("Predikat kinerja organisasi ditetapkan"),
        "kurva.difinalkan": _("Predikat tahunan unit difinalkan sesuai kurva distribusi"),
        # objections and documents
        "keberatan.diajukan": _("Keberatan diajukan"),
        "keberatan.diputus": _("Keberatan diputus"),
        "penilaian.dokumen_diterbitkan": _("Dokumen evaluasi kinerja diterbitkan"),
        # self-assessment and colleagues' feedback (issue 17)
        "penilaian_diri.disimpan": _("Penilaian diri disimpan"),
        "umpan_balik_rekan.diminta": _("Umpan balik rekan kerja diminta"),
        "umpan_balik_rekan.dijawab": _("Umpan balik rekan kerja diberikan"),
        "umpan_balik_rekan.diubah": _("Umpan balik rekan kerja diubah"),
        # follow-up
        "tpp.pengaturan_diubah": _("Pengaturan TPP diubah"),
        "tpp.besaran_diubah": _("Besaran TPP diubah"),
        "kehadiran.diimpor": _("Data kehadiran diimpor"),
        "angka_kredit.koefisien_diubah": _("Koefisien angka kredit diubah"),
    }
)
