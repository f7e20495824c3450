"""Reads of the kuasa pengisian (delegation), scoped to the user.

A kuasa opens to its holder, while it is in force, the pages where the pemberi's activities
and realisation drafts are entered (the day page with ``?pegawai=``, the realisation page);
nothing else of the pemberi becomes visible to him.  Whether he may *act* is the services'
call (:func:`aktivitas.services.harian.sebagai_pengisi`), on the day of the action.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas.models import Aktivitas, Kuasa
from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import peran
from pegawai.selectors.organisasi import pegawai_terlihat

# What the history and the pages call the capacity of an act under a kuasa (Riwayat.sebagai).
SEBAGAI_KUASA = Riwayat.Sebagai.KUASA


def _hari_ini() -> dt.date:
    return timezone.localdate()


def q_berlaku(tanggal: dt.date, awalan: str = "") -> Q:
    """Kuasa in force on ``tanggal`` (reached through ``awalan``, e.g. ``"kuasa_diterima__"``)."""
    return Q(
        **{
            f"{awalan}mulai__lte": tanggal,
            f"{awalan}selesai__gte": tanggal,
            f"{awalan}dicabut_pada__isnull": True,
        }
    )


def kuasa_berlaku(pemberi: Pegawai, penerima: Pegawai, tanggal: dt.date | None = None):
    """The kuasa ``pemberi`` gave ``penerima`` in force on ``tanggal`` (today), or None.  Both
    must still belong to the same instansi (a colleague moved away loses it)."""
    if pemberi.pk == penerima.pk or pemberi.instansi_id != penerima.instansi_id:
        return None
    return (
        Kuasa.objects.filter(q_berlaku(tanggal or _hari_ini()), pemberi=pemberi, penerima=penerima)
        .order_by("-mulai", "-pk")
        .first()
    )


def pemberi_kuasa(user, tanggal: dt.date | None = None) -> QuerySet[Pegawai]:
    """The pegawai who gave ``user`` a kuasa in force today (the "isi untuk" choices)."""
    return (
        Pegawai.objects.filter(q_berlaku(tanggal or _hari_ini(), "kuasa_diberikan__"))
        .filter(kuasa_diberikan__penerima=user, instansi_id=user.instansi_id)
        .select_related("unit_kerja", "instansi")
        .distinct()
        .order_by("nama", "pk")
    )


def q_pemberi_kuasa(user, kolom: str = "pegawai") -> Q:
    """Rows (reached through ``kolom``) of the pegawai who gave ``user`` a kuasa in force."""
    ids = Kuasa.objects.filter(q_berlaku(_hari_ini()), penerima=user).values("pemberi_id")
    return Q(**{f"{kolom}__in": ids}, **{f"{kolom}__instansi_id": user.instansi_id})


def get_pegawai_diisi(user, pk: int) -> Pegawai:
    """The pegawai a filling page is about: one the user may see, or one who gave him a kuasa
    in force today.  Anything else answers 404."""
    pegawai = pegawai_terlihat(user).filter(pk=pk).first()
    if pegawai is None:
        pegawai = pemberi_kuasa(user).filter(pk=pk).first()
    if pegawai is None:
        raise Http404
    return pegawai


# --- the kuasa page ---------------------------------------------------------------------------
def _lengkap(qs: QuerySet[Kuasa]) -> QuerySet[Kuasa]:
    return qs.select_related(
        "pemberi__unit_kerja", "penerima__unit_kerja", "dicabut_oleh"
    ).order_by("-mulai", "-pk")


def kuasa_diberikan(user) -> QuerySet[Kuasa]:
    """The kuasa the user gave, newest first."""
    return _lengkap(Kuasa.objects.filter(pemberi=user))


def kuasa_diterima(user) -> QuerySet[Kuasa]:
    """The kuasa given to the user, newest first."""
    return _lengkap(Kuasa.objects.filter(penerima=user))


def boleh_lihat_kuasa_unit(user) -> bool:
    p = peran(user)
    return p.is_operator or (p.is_admin and user.instansi_id is not None)


def kuasa_unit(user, *, hanya_berlaku: bool = False) -> QuerySet[Kuasa]:
    """For an operator (his units, with their sub-units) or an admin instansi (the whole
    instansi): the kuasa given by the pegawai he oversees."""
    if not boleh_lihat_kuasa_unit(user):
        return Kuasa.objects.none()
    qs = Kuasa.objects.filter(pemberi__in=pegawai_terlihat(user).exclude(pk=user.pk).values("pk"))
    if hanya_berlaku:
        qs = qs.filter(q_berlaku(_hari_ini()))
    return _lengkap(qs)


def kuasa_terlihat(user) -> QuerySet[Kuasa]:
    """Every kuasa the user may act on (revoke): his own, those given to him, and those of the
    pegawai he oversees as operator or admin.  A foreign id answers 404."""
    cond = Q(pemberi=user) | Q(penerima=user)
    if boleh_lihat_kuasa_unit(user):
        cond |= Q(pemberi__in=pegawai_terlihat(user).values("pk"))
    return _lengkap(Kuasa.objects.filter(cond))


def get_kuasa(user, pk: int) -> Kuasa:
    kuasa = kuasa_terlihat(user).filter(pk=pk).first()
    if kuasa is None:
        raise Http404
    return kuasa


def kuasa_berlaku_dari(pegawai_ids: list[int], tanggal: dt.date | None = None) -> dict[int, list]:
    """Per pemberi: the kuasa in force on ``tanggal`` (one query), for the notes the atasan and
    the operator see on a pegawai's pages."""
    hasil: dict[int, list] = {}
    if not pegawai_ids:
        return hasil
    qs = Kuasa.objects.filter(q_berlaku(tanggal or _hari_ini()), pemberi_id__in=pegawai_ids)
    for k in qs.select_related("penerima").order_by("pemberi_id", "selesai", "pk"):
        hasil.setdefault(k.pemberi_id, []).append(k)
    return hasil


# --- who entered what (the review queue's and the dashboards' share per pegawai) ------------
@dataclass
class SumberIsian:
    """Who entered a pegawai's activities: himself, an operator, a colleague under kuasa."""

    jumlah: int = 0
    operator: int = 0
    kuasa: int = 0

    @property
    def sendiri(self) -> int:
        return self.jumlah - self.operator - self.kuasa

    def _persen(self, n: int) -> int:
        return round(100 * n / self.jumlah) if self.jumlah else 0

    @property
    def persen_sendiri(self) -> int:
        return 100 - self.persen_operator - self.persen_kuasa if self.jumlah else 0

    @property
    def persen_operator(self) -> int:
        return self._persen(self.operator)

    @property
    def persen_kuasa(self) -> int:
        return self._persen(self.kuasa)

    @property
    def dibantu(self) -> bool:
        """Whether anyone but the pegawai entered some of them (worth showing)."""
        return bool(self.operator or self.kuasa)


def sumber_isian(qs: QuerySet[Aktivitas]) -> dict[int, SumberIsian]:
    """Per pegawai of the activities ``qs``: how many he entered himself, an operator entered
    on his behalf, and a colleague entered under his kuasa (one aggregate query)."""
    baris = (
        qs.order_by()
        .values("pegawai_id")
        .annotate(
            n_jumlah=Count("pk"),
            n_kuasa=Count("pk", filter=Q(kuasa__isnull=False)),
            n_operator=Count(
                "pk", filter=Q(kuasa__isnull=True) & ~Q(diisi_oleh_id=F("pegawai_id"))
            ),
        )
    )
    return {
        b["pegawai_id"]: SumberIsian(b["n_jumlah"], b["n_operator"], b["n_kuasa"]) for b in baris
    }


def pengisi_lain(pegawai: Pegawai, mulai: dt.date, selesai: dt.date) -> dict[dt.date, list[str]]:
    """Per day of a range: who else entered the pegawai's activities — "diisi oleh X atas kuasa
    (2)", "diisi oleh operator Y (1)" — for the week and month pages (one query)."""
    baris = (
        Aktivitas.objects.filter(pegawai=pegawai, tanggal__range=(mulai, selesai))
        .exclude(diisi_oleh_id=F("pegawai_id"))
        .values("tanggal", "diisi_oleh__nama", "kuasa_id")
        .annotate(n=Count("pk"))
        .order_by("tanggal", "diisi_oleh__nama", "kuasa_id")
    )
    per_orang: dict[tuple[dt.date, str, bool], int] = {}
    for b in baris:
        kunci = (b["tanggal"], b["diisi_oleh__nama"], b["kuasa_id"] is not None)
        per_orang[kunci] = per_orang.get(kunci, 0) + b["n"]
    hasil: dict[dt.date, list[str]] = {}
    for (tanggal, nama, atas_kuasa), n in per_orang.items():
        if atas_kuasa:
            teks = _("diisi oleh %(nama)s atas kuasa (%(n)s)")
        else:
            teks = _("diisi oleh operator %(nama)s (%(n)s)")
        hasil.setdefault(tanggal, []).append(teks % {"nama": nama, "n": n})
    return hasil
