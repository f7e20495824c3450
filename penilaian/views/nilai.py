"""The rating pages: instansi settings and windows (admin), the penilai's list and rating
page (with a live predikat preview), "Penilaian saya" and the read-only rating detail.

Thin views: scoped selector (a foreign object → 404) → service (no right → 403) → render.
Every htmx action also works as a plain POST."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.formulir import terapkan_galat
from inti.konfirmasi import Konfirmasi, tampilkan_konfirmasi
from pegawai.permissions import peran
from penilaian import rules
from penilaian.forms.nilai import JendelaForm, PengaturanPenilaianForm, PenilaianForm
from penilaian.models import Keberatan, Penilaian
from penilaian.selectors import nilai as selectors
from penilaian.selectors import penilaian_diri as selectors_diri
from penilaian.selectors import umpan_balik_rekan as selectors_umpan_balik
from penilaian.selectors.kurva import ringkasan_kurva_skp
from penilaian.services import keberatan as services_keberatan
from penilaian.services import nilai as services
from skp.selectors import periode_terlihat
from skp.services import penyusunan as skp_services

T = "penilaian/nilai/"
PER_HALAMAN = 25


def admin_instansi(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not peran(request.user).is_admin:
            raise PermissionDenied(_("Halaman ini hanya untuk admin instansi."))
        return view(request, *args, **kwargs)

    return wrapper


# --- settings and windows (admin instansi) --------------------------------------------------
@admin_instansi
@require_http_methods(["GET", "POST"])
def pengaturan_penilaian(request: HttpRequest) -> HttpResponse:
    if request.user.instansi_id is None:
        raise PermissionDenied(_("Pengaturan penilaian diatur oleh admin instansi masing-masing."))
    pengaturan = services.pengaturan_instansi(request.user.instansi_id)
    form = PengaturanPenilaianForm(request.POST or None, instance=pengaturan)
    if request.method == "POST" and form.is_valid():
        try:
            services.ubah_pengaturan(request.user, form.instance)
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(request, _("Pengaturan penilaian disimpan."))
            return redirect("pengaturan_penilaian")
    return render(request, T + "pengaturan.html", {"form": form})


@admin_instansi
@require_GET
def jendela_daftar(request: HttpRequest) -> HttpResponse:
    qs = (
        periode_terlihat(request.user)
        .annotate(jumlah_jendela=Count("penilaian"))
        .order_by("instansi__nama", "-tahun")
    )
    return render(
        request,
        T + "jendela_daftar.html",
        {"page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))},
    )


@admin_instansi
@require_GET
def jendela_periode(request: HttpRequest, pk: int) -> HttpResponse:
    periode = get_object_or_404(periode_terlihat(request.user), pk=pk)
    jendela = selectors.jendela_terlihat(request.user).filter(periode=periode)
    return render(
        request,
        T + "jendela_periode.html",
        {
            "periode": periode,
            "jendela": jendela.order_by("selesai", "jenis"),
            "hari_ini": skp_services.hari_ini(),
        },
    )


@admin_instansi
@require_POST
def jendela_buat(request: HttpRequest, pk: int) -> HttpResponse:
    periode = get_object_or_404(periode_terlihat(request.user), pk=pk)
    sebelum = periode.penilaian.count()
    jendela = services.buat_periode_penilaian(request.user, periode)
    baru = len(jendela) - sebelum
    if baru:
        messages.success(request, _("%(n)s jendela penilaian dibuat.") % {"n": baru})
    else:
        messages.info(request, _("Semua jendela penilaian periode ini sudah ada."))
    return redirect("jendela_periode", pk=periode.pk)


@admin_instansi
@require_http_methods(["GET", "POST"])
def jendela_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pp = get_object_or_404(selectors.jendela_terlihat(request.user), pk=pk)
    form = JendelaForm(request.POST or None, instance=pp)
    if request.method == "POST" and form.is_valid():
        try:
            services.ubah_periode_penilaian(
                request.user, pp, form.cleaned_data["dibuka"], form.cleaned_data["batas"]
            )
        except ValidationError as e:
            terapkan_galat(form, e)
        else:
            messages.success(request, _("Jendela penilaian diubah."))
            return redirect("jendela_periode", pk=pp.periode_id)
    return render(request, T + "jendela_ubah.html", {"form": form, "pp": pp})


# --- the penilai's list and rating page -----------------------------------------------------
@login_required
@require_GET
def nilai_daftar(request: HttpRequest) -> HttpResponse:
    hari_ini = skp_services.hari_ini()
    jendela = list(selectors.jendela_terlihat(request.user).order_by("-selesai", "jenis"))
    pp = None
    pilihan = request.GET.get("jendela", "")
    if pilihan.isdigit():
        pp = next((j for j in jendela if j.pk == int(pilihan)), None)
    pp = pp or selectors.jendela_bawaan(jendela, hari_ini)
    baris = selectors.skp_untuk_penilai(request.user, pp, hari_ini) if pp else []
    return render(
        request,
        T + "daftar.html",
        {
            "jendela": jendela,
            "pp": pp,
            "page_obj": Paginator(baris, PER_HALAMAN).get_page(request.GET.get("page")),
            "jumlah_belum": sum(b.penilaian is None or b.status == "draft" for b in baris),
            "terbuka": pp is not None and pp.dibuka <= hari_ini,
            "hari_ini": hari_ini,
        },
    )


def _objek_penilai(request: HttpRequest, jendela: int, skp: int):
    """The window and the SKP the user rates (a foreign id 404, no right 403)."""
    pp = get_object_or_404(selectors.jendela_terlihat(request.user), pk=jendela)
    skp_obj = get_object_or_404(
        selectors.skp_wajib_dinilai(pp).select_related(
            "pegawai", "jabatan__induk", "unit", "periode__instansi"
        ),
        pk=skp,
    )
    hak = services.sebagai_penilai(request.user, pp, skp_obj)
    return pp, skp_obj, hak


def _objek_penilaian(request: HttpRequest, jendela: int, skp: int):
    pp, skp_obj, hak = _objek_penilai(request, jendela, skp)
    penilaian = Penilaian.objects.filter(periode_penilaian=pp, skp=skp_obj).first()
    return pp, skp_obj, hak, penilaian


def _pratinjau_predikat(form: PenilaianForm, organisasi) -> str:
    data = form.cleaned_data if form.is_valid() else {}
    hasil = organisasi.rating if organisasi.berlaku else data.get("rating_hasil_kerja", "")
    perilaku = data.get("rating_perilaku", "")
    if hasil and perilaku:
        return str(rules.predikat(rules.Rating(hasil), rules.Rating(perilaku)))
    return ""


def _konteks_bahan(pp, skp) -> dict:
    """The material of a rating: per RHK the realisations, activities, evidence and feedback
    of the window, and the pegawai's self-assessment beside it (issue 17)."""
    bahan = selectors.bahan_penilaian(pp, skp, perilaku=False)
    return {
        "bahan": bahan,
        "tampilan": selectors_diri.tampilan(selectors_diri.penilaian_diri(pp, skp), bahan),
    }


def _konteks_kurva(pp, skp) -> dict:
    # The live distribution against the curve of this window: the annual predikat
    # organisasi for the year, the periodic one for a periodic window (0004 §2).
    return {
        "ringkasan_kurva": ringkasan_kurva_skp(skp, pp.periode.tahun, None if pp.is_tahunan else pp)
    }


def _konteks_halaman(pp, skp, penilaian, organisasi, hari_ini, *, tunda: bool = False) -> dict:
    """The rating page's context.  ``tunda``: the material and the curve box are loaded after
    the page (nilai_bahan, nilai_kurva), so that the form comes at once in a fixed, small
    number of queries; the reading page has them inline."""
    konteks = {
        "pp": pp,
        "skp": skp,
        "penilaian": penilaian,
        "organisasi": organisasi,
        "perilaku": selectors.perilaku_dengan_ekspektasi(skp),
        "terlambat": hari_ini > pp.batas and not (penilaian and penilaian.status != "draft"),
        "label_predikat": rules.LABEL_PREDIKAT,
        "tunda": tunda,
    }
    if not tunda:
        konteks.update(_konteks_bahan(pp, skp), **_konteks_kurva(pp, skp))
    return konteks


def _bagian_tunda(request: HttpRequest, template: str, judul: str, konteks: dict):
    """A part of the rating page loaded after it: the part alone for htmx, else a plain page
    with a link back (without JavaScript)."""
    if request.htmx:
        return render(request, T + template, konteks)
    konteks.update(bagian=T + template, judul=judul)
    return render(request, T + "tunda.html", konteks)


@login_required
@require_GET
def nilai_bahan(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    """The material of the rating page (realisations, activities, evidence, feedback, the
    self-assessment), loaded after the form."""
    pp, skp_obj, _hak = _objek_penilai(request, jendela, skp)
    konteks = {"pp": pp, "skp": skp_obj, **_konteks_bahan(pp, skp_obj)}
    return _bagian_tunda(request, "_bahan_tunda.html", _("Bahan penilaian"), konteks)


@login_required
@require_GET
def nilai_kurva(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    """The curve box of the rating page (the group's live distribution), loaded after it."""
    pp, skp_obj, _hak = _objek_penilai(request, jendela, skp)
    konteks = {"pp": pp, "skp": skp_obj, **_konteks_kurva(pp, skp_obj)}
    return _bagian_tunda(request, "_kurva_tunda.html", _("Distribusi predikat"), konteks)


def _konfirmasi_tetapkan(request, pp, skp, form, organisasi) -> HttpResponse:
    """Before setting a rating: the ratings and the predikat they give, said once more; "Ya"
    posts the same fields again with ``yakin``."""
    data = [(k, v) for k, vs in request.POST.lists() if k != "csrfmiddlewaretoken" for v in vs]
    hasil = dict(form.fields["rating_hasil_kerja"].choices).get(
        organisasi.rating if organisasi.berlaku else form.cleaned_data["rating_hasil_kerja"], ""
    )
    perilaku = dict(form.fields["rating_perilaku"].choices).get(
        form.cleaned_data["rating_perilaku"], ""
    )
    kode = _pratinjau_predikat(form, organisasi)
    predikat = str(rules.LABEL_PREDIKAT.get(rules.Predikat(kode), kode)) if kode else ""
    akibat = (
        _(
            "Setelah ini Anda tidak dapat mengubahnya lagi; predikat tahunan menjadi final saat "
            "admin memfinalkan kurva unit."
        )
        if pp.is_tahunan
        else _("Setelah ditetapkan, penilaian ini final dan tidak dapat diubah lagi.")
    )
    return tampilkan_konfirmasi(
        request,
        Konfirmasi(
            judul=_("Tetapkan penilaian"),
            pertanyaan=_("Tetapkan penilaian %(nama)s pada %(jendela)s dengan predikat %(p)s?")
            % {"nama": skp.pegawai.nama_lengkap, "jendela": pp, "p": predikat or "—"},
            rincian=[
                _("Rating hasil kerja: %(r)s") % {"r": hasil},
                _("Rating perilaku kerja: %(r)s") % {"r": perilaku},
            ],
            akibat=akibat,
            tombol=_("Ya, tetapkan"),
            aksi=request.get_full_path(),
            kembali=reverse("nilai_isi", kwargs={"jendela": pp.pk, "skp": skp.pk}),
            data=[*data, ("yakin", "1")],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def nilai_isi(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    pp, skp, hak, penilaian = _objek_penilaian(request, jendela, skp)
    hari_ini = skp_services.hari_ini()
    organisasi = services.hasil_kerja_organisasi(pp, hak.jabatan)
    awal = PenilaianForm.awal(penilaian)
    if organisasi.berlaku:
        awal["rating_hasil_kerja"] = organisasi.rating
    form = PenilaianForm(
        request.POST or None, initial=awal, hasil_kerja_dari_organisasi=organisasi.berlaku
    )
    if request.method == "POST":
        if penilaian is not None and penilaian.is_final:
            messages.error(request, _("Penilaian sudah final dan tidak dapat diubah lagi."))
            return redirect("nilai_isi", jendela=pp.pk, skp=skp.pk)
        if (
            form.is_valid()
            and "tetapkan" in request.POST
            and request.POST.get("yakin") != "1"
            and _pratinjau_predikat(form, organisasi)  # incomplete: the errors come first
        ):
            services.sebagai_penilai(request.user, pp, skp)  # the POST's own right, first
            return _konfirmasi_tetapkan(request, pp, skp, form, organisasi)
        if form.is_valid():
            try:
                penilaian = penilaian or services.mulai_penilaian(request.user, pp, skp)
                penilaian = services.simpan_penilaian(request.user, penilaian, form.data_layanan())
                if "tetapkan" in request.POST:
                    penilaian = services.tetapkan_penilaian(request.user, penilaian)
                    messages.success(
                        request,
                        _("Penilaian difinalkan.")
                        if penilaian.is_final
                        else _("Penilaian selesai; menunggu finalisasi predikat tahunan unit."),
                    )
                else:
                    messages.success(request, _("Penilaian disimpan."))
            except ValidationError as e:
                terapkan_galat(form, e)
            else:
                return redirect("nilai_isi", jendela=pp.pk, skp=skp.pk)
    konteks = _konteks_halaman(pp, skp, penilaian, organisasi, hari_ini, tunda=True)
    konteks.update(
        form=form,
        hak=hak,
        predikat=(
            _pratinjau_predikat(form, organisasi)
            if request.method == "POST"
            else (penilaian.predikat if penilaian else "")
        ),
        kekurangan=services.kekurangan_penetapan(penilaian, organisasi)
        if penilaian and not penilaian.is_final
        else [],
        belum_dibuka=hari_ini < pp.dibuka,
        # Colleagues' feedback (issue 17): only here, for the penilai, without names.
        ringkasan=selectors_umpan_balik.ringkasan(pp, skp),
        boleh_minta=not (penilaian and penilaian.is_final) and hari_ini <= pp.batas,
    )
    return render(request, T + "isi.html", konteks)


@login_required
@require_POST
def nilai_pratinjau(request: HttpRequest, jendela: int, skp: int) -> HttpResponse:
    """The predikat the ratings being chosen would give (htmx; writes nothing)."""
    pp, skp, hak, _penilaian = _objek_penilaian(request, jendela, skp)
    organisasi = services.hasil_kerja_organisasi(pp, hak.jabatan)
    form = PenilaianForm(request.POST, hasil_kerja_dari_organisasi=organisasi.berlaku)
    return render(
        request,
        T + "_predikat.html",
        {"predikat": _pratinjau_predikat(form, organisasi), "label_predikat": rules.LABEL_PREDIKAT},
    )


# --- reading a rating -----------------------------------------------------------------------
@login_required
@require_GET
def penilaian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_object_or_404(selectors.penilaian_terlihat(request.user), pk=pk)
    if penilaian.pegawai_id == request.user.pk and penilaian.status == Penilaian.Status.DRAFT:
        raise Http404
    pp, skp = penilaian.periode_penilaian, penilaian.skp
    konteks = _konteks_halaman(
        pp,
        skp,
        penilaian,
        services.HasilKerjaOrganisasi(penilaian.hasil_kerja_dari_organisasi),
        skp_services.hari_ini(),
    )
    konteks["boleh_menilai"] = penilaian.penilai_id == request.user.pk and not penilaian.is_final
    konteks["keberatan"] = Keberatan.objects.filter(penilaian=penilaian).first()
    konteks["boleh_keberatan"] = konteks["keberatan"] is None and _boleh_keberatan(
        request.user, penilaian
    )
    if pp.is_tahunan and penilaian.is_final:
        konteks["batas_keberatan"] = services_keberatan.batas_keberatan(penilaian)
    return render(request, T + "detail.html", konteks)


def _boleh_keberatan(user, penilaian: Penilaian) -> bool:
    """The service's own check (who, annual, final, within the window) decides the button."""
    try:
        services_keberatan.periksa_boleh_ajukan(user, penilaian, skp_services.hari_ini())
    except (PermissionDenied, ValidationError):
        return False
    return True


@login_required
@require_GET
def penilaian_saya(request: HttpRequest) -> HttpResponse:
    qs = selectors.penilaian_saya(request.user)
    return render(
        request,
        T + "saya.html",
        {"page_obj": Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))},
    )
