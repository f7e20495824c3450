"""The SIASN format and the difference it makes (sinkron/rules.py): pure, no database."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import rules

KADIS = "197005121995031002"
KABID = "197811032005012001"
KASI = "198502142010011003"
STAF = "199203052015032004"
BARU = "199505202019031002"


def _siasn(**lain):
    baris = {
        "nip_baru": STAF,
        "nama": "Dewi Lestari",
        "gelar_belakang": "A.Md.",
        "jenis_kelamin": "F",
        "status_kepegawaian": "PNS",
        "kedudukan_hukum": "Aktif",
        "golongan": "II/c",
        "pangkat": "Pengatur",
        "unor_id": "U3",
        "unor_nama": "Seksi Surveilans",
        "unor_induk_id": "U2",
        "jabatan_id": "J4",
        "jabatan_nama": "Pengadministrasi Umum",
        "jenis_jabatan": "Fungsional Umum",
        "eselon": "",
        "nip_atasan": KASI,
        "email": "",
    }
    baris.update(lain)
    return baris


def _orang(nama, unit, jabatan, jenis, atasan, status="aktif"):
    return {
        "nama": nama,
        "gelar_depan": "",
        "gelar_belakang": "",
        "jenis_kelamin": "L",
        "pangkat_golongan": "",
        "status_kepegawaian": "PNS",
        "status": status,
        "email": "",
        "kode_unit": unit,
        "jabatan": jabatan,
        "jenis_jabatan": jenis,
        "nip_atasan": atasan,
    }


def _kini():
    return {
        "unit": {
            "U1": {"nama": "Dinas Kesehatan", "induk": ""},
            "U2": {"nama": "Bidang P2P", "induk": "U1"},
            "U3": {"nama": "Seksi Surveilans", "induk": "U2"},
        },
        "pegawai": {
            KADIS: _orang("Ahmad Yani", "U1", "Kepala Dinas", "jpt_pratama", ""),
            KABID: _orang("Sri Wahyuni", "U2", "Kepala Bidang P2P", "administrator", KADIS),
            KASI: _orang("Budi Santoso", "U3", "Kepala Seksi", "pengawas", KABID),
        },
    }


def _baris_dari_kini(kini):
    """The SIASN rows that describe ``kini`` exactly (normalised)."""
    hasil = []
    for i, (nip, p) in enumerate(sorted(kini["pegawai"].items()), start=2):
        u = kini["unit"][p["kode_unit"]]
        hasil.append(
            {
                "baris": i,
                "nip": nip,
                **{k: p[k] for k in rules.BIDANG},
                "nama_unit": u["nama"],
                "kode_unit_induk": u["induk"],
                "jabatan_id": "",
            }
        )
    return hasil


# --- normalisasi --------------------------------------------------------------------------
def test_normalisasi_memetakan_kosakata_siasn():
    masuk, salah = rules.normalisasi([(2, _siasn())])
    assert salah == []
    b = masuk[0]
    assert b["nip"] == STAF
    assert b["jenis_kelamin"] == "P"
    assert b["status"] == "aktif"
    assert b["jenis_jabatan"] == "pelaksana"
    assert b["pangkat_golongan"] == "Pengatur (II/c)"
    assert b["kode_unit"] == "U3" and b["kode_unit_induk"] == "U2"


def test_eselon_menentukan_jenis_jabatan_struktural():
    assert rules.jenis_jabatan("Struktural", "II.b") == "jpt_pratama"
    assert rules.jenis_jabatan("Struktural", "I.a") == "jpt_utama"
    assert rules.jenis_jabatan("1", "III.a") == "administrator"
    assert rules.jenis_jabatan("Jabatan Struktural", "Eselon IV.b") == "pengawas"
    assert rules.jenis_jabatan("Fungsional Tertentu", "") == "fungsional"
    assert rules.jenis_jabatan("Struktural", "") is None


def test_cpns_pppk_dan_kedudukan_hukum():
    masuk, salah = rules.normalisasi(
        [
            (2, _siasn(status_kepegawaian="CPNS", kedudukan_hukum="CLTN")),
            (
                3,
                _siasn(
                    nip_baru="199001012024211001",
                    jenis_kelamin="M",
                    status_kepegawaian="PPPK",
                    kedudukan_hukum="Pensiun",
                ),
            ),
        ]
    )
    assert salah == []
    assert (masuk[0]["status_kepegawaian"], masuk[0]["status"]) == ("PNS", "cuti")
    assert (masuk[1]["status_kepegawaian"], masuk[1]["status"]) == ("PPPK", "pensiun")


def test_kesalahan_per_sel_dengan_nomor_baris_dan_kolom():
    masuk, salah = rules.normalisasi(
        [
            (2, _siasn(nip_baru="19920305201503200")),  # 17 digits
            (3, _siasn(nip_baru="1.99203E+17")),  # went through Excel as a number
            (4, _siasn(jenis_jabatan="Struktural", eselon="")),
            (5, _siasn(jenis_jabatan="Honorer")),
            (6, _siasn(nama="", unor_id="")),
            (7, _siasn(jenis_kelamin="M")),  # the NIP's sex digit says P
            (8, _siasn(kedudukan_hukum="Entah")),
        ]
    )
    assert masuk == []
    tempat = {(k["baris"], k["kolom"]) for k in salah}
    assert {
        (2, "nip_baru"),
        (3, "nip_baru"),
        (4, "eselon"),
        (5, "jenis_jabatan"),
        (6, "nama"),
        (6, "unor_id"),
        (7, "nip_baru"),
        (8, "kedudukan_hukum"),
    } <= tempat
    assert all(k["pesan"] for k in salah)


def test_nama_kolom_dan_alias():
    assert rules.nama_kolom(" NIP BARU ") == "nip_baru"
    assert rules.nama_kolom("\ufeffNIP") == "nip_baru"
    assert rules.nama_kolom("Diatasan_ID") == "unor_induk_id"
    assert rules.kolom_kurang(["nip_baru", "nama"]) == [
        k for k in rules.KOLOM_WAJIB_SIASN if k not in ("nip_baru", "nama")
    ]


# --- hitung_selisih -----------------------------------------------------------------------
def test_data_yang_sama_tidak_berselisih():
    kini = _kini()
    selisih, salah = rules.hitung_selisih(kini, _baris_dari_kini(kini))
    assert salah == []
    assert rules.jumlah(selisih) == dict.fromkeys(rules.JENIS_SELISIH, 0)


def test_baru_berubah_pindah_keluar_dan_unit():
    kini = _kini()
    masuk = _baris_dari_kini(kini)
    masuk = [b for b in masuk if b["nip"] != KASI]  # KASI leaves SIASN
    kabid = next(b for b in masuk if b["nip"] == KABID)
    kabid["pangkat_golongan"] = "Pembina (IV/a)"  # changed
    kadis = next(b for b in masuk if b["nip"] == KADIS)
    kadis["nama_unit"] = "Dinas Kesehatan Daerah"  # unit renamed
    masuk.append(
        {
            "baris": 9,
            "nip": BARU,
            **_orang("Andi", "U4", "Pengelola Data", "pelaksana", KABID),
            "nama_unit": "Seksi Baru",
            "kode_unit_induk": "U2",
            "jabatan_id": "",
        }
    )
    # the kabid moves to the new unit too
    kabid["kode_unit"], kabid["nama_unit"], kabid["kode_unit_induk"] = "U4", "Seksi Baru", "U2"
    selisih, salah = rules.hitung_selisih(kini, masuk)
    assert salah == []
    assert [p["nip"] for p in selisih["baru"]] == [BARU]
    assert [p["nip"] for p in selisih["pindah"]] == [KABID]
    perubahan = {u["bidang"]: (u["lama"], u["baru"]) for u in selisih["pindah"][0]["perubahan"]}
    assert perubahan["kode_unit"] == ("Bidang P2P", "Seksi Baru")
    assert perubahan["pangkat_golongan"] == ("", "Pembina (IV/a)")
    assert [p["nip"] for p in selisih["keluar"]] == [KASI]
    assert [u["kode"] for u in selisih["unit_baru"]] == ["U4"]
    assert [u["kode"] for u in selisih["unit_berubah"]] == ["U1"]
    assert selisih["berubah"] == []


def test_yang_sudah_pensiun_tidak_dihitung_keluar():
    kini = _kini()
    kini["pegawai"][KASI]["status"] = "pensiun"
    masuk = [b for b in _baris_dari_kini(kini) if b["nip"] != KASI]
    selisih, _ = rules.hitung_selisih(kini, masuk)
    assert selisih["keluar"] == []


def test_berubah_tanpa_pindah_bila_tak_punya_unit():
    kini = _kini()
    masuk = _baris_dari_kini(kini)
    kini["pegawai"][KASI]["kode_unit"] = ""
    kini["pegawai"][KASI]["jabatan"] = ""
    selisih, _ = rules.hitung_selisih(kini, masuk)
    assert [p["nip"] for p in selisih["berubah"]] == [KASI]
    assert selisih["pindah"] == []


def test_kesalahan_lintas_baris():
    kini = _kini()
    masuk = _baris_dari_kini(kini)
    ganda = dict(masuk[0], baris=10)
    induk_hilang = dict(
        masuk[1], baris=11, nip=BARU, kode_unit="U9", nama_unit="X", kode_unit_induk="TIDAK-ADA"
    )
    atasan_hilang = dict(
        masuk[2], baris=12, nip="199001012024211001", nip_atasan="196001011985031001"
    )
    selisih, salah = rules.hitung_selisih(kini, [*masuk, ganda, induk_hilang, atasan_hilang])
    tempat = {(k["baris"], k["kolom"]) for k in salah}
    assert (10, "nip_baru") in tempat
    assert (11, "unor_induk_id") in tempat
    assert (12, "nip_atasan") in tempat
    assert any("ganda" in k["pesan"] for k in salah)


def test_unit_ditulis_berbeda_antarbaris():
    kini = _kini()
    masuk = _baris_dari_kini(kini)
    masuk[1]["kode_unit"] = masuk[0]["kode_unit"]
    masuk[1]["nama_unit"] = "Nama Lain"
    masuk[1]["kode_unit_induk"] = masuk[0]["kode_unit_induk"]
    _, salah = rules.hitung_selisih(kini, masuk)
    assert [k["kolom"] for k in salah] == ["unor_nama"]


def test_sidik_stabil_dan_peka():
    kini = _kini()
    salinan = copy.deepcopy(kini)
    assert rules.sidik(kini) == rules.sidik(salinan)
    salinan["pegawai"][KASI]["nama"] = "Budi S."
    assert rules.sidik(kini) != rules.sidik(salinan)


@settings(max_examples=60, deadline=None)
@given(
    hapus=st.sets(st.sampled_from([KADIS, KABID, KASI])),
    ganti_nama=st.sets(st.sampled_from([KADIS, KABID, KASI])),
)
def test_sifat_setiap_nip_tepat_satu_jenis(hapus, ganti_nama):
    """Every NIP lands in exactly one kind (or none when unchanged); what is removed from
    SIASN is exactly what is reported as keluar; a changed name is reported old → new."""
    kini = _kini()
    masuk = [b for b in _baris_dari_kini(kini) if b["nip"] not in hapus]
    for b in masuk:
        if b["nip"] in ganti_nama:
            b["nama"] = b["nama"] + " Baru"
    # an atasan removed from SIASN stays known from our data: no error
    selisih, salah = rules.hitung_selisih(kini, masuk)
    assert salah == []
    terlihat = [p["nip"] for k in ("baru", "berubah", "pindah", "keluar") for p in selisih[k]]
    assert len(terlihat) == len(set(terlihat))
    assert {p["nip"] for p in selisih["keluar"]} == hapus
    assert {p["nip"] for p in selisih["berubah"]} == ganti_nama - hapus
    for p in selisih["berubah"]:
        assert [u["bidang"] for u in p["perubahan"]] == ["nama"]


def test_baris_impor_memakai_kolom_impor_pegawai():
    from pegawai.services.impor import KOLOM

    masuk, _ = rules.normalisasi([(2, _siasn())])
    assert tuple(rules.baris_impor(masuk[0])) == KOLOM
