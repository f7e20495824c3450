"""Test pages of the scale tests, mounted only by tests/skala/settings_skala.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse

from inti.replika import boleh_replika
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat
from pemantauan import views as pemantauan_views


@login_required
@boleh_replika
def tulis_lalu_dasbor(request) -> HttpResponse:
    """A lag-tolerant request that writes halfway: a read, a history row, then the dashboard."""
    Pegawai.objects.filter(pk=request.user.pk).exists()
    catat_riwayat(pelaku=request.user, objek=request.user, aksi="uji_skala")
    return pemantauan_views.dasbor(request)


@login_required
def iterasi(request) -> StreamingHttpResponse:
    """A page that streams a queryset with .iterator() (a server-side cursor when allowed)."""
    baris = Pegawai.objects.order_by("pk").values_list("nip", flat=True).iterator(chunk_size=2)
    return StreamingHttpResponse(f"{nip}\n" for nip in baris)
