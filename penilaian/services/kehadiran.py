"""Monthly attendance faults from the attendance system (CSV or XLSX), all or nothing.

Same shape as the other imports: the shared reader of :mod:`pegawai.services.impor` turns the bytes
into rows of text, every row is checked against what was read once for the whole file, and
only a file without errors is written — in one transaction, ``update_or_create`` on
(pegawai, tahun, bulan), so the same file applied twice changes nothing.  The format is
documented in ``docs/format-impor.md``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from pegawai.services.impor import BerkasDitolak, Kesalahan, buka_tabel, nama_kolom
from pegawai.services.organisasi import catat_riwayat
from penilaian.models import Kehadiran
from penilaian.selectors.tpp import pegawai_kelola_tpp

KOLOM = ("nip", "tahun", "bulan", "hari_kerja", "terlambat", "pulang_cepat", "tanpa_keterangan")
ANGKA = KOLOM[1:]
MAKS_BARIS = 5000


@dataclass
class BarisKehadiran:
    nomor: int
    nip: str
    nilai: dict[str, int] = field(default_factory=dict)
    pegawai: Pegawai | None = None
    kesalahan: list[Kesalahan] = field(default_factory=list)
    berubah: bool = True


@dataclass
class HasilKehadiran:
    nama_berkas: str
    sha256: str
    baris: list[BarisKehadiran] = field(default_factory=list)
    kesalahan_berkas: list[Kesalahan] = field(default_factory=list)
    diterapkan: bool = False

    @property
    def kesalahan(self) -> list[Kesalahan]:
        return [*self.kesalahan_berkas, *(k for b in self.baris for k in b.kesalahan)]

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan

    @property
    def jumlah_berubah(self) -> int:
        return sum(1 for b in self.baris if b.berubah)


def _baca(data: bytes, nama_berkas: str, hasil: HasilKehadiran) -> list[tuple[int, dict]]:
    try:
        tabel = list(buka_tabel(data, nama_berkas))
    except BerkasDitolak as e:
        hasil.kesalahan_berkas.append(Kesalahan(None, "", str(e)))
        return []
    if not tabel:
        hasil.kesalahan_berkas.append(Kesalahan(None, "", _("Berkas kosong.")))
        return []
    kepala = [nama_kolom(t) for t in tabel[0]]
    kurang = [k for k in KOLOM if k not in kepala]
    if kurang:
        hasil.kesalahan_berkas.append(
            Kesalahan(
                1,
                "",
                _("Kolom wajib tidak ada: %(kolom)s. Gunakan templat.")
                % {"kolom": ", ".join(kurang)},
            )
        )
        return []
    posisi = {k: kepala.index(k) for k in KOLOM}
    baris = []
    for i, sel in enumerate(tabel[1:], start=2):
        if not any(s.strip() for s in sel):
            continue
        baris.append((i, {k: (sel[j].strip() if j < len(sel) else "") for k, j in posisi.items()}))
    if not baris:
        hasil.kesalahan_berkas.append(
            Kesalahan(None, "", _("Berkas tidak berisi data: hanya ada baris judul kolom."))
        )
    elif len(baris) > MAKS_BARIS:
        hasil.kesalahan_berkas.append(
            Kesalahan(None, "", _("Paling banyak %(n)d baris per berkas.") % {"n": MAKS_BARIS})
        )
        return []
    return baris


def _periksa(pelaku: Pegawai, baris: list[tuple[int, dict]], hasil: HasilKehadiran) -> None:
    nips = {teks["nip"].replace(" ", "") for _n, teks in baris}
    dikenal = {p.nip: p for p in Pegawai.objects.filter(nip__in=nips)}
    boleh = set(pegawai_kelola_tpp(pelaku).filter(nip__in=nips).values_list("pk", flat=True))
    dilihat: dict[tuple, int] = {}
    for nomor, teks in baris:
        b = BarisKehadiran(nomor, teks["nip"].replace(" ", ""))
        p = dikenal.get(b.nip)
        if not b.nip:
            b.kesalahan.append(Kesalahan(nomor, "nip", _("NIP wajib diisi.")))
        elif p is None:
            b.kesalahan.append(
                Kesalahan(nomor, "nip", _("NIP %(nip)s tidak dikenal.") % {"nip": b.nip})
            )
        elif p.pk not in boleh:
            b.kesalahan.append(
                Kesalahan(
                    nomor,
                    "nip",
                    _("Pegawai NIP %(nip)s di luar unit yang Anda kelola.") % {"nip": b.nip},
                )
            )
        else:
            b.pegawai = p
        for k in ANGKA:
            nilai = teks[k]
            if not nilai.isdigit():
                b.kesalahan.append(
                    Kesalahan(
                        nomor,
                        k,
                        _("Harus bilangan bulat 0 atau lebih, bukan “%(n)s”.") % {"n": nilai},
                    )
                )
            else:
                b.nilai[k] = int(nilai)
        v = b.nilai
        if "bulan" in v and not 1 <= v["bulan"] <= 12:
            b.kesalahan.append(Kesalahan(nomor, "bulan", _("Bulan harus 1 sampai 12.")))
        if "tahun" in v and not 2000 <= v["tahun"] <= 2100:
            b.kesalahan.append(Kesalahan(nomor, "tahun", _("Tahun tidak wajar.")))
        if "hari_kerja" in v and not 1 <= v["hari_kerja"] <= 31:
            b.kesalahan.append(Kesalahan(nomor, "hari_kerja", _("Hari kerja harus 1 sampai 31.")))
        for k in ANGKA[3:]:
            if k in v and "hari_kerja" in v and v[k] > v["hari_kerja"]:
                b.kesalahan.append(
                    Kesalahan(
                        nomor,
                        k,
                        _("%(n)d melebihi jumlah hari kerja (%(h)d).")
                        % {"n": v[k], "h": v["hari_kerja"]},
                    )
                )
        if b.nip and "tahun" in v and "bulan" in v:
            kunci = (b.nip, v["tahun"], v["bulan"])
            if kunci in dilihat:
                b.kesalahan.append(
                    Kesalahan(
                        nomor,
                        "",
                        _("Baris ganda: NIP dan bulan yang sama sudah ada di baris %(n)d.")
                        % {"n": dilihat[kunci]},
                    )
                )
            else:
                dilihat[kunci] = nomor
        hasil.baris.append(b)
    _tandai_berubah(hasil)


def _tandai_berubah(hasil: HasilKehadiran) -> None:
    sah = [b for b in hasil.baris if b.pegawai and len(b.nilai) == len(ANGKA)]
    if not sah:
        return
    ada = {
        (k.pegawai_id, k.tahun, k.bulan): k
        for k in Kehadiran.objects.filter(
            pegawai_id__in={b.pegawai.pk for b in sah},
            tahun__in={b.nilai["tahun"] for b in sah},
            bulan__in={b.nilai["bulan"] for b in sah},
        )
    }
    for b in sah:
        k = ada.get((b.pegawai.pk, b.nilai["tahun"], b.nilai["bulan"]))
        b.berubah = k is None or any(getattr(k, f) != b.nilai[f] for f in ANGKA[2:])


def impor_kehadiran(
    pelaku: Pegawai, data: bytes, nama_berkas: str, *, terapkan: bool
) -> HasilKehadiran:
    """Check the file; with ``terapkan`` and no error, write it all in one transaction."""
    hasil = HasilKehadiran(nama_berkas, hashlib.sha256(data).hexdigest())
    baris = _baca(data, nama_berkas, hasil)
    if hasil.kesalahan_berkas:
        return hasil
    _periksa(pelaku, baris, hasil)
    if not terapkan or not hasil.berhasil:
        return hasil
    with transaction.atomic():
        for b in hasil.baris:
            if not b.berubah:
                continue
            v = b.nilai
            obj, _dibuat = Kehadiran.objects.update_or_create(
                pegawai=b.pegawai,
                tahun=v["tahun"],
                bulan=v["bulan"],
                defaults={
                    "hari_kerja": v["hari_kerja"],
                    "terlambat": v["terlambat"],
                    "pulang_cepat": v["pulang_cepat"],
                    "tanpa_keterangan": v["tanpa_keterangan"],
                    "diimpor_oleh": pelaku,
                },
            )
            catat_riwayat(
                pelaku=pelaku,
                objek=obj,
                aksi="kehadiran.diimpor",
                subjek=b.pegawai,
                keterangan=nama_berkas[:200],
                data={k: v[k] for k in ANGKA},
            )
        hasil.diterapkan = True
    return hasil


def templat(fmt: str):
    """(kolom, contoh baris) of the template download."""
    return list(KOLOM), [["199001012015011001", 2026, 1, 21, 2, 0, 1]]
