"""The scheduled reminder rules beyond the daily activity one (issue 6 §2): monthly
realisation before/after its deadline, reviews pending too long, SKP not ditetapkan by the
deadline, and appraisal windows closing with ratings missing.

Each function decides, for today, who must be reminded of what and hands the decisions to
``services.buat_notifikasi``, whose unique key (recipient, kind, period) makes a second run
of the same day — or a retried task — create nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from aktivitas import rules as aktivitas_rules
from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.selectors.gangguan import batas_realisasi as batas_realisasi_bergeser
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from kalender.selectors import hari_libur
from notifikasi import rules
from notifikasi.models import Jenis
from notifikasi.selectors import (
    aktivitas_menunggu,
    batas_tunda,
    jendela_lewat,
    realisasi_menunggu,
    skp_belum_dinilai,
)
from notifikasi.services.kirim import Rencana, buat_notifikasi, hari_ini, pengaturan_pengingat
from pegawai.models import Instansi, Pegawai
from pegawai.selectors.hierarki import rantai_penilai
from penilaian.models import Penilaian, PeriodePenilaian
from penilaian.selectors.nilai import skp_wajib_dinilai, tanggal_penilaian
from skp.models import Periode, Skp


def _url(nama: str) -> str:
    return reverse(nama)


# --- monthly realisation --------------------------------------------------------------------
def ingatkan_realisasi(tanggal: dt.date | None = None) -> int:
    """Pegawai whose SKP covered last month and who have submitted no realisation for it:
    reminded within N days before the deadline, and once more after it has passed."""
    tanggal = tanggal or hari_ini()
    rencana: list[Rencana] = []
    for instansi_id in Instansi.objects.values_list("pk", flat=True):
        batas_tanggal = pengaturan_kinerja(instansi_id).batas_tanggal_realisasi
        atur = pengaturan_pengingat(instansi_id)
        lalu = rules.bulan_sebelumnya(tanggal)
        batas = batas_realisasi_bergeser(instansi_id, *lalu).berlaku  # after an outage
        jatuh = rules.realisasi_jatuh_tempo(
            tanggal, batas_tanggal, atur.hari_sebelum_batas_realisasi, batas
        )
        if jatuh is None:
            continue
        keadaan, kunci = jatuh
        tahun, bulan = (int(x) for x in kunci.split("-"))
        awal = dt.date(tahun, bulan, 1)
        akhir = aktivitas_rules.batas_realisasi(tahun, bulan, 1) - dt.timedelta(days=1)
        wajib = set(
            Skp.objects.filter(
                periode__instansi_id=instansi_id,
                mulai__lte=akhir,
                selesai__gte=awal,
                pegawai__is_active=True,
            )
            .exclude(status=Skp.Status.DIGANTIKAN)
            .values_list("pegawai_id", flat=True)
        )
        sudah = set(
            RealisasiBulanan.objects.filter(
                skp__pegawai_id__in=wajib,
                tahun=tahun,
                bulan=bulan,
                status__in=(RealisasiBulanan.Status.DIAJUKAN, RealisasiBulanan.Status.DISETUJUI),
            ).values_list("skp__pegawai_id", flat=True)
        )
        jenis = Jenis.REALISASI_MENJELANG if keadaan == "menjelang" else Jenis.REALISASI_TERLEWAT
        judul = (
            _("Realisasi bulan %(bulan)s jatuh tempo %(batas)s")
            if keadaan == "menjelang"
            else _("Realisasi bulan %(bulan)s belum dikirim (batas %(batas)s terlewat)")
        ) % {"bulan": kunci, "batas": batas.strftime("%d-%m-%Y")}
        rencana += [
            Rencana(pk, jenis, kunci, judul, tautan=_url("realisasi_bulanan"))
            for pk in sorted(wajib - sudah)
        ]
    return len(buat_notifikasi(rencana))


# --- reviews pending too long ---------------------------------------------------------------
def _mundur_hari_kerja(tanggal: dt.date, n: int, libur: set[dt.date]) -> dt.date:
    """The latest date whose review, still pending today, counts as pending > n workdays."""
    hari = tanggal
    while rules.hari_kerja_antara(hari, tanggal, libur) <= n:
        hari -= dt.timedelta(days=1)
    return hari


def ingatkan_tinjauan_tertunda(tanggal: dt.date | None = None) -> int:
    """Each atasan with activities or realisations waiting for him longer than N workdays.

    The row's stored ``penilai`` is whoever acted for the jabatan on the activity's date
    (a Plt or Plh included, kept current by aktivitas when assignments change), so the
    reminder reaches the one who must act."""
    tanggal = tanggal or hari_ini()
    per_penilai: Counter = Counter()
    for instansi_id in Instansi.objects.values_list("pk", flat=True):
        n = pengaturan_pengingat(instansi_id).hari_tinjauan_tertunda
        libur = hari_libur(instansi_id, tanggal - dt.timedelta(days=3 * n + 30), tanggal)
        sebelum = _mundur_hari_kerja(tanggal, n, libur)
        for penilai_id, jumlah in (
            Aktivitas.objects.filter(
                status=Aktivitas.Status.MENUNGGU,
                penilai__instansi_id=instansi_id,
                dientri_pada__date__lte=sebelum,
            )
            .values_list("penilai_id")
            .annotate(n=Count("pk"))
        ):
            per_penilai[penilai_id] += jumlah
        for penilai_id, jumlah in (
            RealisasiBulanan.objects.filter(
                status=RealisasiBulanan.Status.DIAJUKAN,
                penilai__instansi_id=instansi_id,
                diajukan_pada__date__lte=sebelum,
            )
            .values_list("penilai_id")
            .annotate(n=Count("pk"))
        ):
            per_penilai[penilai_id] += jumlah
    rencana = [
        Rencana(
            penilai_id,
            Jenis.TINJAUAN_TERTUNDA,
            tanggal.isoformat(),
            _("%(n)s kiriman bawahan menunggu tinjauan Anda terlalu lama") % {"n": jumlah},
            tautan=_url("aktivitas_tinjau"),
        )
        for penilai_id, jumlah in sorted(per_penilai.items())
    ]
    return len(buat_notifikasi(rencana))


# --- escalation to the penilai's own atasan (issue 17 §3) -----------------------------------
def _tertunda_per_penilai(instansi_id: int, tanggal: dt.date, n: int) -> Counter:
    """Items waiting more than ``n`` workdays, per penilai of the instansi: activities and
    realisations since they were submitted, ratings since their window's deadline."""
    libur = hari_libur(instansi_id, tanggal - dt.timedelta(days=3 * n + 400), tanggal)
    sebelum = rules.tanggal_batas_tunda(tanggal, n, libur)
    q = Q(penilai__instansi_id=instansi_id)
    hitung: Counter = Counter()
    for qs in (
        aktivitas_menunggu(q).filter(dientri_pada__date__lte=sebelum),
        realisasi_menunggu(q).filter(diajukan_pada__date__lte=sebelum),
        skp_belum_dinilai(q, jendela_lewat(instansi_id, sebelum, tanggal)),
    ):
        hitung.update(
            dict(qs.order_by().values_list("penilai_id").annotate(n=Count("pk", distinct=True)))
        )
    return hitung


def ingatkan_eskalasi_tinjauan(tanggal: dt.date | None = None) -> int:
    """The atasan of every penilai who lets activities, realisations or ratings wait beyond
    the second limit ("bawahan Anda belum meninjau"), once a week with the count of such
    subordinates; the list itself is the page ``pemantauan_eskalasi``.  A penilai rated by
    the PPK has no atasan here: the admin sees him on the dashboard."""
    tanggal = tanggal or hari_ini()
    tahun, minggu, _hari = tanggal.isocalendar()
    per_atasan: dict[int, set[int]] = defaultdict(set)
    for instansi_id in Instansi.objects.values_list("pk", flat=True):
        batas = batas_tunda(instansi_id)
        tertunda = _tertunda_per_penilai(instansi_id, tanggal, batas.penilai + batas.atasan)
        for penilai in Pegawai.objects.filter(pk__in=[k for k in tertunda if k is not None]):
            atasan = rantai_penilai(penilai, tanggal).pejabat_penilai
            if atasan is not None and not atasan.is_ppk:
                per_atasan[atasan.pegawai.pk].add(penilai.pk)
    rencana = [
        Rencana(
            atasan_id,
            Jenis.TINJAUAN_ESKALASI,
            f"eskalasi:{tahun}-W{minggu:02d}",
            _("%(n)s bawahan Anda belum meninjau kiriman yang tertunda terlalu lama")
            % {"n": len(penilai)},
            tautan=_url("pemantauan_eskalasi"),
        )
        for atasan_id, penilai in sorted(per_atasan.items())
    ]
    return len(buat_notifikasi(rencana))


# --- SKP not ditetapkan by the deadline ------------------------------------------------------
def ingatkan_skp(tanggal: dt.date | None = None) -> int:
    """Pegawai without a ditetapkan SKP as the deadline nears or after it passed; and the
    pejabat penilai of each SKP still waiting for his approval or penetapan."""
    tanggal = tanggal or hari_ini()
    rencana: list[Rencana] = []
    for periode in Periode.objects.filter(status=Periode.Status.DIBUKA):
        atur = pengaturan_pengingat(periode.instansi_id)
        keadaan = rules.batas_jatuh_tempo(
            tanggal, periode.batas_penetapan_skp, atur.hari_sebelum_batas_skp
        )
        if keadaan is None or tanggal > periode.selesai:
            continue
        jenis = Jenis.SKP_MENJELANG if keadaan == "menjelang" else Jenis.SKP_TERLEWAT
        batas = periode.batas_penetapan_skp.strftime("%d-%m-%Y")
        ditetapkan = Skp.objects.filter(periode=periode, status=Skp.Status.DITETAPKAN)
        belum = (
            Pegawai.objects.filter(
                instansi_id=periode.instansi_id, is_active=True, unit_kerja__isnull=False
            )
            .exclude(pk__in=ditetapkan.values("pegawai_id"))
            .values_list("pk", flat=True)
        )
        rencana += [
            Rencana(
                pk,
                jenis,
                f"skp:{periode.pk}",
                _("SKP %(tahun)s Anda belum ditetapkan (batas %(batas)s)")
                % {"tahun": periode.tahun, "batas": batas},
                tautan=_url("skp_daftar"),
            )
            for pk in belum
        ]
        menunggu = Counter(
            Skp.objects.filter(
                periode=periode,
                status__in=(Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI),
                penilai__isnull=False,
            ).values_list("penilai_id", flat=True)
        )
        rencana += [
            Rencana(
                penilai_id,
                jenis,
                f"skp-penilai:{periode.pk}",
                _("%(n)s SKP bawahan menunggu persetujuan Anda (batas %(batas)s)")
                % {"n": n, "batas": batas},
                tautan=_url("skp_antrean"),
            )
            for penilai_id, n in sorted(menunggu.items())
        ]
    return len(buat_notifikasi(rencana))


# --- appraisal windows closing --------------------------------------------------------------
def ingatkan_penilaian(tanggal: dt.date | None = None) -> int:
    """For each window whose deadline is within N days (or has passed, within the year after
    it), the pejabat penilai of every SKP still without a finished rating — one reminder per
    penilai per window and state, with the count.  A PPK-rated SKP reminds the admins of the
    instansi, who record those ratings for the PPK."""
    tanggal = tanggal or hari_ini()
    rencana: list[Rencana] = []
    jendela = PeriodePenilaian.objects.filter(
        dibuka__lte=tanggal, batas__gte=tanggal - dt.timedelta(days=365)
    ).select_related("periode")
    for pp in jendela:
        atur = pengaturan_pengingat(pp.periode.instansi_id)
        keadaan = rules.batas_jatuh_tempo(tanggal, pp.batas, atur.hari_sebelum_batas_penilaian)
        if keadaan is None:
            continue
        selesai = Penilaian.objects.filter(
            periode_penilaian=pp, status__in=(Penilaian.Status.DINILAI, Penilaian.Status.FINAL)
        ).values("skp_id")
        per_penilai: dict[int, int] = defaultdict(int)
        admin_ids = None
        for skp in skp_wajib_dinilai(pp).exclude(pk__in=selesai).select_related("pegawai"):
            pejabat = rantai_penilai(skp.pegawai, tanggal_penilaian(pp, skp)).pejabat_penilai
            if pejabat is None:
                continue
            if pejabat.is_ppk:
                if admin_ids is None:
                    admin_ids = list(
                        Pegawai.objects.filter(
                            instansi_id=pp.periode.instansi_id,
                            is_admin_instansi=True,
                            is_active=True,
                        ).values_list("pk", flat=True)
                    )
                for a in admin_ids:
                    per_penilai[a] += 1
            else:
                per_penilai[pejabat.pegawai.pk] += 1
        judul = (
            _("%(n)s pegawai belum Anda nilai pada %(jendela)s (batas %(batas)s)")
            if keadaan == "menjelang"
            else _("%(n)s pegawai belum Anda nilai pada %(jendela)s; batas %(batas)s terlewat")
        )
        rencana += [
            Rencana(
                penilai_id,
                Jenis.PENILAIAN_MENJELANG,
                f"penilaian:{pp.pk}:{keadaan}",
                judul % {"n": n, "jendela": pp, "batas": pp.batas.strftime("%d-%m-%Y")},
                tautan=_url("nilai_daftar"),
            )
            for penilai_id, n in sorted(per_penilai.items())
        ]
    return len(buat_notifikasi(rencana))


# --- colleagues' feedback not yet given (issue 17) ------------------------------------------
def ingatkan_umpan_balik_rekan(tanggal: dt.date | None = None) -> int:
    """Within N days before a window's rating deadline (the instansi's
    ``hari_sebelum_batas_penilaian``), everyone asked for feedback in that window who has not
    answered yet: one reminder per person per window, with the count.  None after the
    deadline (the answer is closed then)."""
    from penilaian.models import PermintaanUmpanBalik

    tanggal = tanggal or hari_ini()
    rencana: list[Rencana] = []
    jendela = (
        PeriodePenilaian.objects.filter(
            batas__gte=tanggal,
            permintaan_umpan_balik__isnull=False,
            permintaan_umpan_balik__dijawab_pada__isnull=True,
        )
        .select_related("periode")
        .distinct()
    )
    for pp in jendela:
        atur = pengaturan_pengingat(pp.periode.instansi_id)
        if rules.batas_jatuh_tempo(tanggal, pp.batas, atur.hari_sebelum_batas_penilaian) != (
            "menjelang"
        ):
            continue
        per_orang = Counter(
            PermintaanUmpanBalik.objects.filter(
                periode_penilaian=pp, dijawab_pada__isnull=True
            ).values_list("responden_id", flat=True)
        )
        rencana += [
            Rencana(
                responden_id,
                Jenis.UMPAN_BALIK_DIMINTA,
                f"umpan-balik-rekan:{pp.pk}",
                _("%(n)s permintaan umpan balik rekan kerja belum Anda jawab (batas %(batas)s)")
                % {"n": n, "batas": pp.batas.strftime("%d-%m-%Y")},
                tautan=_url("umpan_balik_rekan_masuk"),
            )
            for responden_id, n in sorted(per_orang.items())
        ]
    return len(buat_notifikasi(rencana))
