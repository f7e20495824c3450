"""The SIASN format and the difference it makes against our data: pure functions, no ORM.

Two steps, both on plain Python data:

1. :func:`normalisasi` turns the rows of a SIASN export (``{column: text}``, read from a
   CSV/XLSX file or a JSON answer) into rows in our vocabulary (``Pegawai`` / ``Jabatan``
   values), reporting every bad cell;
2. :func:`hitung_selisih` compares those rows with a snapshot of the instansi's data
   (``sinkron.selectors.data_kini``) and sorts every pegawai into **baru** (not in our data),
   **pindah** (his unit changes), **berubah** (other fields change, field by field old → new)
   and **keluar** (active in our data, missing from SIASN: marked, never deleted), plus the
   units that are new or change; and reports what cannot be right across rows (a NIP twice,
   a parent unit or atasan nowhere to be found).

The columns are documented for users in ``docs/sinkron-siasn.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.rules import NipTidakValid, nip_dari_sel, validasi_nip

# --- the format ---------------------------------------------------------------------------
KOLOM_SIASN = (
    "pns_id",
    "nip_baru",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "status_kepegawaian",
    "kedudukan_hukum",
    "golongan",
    "pangkat",
    "unor_id",
    "unor_nama",
    "unor_induk_id",
    "jabatan_id",
    "jabatan_nama",
    "jenis_jabatan",
    "eselon",
    "nip_atasan",
    "email",
)
KOLOM_WAJIB_SIASN = (
    "nip_baru",
    "nama",
    "jenis_kelamin",
    "status_kepegawaian",
    "unor_id",
    "unor_nama",
    "jabatan_nama",
    "jenis_jabatan",
)
# Other names the same columns carry in SIASN exports and APIs.
ALIAS_KOLOM = {
    "nip": "nip_baru",
    "nipbaru": "nip_baru",
    "unor_induk": "unor_induk_id",
    "diatasan_id": "unor_induk_id",
    "jenis_pegawai": "status_kepegawaian",
    "kedudukan_hukum_nama": "kedudukan_hukum",
    "golongan_nama": "golongan",
    "gol_akhir_nama": "golongan",
    "pangkat_nama": "pangkat",
    "jenis_jabatan_nama": "jenis_jabatan",
    "eselon_nama": "eselon",
    "email_gov": "email",
}

# Our fields compared, in the order shown; the columns of an incoming row besides "baris".
BIDANG = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "pangkat_golongan",
    "status_kepegawaian",
    "status",
    "kode_unit",
    "jabatan",
    "jenis_jabatan",
    "nip_atasan",
    "email",
)
BIDANG_JABATAN = ("kode_unit", "jabatan", "jenis_jabatan", "nip_atasan")
LABEL_BIDANG = {
    "nama": gettext_lazy("nama"),
    "gelar_depan": gettext_lazy("gelar depan"),
    "gelar_belakang": gettext_lazy("gelar belakang"),
    "jenis_kelamin": gettext_lazy("jenis kelamin"),
    "pangkat_golongan": gettext_lazy("pangkat/golongan"),
    "status_kepegawaian": gettext_lazy("status kepegawaian"),
    "status": gettext_lazy("status"),
    "kode_unit": gettext_lazy("unit kerja"),
    "jabatan": gettext_lazy("jabatan"),
    "jenis_jabatan": gettext_lazy("jenis jabatan"),
    "nip_atasan": gettext_lazy("NIP atasan"),
    "email": gettext_lazy("e-mail"),
}
JENIS_SELISIH = ("baru", "pindah", "berubah", "keluar", "unit_baru", "unit_berubah")
STATUS_AKTIF = ("aktif", "cuti")
STATUS_KELUAR = ("pensiun", "berhenti", "meninggal")

_JENIS_KELAMIN = {
    "l": "L",
    "m": "L",
    "1": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "p": "P",
    "f": "P",
    "2": "P",
    "perempuan": "P",
    "wanita": "P",
}
_STATUS_KEPEGAWAIAN = {
    "pns": "PNS",
    "cpns": "PNS",
    "p": "PNS",
    "c": "PNS",
    "pppk": "PPPK",
    "p3k": "PPPK",
}
# SIASN's kedudukan hukum → our status; what is not listed but still serving is "aktif".
_KEDUDUKAN = {
    "": "aktif",
    "aktif": "aktif",
    "tugas belajar": "aktif",
    "aktif tugas belajar": "aktif",
    "pemberhentian sementara": "aktif",
    "cltn": "cuti",
    "cuti": "cuti",
    "cuti diluar tanggungan negara": "cuti",
    "cuti di luar tanggungan negara": "cuti",
    "pensiun": "pensiun",
    "masa persiapan pensiun": "pensiun",
    "mpp": "pensiun",
    "meninggal": "meninggal",
    "meninggal dunia": "meninggal",
    "wafat": "meninggal",
    "berhenti": "berhenti",
    "diberhentikan": "berhenti",
    "pemberhentian": "berhenti",
    "mutasi keluar": "berhenti",
}
_JENIS_LANGSUNG = {
    "jpt utama": "jpt_utama",
    "jpt madya": "jpt_madya",
    "jpt pratama": "jpt_pratama",
    "pimpinan tinggi utama": "jpt_utama",
    "pimpinan tinggi madya": "jpt_madya",
    "pimpinan tinggi pratama": "jpt_pratama",
    "administrator": "administrator",
    "pengawas": "pengawas",
    "fungsional": "fungsional",
    "fungsional tertentu": "fungsional",
    "jft": "fungsional",
    "jf": "fungsional",
    "2": "fungsional",
    "pelaksana": "pelaksana",
    "fungsional umum": "pelaksana",
    "jfu": "pelaksana",
    "4": "pelaksana",
}
_STRUKTURAL = {"struktural", "1"}
# Eselon → jenis jabatan of a struktural position (PermenPANRB 6/2022 uses the JPT /
# administrator / pengawas names; SIASN still speaks of eselon).
_ESELON = {
    "i": "jpt_madya",
    "ia": "jpt_utama",
    "ib": "jpt_madya",
    "ii": "jpt_pratama",
    "iia": "jpt_pratama",
    "iib": "jpt_pratama",
    "iii": "administrator",
    "iiia": "administrator",
    "iiib": "administrator",
    "iv": "pengawas",
    "iva": "pengawas",
    "ivb": "pengawas",
    "v": "pengawas",
    "va": "pengawas",
}


def _kunci(teks: str) -> str:
    """Text compared loosely: case, spaces, "_" and "-" do not matter."""
    return " ".join(str(teks).replace("_", " ").replace("-", " ").casefold().split())


def _rapikan(teks: Any) -> str:
    return " ".join(str(teks if teks is not None else "").split())


def nama_kolom(teks: str) -> str:
    """A header cell as a column name of the format (aliases resolved)."""
    nama = re.sub(r"[\s\-]+", "_", str(teks).replace("\ufeff", "").strip().lower())
    return ALIAS_KOLOM.get(nama, nama)


def kolom_kurang(kolom: Iterable[str]) -> list[str]:
    ada = set(kolom)
    return [k for k in KOLOM_WAJIB_SIASN if k not in ada]


def _salah(baris: int | None, kolom: str, pesan: str) -> dict[str, Any]:
    return {"baris": baris, "kolom": kolom, "pesan": str(pesan)}


def jenis_jabatan(jenis: str, eselon: str) -> str | None:
    """Our ``Jabatan.Jenis`` value for SIASN's jenis jabatan (and eselon), or None."""
    k = _kunci(jenis).removeprefix("jabatan ")
    if k in _STRUKTURAL:
        kode = re.sub(r"[^ivab]", "", _kunci(eselon).removeprefix("eselon "))
        return _ESELON.get(kode)
    return _JENIS_LANGSUNG.get(k)


# --- step 1: one row at a time ------------------------------------------------------------
def normalisasi(
    data: Iterable[tuple[int, dict[str, Any]]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The SIASN rows (row number, {column: text}) as our rows, and every bad cell.

    A row with an error is left out of the rows returned (the batch cannot be applied while
    any error remains, so nothing is lost)."""
    hasil: list[dict[str, Any]] = []
    kesalahan: list[dict[str, Any]] = []
    for nomor, sel in data:
        salah: list[dict[str, Any]] = []
        teks = {k: _rapikan(v) for k, v in sel.items()}
        for kolom in KOLOM_WAJIB_SIASN:
            if not teks.get(kolom):
                salah.append(_salah(nomor, kolom, _("Wajib diisi.")))
        jk = _JENIS_KELAMIN.get(_kunci(teks.get("jenis_kelamin", "")), "")
        if teks.get("jenis_kelamin") and not jk:
            salah.append(
                _salah(nomor, "jenis_kelamin", _("Gunakan L/P (atau M/F, Laki-laki/Perempuan)."))
            )
        status_kep = _STATUS_KEPEGAWAIAN.get(_kunci(teks.get("status_kepegawaian", "")), "")
        if teks.get("status_kepegawaian") and not status_kep:
            salah.append(_salah(nomor, "status_kepegawaian", _("Gunakan PNS, CPNS atau PPPK.")))
        status = _KEDUDUKAN.get(_kunci(teks.get("kedudukan_hukum", "")))
        if status is None:
            salah.append(
                _salah(
                    nomor,
                    "kedudukan_hukum",
                    _("Kedudukan hukum “%(nilai)s” tidak dikenal.")
                    % {"nilai": teks["kedudukan_hukum"]},
                )
            )
        jenis = jenis_jabatan(teks.get("jenis_jabatan", ""), teks.get("eselon", ""))
        if teks.get("jenis_jabatan") and jenis is None:
            if _kunci(teks["jenis_jabatan"]).removeprefix("jabatan ") in _STRUKTURAL:
                salah.append(
                    _salah(
                        nomor,
                        "eselon",
                        _("Jabatan struktural memerlukan eselon yang dikenal (I.a sampai IV.b)."),
                    )
                )
            else:
                salah.append(
                    _salah(
                        nomor,
                        "jenis_jabatan",
                        _(
                            "Jenis jabatan “%(nilai)s” tidak dikenal; gunakan Struktural (dengan "
                            "eselon), Fungsional Tertentu, Fungsional Umum/Pelaksana, atau JPT."
                        )
                        % {"nilai": teks["jenis_jabatan"]},
                    )
                )
        nip = ""
        if teks.get("nip_baru"):
            try:
                nip = validasi_nip(nip_dari_sel(teks["nip_baru"]), status_kep or "PNS", jk)
            except NipTidakValid as e:
                salah.append(_salah(nomor, "nip_baru", str(e)))
        nip_atasan = ""
        if teks.get("nip_atasan"):
            try:
                nip_atasan = nip_dari_sel(teks["nip_atasan"])
                if not (nip_atasan.isdigit() and len(nip_atasan) == 18):
                    raise NipTidakValid(_("NIP atasan harus 18 digit."))
            except NipTidakValid as e:
                salah.append(_salah(nomor, "nip_atasan", str(e)))
        if salah:
            kesalahan.extend(salah)
            continue
        pangkat, golongan = teks.get("pangkat", ""), teks.get("golongan", "")
        hasil.append(
            {
                "baris": nomor,
                "nip": nip,
                "nama": teks["nama"],
                "gelar_depan": teks.get("gelar_depan", ""),
                "gelar_belakang": teks.get("gelar_belakang", ""),
                "jenis_kelamin": jk,
                "pangkat_golongan": f"{pangkat} ({golongan})"
                if pangkat and golongan
                else (pangkat or golongan),
                "status_kepegawaian": status_kep,
                "status": status,
                "kode_unit": teks["unor_id"],
                "nama_unit": teks["unor_nama"],
                "kode_unit_induk": teks.get("unor_induk_id", ""),
                "jabatan_id": teks.get("jabatan_id", ""),
                "jabatan": teks["jabatan_nama"],
                "jenis_jabatan": jenis,
                "nip_atasan": nip_atasan,
                "email": teks.get("email", "").lower(),
            }
        )
    return hasil, kesalahan


# --- step 2: against our data -------------------------------------------------------------
def sidik(kini: dict[str, Any]) -> str:
    """A fingerprint of a snapshot: equal snapshots, equal fingerprints."""
    teks = json.dumps(kini, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode()).hexdigest()


def _sama(bidang: str, lama: str, baru: str) -> bool:
    if bidang in ("jabatan", "nama", "gelar_depan", "gelar_belakang", "pangkat_golongan"):
        return _kunci(lama) == _kunci(baru)
    if bidang == "email":
        return not baru or lama.lower() == baru.lower()
    return lama == baru


def hitung_selisih(
    kini: dict[str, Any], masuk: list[dict[str, Any]]
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The difference the incoming rows make to the snapshot ``kini``, and cross-row errors.

    ``kini`` is ``{"pegawai": {nip: {field: value}}, "unit": {kode: {"nama", "induk"}}}``
    (``sinkron.selectors.data_kini``); ``masuk`` the rows of :func:`normalisasi`.
    """
    pegawai_kini: dict[str, dict[str, str]] = kini.get("pegawai", {})
    unit_kini: dict[str, dict[str, str]] = kini.get("unit", {})
    selisih: dict[str, list[dict[str, Any]]] = {k: [] for k in JENIS_SELISIH}
    kesalahan: list[dict[str, Any]] = []

    pertama: dict[str, int] = {}
    unit_masuk: dict[str, dict[str, Any]] = {}
    for b in masuk:
        if b["nip"] in pertama:
            kesalahan.append(
                _salah(
                    b["baris"],
                    "nip_baru",
                    _("NIP %(nip)s ganda: sudah ada di baris %(baris)d.")
                    % {"nip": b["nip"], "baris": pertama[b["nip"]]},
                )
            )
            continue
        pertama[b["nip"]] = b["baris"]
        u = unit_masuk.get(b["kode_unit"])
        if u is None:
            unit_masuk[b["kode_unit"]] = {
                "nama": b["nama_unit"],
                "induk": b["kode_unit_induk"],
                "baris": b["baris"],
            }
        elif _kunci(u["nama"]) != _kunci(b["nama_unit"]) or u["induk"] != b["kode_unit_induk"]:
            kesalahan.append(
                _salah(
                    b["baris"],
                    "unor_nama" if _kunci(u["nama"]) != _kunci(b["nama_unit"]) else "unor_induk_id",
                    _("Unit %(kode)s ditulis berbeda di baris %(baris)d (nama atau induknya).")
                    % {"kode": b["kode_unit"], "baris": u["baris"]},
                )
            )

    for kode, u in unit_masuk.items():
        induk = u["induk"]
        if induk and induk not in unit_masuk and induk not in unit_kini:
            kesalahan.append(
                _salah(
                    u["baris"],
                    "unor_induk_id",
                    _(
                        "Unit induk %(induk)s tidak ditemukan, baik di data SIASN maupun di "
                        "e-Kinerja."
                    )
                    % {"induk": induk},
                )
            )
        if induk == kode:
            kesalahan.append(
                _salah(u["baris"], "unor_induk_id", _("Unit tidak boleh menjadi induknya sendiri."))
            )
        lama = unit_kini.get(kode)
        if lama is None:
            selisih["unit_baru"].append({"kode": kode, "nama": u["nama"], "induk": induk})
        elif _kunci(lama["nama"]) != _kunci(u["nama"]) or (lama["induk"] or "") != induk:
            perubahan = []
            if _kunci(lama["nama"]) != _kunci(u["nama"]):
                perubahan.append({"bidang": "nama", "lama": lama["nama"], "baru": u["nama"]})
            if (lama["induk"] or "") != induk:
                perubahan.append({"bidang": "induk", "lama": lama["induk"], "baru": induk})
            selisih["unit_berubah"].append(
                {"kode": kode, "nama": u["nama"], "perubahan": perubahan}
            )

    nama_unit = {k: v["nama"] for k, v in unit_kini.items()} | {
        k: v["nama"] for k, v in unit_masuk.items()
    }
    for b in masuk:
        if pertama.get(b["nip"]) != b["baris"]:
            continue  # the duplicate, reported above
        atasan = b["nip_atasan"]
        if atasan and b["status"] in STATUS_AKTIF:
            if atasan == b["nip"]:
                kesalahan.append(
                    _salah(
                        b["baris"],
                        "nip_atasan",
                        _("Pegawai tidak boleh menjadi atasannya sendiri."),
                    )
                )
            elif atasan not in pertama and atasan not in pegawai_kini:
                kesalahan.append(
                    _salah(
                        b["baris"],
                        "nip_atasan",
                        _("Atasan dengan NIP %(nip)s tidak ada di data SIASN maupun di e-Kinerja.")
                        % {"nip": atasan},
                    )
                )
        lama = pegawai_kini.get(b["nip"])
        ringkas = {"baris": b["baris"], "nip": b["nip"], "nama": b["nama"]}
        if lama is None:
            selisih["baru"].append(
                ringkas | {"unit": b["nama_unit"], "jabatan": b["jabatan"], "status": b["status"]}
            )
            continue
        bidang = BIDANG
        if b["status"] not in STATUS_AKTIF:
            # He holds no jabatan any more: only who he is and his status count.
            bidang = tuple(k for k in BIDANG if k not in BIDANG_JABATAN)
        perubahan = []
        for k in bidang:
            nilai_lama, nilai_baru = lama.get(k, "") or "", b.get(k, "") or ""
            if _sama(k, nilai_lama, nilai_baru):
                continue
            if k == "kode_unit":
                nilai_lama = nama_unit.get(nilai_lama, nilai_lama)
                nilai_baru = nama_unit.get(nilai_baru, nilai_baru)
            perubahan.append({"bidang": k, "lama": nilai_lama, "baru": nilai_baru})
        if not perubahan:
            continue
        pindah = (
            b["status"] in STATUS_AKTIF
            and lama.get("kode_unit")
            and lama["kode_unit"] != b["kode_unit"]
        )
        selisih["pindah" if pindah else "berubah"].append(ringkas | {"perubahan": perubahan})

    for nip, lama in sorted(pegawai_kini.items(), key=lambda x: x[1].get("nama", "")):
        if nip not in pertama and lama.get("status") in STATUS_AKTIF:
            selisih["keluar"].append(
                {
                    "nip": nip,
                    "nama": lama.get("nama", ""),
                    "unit": nama_unit.get(lama.get("kode_unit", ""), ""),
                    "jabatan": lama.get("jabatan", ""),
                }
            )
    kesalahan.sort(key=lambda k: (k["baris"] or 0, k["kolom"]))
    return selisih, kesalahan


def jumlah(selisih: dict[str, list]) -> dict[str, int]:
    return {k: len(selisih.get(k, [])) for k in JENIS_SELISIH}


# --- to the pegawai import ----------------------------------------------------------------
# Our row's columns → the pegawai import's columns (pegawai/services/impor.py KOLOM).
KE_IMPOR = {
    "nip": "nip",
    "nama": "nama",
    "gelar_depan": "gelar_depan",
    "gelar_belakang": "gelar_belakang",
    "jenis_kelamin": "jenis_kelamin",
    "pangkat_golongan": "pangkat_golongan",
    "status_kepegawaian": "status_kepegawaian",
    "kode_unit": "kode_unit",
    "nama_unit": "nama_unit",
    "kode_unit_induk": "kode_unit_induk",
    "jabatan": "jabatan",
    "jenis_jabatan": "jenis_jabatan",
    "nip_atasan": "nip_atasan",
    "email": "email",
    "status": "status",
}
# The import's column names → the SIASN column the user knows (for its messages).
KOLOM_ASAL = {
    "nip": "nip_baru",
    "kode_unit": "unor_id",
    "nama_unit": "unor_nama",
    "kode_unit_induk": "unor_induk_id",
    "jabatan": "jabatan_nama",
    "status": "kedudukan_hukum",
    "pangkat_golongan": "golongan",
}


def baris_impor(b: dict[str, Any]) -> dict[str, str]:
    """One of our rows as a row of the pegawai import."""
    return {ke: str(b.get(dari, "") or "") for dari, ke in KE_IMPOR.items()}
