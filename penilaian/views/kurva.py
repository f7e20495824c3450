"""Pages of the distribution curve: the predikat kinerja organisasi per unit (admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from inti.ekspor import respons_tabel
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from inti.replika import boleh_replika
from pegawai.models import UnitKerja
from penilaian import rules
from penilaian.forms.kurva import JustifikasiForm, PredikatOrganisasiForm
from penilaian.models import PredikatKinerjaOrganisasi
from penilaian.selectors import kalibrasi as selectors_kalibrasi
from penilaian.selectors import kurva as selectors_kurva
from penilaian.services import kurva as services_kurva
from penilaian.services import nilai as services
from penilaian.views.nilai import admin_instansi

PER_HALAMAN = 25  # long lists: at most 25 rows a page (issue 12)


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun") or request.POST.get("tahun"))
    except (TypeError, ValueError):
        return timezone.localdate().year


def pilihan_jendela(instansi_id: int, tahun: int) -> list[tuple[str, str]]:
    """The year and each window of the instansi's periodic rhythm: (key, label)."""
    jenis = services.pengaturan_instansi(instansi_id).jenis_periodik
    jumlah = rules.JUMLAH_JENDELA[rules.JenisPeriode(jenis)]
    label = rules.LABEL_JENIS_PERIODE[rules.JenisPeriode(jenis)]
    return [(f"{rules.JenisPeriode.TAHUNAN}-1", _("Tahunan %(tahun)s") % {"tahun": tahun})] + [
        (f"{jenis}-{i}", f"{label} {i} {tahun}") for i in range(1, jumlah + 1)
    ]


def _jendela(request, pilihan: list[tuple[str, str]]) -> tuple[str, int, str]:
    """The chosen window (jenis, urutan, label); the year when the choice is unknown."""
    kunci = request.GET.get("jendela") or request.POST.get("jendela") or pilihan[0][0]
    label = dict(pilihan).get(kunci)
    if label is None:
        kunci, label = pilihan[0]
    jenis, urutan = kunci.rsplit("-", 1)
    return jenis, int(urutan), label


@admin_instansi
@require_GET
def predikat_organisasi(request):
    """The admin sets the predikat kinerja organisasi of every unit for the year and for each
    periodic window (domain.md §4), with the document that set it; the history of changes
    of the chosen window is listed below."""
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    tahun = _tahun(request)
    pilihan = pilihan_jendela(request.user.instansi_id, tahun)
    jenis, urutan, label = _jendela(request, pilihan)
    halaman = Paginator(
        UnitKerja.objects.filter(instansi_id=request.user.instansi_id).order_by("path"),
        PER_HALAMAN,
    ).get_page(request.GET.get("page"))
    ada = {
        po.unit_id: po
        for po in PredikatKinerjaOrganisasi.objects.filter(
            tahun=tahun, jenis=jenis, urutan=urutan, unit__in=list(halaman.object_list)
        ).select_related("ditetapkan_oleh")
    }
    baris = [(u, ada.get(u.pk), None) for u in halaman.object_list]
    return render(
        request,
        "penilaian/kurva/predikat.html",
        {
            "tahun": tahun,
            "pilihan_jendela": pilihan,
            "jendela": f"{jenis}-{urutan}",
            "label_jendela": label,
            "halaman": halaman,
            "page_obj": halaman,
            "baris": baris,
            "riwayat": selectors_kurva.riwayat_predikat_organisasi(
                request.user.instansi_id, tahun, jenis, urutan
            ),
        },
    )


def _form_predikat(u: UnitKerja, po: PredikatKinerjaOrganisasi | None, data=None):
    awal = None
    if po is not None:
        awal = {
            "predikat": po.predikat,
            "catatan": po.catatan,
            "nomor_penetapan": po.nomor_penetapan,
            "tanggal_penetapan": po.tanggal_penetapan,
        }
    return PredikatOrganisasiForm(data, initial=awal, prefix=f"u{u.pk}")


@admin_instansi
@require_http_methods(["GET", "POST"])
def predikat_organisasi_tetapkan(request, unit: int):
    """GET: the form of one unit for the chosen window (into its row with htmx, else a
    page); POST: save it."""
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Predikat organisasi diatur oleh admin instansi masing-masing."))
    u = get_object_or_404(UnitKerja, pk=unit, instansi_id=request.user.instansi_id)
    tahun = _tahun(request)
    jenis, urutan, label = _jendela(request, pilihan_jendela(request.user.instansi_id, tahun))
    po = (
        PredikatKinerjaOrganisasi.objects.filter(unit=u, tahun=tahun, jenis=jenis, urutan=urutan)
        .select_related("ditetapkan_oleh")
        .first()
    )

    def halaman(form, status=200):
        konteks = {
            "unit": u,
            "po": po,
            "form": form,
            "tahun": tahun,
            "jendela": f"{jenis}-{urutan}",
            "label_jendela": label,
        }
        if request.method == "GET" and getattr(request, "htmx", False):
            return render(request, "penilaian/kurva/predikat.html#baris", konteks)
        return render(request, "penilaian/kurva/predikat_tetapkan.html", konteks, status=status)

    if request.method == "GET":
        return halaman(_form_predikat(u, po))
    form = PredikatOrganisasiForm(request.POST, prefix=f"u{u.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services_kurva.tetapkan_predikat_organisasi(
                request.user,
                u,
                tahun,
                d["predikat"],
                d["catatan"],
                jenis=jenis,
                urutan=urutan,
                nomor_penetapan=d["nomor_penetapan"],
                tanggal_penetapan=d["tanggal_penetapan"],
            )
        except ValidationError as e:
            galat = e.message_dict if hasattr(e, "error_dict") else {None: e.messages}
            for kolom, pesan in galat.items():
                form.add_error(kolom if kolom in form.fields else None, pesan)
        else:
            messages.success(
                request,
                _("Predikat organisasi %(unit)s untuk %(jendela)s disimpan.")
                % {"unit": u.nama, "jendela": label},
            )
            return redirect(
                f"{reverse('predikat_organisasi')}?tahun={tahun}&jendela={jenis}-{urutan}"
            )
    # Refused: the form again with the messages next to the fields, nothing saved.
    return halaman(form, status=400)


# --- the curve of a unit --------------------------------------------------------------------
@login_required
@require_GET
@boleh_replika
def kurva_daftar(request):
    """The curves the user may open in a year (admin: all; operator: his units; atasan: the
    groups of his subordinates), with each finalised unit's distribution and, when it was
    finalised outside the curve, the pimpinan's justification; also as XLSX/CSV."""
    tahun = _tahun(request)
    daftar = selectors_kurva.kurva_terlihat(request.user, tahun)
    fmt = request.GET.get("format")
    if fmt:
        return respons_tabel(
            f"kurva-distribusi-{tahun}", fmt, *_tabel_kurva(daftar), judul=_("Kurva distribusi")
        )
    return render(
        request,
        "penilaian/kurva/daftar.html",
        {
            "tahun": tahun,
            "daftar": daftar,
            "boleh_kalibrasi": selectors_kalibrasi.boleh_kalibrasi(request.user),
        },
    )


def _tabel_kurva(daftar) -> tuple[list[str], list[list[object]]]:
    kolom = [
        _("Kode unit"),
        _("Unit kerja"),
        _("Predikat organisasi"),
        _("Status"),
        *[str(label) for label in rules.LABEL_PREDIKAT.values()],
        _("Di luar kurva"),
        _("Batas yang tidak terpenuhi"),
        _("Justifikasi pimpinan"),
    ]
    baris = [
        [
            po.unit.kode,
            po.unit.nama,
            po.get_predikat_display(),
            _("Final") if po.difinalkan_pada else _("Berjalan"),
            *[
                po.distribusi_final.get(str(pr), 0) if po.difinalkan_pada else ""
                for pr in rules.LABEL_PREDIKAT
            ],
            (_("Ya") if po.justifikasi else _("Tidak")) if po.difinalkan_pada else "",
            "; ".join(po.pelanggaran_kurva),
            po.justifikasi,
        ]
        for po in daftar
    ]
    return kolom, baris


def _kelompok_terlihat(request, unit: int):
    u = get_object_or_404(UnitKerja.objects.select_related("instansi"), pk=unit)
    if not request.user.is_superuser and u.instansi_id != request.user.instansi_id:
        raise Http404
    kelompok = selectors_kurva.kelompok_kurva(u, _tahun(request))
    if not selectors_kurva.boleh_lihat_kurva(request.user, kelompok):
        raise PermissionDenied(_("Anda tidak berwenang melihat kurva distribusi unit ini."))
    return kelompok


@login_required
@require_GET
@boleh_replika
def kurva_unit(request, unit: int):
    """A unit's live distribution against its curve, the people behind it, and (for the
    admin) the finalisation of the unit's annual predikat."""
    kelompok = _kelompok_terlihat(request, unit)
    ringkasan = selectors_kurva.ringkasan_dari_kelompok(kelompok)
    nilai = {p.skp_id: p for p in kelompok.penilaian}
    baris = [(s, nilai.get(s.pk)) for s in kelompok.skp]
    halaman = Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page"))
    contoh = []
    if ringkasan.contoh:
        contoh = [(rules.LABEL_PREDIKAT[p], n) for p, n in ringkasan.contoh.items() if n]
    po = kelompok.predikat_organisasi
    boleh = bool(
        po
        and not po.difinalkan_pada
        and services_kurva.boleh_finalkan(request.user, po) is not None
    )
    return render(
        request,
        "penilaian/kurva/unit.html",
        {
            "kelompok": kelompok,
            "ringkasan": ringkasan,
            "page_obj": halaman,
            "contoh": contoh,
            "tahun": kelompok.tahun,
            "url_finalkan": reverse("kurva_finalkan", args=[kelompok.unit.pk])
            + f"?tahun={kelompok.tahun}",
            "boleh_finalkan": boleh,
            # Said beside the button: what happens to a unit outside the curve.
            "kurva_ketat": boleh and services_kurva.is_kurva_ketat(po.instansi_id),
            "boleh_kalibrasi": selectors_kalibrasi.boleh_kalibrasi(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kurva_finalkan(request, unit: int):
    """GET: the confirmation, in numbers (with the justification field when the distribution
    is outside the curve); POST: finalise the group's annual ratings once."""
    kelompok = _kelompok_terlihat(request, unit)
    tujuan = f"{reverse('kurva_unit', args=[unit])}?tahun={kelompok.tahun}"
    po = kelompok.predikat_organisasi
    if po is None:
        messages.error(request, _("Predikat kinerja organisasi unit ini belum ditetapkan."))
        return redirect(tujuan)
    if services_kurva.boleh_finalkan(request.user, po) is None:
        raise PermissionDenied(
            _("Hanya admin instansi atau pimpinan unit ini yang boleh memfinalkan kurvanya.")
        )
    if po.difinalkan_pada:  # a repeated POST (or a stale button): the first one did it
        messages.info(request, _("Kurva distribusi unit ini sudah difinalkan; tidak diulang."))
        return redirect(tujuan)
    ringkasan = selectors_kurva.ringkasan_dari_kelompok(kelompok)
    di_luar = bool(ringkasan.pemeriksaan and not ringkasan.pemeriksaan.ok)
    if request.method == "GET":
        if ringkasan.belum_selesai or (di_luar and services_kurva.is_kurva_ketat(po.instansi_id)):
            return _tolak_sebelum_bertanya(request, kelompok, ringkasan, tujuan)
        form = JustifikasiForm() if di_luar else None
        return _konfirmasi_finalkan(request, kelompok, ringkasan, tujuan, form)
    form = JustifikasiForm(request.POST) if di_luar else None
    try:
        jumlah = services_kurva.finalkan_kurva(
            request.user, po, request.POST.get("justifikasi", "")
        )
    except ValidationError as e:
        if form is not None and hasattr(e, "error_dict") and "justifikasi" in e.error_dict:
            form.is_valid()
            form.errors.pop("justifikasi", None)
            form.add_error("justifikasi", e.error_dict["justifikasi"])
            return _konfirmasi_finalkan(request, kelompok, ringkasan, tujuan, form)
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            _("Predikat tahunan %(n)s pegawai difinalkan; jangka keberatan mulai hari ini.")
            % {"n": jumlah},
        )
    return redirect(tujuan)


def _tolak_sebelum_bertanya(request, kelompok, ringkasan, tujuan: str):
    """Nothing to confirm: someone is not rated yet, or the strict mode refuses the curve."""
    if ringkasan.belum_selesai:
        messages.error(
            request,
            _("Belum semua pegawai selesai dinilai (%(jumlah)s orang).")
            % {"jumlah": ringkasan.belum_selesai},
        )
    else:
        messages.error(
            request,
            _("Instansi memakai kurva ketat: unit di luar kurva tidak dapat difinalkan."),
        )
        for h in ringkasan.pemeriksaan.hasil:
            if not h.terpenuhi:
                messages.error(request, h.pesan)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(tujuan)
    return redirect(tujuan)


def _konfirmasi_finalkan(request, kelompok, ringkasan, tujuan: str, form=None):
    """Say how many annual ratings become final, and their distribution, before doing it;
    outside the curve, say which limits and ask for the pimpinan's justification."""
    rincian = [
        _("%(predikat)s: %(n)s orang") % {"predikat": label, "n": n}
        for label, n, _draft, _persen in ringkasan.baris
        if n
    ]
    if form is not None:
        rincian += [
            _("Di luar kurva: %(batas)s") % {"batas": h.pesan}
            for h in ringkasan.pemeriksaan.hasil
            if not h.terpenuhi
        ]
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Finalkan kurva distribusi"),
            pertanyaan=_("Finalkan predikat tahunan %(n)s pegawai %(unit)s tahun %(tahun)s?")
            % {"n": ringkasan.n, "unit": kelompok.unit.nama, "tahun": kelompok.tahun},
            akibat=_(
                "Setelah difinalkan, predikat tidak dapat diubah lagi kecuali melalui keberatan; "
                "pegawai menerima predikatnya dan jangka keberatan dimulai hari ini."
            ),
            tombol=_("Ya, finalkan"),
            aksi=reverse("kurva_finalkan", args=[kelompok.unit.pk]) + f"?tahun={kelompok.tahun}",
            kembali=tujuan,
            bahaya=True,
            rincian=rincian,
            form=form,
        ),
    )
