"""Monthly realisation (domain.md §3): per indicator of the SKP in force, what was achieved
in the month, prefilled from the month's activities and due by day D of the next month.

Rights: the pegawai himself or an operator of his unit prepares, fills in and submits
(``sebagai_pengisi``); a colleague holding his kuasa pengisian prepares and fills in the
drafts but never submits; the pejabat penilai on the month's last day (definitif, Plt or Plh)
approves or returns (``wajib_penilai``).  Every change writes a ``Riwayat`` row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas import rules
from aktivitas.models import RealisasiBulanan
from aktivitas.selectors import gangguan as selectors_gangguan
from aktivitas.selectors.tinjau import (
    RingkasanRhk,
    indikator_skp,
    realisasi_bulan,
    ringkasan_aktivitas_bulan,
)
from aktivitas.services.harian import (
    kuasa_dipakai,
    kunci_transaksi,
    sebagai_pengisi,
    wajib_penilai,
)
from pegawai.models import Pegawai, Riwayat
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.services.organisasi import catat_riwayat, riwayat_baru
from skp.models import IndikatorKinerja, Skp

R = RealisasiBulanan.Status
BISA_DIUBAH = (R.DRAFT, R.DIKEMBALIKAN)


def sekarang() -> dt.datetime:
    """The clock of this module (tests move it to the deadline's edges)."""
    return timezone.now()


# --- dates --------------------------------------------------------------------------------
def akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return rules.rentang_bulan(tahun, bulan)[1]


def batas_realisasi(instansi_id: int | None, tahun: int, bulan: int) -> dt.date:
    """The deadline of a month's realisation with the instansi's setting (default day 5),
    moved by a declared outage (``aktivitas.selectors.gangguan``)."""
    return selectors_gangguan.batas_realisasi(instansi_id, tahun, bulan).berlaku


def _wajib_bulan_dimulai(tahun: int, bulan: int, hari_ini: dt.date) -> None:
    if dt.date(tahun, bulan, 1) > hari_ini:
        raise ValidationError(_("Realisasi bulan yang belum berjalan belum dapat diisi."))


# --- which SKP and indicators -------------------------------------------------------------
def skp_bulan(
    pegawai: Pegawai, tahun: int, bulan: int, baris: list[RealisasiBulanan] | None = None
) -> list[Skp]:
    """The SKP in force in the month: on its first and on its last day (two when the pegawai
    changed jabatan within the month).  Once a month has rows on a version of an SKP, a later
    revision does not open a second set of rows for that month: the month stays on the
    version it was filled in on.  ``baris``: the month's rows, when the caller has them."""
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    if baris is None:
        baris = RealisasiBulanan.objects.filter(
            skp__pegawai=pegawai, tahun=tahun, bulan=bulan
        ).select_related("skp")
    sudah = {r.skp_id: r.skp for r in baris}
    # The SKP in force on either day, read at once; chosen as skp_berlaku chooses.
    calon = list(
        Skp.objects.filter(pegawai=pegawai, mulai__lte=akhir, selesai__gte=awal).exclude(
            status=Skp.Status.DIGANTIKAN
        )
    )
    hasil: list[Skp] = []
    for tanggal in (awal, akhir):
        skp = min(
            (s for s in calon if s.mulai <= tanggal <= s.selesai),
            key=lambda s: (s.status != Skp.Status.DITETAPKAN, -s.versi),
            default=None,
        )
        versi = skp
        while versi is not None and versi.pk not in sudah:
            versi = versi.versi_sebelumnya
        pilih = sudah[versi.pk] if versi is not None else skp
        if pilih is not None and pilih not in hasil:
            hasil.append(pilih)
    return hasil


def _angka(nilai: Decimal) -> str:
    if nilai == nilai.to_integral_value():
        return str(int(nilai))
    return format(nilai.normalize(), "f").replace(".", ",")


def isian_awal(
    indikator: IndikatorKinerja, ringkasan: RingkasanRhk | None, kuantitatif: bool
) -> tuple[str, Decimal | None]:
    """The prefilled text and value of one indicator from the month's activities of its RHK:
    "N aktivitas; output: 5 laporan, 2 dokumen. Antara lain: …".  The value is the total
    output in the indicator's own unit, for a kuantitatif SKP only."""
    if ringkasan is None or not ringkasan.jumlah:
        return "", None
    output = ", ".join(f"{_angka(total)} {satuan}" for satuan, total in ringkasan.output.items())
    teks = _("%(n)d aktivitas; output: %(output)s.") % {"n": ringkasan.jumlah, "output": output}
    if ringkasan.uraian:
        teks += " " + _("Antara lain: %(uraian)s.") % {"uraian": "; ".join(ringkasan.uraian)}
    nilai = None
    if kuantitatif and indikator.satuan.strip():
        nilai = ringkasan.total_satuan(indikator.satuan)
    return teks, nilai


# --- prepare ------------------------------------------------------------------------------
# A month's preparation takes the advisory lock (pegawai, KUNCI_SIAPKAN + yyyymm): an
# activity's idempotency key (its first four bytes) meets one only by chance — a wait, never a
# wrong answer.
KUNCI_SIAPKAN = 1_000_000_000


def siapkan_realisasi(
    aktor: Pegawai, pegawai: Pegawai, tahun: int, bulan: int, ringkasan: dict | None = None
) -> list[RealisasiBulanan]:
    """Create (or return) the month's draft rows, one per indicator, prefilled.

    Idempotent.  A draft nobody has saved yet (``diisi_oleh`` empty) follows the activities
    entered since; once a person saved it, his text is never overwritten.  ``ringkasan``:
    the month's activity summary when the caller has read it already (the page shows it).
    The page opens this every time: when the rows are already as they should be (the usual
    case), it only reads; the rows are locked and written only when something changes.
    """
    sebagai = sebagai_pengisi(aktor, pegawai, kuasa=True)
    _wajib_bulan_dimulai(tahun, bulan, timezone.localdate(sekarang()))
    baris = list(realisasi_bulan(pegawai, tahun, bulan))
    daftar_skp = skp_bulan(pegawai, tahun, bulan, baris)
    if not daftar_skp:
        return baris
    indikator = list(indikator_skp([s.pk for s in daftar_skp]))
    if ringkasan is None:
        ringkasan = ringkasan_aktivitas_bulan(pegawai, tahun, bulan)
    per_indikator = {r.indikator_id: r for r in baris}
    if not any(
        _isian_berubah(per_indikator.get(ind.pk), *_isian(ind, ringkasan)) for ind in indikator
    ):
        return baris
    _tulis_isian(aktor, pegawai, sebagai, tahun, bulan, indikator, ringkasan)
    return list(realisasi_bulan(pegawai, tahun, bulan))


def _isian(ind, ringkasan: dict) -> tuple[str, Decimal | None]:
    kuantitatif = ind.rhk.skp.pendekatan == Skp.Pendekatan.KUANTITATIF
    return isian_awal(ind, ringkasan.get(ind.rhk_id), kuantitatif)


def _isian_berubah(baris: RealisasiBulanan | None, teks: str, nilai) -> bool:
    """The row is missing, or an untouched draft whose prefill no longer matches."""
    return baris is None or (
        baris.status == R.DRAFT
        and baris.diisi_oleh_id is None
        and (baris.realisasi, baris.nilai) != (teks, nilai)
    )


@transaction.atomic
def _tulis_isian(aktor, pegawai, sebagai, tahun, bulan, indikator, ringkasan) -> None:
    """Create the missing rows and refresh the untouched drafts: the pegawai's preparations
    of one month take their turn (two tabs opening the page at once), the existing rows are
    locked, and the missing ones are created together with their history (two statements,
    not five per indicator — this is the month-end page)."""
    kunci_transaksi(pegawai.pk, KUNCI_SIAPKAN + tahun * 100 + bulan)
    ada = {
        r.indikator_id: r
        for r in RealisasiBulanan.objects.select_for_update().filter(
            indikator__in=indikator, tahun=tahun, bulan=bulan
        )
    }
    baru = []
    for ind in indikator:
        teks, nilai = _isian(ind, ringkasan)
        baris = ada.get(ind.pk)
        if baris is None:
            baru.append(
                RealisasiBulanan(
                    indikator=ind,
                    skp=ind.rhk.skp,
                    tahun=tahun,
                    bulan=bulan,
                    realisasi=teks,
                    nilai=nilai,
                )
            )
        elif _isian_berubah(baris, teks, nilai):  # re-checked under the lock
            baris.realisasi, baris.nilai = teks, nilai
            baris.save(update_fields=["realisasi", "nilai"])
    if not baru:
        return
    RealisasiBulanan.objects.bulk_create(baru)
    Riwayat.objects.bulk_create(
        riwayat_baru(
            pelaku=aktor,
            subjek=pegawai,
            objek=b,
            aksi="realisasi.disiapkan",
            sebagai=sebagai,
            ke_status=b.status,
            data={"tahun": tahun, "bulan": bulan, "indikator": b.indikator_id},
        )
        for b in baru
    )


# --- fill in ------------------------------------------------------------------------------
def _kunci(realisasi: RealisasiBulanan) -> RealisasiBulanan:
    return (
        RealisasiBulanan.objects.select_for_update(of=("self",))
        .select_related("skp__pegawai", "indikator")
        .get(pk=realisasi.pk)
    )


@transaction.atomic
def simpan_realisasi(
    aktor: Pegawai,
    realisasi: RealisasiBulanan,
    teks: str,
    nilai: Decimal | None = None,
    catatan: str = "",
) -> RealisasiBulanan:
    """Save one row while it is a draft or returned (an empty text may be saved: it is
    checked when the month is submitted)."""
    r = _kunci(realisasi)
    sebagai = sebagai_pengisi(aktor, r.skp.pegawai, kuasa=True)
    if r.status not in BISA_DIUBAH:
        raise ValidationError(
            _("Realisasi yang sudah %(status)s tidak dapat diubah.")
            % {"status": r.get_status_display().lower()}
        )
    if nilai is not None and nilai < 0:
        raise ValidationError({"nilai": _("Nilai realisasi tidak boleh negatif.")})
    teks, catatan = (teks or "").strip(), (catatan or "").strip()
    if (r.realisasi, r.nilai, r.catatan) == (teks, nilai, catatan) and r.diisi_oleh_id:
        return r  # nothing changed: no history row for a form saved as it was
    r.realisasi, r.nilai, r.catatan, r.diisi_oleh = teks, nilai, catatan, aktor
    r.kuasa = kuasa_dipakai(aktor, r.skp.pegawai, sebagai)
    r.save(update_fields=["realisasi", "nilai", "catatan", "diisi_oleh", "kuasa"])
    catat_riwayat(
        pelaku=aktor,
        subjek=r.skp.pegawai,
        objek=r,
        aksi="realisasi.disimpan",
        sebagai=sebagai,
        data={"tahun": r.tahun, "bulan": r.bulan, "indikator": r.indikator_id},
    )
    return r


@dataclass
class IsianRealisasi:
    teks: str
    nilai: Decimal | None = None
    catatan: str = ""


@transaction.atomic
def simpan_realisasi_bulan(
    aktor: Pegawai,
    pegawai: Pegawai,
    tahun: int,
    bulan: int,
    isian: Mapping[int, IsianRealisasi],
) -> list[RealisasiBulanan]:
    """Save several rows of one month at once (the month's form): all or none."""
    sebagai_pengisi(aktor, pegawai, kuasa=True)
    baris = {
        r.pk: r
        for r in RealisasiBulanan.objects.filter(
            pk__in=list(isian), skp__pegawai=pegawai, tahun=tahun, bulan=bulan
        )
    }
    if set(baris) != set(isian):
        raise ValidationError(_("Sebagian baris realisasi bukan milik bulan ini."))
    return [
        simpan_realisasi(aktor, baris[pk], i.teks, i.nilai, i.catatan) for pk, i in isian.items()
    ]


# --- submit -------------------------------------------------------------------------------
def _penilai_id(pegawai: Pegawai, tanggal: dt.date) -> int | None:
    penilai = rantai_penilai(pegawai, tanggal).pejabat_penilai
    return penilai.pegawai.pk if penilai and penilai.pegawai else None


@transaction.atomic
def ajukan_realisasi(
    aktor: Pegawai, pegawai: Pegawai, tahun: int, bulan: int
) -> list[RealisasiBulanan]:
    """Submit every draft or returned row of the month at once, to the pejabat penilai on
    the month's last day.  Late when submitted after the deadline (day D of the next month,
    inclusive).  A returned row submitted again keeps the lateness of its first submission:
    the delay of a return is not the pegawai's."""
    sebagai = sebagai_pengisi(aktor, pegawai)
    waktu = sekarang()
    hari_ini = timezone.localdate(waktu)
    _wajib_bulan_dimulai(tahun, bulan, hari_ini)
    daftar = list(
        RealisasiBulanan.objects.select_for_update(of=("self",))
        .filter(skp__pegawai=pegawai, tahun=tahun, bulan=bulan, status__in=BISA_DIUBAH)
        # the SKP too: each row's save signal (bantuan.sinyal) reads its pegawai
        .select_related("indikator", "skp")
        .order_by("pk")
    )
    if not daftar:
        raise ValidationError(_("Tidak ada realisasi draf atau dikembalikan untuk diajukan."))
    kosong = [r.indikator.teks[:60] for r in daftar if not r.realisasi.strip()]
    if kosong:
        raise ValidationError(
            _("Realisasi belum diisi untuk indikator: %(daftar)s.") % {"daftar": "; ".join(kosong)}
        )
    terlambat = hari_ini > batas_realisasi(pegawai.instansi_id, tahun, bulan)
    penilai_id = _penilai_id(pegawai, akhir_bulan(tahun, bulan))
    riwayat = []
    for r in daftar:
        lama = r.status
        if r.diajukan_pada is None:
            r.terlambat = terlambat
        r.status, r.diajukan_pada, r.penilai_id = R.DIAJUKAN, waktu, penilai_id
        r.save(update_fields=["status", "diajukan_pada", "terlambat", "penilai"])
        riwayat.append(
            riwayat_baru(
                pelaku=aktor,
                subjek=pegawai,
                objek=r,
                aksi="realisasi.diajukan",
                sebagai=sebagai,
                dari_status=lama,
                ke_status=r.status,
                data={"tahun": tahun, "bulan": bulan, "terlambat": r.terlambat},
            )
        )
    Riwayat.objects.bulk_create(riwayat)  # the month's history in one statement
    return daftar


# --- review -------------------------------------------------------------------------------
def _tinjau(
    aktor: Pegawai, ids: Iterable[int], status_baru: str, catatan: str, aksi: str
) -> list[RealisasiBulanan]:
    ids = set(ids)
    if not ids:
        raise ValidationError(_("Pilih minimal satu realisasi."))
    daftar = list(
        RealisasiBulanan.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("skp__pegawai", "indikator")
        .order_by("pk")
    )
    if len(daftar) != len(ids):
        raise ValidationError(_("Sebagian realisasi tidak ditemukan."))
    diperiksa: dict[tuple[int, int, int], str] = {}
    for r in daftar:
        if r.status != R.DIAJUKAN:
            raise ValidationError(
                _('Realisasi "%(indikator)s" %(bulan)02d/%(tahun)d sudah %(status)s.')
                % {
                    "indikator": r.indikator.teks[:40],
                    "bulan": r.bulan,
                    "tahun": r.tahun,
                    "status": r.get_status_display().lower(),
                }
            )
        kunci = (r.skp.pegawai_id, r.tahun, r.bulan)
        if kunci not in diperiksa:
            diperiksa[kunci] = wajib_penilai(aktor, r.skp.pegawai, akhir_bulan(r.tahun, r.bulan))
    waktu = timezone.now()
    for r in daftar:
        lama = r.status
        r.status, r.catatan_penilai, r.ditinjau_pada = status_baru, catatan, waktu
        r.save(update_fields=["status", "catatan_penilai", "ditinjau_pada"])
        catat_riwayat(
            pelaku=aktor,
            subjek=r.skp.pegawai,
            objek=r,
            aksi=aksi,
            sebagai=diperiksa[(r.skp.pegawai_id, r.tahun, r.bulan)],
            dari_status=lama,
            ke_status=status_baru,
            keterangan=catatan,
        )
    return daftar


@transaction.atomic
def setujui_realisasi(
    aktor: Pegawai, ids: Iterable[int], catatan: str = ""
) -> list[RealisasiBulanan]:
    """Approve one or many submitted rows, all or none (rows locked)."""
    return _tinjau(aktor, ids, R.DISETUJUI, (catatan or "").strip(), aksi="realisasi.disetujui")


@transaction.atomic
def kembalikan_realisasi(
    aktor: Pegawai, ids: Iterable[int], catatan: str
) -> list[RealisasiBulanan]:
    """Return submitted rows with a note (required) for the pegawai to correct."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Catatan pengembalian wajib diisi.")})
    return _tinjau(aktor, ids, R.DIKEMBALIKAN, catatan.strip(), aksi="realisasi.dikembalikan")
