"""The signed SKP document: render (WeasyPrint), sign (pyHanko, see ``tanda_tangan``), store.

One :class:`~skp.models.Dokumen` per SKP version, issued by the ``buat_dokumen_skp`` task after
penetapan, or on demand when someone downloads it and the task has not run (broker down).
Documents are issued for SKP that are ``ditetapkan`` and also for ``digantikan`` ones: an old
version was set and signed in its day, so a missing document for it is still made (and born
``digantikan``).  An existing document is never re-rendered: its code, hash and signature are
what people hold on paper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.template.defaultfilters import date as format_tanggal
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inti import tanda_tangan
from pegawai.models import Riwayat
from pegawai.services.organisasi import catat_riwayat
from skp import rules
from skp.models import Dokumen, IndikatorKinerja, LampiranSkp, RencanaHasilKerja, Skp

logger = logging.getLogger(__name__)

STATUS_BERDOKUMEN = (Skp.Status.DITETAPKAN, Skp.Status.DIGANTIKAN)
TEMPLATE_SKP = "skp/dokumen/skp_pdf.html"
# The document is an official record in the language of the regulation, whatever the
# language of the user's screen.
BAHASA_DOKUMEN = "id"


# --- small pure pieces ------------------------------------------------------------------------
def kode_verifikasi_baru() -> str:
    """A random, unguessable verification code (12 URL-safe characters, 72 bits)."""
    while True:
        kode = secrets.token_urlsafe(9)
        if not Dokumen.objects.filter(kode=kode).exists():
            return kode


def url_verifikasi(kode: str) -> str:
    dasar = getattr(settings, "EKINERJA_BASE_URL", "") or "http://127.0.0.1:8000"
    return dasar.rstrip("/") + reverse("verifikasi_dokumen", kwargs={"kode": kode})


def samarkan_nip(nip: str) -> str:
    """``198503152010011001`` → ``198503**********01``: enough to recognise, not to reuse."""
    if len(nip) <= 8:
        return "*" * len(nip)
    return nip[:6] + "*" * (len(nip) - 8) + nip[-2:]


def _identitas_pegawai(skp: Skp) -> dict:
    return (skp.snapshot or {}).get("pegawai") or {
        "nama": skp.pegawai.nama_lengkap,
        "nip": skp.pegawai.nip,
    }


def nama_instansi_skp(skp: Skp) -> str:
    """The name of the SKP's instansi (its periode's, the pegawai's), as frozen on penetapan."""
    return (skp.snapshot or {}).get("instansi") or skp.periode.instansi.nama


def tempat_skp(skp: Skp) -> str:
    """Where the document is set: the instansi's town (printed and put in the signature)."""
    return (skp.snapshot or {}).get("tempat") or skp.periode.instansi.kota


def judul_dokumen_skp(skp: Skp) -> str:
    p = _identitas_pegawai(skp)
    return f"SKP {skp.periode.tahun} v{skp.versi} — {p['nama']} — {p['nip']}"


def nama_berkas_skp(skp: Skp) -> str:
    """The file name a user downloads (and the base of the stored name)."""
    return f"SKP-{skp.periode.tahun}-{_identitas_pegawai(skp)['nip']}-v{skp.versi}.pdf"


def teks_periode(mulai: dt.date, selesai: dt.date) -> str:
    return _("%(mulai)s s.d. %(selesai)s") % {
        "mulai": format_tanggal(mulai, "j F Y"),
        "selesai": format_tanggal(selesai, "j F Y"),
    }


def konten_nomor_halaman() -> str:
    """The CSS ``content`` value printing "Halaman X dari Y" (translated as one sentence)."""
    teks = _("Halaman {x} dari {y}").replace("\\", "").replace('"', "'")
    return '"' + teks.replace("{x}", '" counter(page) "').replace("{y}", '" counter(pages) "') + '"'


def qr_data_uri(teks: str) -> str:
    import segno

    return segno.make_qr(teks, error="m").svg_data_uri(border=0, dark="#000")


# --- reading the SKP and its document -------------------------------------------------------------
def dokumen_skp(skp_id: int) -> Dokumen | None:
    ct = ContentType.objects.get_for_model(Skp)
    return Dokumen.objects.filter(content_type=ct, object_id=skp_id).first()


def _muat_skp(skp_id: int) -> Skp:
    indikator = IndikatorKinerja.objects.order_by("urutan", "id")
    rhk = (
        RencanaHasilKerja.objects.select_related("rhk_atasan")
        .prefetch_related(Prefetch("indikator", queryset=indikator))
        .order_by("urutan", "id")
    )
    return (
        Skp.objects.select_related("pegawai", "periode__instansi", "jabatan", "unit")
        .prefetch_related(
            Prefetch("rhk", queryset=rhk),
            "perilaku",
            Prefetch("lampiran", queryset=LampiranSkp.objects.order_by("urutan", "id")),
        )
        .get(pk=skp_id)
    )


# --- rendering ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BarisRhk:
    nomor: int
    rhk: RencanaHasilKerja
    indikator: list[IndikatorKinerja]

    @property
    def rowspan(self) -> int:
        return max(1, len(self.indikator))

    @property
    def indikator_pertama(self) -> IndikatorKinerja | None:
        return self.indikator[0] if self.indikator else None

    @property
    def indikator_lain(self) -> list[IndikatorKinerja]:
        return self.indikator[1:]


def _baris(rhk: list[RencanaHasilKerja], mulai: int = 1) -> list[BarisRhk]:
    return [BarisRhk(i, r, list(r.indikator.all())) for i, r in enumerate(rhk, start=mulai)]


def konteks_skp(skp: Skp, *, kode: str, penanda_tangan: str) -> dict:
    """Everything the SKP template prints; identities come from the snapshot of penetapan."""
    snapshot = skp.snapshot or {}
    semua_rhk = list(skp.rhk.all())
    utama = [r for r in semua_rhk if r.jenis == RencanaHasilKerja.Jenis.UTAMA]
    tambahan = [r for r in semua_rhk if r.jenis == RencanaHasilKerja.Jenis.TAMBAHAN]
    kelompok_jpt = []
    if skp.is_jpt:
        # A JPT's RHK are grouped by balanced-scorecard perspektif, in the regulation's order,
        # numbered straight through.
        nomor = 1
        for kode_p, label in [*RencanaHasilKerja.Perspektif.choices, ("", _("Tanpa perspektif"))]:
            anggota = [r for r in utama if r.perspektif == kode_p]
            if anggota:
                kelompok_jpt.append((label, _baris(anggota, mulai=nomor)))
                nomor += len(anggota)
    ekspektasi = {p.kode: p.ekspektasi for p in skp.perilaku.all()}
    lampiran = {j: [] for j, _label in LampiranSkp.Jenis.choices}
    for lamp in skp.lampiran.all():
        lampiran[lamp.jenis].append(lamp.teks)
    url = url_verifikasi(kode)
    ditetapkan = timezone.localtime(skp.ditetapkan_pada) if skp.ditetapkan_pada else None
    return {
        "skp": skp,
        "kode": kode,
        "url_verifikasi": url,
        "qr": qr_data_uri(url),
        "penanda_tangan": penanda_tangan,
        "pegawai": _identitas_pegawai(skp),
        "penilai": snapshot.get("pejabat_penilai") or {},
        "instansi": nama_instansi_skp(skp),
        "tempat": tempat_skp(skp),
        "ditetapkan_pada": ditetapkan,
        "diajukan_pada": timezone.localtime(skp.diajukan_pada) if skp.diajukan_pada else None,
        "periode": teks_periode(skp.mulai, skp.selesai),
        "utama": _baris(utama),
        "tambahan": _baris(tambahan),
        "kelompok_jpt": kelompok_jpt,
        "perilaku": [(n, ekspektasi.get(n.kode, "")) for n in rules.BERAKHLAK],
        "lampiran": [(label, lampiran[j]) for j, label in LampiranSkp.Jenis.choices],
        "konten_nomor_halaman": konten_nomor_halaman(),
    }


def render_pdf(html: str) -> bytes:
    """HTML → PDF bytes.  Only ``data:`` URLs may be fetched: nothing typed by a user can make
    the renderer read a local file or call the network."""
    import weasyprint

    pengambil = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=pengambil).write_pdf(pdf_variant="pdf/a-3b")


def render_pdf_skp(skp: Skp, *, kode: str, penanda_tangan: str) -> bytes:
    with translation.override(BAHASA_DOKUMEN):
        html = render_to_string(
            TEMPLATE_SKP, konteks_skp(skp, kode=kode, penanda_tangan=penanda_tangan)
        )
    return render_pdf(html)


# --- issuing ------------------------------------------------------------------------------------
def terbitkan_dokumen_skp(skp_id: int) -> Dokumen:
    """Render, sign and store the document of an SKP version; return the existing one if any.

    The slow part (render + sign, about a second) runs outside the transaction; the SKP row is
    then locked so that the task and an on-demand download racing each other end with one
    document (the loser's PDF is thrown away).
    """
    ada = dokumen_skp(skp_id)
    if ada is not None:
        return ada
    skp = _muat_skp(skp_id)
    if skp.status not in STATUS_BERDOKUMEN:
        raise ValidationError(_("Dokumen SKP hanya diterbitkan untuk SKP yang sudah ditetapkan."))
    # The certificate of the SKP's instansi; fails fast when none is configured.
    penanda_tangan = tanda_tangan.muat_penanda_tangan(skp.periode.instansi)
    nama_penanda = tanda_tangan.nama_penanda_tangan(penanda_tangan)
    kode = kode_verifikasi_baru()
    pdf = render_pdf_skp(skp, kode=kode, penanda_tangan=nama_penanda)
    with translation.override(BAHASA_DOKUMEN):
        alasan = _("Penetapan Sasaran Kinerja Pegawai")
    pdf = tanda_tangan.tandatangani_pdf(pdf, penanda_tangan, alasan=alasan, lokasi=tempat_skp(skp))
    return _simpan_dokumen_skp(skp, kode=kode, pdf=pdf, penanda_tangan=nama_penanda)


@transaction.atomic
def _simpan_dokumen_skp(skp: Skp, *, kode: str, pdf: bytes, penanda_tangan: str) -> Dokumen:
    status_skp = Skp.objects.select_for_update().values_list("status", flat=True).get(pk=skp.pk)
    ada = dokumen_skp(skp.pk)
    if ada is not None:
        return ada
    dok = Dokumen(
        kode=kode,
        jenis=Dokumen.Jenis.SKP,
        judul=judul_dokumen_skp(skp)[:255],
        pegawai_id=skp.pegawai_id,
        content_type=ContentType.objects.get_for_model(Skp),
        object_id=skp.pk,
        sha256=hashlib.sha256(pdf).hexdigest(),
        ukuran=len(pdf),
        penanda_tangan=penanda_tangan[:255],
    )
    dok.berkas.save(nama_berkas_skp(skp), ContentFile(pdf), save=False)
    try:
        if status_skp == Skp.Status.DIGANTIKAN:
            # Issued late for an old version: born superseded, pointing at the next version's
            # document when that one exists (otherwise that one will point back when issued).
            dok.status = Dokumen.Status.DIGANTIKAN
            dok.digantikan_oleh = _dokumen_versi_berikutnya(skp)
        dok.save()
        lama = _gantikan_dokumen_sebelumnya(skp, dok)
        catat_riwayat(
            pelaku=None,
            subjek=skp.pegawai,
            objek=skp,
            aksi="skp.dokumen_diterbitkan",
            sebagai=Riwayat.Sebagai.SISTEM,
            data={
                "dokumen": dok.pk,
                "kode": dok.kode,
                "sha256": dok.sha256,
                **({"menggantikan": lama.kode} if lama else {}),
            },
        )
    except Exception:
        dok.berkas.storage.delete(dok.berkas.name)  # no orphan file for a row never written
        raise
    logger.info("Dokumen SKP %s diterbitkan: %s (%d bita)", skp.pk, dok.kode, dok.ukuran)
    return dok


def _dokumen_versi_berikutnya(skp: Skp) -> Dokumen | None:
    berikutnya = Skp.objects.filter(versi_sebelumnya_id=skp.pk).values_list("pk", flat=True)
    return Dokumen.objects.filter(
        content_type=ContentType.objects.get_for_model(Skp), object_id__in=berikutnya
    ).first()


def _gantikan_dokumen_sebelumnya(skp: Skp, dok: Dokumen) -> Dokumen | None:
    if not skp.versi_sebelumnya_id:
        return None
    lama = (
        Dokumen.objects.select_for_update()
        .filter(content_type=dok.content_type, object_id=skp.versi_sebelumnya_id)
        .first()
    )
    if lama is None:
        return None
    lama.status = Dokumen.Status.DIGANTIKAN
    lama.digantikan_oleh = dok
    lama.save(update_fields=["status", "digantikan_oleh"])
    return lama


# --- public verification --------------------------------------------------------------------------
@dataclass(frozen=True)
class InfoVerifikasi:
    """What the public verification page may show of a document, and nothing more."""

    dokumen: Dokumen
    judul: str
    nama: str
    nip: str
    periode: str
    instansi: str

    @property
    def berlaku(self) -> bool:
        return self.dokumen.status == Dokumen.Status.BERLAKU


def info_verifikasi(kode: str) -> InfoVerifikasi | None:
    """The document with this code, its NIP masked; None for an unknown code."""
    if not kode or len(kode) > Dokumen._meta.get_field("kode").max_length:
        return None
    dok = (
        Dokumen.objects.select_related("pegawai__instansi", "digantikan_oleh", "content_type")
        .filter(kode=kode)
        .first()
    )
    if dok is None:
        return None
    objek = dok.content_type.model_class()._default_manager.filter(pk=dok.object_id).first()
    identitas = (getattr(objek, "snapshot", None) or {}).get("pegawai") or {}
    nip = identitas.get("nip") or dok.pegawai.nip
    mulai, selesai = getattr(objek, "mulai", None), getattr(objek, "selesai", None)
    return InfoVerifikasi(
        dokumen=dok,
        judul=dok.judul.replace(nip, samarkan_nip(nip)) if nip else dok.judul,
        nama=identitas.get("nama") or dok.pegawai.nama_lengkap,
        nip=samarkan_nip(nip),
        periode=teks_periode(mulai, selesai) if mulai and selesai else "",
        instansi=_instansi_objek(objek) or dok.pegawai.instansi.nama,
    )


def _instansi_objek(objek) -> str:
    """The instansi a document names, from the object it is about: an SKP (its snapshot, else
    its periode) or anything pointing at one through ``skp`` (the evaluation's rating)."""
    if objek is None:
        return ""
    if isinstance(objek, Skp):
        return nama_instansi_skp(objek)
    skp = getattr(objek, "skp", None)
    return nama_instansi_skp(skp) if isinstance(skp, Skp) else ""


def sha256_cocok(dokumen: Dokumen, sha256: str) -> bool:
    return sha256.lower() == dokumen.sha256.lower()
