"""An admin imports a good CSV/XLSX file: units, jabatan, pegawai and assignments appear."""

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from pegawai.models import Jabatan, Pegawai, Penugasan, Riwayat, UnitKerja
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services.impor import KOLOM, impor_pegawai
from tests.factories import InstansiFactory, JabatanFactory, PegawaiFactory, buat_nip


# --- helpers shared by the import tests (imported by the other test_impor_* modules) ------
def nip(urut: int, jenis_kelamin: str = "L") -> str:
    """A valid NIP that no factory makes (other birth date)."""
    return buat_nip(urut, lahir=dt.date(1976, 5, 2), jenis_kelamin=jenis_kelamin)


def baris(
    nip_: str,
    nama: str,
    kode_unit: str,
    nama_unit: str,
    jabatan: str,
    jenis_jabatan: str,
    nip_atasan: str = "",
    kode_unit_induk: str = "",
    **lain: str,
) -> dict[str, str]:
    data = {
        "nip": nip_,
        "nama": nama,
        "gelar_depan": "",
        "gelar_belakang": "",
        "jenis_kelamin": "L",
        "pangkat_golongan": "Penata (III/c)",
        "status_kepegawaian": "PNS",
        "kode_unit": kode_unit,
        "nama_unit": nama_unit,
        "kode_unit_induk": kode_unit_induk,
        "jabatan": jabatan,
        "jenis_jabatan": jenis_jabatan,
        "nip_atasan": nip_atasan,
        "email": "",
        "status": "",
    }
    data.update(lain)
    return data


def berkas_dasar() -> list[dict[str, str]]:
    """A new badan: kepala (JPT) ← sekretaris ← two "Pengadministrasi Umum"."""
    return [
        baris(nip(1), "Kepala Badan", "BU", "Badan Uji", "Kepala Badan Uji", "JPT Pratama"),
        baris(
            nip(2),
            "Sekretaris",
            "BU.SEK",
            "Sekretariat",
            "Sekretaris Badan Uji",
            "Administrator",
            nip_atasan=nip(1),
            kode_unit_induk="BU",
        ),
        baris(
            nip(3),
            "Staf Satu",
            "BU.SEK",
            "Sekretariat",
            "Pengadministrasi Umum",
            "Pelaksana",
            nip_atasan=nip(2),
            kode_unit_induk="BU",
        ),
        baris(
            nip(4, "P"),
            "Staf Dua",
            "BU.SEK",
            "Sekretariat",
            "Pengadministrasi Umum",
            "Pelaksana",
            nip_atasan=nip(2),
            kode_unit_induk="BU",
            jenis_kelamin="P",
        ),
    ]


def buat_csv(
    rows: list[dict[str, str]], *, pemisah: str = ",", bom: bool = False, kolom=KOLOM
) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=pemisah, lineterminator="\r\n")
    penulis.writerow(kolom)
    for r in rows:
        penulis.writerow([r.get(k, "") for k in kolom])
    return (("\ufeff" if bom else "") + keluaran.getvalue()).encode("utf-8")


def buat_xlsx(rows: list[dict], *, kolom=KOLOM) -> bytes:
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(list(kolom))
    for r in rows:
        lembar.append([r.get(k, "") or None for k in kolom])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def jumlah() -> dict[str, int]:
    """Row counts of everything an import may write."""
    return {
        m.__name__: m.objects.count() for m in (UnitKerja, Jabatan, Pegawai, Penugasan, Riwayat)
    }


# --- tests --------------------------------------------------------------------------------
def test_csv_creates_units_jabatan_pegawai_and_assignments(org, hari_ini):
    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert hasil.diterapkan
    assert (hasil.pegawai_baru, hasil.unit_baru, hasil.jabatan_baru) == (4, 2, 4)
    badan = UnitKerja.objects.get(instansi=org.instansi, kode="BU")
    sekretariat = UnitKerja.objects.get(instansi=org.instansi, kode="BU.SEK")
    assert badan.induk is None and sekretariat.induk == badan
    assert sekretariat.path == f"/{badan.pk}/{sekretariat.pk}/" and sekretariat.kedalaman == 1
    staf = Jabatan.objects.filter(unit=sekretariat, nama="Pengadministrasi Umum")
    assert staf.count() == 2  # two people, two jabatan of the same name
    kepala = Pegawai.objects.get(nip=nip(1))
    assert kepala.instansi == org.instansi and not kepala.has_usable_password()
    assert kepala.is_active
    dua = Pegawai.objects.get(nip=nip(4, "P"))
    assert dua.jenis_kelamin == "P" and dua.unit_kerja == sekretariat
    tugas = Penugasan.objects.get(pegawai=dua)
    assert tugas.jenis == Penugasan.Jenis.DEFINITIF and tugas.mulai == hari_ini
    assert tugas.selesai is None and tugas.dibuat_oleh == org.admin
    assert tugas.jabatan.induk.nama == "Sekretaris Badan Uji"
    assert tugas.jabatan.path.startswith(tugas.jabatan.induk.path)
    rantai = rantai_penilai(dua, hari_ini)
    assert rantai.atasan_langsung.pegawai.nip == nip(2)
    assert rantai.atasan_pejabat_penilai.pegawai == kepala
    catatan = Riwayat.objects.get(aksi="impor.pegawai")
    assert catatan.pelaku == org.admin and catatan.sebagai == Riwayat.Sebagai.ADMIN
    assert catatan.data["sha256"] == hasil.sha256 and len(hasil.sha256) == 64
    assert catatan.data["pegawai_baru"] == 4 and catatan.data["jabatan_baru"] == 4
    assert Riwayat.objects.filter(aksi="penugasan.dibuat", subjek=dua).count() == 1


def _nip_sebagai_bilangan_bulat(data: bytes, nip_: str) -> bytes:
    """Store ``nip_`` as an exact integer cell, as LibreOffice may (openpyxl writes floats)."""
    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w") as z:
        for item in masuk.infolist():
            isi = masuk.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                isi = isi.replace(repr(float(nip_)).encode(), nip_.encode())
            z.writestr(item, isi)
    return keluar.getvalue()


def test_xlsx_with_numeric_cells_and_loose_headers_and_labels(org):
    rows = berkas_dasar()
    rows[0]["nip"] = int(rows[0]["nip"])  # a number cell, exact (see the helper)
    rows[1]["jenis_kelamin"] = "Laki-laki"
    rows[3]["jenis_kelamin"] = 2
    rows[3]["jenis_jabatan"] = "jabatan pelaksana"
    rows[2]["status"] = "Aktif"
    kolom = [k.upper().replace("_", " ") for k in KOLOM]
    data = buat_xlsx(
        [{k2: r[k] for k, k2 in zip(KOLOM, kolom, strict=True)} for r in rows], kolom=kolom
    )
    data = _nip_sebagai_bilangan_bulat(data, nip(1))

    hasil = impor_pegawai(org.admin, org.instansi, data, "pegawai.XLSX", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert Pegawai.objects.get(nip=nip(1)).nama == "Kepala Badan"
    assert Pegawai.objects.get(nip=nip(4, "P")).jenis_kelamin == "P"
    assert Jabatan.objects.filter(unit__kode="BU.SEK", jenis="pelaksana").count() == 2


def test_semicolon_csv_with_bom_and_spaced_nip(org):
    rows = berkas_dasar()
    n = rows[2]["nip"]
    rows[2]["nip"] = f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"
    data = buat_csv(rows, pemisah=";", bom=True)

    hasil = impor_pegawai(org.admin, org.instansi, data, "excel.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert Pegawai.objects.filter(nip=n).exists()


def test_dry_run_reports_and_writes_nothing(org):
    sebelum = jumlah()

    hasil = impor_pegawai(
        org.admin, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=False
    )

    assert hasil.berhasil and not hasil.diterapkan
    assert hasil.ringkasan() == {
        "jumlah_baris": 4,
        "pegawai_baru": 4,
        "pegawai_berubah": 0,
        "pegawai_tetap": 0,
        "unit_baru": 2,
        "unit_berubah": 0,
        "jabatan_baru": 4,
        "jabatan_berubah": 0,
        "penugasan_baru": 4,
        "penugasan_diakhiri": 0,
    }
    assert [p.aksi for p in hasil.perubahan] == ["baru"] * 4
    assert jumlah() == sebelum


def test_second_import_updates_instead_of_duplicating(org):
    data = buat_csv(berkas_dasar())
    impor_pegawai(org.admin, org.instansi, data, "a.csv", terapkan=True)
    sebelum = jumlah()

    sama = impor_pegawai(org.admin, org.instansi, data, "a.csv", terapkan=True)

    assert sama.berhasil and sama.pegawai_tetap == 4 and sama.pegawai_baru == 0
    assert (sama.unit_baru, sama.jabatan_baru, sama.penugasan_baru) == (0, 0, 0)
    assert jumlah() == {**sebelum, "Riwayat": sebelum["Riwayat"] + 1}  # the import's own row

    rows = berkas_dasar()
    rows[2]["nama"] = "Staf Satu Baru"
    rows[2]["gelar_belakang"] = "S.E."
    rows[0]["nama_unit"] = "Badan Uji Coba"
    ubah = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "b.csv", terapkan=True)

    assert ubah.berhasil and ubah.pegawai_berubah == 1 and ubah.pegawai_tetap == 3
    assert ubah.unit_berubah == 1
    assert ubah.perubahan[0].rincian == ("nama", "gelar_belakang")
    p = Pegawai.objects.get(nip=nip(3))
    assert p.nama_lengkap == "Staf Satu Baru, S.E."
    assert UnitKerja.objects.get(instansi=org.instansi, kode="BU").nama == "Badan Uji Coba"
    assert Pegawai.objects.filter(nip__in=[r["nip"] for r in rows]).count() == 4
    assert Riwayat.objects.filter(aksi="pegawai.diubah", subjek=p).count() == 1


def _baris_org(org, pegawai, jabatan, unit, nip_atasan="", **lain):
    return baris(
        pegawai.nip,
        pegawai.nama,
        unit.kode,
        unit.nama,
        jabatan,
        lain.pop("jenis_jabatan", "Pelaksana"),
        nip_atasan=nip_atasan,
        kode_unit_induk=unit.induk.kode if unit.induk else "",
        **lain,
    )


def test_jabatan_change_ends_old_assignment_yesterday(org, hari_ini):
    lama = Penugasan.objects.get(pegawai=org.staf)
    row = _baris_org(org, org.staf, "Analis Data", org.bidang, nip_atasan=org.kabid.nip)

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert (hasil.penugasan_baru, hasil.penugasan_diakhiri, hasil.jabatan_baru) == (1, 1, 1)
    lama.refresh_from_db()
    assert lama.selesai == hari_ini - dt.timedelta(days=1)
    baru = Penugasan.objects.get(pegawai=org.staf, selesai__isnull=True)
    assert baru.mulai == hari_ini and baru.jabatan.nama == "Analis Data"
    assert baru.jabatan.unit == org.bidang and baru.jabatan.induk == org.jab_kabid
    org.staf.refresh_from_db()
    assert org.staf.unit_kerja == org.bidang
    assert rantai_penilai(org.staf, hari_ini).atasan_langsung.pegawai == org.kabid
    assert Riwayat.objects.filter(aksi="penugasan.diakhiri", object_id=lama.pk).exists()
    # The old jabatan stays, now vacant; history is kept.
    assert Jabatan.objects.filter(pk=org.jab_staf.pk).exists()


def test_vacant_jabatan_of_that_name_is_reused(org, hari_ini):
    kosong = JabatanFactory(unit=org.bidang, nama="Analis Data", induk=org.jab_kabid)
    row = _baris_org(org, org.staf, "analis  DATA", org.bidang, nip_atasan=org.kabid.nip)

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)

    assert hasil.berhasil and hasil.jabatan_baru == 0
    assert Penugasan.objects.get(pegawai=org.staf, selesai__isnull=True).jabatan == kosong


def test_held_jabatan_is_not_taken_from_its_holder(org):
    baru = PegawaiFactory(nip=nip(50), nama="Baru", instansi=org.instansi)
    row = _baris_org(org, baru, org.jab_staf.nama, org.seksi, nip_atasan=org.kasi.nip)

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)

    assert hasil.berhasil and hasil.jabatan_baru == 1
    tugas = Penugasan.objects.get(pegawai=baru)
    assert tugas.jabatan != org.jab_staf and tugas.jabatan.nama == org.jab_staf.nama
    assert Penugasan.objects.get(pegawai=org.staf).selesai is None


def test_jabatan_freed_by_the_same_import_can_be_taken(org):
    """Two pegawai swap jabatan: no new jabatan is needed."""
    rows = [
        _baris_org(
            org, org.kasi, org.jab_staf.nama, org.seksi, org.kabid.nip, jenis_jabatan="Pelaksana"
        ),
        _baris_org(
            org, org.staf, org.jab_kasi.nama, org.seksi, org.kabid.nip, jenis_jabatan="Pengawas"
        ),
    ]
    rows[0]["nip_atasan"] = org.staf.nip

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "a.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert hasil.jabatan_baru == 0
    assert Penugasan.objects.get(pegawai=org.kasi, selesai__isnull=True).jabatan == org.jab_staf
    assert Penugasan.objects.get(pegawai=org.staf, selesai__isnull=True).jabatan == org.jab_kasi


def test_same_day_correction_changes_todays_assignment_in_place(org, hari_ini):
    impor_pegawai(org.admin, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)
    rows = berkas_dasar()
    rows[3]["jabatan"] = "Pengelola Keuangan"
    jumlah_tugas = Penugasan.objects.count()

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "b.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert Penugasan.objects.count() == jumlah_tugas
    tugas = Penugasan.objects.get(pegawai__nip=nip(4, "P"))
    assert tugas.jabatan.nama == "Pengelola Keuangan" and tugas.mulai == hari_ini


def test_atasan_from_the_database_and_jenis_update(org):
    rows = [
        _baris_org(
            org, org.jf, org.jab_jf.nama, org.bidang, org.kabid.nip, jenis_jabatan="Fungsional"
        )
    ]
    rows[0]["nip_atasan"] = org.kadis.nip  # his atasan changes to the kepala dinas

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "a.csv", terapkan=True)

    assert hasil.berhasil and hasil.jabatan_berubah == 1 and hasil.pegawai_tetap == 1
    org.jab_jf.refresh_from_db()
    assert org.jab_jf.induk == org.jab_kadis
    assert org.jab_jf.path == f"{org.jab_kadis.path}{org.jab_jf.pk}/"


def test_pensiun_cannot_log_in_but_keeps_history(org, client, hari_ini):
    assert client.login(username=org.staf.nip, password="rahasia-uji-123")
    client.logout()
    tugas = Penugasan.objects.get(pegawai=org.staf)
    row = _baris_org(org, org.staf, org.jab_staf.nama, org.seksi, org.kasi.nip, status="Pensiun")

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    org.staf.refresh_from_db()
    assert org.staf.status == "pensiun" and not org.staf.is_active
    assert not client.login(username=org.staf.nip, password="rahasia-uji-123")
    tugas.refresh_from_db()
    assert tugas.selesai == hari_ini - dt.timedelta(days=1)
    assert Riwayat.objects.filter(subjek=org.staf, aksi="pegawai.status", ke_status="pensiun")
    assert org.staf.unit_kerja == org.seksi  # history stays readable by unit


def test_superuser_and_system_may_import(org):
    su = PegawaiFactory(nip=nip(60), is_superuser=True, instansi=None)
    assert impor_pegawai(su, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=False)
    hasil = impor_pegawai(None, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)
    assert hasil.diterapkan
    assert Riwayat.objects.get(aksi="impor.pegawai").sebagai == Riwayat.Sebagai.SISTEM


@pytest.mark.parametrize("siapa", ["kabid", "operator", "orang_lain"])
def test_only_admin_of_the_instansi_may_import(org, siapa):
    aktor = getattr(org, siapa)
    with pytest.raises(PermissionDenied):
        impor_pegawai(aktor, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=False)


def test_admin_of_another_instansi_may_not_import(org):
    admin_lain = PegawaiFactory(instansi=org.orang_lain.instansi, is_admin_instansi=True)
    with pytest.raises(PermissionDenied):
        impor_pegawai(admin_lain, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)


def banyak(n: int) -> list[dict[str, str]]:
    rows = berkas_dasar()[:2]
    for i in range(n):
        rows.append(
            baris(
                nip(100 + i),
                f"Staf {i}",
                f"BU.S{i % 7}",
                f"Subbagian {i % 7}",
                "Pengadministrasi Umum",
                "Pelaksana",
                nip_atasan=nip(2),
                kode_unit_induk="BU",
            )
        )
    return rows


def test_query_count_does_not_grow_with_the_rows(org, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        hasil = impor_pegawai(
            org.admin, org.instansi, buat_csv(banyak(60)), "a.csv", terapkan=False
        )
    assert hasil.berhasil and hasil.pegawai_baru == 62
    with django_assert_max_num_queries(25):
        hasil = impor_pegawai(org.admin, org.instansi, buat_csv(banyak(60)), "a.csv", terapkan=True)
    assert hasil.diterapkan and Penugasan.objects.filter(mulai=dt.date.today()).count() == 62


def kecamatan() -> list[dict[str, str]]:
    """An instansi led by an administrator: the camat needs no atasan."""
    return [
        baris(nip(201), "Camat", "KEC", "Kecamatan Uji", "Camat Uji", "Administrator"),
        baris(
            nip(202),
            "Sekcam",
            "KEC",
            "Kecamatan Uji",
            "Sekretaris Kecamatan",
            "Pengawas",
            nip_atasan=nip(201),
        ),
    ]


def test_non_jpt_top_of_an_instansi_without_jpt(db):
    instansi = InstansiFactory(kode="KEC")
    admin = PegawaiFactory(nip=nip(200), instansi=instansi, is_admin_instansi=True)

    hasil = impor_pegawai(admin, instansi, buat_csv(kecamatan()), "a.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert Jabatan.objects.get(nama="Camat Uji").induk is None


def test_blank_email_keeps_the_one_he_set(org):
    Pegawai.objects.filter(pk=org.staf.pk).update(email="staf@contoh.id")
    row = _baris_org(org, org.staf, org.jab_staf.nama, org.seksi, org.kasi.nip, email="")

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv([row]), "a.csv", terapkan=True)

    assert hasil.berhasil and hasil.pegawai_tetap == 1
    org.staf.refresh_from_db()
    assert org.staf.email == "staf@contoh.id"


def test_jabatan_of_someone_leaving_on_his_first_day_is_not_reused_that_day(org):
    """His assignment began today, so it can only end today: the newcomer gets another."""
    impor_pegawai(org.admin, org.instansi, buat_csv(berkas_dasar()), "a.csv", terapkan=True)
    rows = berkas_dasar()
    rows[2]["status"] = "berhenti"
    rows.append(dict(rows[3], nip=nip(5), nama="Pengganti", jenis_kelamin="L"))

    hasil = impor_pegawai(org.admin, org.instansi, buat_csv(rows), "b.csv", terapkan=True)

    assert hasil.berhasil, hasil.kesalahan
    assert hasil.jabatan_baru == 1
    assert Jabatan.objects.filter(nama="Pengadministrasi Umum").count() == 4
