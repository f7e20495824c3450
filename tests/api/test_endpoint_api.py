"""What each endpoint does (through the existing services): activities with the idempotency
key and cursor pagination, change and delete while allowed, evidence, realisation, review,
the instansi endpoints; the problem details; the interactive docs without a CDN."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile

from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan
from pegawai.models import Riwayat
from penilaian.models import Kehadiran
from tests.api.conftest import HARI, KlienApi, isian_aktivitas


# --- me, SKP -------------------------------------------------------------------------------------
def test_saya_dan_unit(klien, data_api):
    d = klien("atasan").get("/saya").json()
    assert d["nip"] == data_api.org.kasi.nip
    assert d["unit_kerja"]["kode"] == "D1.B1.S1" and d["instansi"]["kode"] == "KAB"
    assert "atasan" in d["peran"] and d["token"]["cakupan"] == "tulis"


def test_skp_dengan_rhk_dan_indikator(klien, data_api):
    d = klien("pemilik").get("/skp").json()
    assert [s["id"] for s in d] == [data_api.skp.pk]
    rhk = d[0]["rhk"]
    assert rhk[0]["teks"] == "Arsip tertata"
    assert rhk[0]["indikator"][0]["teks"] == "Laporan terarsip"
    # Another pegawai's SKP never appears in his list.
    assert klien("atasan").get("/skp").json() == []


# --- activities: idempotency ---------------------------------------------------------------------
def test_kunci_yang_sama_satu_baris(klien, data_api):
    k = klien("pemilik")
    isian = isian_aktivitas()
    pertama = k.post("/aktivitas", isian)
    kedua = k.post("/aktivitas", isian)
    assert (pertama.status_code, kedua.status_code) == (201, 200)
    assert pertama.json()["id"] == kedua.json()["id"]
    assert Aktivitas.objects.filter(kunci=isian["kunci"]).count() == 1
    assert (
        Riwayat.objects.filter(aksi="aktivitas.dicatat", object_id=pertama.json()["id"]).count()
        == 1
    )


def test_kunci_lewat_kepala_idempotency_key(klien, data_api):
    k = klien("pemilik")
    kunci = str(uuid.uuid4())
    isian = {key: v for key, v in isian_aktivitas().items() if key != "kunci"}
    r1 = k.post("/aktivitas", isian, headers={"Idempotency-Key": kunci})
    r2 = k.post("/aktivitas", isian, headers={"Idempotency-Key": kunci})
    assert (r1.status_code, r2.status_code) == (201, 200)
    assert r1.json()["kunci"] == kunci


def test_tanpa_kunci_422(klien, data_api):
    isian = {key: v for key, v in isian_aktivitas().items() if key != "kunci"}
    resp = klien("pemilik").post("/aktivitas", isian)
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "kunci"


def test_validasi_layanan_menjadi_galat_per_kolom(klien, data_api):
    """The service's own checks (overlap, time order) come back per field, in Indonesian."""
    resp = klien("pemilik").post(
        "/aktivitas", isian_aktivitas(jam_mulai="08:30", jam_selesai="08:45")
    )
    assert resp.status_code == 422
    assert resp["Content-Type"] == "application/problem+json"
    galat = resp.json()["errors"]
    assert galat[0]["field"] == "jam_mulai"
    assert "bertumpang tindih" in galat[0]["message"]


def test_galat_skema_bahasa_indonesia(klien, data_api):
    resp = klien("pemilik").post("/aktivitas", {"tanggal": "kemarin", "kunci": "bukan-uuid"})
    assert resp.status_code == 422
    d = resp.json()
    assert d["title"] == "Isian tidak sah" and d["type"].endswith("422")
    pesan = {g["field"]: g["message"] for g in d["errors"]}
    assert pesan["tanggal"].startswith("Tanggal tidak sah")
    assert pesan["uraian"] == "Wajib diisi."
    assert pesan["kunci"] == "Harus berupa UUID."


def test_rhk_orang_lain_ditolak(klien, data_api):
    """An RHK the pegawai may not see is a field error, never used."""
    resp = klien("lain").post("/aktivitas", isian_aktivitas(rhk_id=data_api.rhk.pk))
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "rhk_id"


# --- activities: list with a cursor --------------------------------------------------------------
def test_daftar_rentang_tanggal_dengan_kursor(klien, data_api):
    k = klien("pemilik")
    for i in range(4):
        tanggal = (HARI + dt.timedelta(days=i + 1)).isoformat()
        assert k.post("/aktivitas", isian_aktivitas(tanggal=tanggal)).status_code == 201
    ids, kursor, halaman = [], None, 0
    while True:
        q = {"dari": "2026-03-01", "sampai": "2026-03-31", "batas": 2}
        if kursor:
            q["kursor"] = kursor
        d = k.get("/aktivitas", q).json()
        ids += [a["id"] for a in d["data"]]
        halaman += 1
        kursor = d["kursor_berikut"]
        if not kursor:
            break
    assert halaman == 3 and len(ids) == len(set(ids)) == 5
    tanggal = [a.tanggal for a in Aktivitas.objects.filter(pk__in=ids)]
    assert sorted(tanggal) == [Aktivitas.objects.get(pk=i).tanggal for i in ids]
    # Outside the range: none.
    assert k.get("/aktivitas", {"dari": "2026-04-01", "sampai": "2026-04-30"}).json()["data"] == []


def test_kursor_rusak_422(klien, data_api):
    resp = klien("pemilik").get("/aktivitas", {"kursor": "%%%"})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "kursor"


# --- change, delete ------------------------------------------------------------------------------
def test_ubah_dan_hapus_selama_boleh(klien, data_api):
    k = klien("pemilik")
    url = f"/aktivitas/{data_api.aktivitas.pk}"
    isian = {key: v for key, v in isian_aktivitas(uraian="Diperbaiki").items() if key != "kunci"}
    resp = k.put(url, isian)
    assert resp.status_code == 200 and resp.json()["uraian"] == "Diperbaiki"
    assert k.delete(url).status_code == 204
    assert not Aktivitas.objects.filter(pk=data_api.aktivitas.pk).exists()
    assert k.get(url).status_code == 404


def test_yang_sudah_disetujui_tidak_dapat_diubah(klien, data_api):
    assert (
        klien("atasan").post("/tinjau/aktivitas/setujui", {"ids": [data_api.aktivitas.pk]})
    ).status_code == 200
    k = klien("pemilik")
    url = f"/aktivitas/{data_api.aktivitas.pk}"
    isian = {key: v for key, v in isian_aktivitas().items() if key != "kunci"}
    resp = k.put(url, isian)
    assert resp.status_code == 422 and "disetujui" in resp.json()["detail"]
    assert k.delete(url).status_code == 422


# --- evidence ------------------------------------------------------------------------------------
def test_unggah_bukti_diperiksa_dari_isinya(klien, data_api):
    k = klien("pemilik")
    url = f"/aktivitas/{data_api.aktivitas.pk}/bukti"
    ok = k.post(url, {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")}, multipart=True)
    assert ok.status_code == 201 and ok.json()["jenis_konten"] == "application/pdf"
    palsu = k.post(
        url, {"berkas": SimpleUploadedFile("b.pdf", b"MZ\x90\x00 not a pdf")}, multipart=True
    )
    assert palsu.status_code == 422
    assert palsu.json()["errors"][0]["field"] == "berkas"
    assert BuktiDukung.objects.filter(aktivitas=data_api.aktivitas).count() == 1


# --- realisation ---------------------------------------------------------------------------------
def test_realisasi_baca_simpan_ajukan(klien, data_api):
    k = klien("pemilik")
    d = k.get("/realisasi", {"tahun": 2026, "bulan": 2}).json()
    assert [r["id"] for r in d] == [data_api.realisasi_draf.pk]
    resp = k.put(f"/realisasi/{data_api.realisasi_draf.pk}", {"realisasi": "Tiga", "nilai": "3"})
    assert resp.status_code == 200 and resp.json()["realisasi"] == "Tiga"
    resp = k.post("/realisasi/ajukan", {"tahun": 2026, "bulan": 2})
    assert resp.status_code == 200 and resp.json()[0]["status"] == "diajukan"
    assert RealisasiBulanan.objects.get(pk=data_api.realisasi_draf.pk).penilai == data_api.org.kasi


def test_siapkan_realisasi_idempoten(klien, data_api):
    k = klien("pemilik")
    pertama = k.post("/realisasi/siapkan", {"tahun": 2026, "bulan": 3}).json()
    kedua = k.post("/realisasi/siapkan", {"tahun": 2026, "bulan": 3}).json()
    assert [r["id"] for r in pertama] == [r["id"] for r in kedua] and len(pertama) == 1
    assert "1 aktivitas" in pertama[0]["realisasi"]


# --- review --------------------------------------------------------------------------------------
def test_antrean_dan_persetujuan_massal(klien, data_api):
    k = klien("atasan")
    assert [a["id"] for a in k.get("/tinjau/aktivitas").json()] == [data_api.aktivitas.pk]
    assert [r["id"] for r in k.get("/tinjau/realisasi").json()] == [data_api.realisasi_diajukan.pk]
    resp = k.post("/tinjau/aktivitas/kembalikan", {"ids": [data_api.aktivitas.pk]})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "catatan"
    resp = k.post(
        "/tinjau/aktivitas/kembalikan", {"ids": [data_api.aktivitas.pk], "catatan": "Lengkapi"}
    )
    assert resp.json() == {"jumlah": 1, "ids": [data_api.aktivitas.pk], "status": "dikembalikan"}
    r = Riwayat.objects.get(aksi="aktivitas.dikembalikan")
    assert r.pelaku == data_api.org.kasi and r.sebagai == "atasan"
    resp = k.post("/tinjau/realisasi/setujui", {"ids": [data_api.realisasi_diajukan.pk]})
    assert resp.status_code == 200
    data_api.realisasi_diajukan.refresh_from_db()
    assert data_api.realisasi_diajukan.status == "disetujui"


# --- the instansi --------------------------------------------------------------------------------
def test_daftar_pegawai_instansi_berhalaman(klien, data_api):
    d = klien("layanan").get("/instansi/pegawai", {"batas": 3, "halaman": 2}).json()
    assert d["jumlah"] == 7 and d["jumlah_halaman"] == 3 and d["halaman"] == 2
    assert len(d["data"]) == 3
    cari = klien("layanan").get("/instansi/pegawai", {"cari": data_api.org.staf.nip}).json()
    assert [p["nip"] for p in cari["data"]] == [data_api.org.staf.nip]


def test_impor_kehadiran_lewat_token_layanan_tercatat(klien, data_api):
    staf = data_api.org.staf
    isi = (
        "nip,tahun,bulan,hari_kerja,terlambat,pulang_cepat,tanpa_keterangan\n"
        f"{staf.nip},2026,2,20,1,0,0\n"
    ).encode()
    k = klien("layanan")
    cek = k.post(
        "/instansi/kehadiran",
        {"berkas": SimpleUploadedFile("h.csv", isi, "text/csv")},
        multipart=True,
    ).json()
    assert cek["diterapkan"] is False and cek["kesalahan"] == [] and cek["jumlah_berubah"] == 1
    assert not Kehadiran.objects.exists()
    resp = k.post(
        "/instansi/kehadiran",
        {"berkas": SimpleUploadedFile("h.csv", isi, "text/csv"), "terapkan": "true"},
        multipart=True,
    )
    assert resp.json()["diterapkan"] is True
    assert Kehadiran.objects.get(pegawai=staf).terlambat == 1
    r = Riwayat.objects.get(aksi="api.kehadiran_diimpor")
    assert r.pelaku == data_api.org.admin and r.data["jenis"] == "layanan"
    assert Riwayat.objects.get(aksi="kehadiran.diimpor").pelaku == data_api.org.admin


def test_impor_kehadiran_perlu_cakupan_tulis(data_api):
    from tests.api.conftest import buat_token

    k = KlienApi(buat_token(data_api.org.admin, "baca", layanan=True))
    resp = k.post(
        "/instansi/kehadiran",
        {"berkas": SimpleUploadedFile("h.csv", b"nip\n", "text/csv")},
        multipart=True,
    )
    assert resp.status_code == 403 and "hanya boleh membaca" in resp.json()["detail"]


def test_ekspor_siasn_csv(klien, data_api):
    resp = klien("layanan").get("/instansi/siasn", {"tahun": 2026})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert b"NIP" in resp.content and b"Kode predikat" in resp.content
    assert (
        klien("layanan").get("/instansi/siasn", {"tahun": 2026, "format": "pdf"}).status_code == 422
    )


def test_predikat_final_saja(klien, data_api):
    assert klien("layanan").get("/instansi/predikat", {"tahun": 2026}).json() == []
    resp = klien("layanan").get("/instansi/predikat", {"tahun": 2026, "jenis": "mingguan"})
    assert resp.status_code == 422


# --- problem details, docs -----------------------------------------------------------------------
def test_metode_salah_405_problem_details(klien, data_api):
    resp = klien("pemilik").client.patch(
        "/api/v1/saya", headers={"authorization": f"Bearer {klien('pemilik').token}"}
    )
    assert resp.status_code == 405
    assert resp["Content-Type"] == "application/problem+json" and "GET" in resp["Allow"]


def test_skema_openapi_dan_dokumentasi_tanpa_cdn(client, db):
    skema = client.get("/api/v1/openapi.json")
    assert skema.status_code == 200 and skema.json()["openapi"].startswith("3.")
    assert "TokenBearer" in skema.json()["components"]["securitySchemes"]
    # No key twice in one object: Swagger UI's YAML parser refuses such a document.
    ganda = []

    def _periksa(pasangan):
        kunci = [k for k, _v in pasangan]
        ganda.extend(k for k in set(kunci) if kunci.count(k) > 1)
        return dict(pasangan)

    json.loads(skema.content, object_pairs_hook=_periksa)
    assert not ganda
    resp = client.get("/api/v1/docs")
    assert resp.status_code == 200
    html = resp.content.decode()
    # Every script and stylesheet from this site's static files; no third-party origin.
    sumber = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sumber and all(s.startswith("/static/") for s in sumber), sumber
    assert "cdn" not in html.lower() and "https://" not in html
    csp = resp["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    # The files exist in the package's static folder (collected like any other static file).
    for s in sumber:
        assert finders.find(s.removeprefix("/static/")), s


def test_badan_bukan_json_400_problem_details(klien, data_api):
    k = klien("pemilik")
    resp = k.client.post(
        "/api/v1/aktivitas",
        "{bukan json",
        content_type="application/json",
        headers={"authorization": f"Bearer {k.token}"},
    )
    assert resp.status_code == 400
    assert resp["Content-Type"] == "application/problem+json"
    assert resp.json()["title"] == "Permintaan tidak sah"


def test_galat_server_tetap_problem_details_dan_dicatat(klien, data_api, monkeypatch, caplog):
    def rusak(*a, **kw):
        raise RuntimeError("uji")

    monkeypatch.setattr("api.views.saya.unit_dioperatori", rusak)
    resp = klien("pemilik").get("/saya")
    assert resp.status_code == 500
    assert resp["Content-Type"] == "application/problem+json"
    assert "uji" not in resp.content.decode()
    assert any(r.exc_info and "uji" in str(r.exc_info[1]) for r in caplog.records)
