"""Menu entries of this app's pages not listed in ``ekinerja.navigasi`` and the counts of
waiting work beside its entries."""

from django.utils.translation import gettext_lazy as _

from ekinerja.navigasi import Menu, daftarkan, daftarkan_hitungan

from .models import Aktivitas, RealisasiBulanan


def menunggu_tinjauan(user, peran) -> list | dict:
    """Activities and submitted realisations waiting for this user as pejabat penilai (two
    counts on the (penilai, status) indexes; the queue's tabs read them by name)."""
    if not peran.is_atasan:
        return []
    return {
        "aktivitas": Aktivitas.objects.filter(penilai=user, status=Aktivitas.Status.MENUNGGU),
        "realisasi": RealisasiBulanan.objects.filter(
            penilai=user, status=RealisasiBulanan.Status.DIAJUKAN
        ),
    }


daftarkan_hitungan("aktivitas_tinjau", menunggu_tinjauan)


# One entry for everybody; an operator or admin reaches his units' list from that page (the
# menu is on every page: issue 12's weight budget).
daftarkan(
    Menu(_("Kuasa pengisian"), "aktivitas_kuasa", lambda p: True), setelah="realisasi_bulanan"
)
