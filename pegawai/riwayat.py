"""Readable names of the actions recorded in ``Riwayat`` (each app registers its own)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABEL_AKSI: dict[str, str] = {}


def daftarkan(label: dict[str, str]) -> None:
    LABEL_AKSI.update(label)


def label_aksi(kode: str) -> str:
    return str(LABEL_AKSI.get(kode, kode))


daftarkan(
    {
        "unit.dibuat": _("Unit kerja dibuat"),
        "unit.diubah": _("Unit kerja diubah"),
        "jabatan.dibuat": _("Jabatan dibuat"),
        "jabatan.diubah": _("Jabatan diubah"),
        "pegawai.dibuat": _("Data pegawai dibuat"),
        "pegawai.diubah": _("Data pegawai diubah"),
        "pegawai.status": _("Status pegawai diubah"),
        "penugasan.dibuat": _("Penugasan jabatan dicatat"),
        "penugasan.diubah": _("Penugasan jabatan diubah"),
        "penugasan.diakhiri": _("Penugasan jabatan diakhiri"),
        "operator.ditambah": _("Ditunjuk sebagai operator unit"),
        "operator.dicabut": _("Peran operator unit dicabut"),
        "admin.ditambah": _("Ditunjuk sebagai admin instansi"),
        "admin.dicabut": _("Peran admin instansi dicabut"),
        "akun.sandi_diatur_ulang": _("Kata sandi sementara diberikan"),
        "akun.sandi_direset_email": _("Kata sandi diatur ulang lewat e-mail"),
        "akun.sandi_diganti": _("Kata sandi diganti"),
        "impor.pegawai": _("Impor data pegawai"),
    }
)
