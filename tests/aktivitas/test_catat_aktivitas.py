"""The ASN logs an activity from the quick entry form at the top of the day page."""

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aktivitas import rules
from aktivitas.models import Aktivitas, PengaturanKinerja
from aktivitas.services import harian as akt
from kalender.models import HariLibur
from pegawai.models import Riwayat
from skp.models import RencanaHasilKerja
from skp.services import penyusunan as skp_services
from tests.aktivitas.conftest import HARI, data, kunci

HTMX = {"HTTP_HX_REQUEST": "true"}


def url_hari(tanggal=HARI):
    return reverse("aktivitas_harian") + f"?tanggal={tanggal.isoformat()}"


def isian(rhk=None, **ubah):
    nilai = {
        "tanggal": HARI.isoformat(),
        "rhk": rhk.pk if rhk else "",
        "jam_mulai": "08:00",
        "jam_selesai": "09:30",
        "uraian": "Mengarsip laporan surveilans minggu ke-10",
        "jumlah_output": "3",
        "satuan_output": "laporan",
        "kunci": str(uuid.uuid4()),
    }
    nilai.update(ubah)
    return nilai


def galat_field(html: str, nama: str) -> str:
    """The error text shown next to a field (components/field.html)."""
    m = re.search(rf'<small class="error" id="id_{nama}_error">([^<]*)</small>', html)
    return m.group(1) if m else ""


@pytest.fixture
def staf(client, org):
    client.force_login(org.staf)
    return org.staf


# --- the form -------------------------------------------------------------------------------
def test_form_siap_diisi_dengan_rhk_skp_yang_berlaku(client, staf, rhk_staf):
    tambahan = RencanaHasilKerja.objects.create(
        skp=rhk_staf.skp, teks="Membantu kegiatan kantor", jenis="tambahan"
    )
    html = client.get(url_hari()).content.decode()
    assert f'value="{HARI.isoformat()}"' in html
    assert 'name="jam_mulai" value="07:30"' in html
    assert re.search(r'<input type="text" name="uraian"[^>]*autofocus', html)
    assert re.search(r'<input type="hidden" name="kunci" value="[0-9a-f-]{36}"', html)
    # utama first, then tambahan, then "outside the RHK" (empty value)
    utama, tbh, luar = (
        html.index(f'value="{rhk_staf.pk}"'),
        html.index(f'value="{tambahan.pk}"'),
        html.index("Tugas tambahan (di luar RHK)"),
    )
    assert utama < tbh < luar
    for nama in ("tanggal", "rhk", "uraian", "jam_mulai", "jam_selesai", "jumlah_output"):
        assert f'<label for="id_{nama}">' in html
    assert 'for="id_satuan_output"' in html


def test_setiap_render_kunci_baru(client, staf):
    pola = r'name="kunci" value="([0-9a-f-]{36})"'
    satu = re.search(pola, client.get(url_hari()).content.decode()).group(1)
    dua = re.search(pola, client.get(url_hari()).content.decode()).group(1)
    assert satu != dua


def test_tanpa_skp_dicatat_sebagai_tugas_tambahan(client, staf):
    html = client.get(url_hari()).content.decode()
    assert "Belum ada SKP yang berlaku pada tanggal ini" in html
    resp = client.post(url_hari(), isian())
    assert resp.status_code == 302
    a = Aktivitas.objects.get(pegawai=staf)
    assert a.rhk is None and a.skp is None


# --- success --------------------------------------------------------------------------------
def test_simpan_biasa_lalu_kembali_ke_hari_itu(client, staf, rhk_staf):
    resp = client.post(url_hari(), isian(rhk_staf))
    assert resp.status_code == 302
    assert resp["Location"] == url_hari()
    a = Aktivitas.objects.get(pegawai=staf)
    assert (a.tanggal, a.jam_mulai, a.jam_selesai) == (HARI, dt.time(8), dt.time(9, 30))
    assert a.rhk == rhk_staf and a.skp == rhk_staf.skp
    assert a.jumlah_output == Decimal("3") and a.satuan_output == "laporan"
    assert a.diisi_oleh == staf and a.status == "menunggu"
    riwayat = Riwayat.objects.get(aksi="aktivitas.dicatat")
    assert riwayat.sebagai == "sendiri" and riwayat.subjek == staf
    html = client.get(resp["Location"]).content.decode()
    assert "Aktivitas tersimpan." in html
    assert "Mengarsip laporan surveilans minggu ke-10" in html


def test_penilai_dicatat_dari_tanggal_aktivitas(client, staf, org):
    client.post(url_hari(), isian())
    assert Aktivitas.objects.get().penilai == org.kasi


def test_htmx_menyisipkan_baris_dan_mengosongkan_form(client, staf, rhk_staf):
    kunci_lama = str(uuid.uuid4())
    resp = client.post(url_hari(), isian(rhk_staf, kunci=kunci_lama), **HTMX)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<html" not in html  # a fragment, not the page
    a = Aktivitas.objects.get()
    assert f'id="aktivitas-{a.pk}"' in html
    assert "Aktivitas tersimpan." in html
    # the form is reset: a new key, the next start where this one ended, the unit remembered
    assert kunci_lama not in html
    assert 'name="jam_mulai" value="09:30"' in html
    assert 'name="satuan_output" value="laporan"' in html
    assert re.search(r'<input type="text" name="uraian"(?![^>]*value=)[^>]*>', html)


def test_jam_mulai_bawaan_adalah_akhir_aktivitas_terakhir(client, staf):
    akt.catat_aktivitas(staf, staf, data(mulai=(13, 0), selesai=(15, 45)), kunci())
    akt.catat_aktivitas(staf, staf, data(mulai=(8, 0), selesai=(9, 0)), kunci())
    html = client.get(url_hari()).content.decode()
    assert 'name="jam_mulai" value="15:45"' in html


def test_satuan_terakhir_diingat(client, staf):
    akt.catat_aktivitas(
        staf,
        staf,
        akt.DataAktivitas(
            tanggal=HARI - dt.timedelta(days=1),
            jam_mulai=dt.time(8),
            jam_selesai=dt.time(9),
            uraian="Rapat",
            jumlah_output=Decimal(1),
            satuan_output="kegiatan",
        ),
        kunci(),
    )
    html = client.get(url_hari()).content.decode()
    assert 'name="satuan_output" value="kegiatan"' in html
    assert '<option value="kegiatan">' in html  # the datalist of units used lately


def test_tanggal_lain_di_form_dibawa_ke_harinya(client, staf):
    kemarin = HARI - dt.timedelta(days=1)
    resp = client.post(url_hari(), isian(tanggal=kemarin.isoformat()))
    assert resp["Location"] == url_hari(kemarin)


# --- validation: refused, with the message next to the field and nothing typed lost -----------
def test_tanggal_masa_depan_ditolak(client, staf):
    besok = timezone.localdate() + dt.timedelta(days=1)
    resp = client.post(url_hari(), isian(tanggal=besok.isoformat()))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert galat_field(html, "tanggal") == "Tanggal aktivitas tidak boleh di masa depan."
    assert not Aktivitas.objects.exists()


def test_jam_bertumpang_tindih_ditolak_di_samping_field(client, staf):
    akt.catat_aktivitas(staf, staf, data(mulai=(8, 0), selesai=(10, 0)), kunci())
    nilai = isian(jam_mulai="09:00", jam_selesai="11:00", uraian="Menyusun notulen")
    resp = client.post(url_hari(), nilai)
    html = resp.content.decode()
    assert "bertumpang tindih dengan aktivitas 08:00–10:00" in galat_field(html, "jam_mulai")
    assert Aktivitas.objects.count() == 1
    # what was typed is still there, with the same key
    assert 'value="Menyusun notulen"' in html
    assert 'name="jam_selesai" value="11:00"' in html
    assert f'name="kunci" value="{nilai["kunci"]}"' in html


def test_berbatasan_tidak_dianggap_tumpang_tindih(client, staf):
    akt.catat_aktivitas(staf, staf, data(mulai=(8, 0), selesai=(9, 0)), kunci())
    resp = client.post(url_hari(), isian(jam_mulai="09:00", jam_selesai="10:00"))
    assert resp.status_code == 302
    assert Aktivitas.objects.count() == 2


def test_jam_selesai_sebelum_mulai_ditolak(client, staf):
    resp = client.post(url_hari(), isian(jam_mulai="10:00", jam_selesai="09:00"))
    galat = galat_field(resp.content.decode(), "jam_selesai")
    assert galat == "Jam selesai harus sesudah jam mulai."
    assert not Aktivitas.objects.exists()


@pytest.mark.parametrize("jumlah", ["0", "-2"])
def test_output_nol_atau_negatif_ditolak(client, staf, jumlah):
    resp = client.post(url_hari(), isian(jumlah_output=jumlah))
    html = resp.content.decode()
    assert galat_field(html, "jumlah_output") == "Jumlah output harus lebih dari nol."
    assert not Aktivitas.objects.exists()


def test_rhk_pegawai_lain_ditolak(client, staf, org, periode_2026):
    skp_jf = skp_services.buat_skp(org.jf, org.jf, periode_2026, tanggal=periode_2026.mulai)
    rhk_jf = RencanaHasilKerja.objects.create(skp=skp_jf, teks="RHK orang lain")
    resp = client.post(url_hari(), isian(rhk_jf))
    assert galat_field(resp.content.decode(), "rhk") == "Pilih RHK dari SKP Anda."
    assert not Aktivitas.objects.exists()


def test_rhk_dari_skp_yang_tidak_berlaku_pada_tanggalnya_ditolak(client, staf, rhk_staf):
    tahun_lalu = dt.date(2025, 6, 2)
    resp = client.post(url_hari(), isian(rhk_staf, tanggal=tahun_lalu.isoformat()))
    html = resp.content.decode()
    assert galat_field(html, "rhk") == (
        "RHK harus dari SKP Anda yang berlaku pada tanggal aktivitas."
    )
    assert not Aktivitas.objects.exists()


def test_uraian_kosong_ditolak(client, staf):
    resp = client.post(url_hari(), isian(uraian="   "))
    assert galat_field(resp.content.decode(), "uraian") == "Uraian kegiatan wajib diisi."
    assert not Aktivitas.objects.exists()


def test_galat_lewat_htmx_mengembalikan_form_dengan_isian(client, staf):
    nilai = isian(jam_mulai="10:00", jam_selesai="09:00", uraian="Tetap di sini")
    resp = client.post(url_hari(), nilai, **HTMX)
    assert resp.status_code == 200  # htmx swaps only 2xx answers
    html = resp.content.decode()
    assert galat_field(html, "jam_selesai")
    assert 'value="Tetap di sini"' in html
    assert f'name="kunci" value="{nilai["kunci"]}"' in html


# --- lateness: from the entry time; holidays do not count as workdays -------------------------
def test_jauh_di_masa_lalu_terlambat_hari_ini_tidak(staf):
    lama, _ = akt.catat_aktivitas(staf, staf, data(), kunci())
    hari_ini = timezone.localdate()
    baru, _ = akt.catat_aktivitas(staf, staf, data(tanggal=hari_ini), kunci())
    assert lama.terlambat is True
    assert baru.terlambat is False
    assert Riwayat.objects.filter(aksi="aktivitas.dicatat", data__terlambat=True).count() == 1


def _hari_kerja_sebelum(tanggal, n):
    hari = tanggal
    while n:
        hari -= dt.timedelta(days=1)
        if hari.weekday() < 5:
            n -= 1
    return hari


def test_hari_libur_menggeser_batas(staf, org):
    hari_ini = timezone.localdate()
    # Four workdays back: the third workday after it is before today — late ...
    tanggal = _hari_kerja_sebelum(hari_ini, rules.BATAS_HARI_KERJA_TERLAMBAT + 1)
    assert akt.is_terlambat(staf, tanggal, hari_ini) is True
    # ... unless one of the days between is a holiday (national, or the instansi's own).
    libur = _hari_kerja_sebelum(hari_ini, 1)
    HariLibur.objects.create(tanggal=libur, nama="Cuti bersama", jenis="cuti_bersama")
    a, _ = akt.catat_aktivitas(staf, staf, data(tanggal=tanggal), kunci())
    assert a.terlambat is False


def test_libur_daerah_instansi_lain_tidak_dihitung(staf, org):
    from tests.factories import InstansiFactory

    hari_ini = timezone.localdate()
    tanggal = _hari_kerja_sebelum(hari_ini, rules.BATAS_HARI_KERJA_TERLAMBAT + 1)
    HariLibur.objects.create(
        tanggal=_hari_kerja_sebelum(hari_ini, 1),
        nama="Hari jadi kabupaten lain",
        jenis="libur_daerah",
        instansi=InstansiFactory(kode="LAIN2"),
    )
    a, _ = akt.catat_aktivitas(staf, staf, data(tanggal=tanggal), kunci())
    assert a.terlambat is True


def test_batas_n_diatur_per_instansi(staf, org):
    PengaturanKinerja.objects.create(instansi=org.instansi, batas_hari_kerja_terlambat=400)
    a, _ = akt.catat_aktivitas(staf, staf, data(), kunci())
    assert a.terlambat is False


def test_layanan_menolak_tanpa_mengubah_apa_pun(staf):
    with pytest.raises(ValidationError) as e:
        akt.catat_aktivitas(staf, staf, data(mulai=(9, 0), selesai=(8, 0)), kunci())
    assert "jam_selesai" in e.value.message_dict
    assert not Riwayat.objects.filter(aksi="aktivitas.dicatat").exists()
