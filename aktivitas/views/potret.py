"""Rows of the activity pages as plain values, so that each distinct row is drawn once per
process (``{% fragmen %}``, inti/fragmen.py): the row drawn from these is the row drawn from
the activity itself (tests/aktivitas/test_potret_baris.py compares the two for every kind of
row).  A field the row shows and a function here leaves out renders empty."""

from __future__ import annotations

from aktivitas.models import Aktivitas, BuktiDukung


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
    """What the day page's row (``aktivitas/_partials.html#baris_hari_isi``) shows."""
    return {
        "pk": a.pk,
        "pegawai_id": a.pegawai_id,
        "diisi_oleh_id": a.diisi_oleh_id,
        "kuasa_id": a.kuasa_id,
        "diisi_kuasa": a.diisi_kuasa,
        "diisi_operator": a.diisi_operator,
        # Related rows read only where the row shows them (as the template would: no query
        # for a pegawai's own rows).
        "diisi_oleh": {"nama_lengkap": a.diisi_oleh.nama_lengkap}
        if a.diisi_oleh_id != a.pegawai_id
        else None,
        "pegawai": {"nama_lengkap": a.pegawai.nama_lengkap} if a.kuasa_id else None,
        "jam_mulai": a.jam_mulai,
        "jam_selesai": a.jam_selesai,
        "uraian": a.uraian,
        "rhk": {"teks": a.rhk.teks} if a.rhk_id else None,
        "rencana_aksi": {"teks": a.rencana_aksi.teks} if a.rencana_aksi_id else None,
        "status": a.status,
        "get_status_display": a.get_status_display(),
        "catatan_penilai": a.catatan_penilai,
        "bisa_diubah": a.bisa_diubah,
        "terlambat": a.terlambat,
        "dientri_pada": a.dientri_pada,
        "jumlah_output": a.jumlah_output,
        "satuan_output": a.satuan_output,
        "bukti": {"all": [potret_bukti(b, a.pegawai_id) for b in a.bukti.all()]},
    }
