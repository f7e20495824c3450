"""Reads of SKP planning, scoped to the user, with a fixed number of queries per page."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import peran
from pegawai.selectors.organisasi import instansi_kelola, pegawai_terlihat

from .models import IndikatorKinerja, LaporanAtasan, Periode, RencanaHasilKerja, Skp


def periode_terlihat(user) -> QuerySet[Periode]:
    qs = Periode.objects.select_related("instansi")
    if user.is_superuser:
        return qs
    return qs.filter(instansi_id=user.instansi_id)


def skp_terlihat(user) -> QuerySet[Skp]:
    """SKP of the pegawai the user may see, plus those he must approve."""
    qs = Skp.objects.select_related("pegawai", "periode", "jabatan", "unit", "penilai")
    if user.is_superuser:
        return qs
    return qs.filter(Q(pegawai__in=pegawai_terlihat(user).values("pk")) | Q(penilai=user))


def get_skp(user, pk: int) -> Skp:
    """One SKP with everything its page shows, in a fixed number of queries; else 404."""
    qs = (
        skp_terlihat(user)
        .select_related("periode__instansi", "versi_sebelumnya")
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=RencanaHasilKerja.objects.select_related("rhk_atasan__skp__pegawai")
                .prefetch_related(
                    Prefetch(
                        "indikator", queryset=IndikatorKinerja.objects.order_by("urutan", "id")
                    )
                )
                .order_by("jenis", "urutan", "id"),
            ),
            "perilaku",
            "lampiran",
        )
    )
    return get_object_or_404(qs, pk=pk)


def skp_saya(user) -> QuerySet[Skp]:
    return skp_terlihat(user).filter(pegawai=user).order_by("-periode__mulai", "-mulai", "-versi")


def antrean_persetujuan(user) -> QuerySet[Skp]:
    """SKP waiting for this user as pejabat penilai today (diajukan or disetujui)."""
    ids = peran(user).bawahan_ids
    return (
        Skp.objects.filter(
            pegawai_id__in=ids, status__in=[Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI]
        )
        .select_related("pegawai", "periode", "jabatan", "unit")
        .annotate(jumlah_rhk=Count("rhk"))
        .order_by("diajukan_pada")
    )


def riwayat_skp(skp: Skp) -> QuerySet[Riwayat]:
    """The timeline of an SKP and of its earlier versions."""
    ids = [skp.pk]
    sebelum = skp.versi_sebelumnya
    while sebelum is not None:  # versions are few (a handful a year)
        ids.append(sebelum.pk)
        sebelum = sebelum.versi_sebelumnya
    return (
        Riwayat.objects.filter(
            content_type__app_label="skp", content_type__model="skp", object_id__in=ids
        )
        .select_related("pelaku", "subjek")
        .order_by("-waktu", "-id")
    )


def matriks_peran_hasil(skp_atasan: Skp) -> list[tuple[RencanaHasilKerja, list[RencanaHasilKerja]]]:
    """Each RHK of the atasan with the subordinates' RHK that intervene it (2 queries).

    RHK of superseded versions are left out; an RHK with an empty list is supported by nobody.
    """
    rhk = list(
        skp_atasan.rhk.filter(jenis=RencanaHasilKerja.Jenis.UTAMA)
        .prefetch_related(
            Prefetch(
                "rhk_intervensi",
                queryset=RencanaHasilKerja.objects.exclude(skp__status=Skp.Status.DIGANTIKAN)
                .select_related("skp__pegawai", "skp__jabatan")
                .order_by("skp__pegawai__nama", "id"),
                to_attr="pendukung",
            )
        )
        .order_by("urutan", "id")
    )
    return [(r, r.pendukung) for r in rhk]


def pegawai_belum_punya_skp(user, periode: Periode) -> QuerySet[Pegawai]:
    return pegawai_terlihat(user).exclude(skp__periode=periode)


# --- the atasan's pages, the matriks peran hasil and the RHK library --------------------------
# (skp/views/atasan.py, skp/views/pustaka.py)
def dinilai_ppk(pegawai_ids, tanggal) -> set[int]:
    """Those of ``pegawai_ids`` whose pejabat penilai on ``tanggal`` is the PPK (3 queries;
    cached until the organisation changes — the admin's home page asks on every visit)."""
    import hashlib

    from inti.cache_versi import ambil

    ids = sorted(set(pegawai_ids))
    sidik = hashlib.sha1(",".join(map(str, ids)).encode(), usedforsecurity=False).hexdigest()
    return ambil(
        "organisasi", f"ppk:{tanggal.isoformat()}:{sidik}", lambda: _dinilai_ppk(ids, tanggal)
    )


def _dinilai_ppk(pegawai_ids, tanggal) -> set[int]:
    """See :func:`dinilai_ppk`.

    The bulk form of ``rantai_penilai(p, tanggal).pejabat_penilai.is_ppk``: the pegawai has a
    definitif jabatan and nobody acts in any jabatan above it (the same
    :func:`pegawai.selectors.hierarki.pemangku_jabatan` rule, "never himself" included).
    """
    from collections import defaultdict

    from pegawai.models import Penugasan
    from pegawai.selectors.hierarki import pemangku_jabatan

    jabatan: dict[int, object] = {}
    definitif = (
        Penugasan.objects.aktif_pada(tanggal)
        .filter(pegawai_id__in=list(pegawai_ids), jenis=Penugasan.Jenis.DEFINITIF)
        .select_related("jabatan")
        .order_by("pegawai_id", "-mulai")
    )
    for p in definitif:
        jabatan.setdefault(p.pegawai_id, p.jabatan)
    leluhur = {a for j in jabatan.values() for a in j.id_leluhur}
    pemangku: dict[int, list] = defaultdict(list)
    if leluhur:
        for p in (
            Penugasan.objects.aktif_pada(tanggal)
            .filter(jabatan_id__in=leluhur)
            .select_related("pegawai")
        ):
            pemangku[p.jabatan_id].append(p)
    return {
        pegawai_id
        for pegawai_id, j in jabatan.items()
        if all(pemangku_jabatan(pemangku[a], kecuali={pegawai_id}) is None for a in j.id_leluhur)
    }


def antrean_atas_nama_ppk(user, tanggal=None) -> QuerySet[Skp]:
    """For the admin instansi: SKP waiting for the PPK (diajukan/disetujui), which he records.

    Only SKP that can be rated by the PPK are examined — those submitted to the PPK
    (``penilai`` empty), JPT ones and those of a jabatan at the top of the tree — and each is
    then checked against today's chain, so a fixed number of queries answers the page.
    """
    import datetime as dt

    from pegawai.models import Jabatan

    if not peran(user).is_admin:
        return Skp.objects.none()
    menunggu = [Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI]
    calon = Skp.objects.filter(status__in=menunggu).exclude(pegawai=user)
    if not user.is_superuser:
        calon = calon.filter(periode__instansi_id=user.instansi_id)
    calon = calon.filter(
        Q(penilai__isnull=True)
        | Q(jabatan__induk__isnull=True)
        | Q(jabatan__jenis__in=Jabatan.JENIS_JPT)
    )
    pasangan = list(calon.values_list("pk", "pegawai_id"))
    ppk = dinilai_ppk({p for _, p in pasangan}, tanggal or dt.date.today()) if pasangan else set()
    return Skp.objects.filter(pk__in=[s for s, p in pasangan if p in ppk])


def antrean_penilai(user) -> QuerySet[Skp]:
    """The atasan's queue (:func:`antrean_persetujuan`) plus, for the admin instansi, the SKP
    he records for the PPK (annotated ``atas_nama_ppk``); oldest submission first."""
    from django.db.models import BooleanField, Case, Value, When

    ppk = list(antrean_atas_nama_ppk(user).values_list("pk", flat=True))
    sendiri = antrean_persetujuan(user).values("pk")
    return (
        Skp.objects.filter(Q(pk__in=sendiri) | Q(pk__in=ppk))
        .select_related("pegawai", "periode", "jabatan", "unit")
        .annotate(
            jumlah_rhk=Count("rhk"),
            atas_nama_ppk=Case(
                When(pk__in=ppk, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("diajukan_pada", "pk")
    )


def periode_instansi(user) -> QuerySet[Periode]:
    """The periods of the user's own instansi, newest first (open ones before closed)."""
    return Periode.objects.filter(instansi_id=user.instansi_id).order_by("-mulai")


def skp_kini(pegawai, periode: Periode) -> Skp | None:
    """The pegawai's SKP in force in ``periode``: the latest jabatan's, and of its versions the
    ditetapkan one while a revision is still in progress (else the newest)."""
    from django.db.models import Case, IntegerField, Value, When

    return (
        Skp.objects.filter(pegawai=pegawai, periode=periode)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .select_related("jabatan", "periode")
        .annotate(
            berlaku=Case(
                When(status=Skp.Status.DITETAPKAN, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-mulai", "-berlaku", "-versi")
        .first()
    )


def bawahan_tanpa_skp(user, periode: Periode) -> QuerySet[Pegawai]:
    """The user's subordinates today (pejabat penilai = user) with no SKP in ``periode``,
    annotated ``jabatan_nama``."""
    from pegawai.selectors.organisasi import dengan_jabatan

    qs = Pegawai.objects.filter(pk__in=peran(user).bawahan_ids).exclude(
        pk__in=Skp.objects.filter(periode=periode).values("pegawai_id")
    )
    return dengan_jabatan(qs.select_related("unit_kerja")).order_by("nama", "nip")


def jabatan_pustaka(user):
    """Jabatan whose RHK library the user maintains: the admin's instansi, the operator's units
    (with their sub-units)."""
    from functools import reduce
    from operator import or_

    from pegawai.models import Jabatan

    qs = Jabatan.objects.select_related("unit")
    if user.is_superuser:
        return qs
    p = peran(user)
    if p.is_admin:
        return qs.filter(instansi_id=user.instansi_id)
    if p.is_operator:
        return qs.filter(
            reduce(or_, (Q(unit__path__startswith=path) for _, path in p.unit_operator))
        )
    return qs.none()


def pustaka_kelola(user, *, unit=None, jabatan=None, cari: str = ""):
    """RHK library entries the user may list and change, optionally narrowed by unit (with
    its sub-units), jabatan and a word of the RHK text."""
    from .models import PustakaRhk

    qs = PustakaRhk.objects.select_related("jabatan__unit", "dibuat_oleh").filter(
        jabatan_id__in=jabatan_pustaka(user).values("pk")
    )
    if unit is not None:
        qs = qs.filter(jabatan__unit__path__startswith=unit.path)
    if jabatan is not None:
        qs = qs.filter(jabatan=jabatan)
    if cari.strip():
        qs = qs.filter(teks__icontains=cari.strip())
    return qs.order_by("jabatan__unit__path", "jabatan__nama", "id")


def pustaka_untuk_skp(skp: Skp):
    """The library entries offered to an SKP: those of its jabatan."""
    from .models import PustakaRhk

    return PustakaRhk.objects.filter(jabatan_id=skp.jabatan_id).order_by("id")


# --- cascading completed later and "atasan saya salah" (issue 17 §7) -------------------------
# (skp/views/laporan_atasan.py, the SKP page, notifikasi's reminder)
def skp_atasan(skp: Skp, rantai) -> Skp | None:
    """The pejabat penilai's SKP of the same period (its newest live version), or None: what
    the SKP page says about the cascade that may wait (one query)."""
    penilai = rantai.pejabat_penilai
    if penilai is None or penilai.is_ppk or penilai.pegawai is None:
        return None
    return (
        Skp.objects.filter(pegawai=penilai.pegawai, periode_id=skp.periode_id)
        .exclude(status=Skp.Status.DIGANTIKAN)
        .order_by("-versi", "-mulai")
        .first()
    )


def skp_bawahan_tanpa_intervensi(skp_atasan: Skp, bawahan_ids) -> QuerySet[Skp]:
    """The subordinates' SKP of the same period still being drafted with an utama RHK that
    does not yet name the RHK atasan it intervenes: whom to remind once ``skp_atasan`` is
    approved (one query)."""
    return (
        Skp.objects.filter(
            pegawai_id__in=bawahan_ids,
            periode_id=skp_atasan.periode_id,
            status__in=[Skp.Status.DRAFT, Skp.Status.DIKEMBALIKAN],
            rhk__jenis=RencanaHasilKerja.Jenis.UTAMA,
            rhk__rhk_atasan__isnull=True,
        )
        .exclude(jabatan__jenis__startswith="jpt")
        .distinct()
    )


def laporan_atasan_saya(user) -> QuerySet:
    """The user's own reports of a wrong atasan, newest first."""
    return LaporanAtasan.objects.filter(pelapor=user)


def laporan_atasan_kelola(user) -> QuerySet:
    """Reports the user answers: those of the instansi he is admin of (all for a superuser);
    a foreign id is therefore a 404."""
    qs = LaporanAtasan.objects.select_related(
        "pelapor", "jabatan__induk", "unit", "atasan_tercatat", "atasan_diusulkan", "dijawab_oleh"
    )
    if user.is_superuser:
        return qs
    return qs.filter(instansi__in=instansi_kelola(user))


def get_laporan_atasan(user, pk: int):
    return get_object_or_404(laporan_atasan_kelola(user), pk=pk)


def jabatan_untuk_laporan(user, laporan: LaporanAtasan) -> QuerySet:
    """The jabatan the admin may move the reporting pegawai to: those of his unit and of the
    proposed atasan's unit (a short list instead of every jabatan of the instansi)."""
    from pegawai.selectors.hierarki import jabatan_definitif
    from pegawai.selectors.organisasi import jabatan_pilihan

    unit_ids = {laporan.unit_id} - {None}
    if laporan.atasan_diusulkan is not None:
        penugasan = jabatan_definitif(laporan.atasan_diusulkan, laporan.dibuat_pada.date())
        if penugasan is not None:
            unit_ids.add(penugasan.jabatan.unit_id)
    return jabatan_pilihan(user, laporan.instansi_id).filter(unit_id__in=unit_ids)
