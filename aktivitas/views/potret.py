"""Rows of the activity lists as plain values, so that each distinct row is drawn once per
process (``{% fragmen %}``, inti/fragmen.py): the row drawn from these is the row drawn from
the activity itself (tests/aktivitas/test_potret_baris.py and test_antrean_potret.py compare
the two for every kind of row).  A field a row shows and its function here leaves out renders
empty there."""

from __future__ import annotations

from aktivitas.models import Aktivitas, BuktiDukung


def _aktivitas(a: Aktivitas) -> dict:
    """What both the day page's row and the review queue's row show of an activity; related
    rows read only where a row shows them (no query for a pegawai's own entries)."""
    return {
        "pk": a.pk,
        "status": a.status,
        "get_status_display": a.get_status_display(),
        "jam_mulai": a.jam_mulai,
        "jam_selesai": a.jam_selesai,
        "uraian": a.uraian,
        "rhk": {"teks": a.rhk.teks} if a.rhk_id else None,
        "terlambat": a.terlambat,
        "dientri_pada": a.dientri_pada,
        "diisi_kuasa": a.diisi_kuasa,
        "diisi_operator": a.diisi_operator,
        "diisi_oleh": {"nama_lengkap": a.diisi_oleh.nama_lengkap}
        if a.diisi_kuasa or a.diisi_oleh_id != a.pegawai_id
        else None,
        "pegawai": {"nama_lengkap": a.pegawai.nama_lengkap} if a.diisi_kuasa else None,
        "jumlah_output": a.jumlah_output,
        "satuan_output": a.satuan_output,
        "catatan_penilai": a.catatan_penilai,
    }


def potret_bukti(b: BuktiDukung, pegawai_id: int) -> dict:
    """What ``aktivitas/bukti/_daftar.html`` shows of one evidence of ``pegawai_id``'s (the
    uploader's name only when it is someone else)."""
    return {
        "pk": b.pk,
        "berkas": bool(b.berkas),
        "nama_asli": b.nama_asli,
        "ukuran": b.ukuran,
        "tautan": b.tautan,
        "diunggah_oleh_id": b.diunggah_oleh_id,
        "diunggah_oleh": {"nama_lengkap": b.diunggah_oleh.nama_lengkap}
        if b.diunggah_oleh_id and b.diunggah_oleh_id != pegawai_id
        else None,
    }


def potret_baris_hari(a: Aktivitas) -> dict:
    """The day page's row (``aktivitas/_partials.html#baris_hari_isi``)."""
    return {
        **_aktivitas(a),
        "pegawai_id": a.pegawai_id,
        "diisi_oleh_id": a.diisi_oleh_id,
        "kuasa_id": a.kuasa_id,
        "rencana_aksi": {"teks": a.rencana_aksi.teks} if a.rencana_aksi_id else None,
        "bisa_diubah": a.bisa_diubah,
        "bukti": {"all": [potret_bukti(b, a.pegawai_id) for b in a.bukti.all()]},
    }


def potret_baris_antrean(a: Aktivitas) -> dict:
    """The review queue's row (``aktivitas/tinjau/antrean.html#baris``): fifteen of them were
    half of the page's CPU."""
    return {
        **_aktivitas(a),
        "tanggal": a.tanggal,
        "rhk_id": a.rhk_id,
        "bukti": {
            "all": [
                {"pk": b.pk, "berkas": bool(b.berkas), "nama_asli": b.nama_asli, "tautan": b.tautan}
                for b in a.bukti.all()
            ]
        },
    }
