"""The signed dokumen evaluasi kinerja pegawai (domain.md §4): rendered, signed and stored
exactly like the SKP document (``skp.services.dokumen``, ``inti.tanda_tangan``), one
:class:`~skp.models.Dokumen` of jenis ``evaluasi`` per state of a FINAL rating.

A document is valid for the rating as it was when the document was made.  When an
objection changes the rating afterwards (``Penilaian.diubah_pada`` is later), the next
issue makes a new document and marks the previous one ``digantikan``; an existing document
is never re-rendered."""

from __future__ import annotations

import hashlib
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inti import tanda_tangan
from pegawai.models import Riwayat
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services.organisasi import catat_riwayat
from penilaian import rules
from penilaian.models import Penilaian
from penilaian.selectors import penilaian_diri as selectors_diri
from penilaian.selectors.nilai import bahan_penilaian, tanggal_penilaian
from skp.models import Dokumen
from skp.services import dokumen as skp_dokumen

logger = logging.getLogger(__name__)
TEMPLATE = "penilaian/dokumen/evaluasi_pdf.html"


def _ct() -> ContentType:
    return ContentType.objects.get_for_model(Penilaian)


def dokumen_berlaku(penilaian: Penilaian) -> Dokumen | None:
    """The valid document of the rating's current state, if it has been issued."""
    dok = (
        Dokumen.objects.filter(
            content_type=_ct(), object_id=penilaian.pk, status=Dokumen.Status.BERLAKU
        )
        .order_by("-dibuat_pada")
        .first()
    )
    if dok is None or dok.dibuat_pada < penilaian.diubah_pada:
        return None
    return dok


def _muat(penilaian_id: int) -> Penilaian:
    return Penilaian.objects.select_related(
        "periode_penilaian__periode__instansi",
        "skp__jabatan",
        "skp__unit",
        "pegawai",
        "penilai",
        "unit",
    ).get(pk=penilaian_id)


def _orang(pejabat) -> dict:
    if pejabat is None:
        return {}
    return {"nama": pejabat.nama, "nip": pejabat.nip, "jabatan": pejabat.nama_jabatan}


def instansi_penilaian(penilaian: Penilaian):
    """The instansi of the pegawai rated: the one of the period he was rated in."""
    return penilaian.periode_penilaian.periode.instansi


def nama_instansi(penilaian: Penilaian) -> str:
    """As printed: frozen with the SKP on penetapan, else the instansi's name today."""
    return (penilaian.skp.snapshot or {}).get("instansi") or instansi_penilaian(penilaian).nama


def tempat(penilaian: Penilaian) -> str:
    """Where the document is set (printed and put in the signature): the instansi's town."""
    return (penilaian.skp.snapshot or {}).get("tempat") or instansi_penilaian(penilaian).kota


def konteks(penilaian: Penilaian, *, kode: str, penanda_tangan: str) -> dict:
    pp, skp = penilaian.periode_penilaian, penilaian.skp
    snapshot = skp.snapshot or {}
    rantai = rantai_penilai(penilaian.pegawai, tanggal_penilaian(pp, skp))
    pegawai = snapshot.get("pegawai") or {
        "nama": penilaian.pegawai.nama_lengkap,
        "nip": penilaian.pegawai.nip,
        "jabatan": skp.jabatan.nama,
        "unit": skp.unit.nama,
    }
    url = skp_dokumen.url_verifikasi(kode)
    final = timezone.localtime(penilaian.difinalkan_pada) if penilaian.difinalkan_pada else None
    catatan = penilaian.catatan_perilaku or {}
    bahan = bahan_penilaian(pp, skp)
    return {
        "penilaian": penilaian,
        "pp": pp,
        "kode": kode,
        "url_verifikasi": url,
        "qr": skp_dokumen.qr_data_uri(url),
        "penanda_tangan": penanda_tangan,
        "pegawai": pegawai,
        "penilai": _orang(rantai.pejabat_penilai),
        "atasan_penilai": _orang(rantai.atasan_pejabat_penilai),
        "instansi": nama_instansi(penilaian),
        "tempat": tempat(penilaian),
        "periode": skp_dokumen.teks_periode(max(pp.mulai, skp.mulai), min(pp.selesai, skp.selesai)),
        "difinalkan_pada": final,
        "rhk": bahan["rhk"],
        "perilaku": [
            (n, ekspektasi, catatan.get(n.kode, "")) for n, ekspektasi in bahan["perilaku"]
        ],
        "rating_hasil_kerja": rules.LABEL_RATING.get(penilaian.rating_hasil_kerja, "-"),
        "rating_perilaku": rules.LABEL_RATING.get(penilaian.rating_perilaku, "-"),
        "predikat": rules.LABEL_PREDIKAT.get(penilaian.predikat, "-"),
        # The pegawai's self-assessment kept with the rating (issue 17), printed as written.
        "diri": selectors_diri.tampilan(selectors_diri.penilaian_diri(pp, skp), bahan),
        "rekomendasi": list(penilaian.rekomendasi.all()),
        "konten_nomor_halaman": skp_dokumen.konten_nomor_halaman(),
    }


def judul(penilaian: Penilaian) -> str:
    p = penilaian.pegawai
    return f"Evaluasi Kinerja {penilaian.periode_penilaian} — {p.nama_lengkap} — {p.nip}"


def nama_berkas(penilaian: Penilaian) -> str:
    pp = penilaian.periode_penilaian
    return f"Evaluasi-{pp.periode.tahun}-{pp.jenis}-{pp.urutan}-{penilaian.pegawai.nip}.pdf"


def terbitkan_dokumen_evaluasi(penilaian_id: int) -> Dokumen:
    """Render, sign and store the document of a FINAL rating (or return the valid one).

    The slow part runs outside the transaction; the rating row is then locked so a task and
    an on-demand download racing each other end with one document."""
    penilaian = _muat(penilaian_id)
    ada = dokumen_berlaku(penilaian)
    if ada is not None:
        return ada
    if not penilaian.is_final:
        raise ValidationError(_("Dokumen evaluasi hanya diterbitkan untuk penilaian yang final."))
    penanda = tanda_tangan.muat_penanda_tangan(instansi_penilaian(penilaian))
    nama_penanda = tanda_tangan.nama_penanda_tangan(penanda)
    kode = skp_dokumen.kode_verifikasi_baru()
    with translation.override(skp_dokumen.BAHASA_DOKUMEN):
        html = render_to_string(
            TEMPLATE, konteks(penilaian, kode=kode, penanda_tangan=nama_penanda)
        )
        alasan = _("Evaluasi Kinerja Pegawai")
    pdf = skp_dokumen.render_pdf(html)
    pdf = tanda_tangan.tandatangani_pdf(pdf, penanda, alasan=alasan, lokasi=tempat(penilaian))
    return _simpan(penilaian.pk, kode=kode, pdf=pdf, penanda_tangan=nama_penanda)


@transaction.atomic
def _simpan(penilaian_id: int, *, kode: str, pdf: bytes, penanda_tangan: str) -> Dokumen:
    penilaian = _muat(penilaian_id)
    list(Penilaian.objects.select_for_update().filter(pk=penilaian_id).values_list("pk"))
    penilaian.refresh_from_db(fields=["diubah_pada", "status"])
    ada = dokumen_berlaku(penilaian)
    if ada is not None:
        return ada
    lama = list(
        Dokumen.objects.select_for_update().filter(
            content_type=_ct(), object_id=penilaian.pk, status=Dokumen.Status.BERLAKU
        )
    )
    dok = Dokumen(
        kode=kode,
        jenis=Dokumen.Jenis.EVALUASI,
        judul=judul(penilaian)[:255],
        pegawai_id=penilaian.pegawai_id,
        content_type=_ct(),
        object_id=penilaian.pk,
        sha256=hashlib.sha256(pdf).hexdigest(),
        ukuran=len(pdf),
        penanda_tangan=penanda_tangan[:255],
    )
    dok.berkas.save(nama_berkas(penilaian), ContentFile(pdf), save=False)
    try:
        # The old one first: at most one valid document per rating (a DB constraint).
        for d in lama:
            d.status = Dokumen.Status.DIGANTIKAN
            d.save(update_fields=["status"])
        dok.save()
        for d in lama:
            d.digantikan_oleh = dok
            d.save(update_fields=["digantikan_oleh"])
        catat_riwayat(
            pelaku=None,
            subjek=penilaian.pegawai,
            objek=penilaian,
            aksi="penilaian.dokumen_diterbitkan",
            sebagai=Riwayat.Sebagai.SISTEM,
            data={
                "dokumen": dok.pk,
                "kode": dok.kode,
                "sha256": dok.sha256,
                **({"menggantikan": [d.kode for d in lama]} if lama else {}),
            },
        )
    except Exception:
        dok.berkas.storage.delete(dok.berkas.name)
        raise
    logger.info("Dokumen evaluasi %s diterbitkan: %s", penilaian.pk, dok.kode)
    return dok
