"""Changes of the follow-up settings (TPP formula, base TPP per kelas, angka kredit
coefficients): only the admin of the instansi, each change recorded in ``Riwayat``."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pegawai.models import Instansi, Jabatan, Pegawai, Riwayat
from pegawai.permissions import is_admin_instansi
from pegawai.services.organisasi import catat_riwayat
from penilaian.models import BesaranTpp, KoefisienAngkaKredit, PengaturanTpp

KOLOM_PENGATURAN = (
    "porsi_kinerja",
    "porsi_disiplin",
    "dasar_kinerja",
    "persen_sangat_baik",
    "persen_baik",
    "persen_butuh_perbaikan",
    "persen_kurang",
    "persen_sangat_kurang",
    "potong_tanpa_realisasi",
    "potongan_terlambat",
    "potongan_pulang_cepat",
    "potongan_tanpa_keterangan",
)


def _cek_admin(pelaku: Pegawai, instansi: Instansi | int) -> None:
    if not is_admin_instansi(pelaku, instansi):
        raise PermissionDenied


def _teks(nilai) -> object:
    return str(nilai) if isinstance(nilai, Decimal) else nilai


def simpan_pengaturan(pelaku: Pegawai, instansi: Instansi, data: dict) -> PengaturanTpp:
    _cek_admin(pelaku, instansi)
    if Decimal(data["porsi_kinerja"]) + Decimal(data["porsi_disiplin"]) != 100:
        raise ValueError("porsi_kinerja + porsi_disiplin must be 100")
    with transaction.atomic():
        obj, _dibuat = PengaturanTpp.objects.select_for_update().get_or_create(instansi=instansi)
        lama = {k: _teks(getattr(obj, k)) for k in KOLOM_PENGATURAN}
        for k in KOLOM_PENGATURAN:
            setattr(obj, k, data[k])
        obj.diubah_oleh = pelaku
        obj.full_clean()
        obj.save()
        catat_riwayat(
            pelaku=pelaku,
            objek=obj,
            aksi="tpp.pengaturan_diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={"lama": lama, "baru": {k: _teks(data[k]) for k in KOLOM_PENGATURAN}},
        )
    return obj


def simpan_besaran(
    pelaku: Pegawai,
    instansi: Instansi,
    kelas_jabatan: int,
    jumlah: Decimal,
    besaran: BesaranTpp | None = None,
) -> BesaranTpp:
    _cek_admin(pelaku, instansi)
    with transaction.atomic():
        if besaran is None:
            besaran = BesaranTpp(instansi=instansi)
            lama = None
        else:
            besaran = BesaranTpp.objects.select_for_update().get(pk=besaran.pk)
            lama = {"kelas_jabatan": besaran.kelas_jabatan, "jumlah": str(besaran.jumlah)}
        besaran.kelas_jabatan = kelas_jabatan
        besaran.jumlah = jumlah
        besaran.full_clean()
        besaran.save()
        catat_riwayat(
            pelaku=pelaku,
            objek=besaran,
            aksi="tpp.besaran_diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={"lama": lama, "baru": {"kelas_jabatan": kelas_jabatan, "jumlah": str(jumlah)}},
        )
    return besaran


def hapus_besaran(pelaku: Pegawai, besaran: BesaranTpp) -> None:
    _cek_admin(pelaku, besaran.instansi_id)
    with transaction.atomic():
        catat_riwayat(
            pelaku=pelaku,
            objek=besaran,
            aksi="tpp.besaran_diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            keterangan="dihapus",
            data={
                "lama": {"kelas_jabatan": besaran.kelas_jabatan, "jumlah": str(besaran.jumlah)},
                "baru": None,
            },
        )
        besaran.delete()


def simpan_koefisien(
    pelaku: Pegawai, jabatan: Jabatan, jenjang: str, koefisien: Decimal
) -> KoefisienAngkaKredit:
    _cek_admin(pelaku, jabatan.instansi_id)
    if jabatan.jenis != Jabatan.Jenis.FUNGSIONAL:
        raise ValueError("angka kredit applies to jabatan fungsional only")
    with transaction.atomic():
        obj = KoefisienAngkaKredit.objects.select_for_update().filter(jabatan=jabatan).first()
        lama = {"jenjang": obj.jenjang, "koefisien": str(obj.koefisien)} if obj else None
        obj = obj or KoefisienAngkaKredit(jabatan=jabatan)
        obj.jenjang = jenjang
        obj.koefisien = koefisien
        obj.full_clean()
        obj.save()
        catat_riwayat(
            pelaku=pelaku,
            objek=obj,
            aksi="angka_kredit.koefisien_diubah",
            sebagai=Riwayat.Sebagai.ADMIN,
            data={"lama": lama, "baru": {"jenjang": jenjang, "koefisien": str(koefisien)}},
        )
    return obj
