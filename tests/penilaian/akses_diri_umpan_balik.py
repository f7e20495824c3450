"""Authorization rules of the self-assessment and colleagues' feedback pages (issue 17).

The staf's self-assessment page is his alone (everyone else: 404, the SKP is not theirs);
the request page is the penilai's (the kasi; others 403, another instansi 404); an answer
page belongs to the person asked (here the operator; everyone else 404).  The development
follow-up recap is the operators' and the admin's, like the TPP recap."""

from __future__ import annotations

from penilaian.models import PermintaanUmpanBalik
from tests.akses import SEMUA_MASUK, Aturan, masuk_dulu, pk

HANYA_PEGAWAI = masuk_dulu(asn=200, atasan=404, operator=404, admin=404, superuser=404, lain=404)
HANYA_PENILAI = masuk_dulu(asn=403, atasan=200, operator=403, admin=403, superuser=403, lain=404)
REKAP = masuk_dulu(asn=403, atasan=403, operator=200, admin=200, superuser=200, lain=403)
HANYA_RESPONDEN = masuk_dulu(asn=404, atasan=404, operator=200, admin=404, superuser=404, lain=404)


def _nilai(org):
    return {"jendela": org.jendela_lalu.pk, "skp": org.skp_ditetapkan.pk}


ATURAN: dict[str, Aturan] = {
    "penilaian_diri_daftar": Aturan(SEMUA_MASUK),
    "penilaian_diri_isi": Aturan(HANYA_PEGAWAI, kwargs=_nilai),
    "umpan_balik_rekan_minta": Aturan(HANYA_PENILAI, kwargs=_nilai),
    "umpan_balik_rekan_masuk": Aturan(SEMUA_MASUK),
    "pengembangan_rekap": Aturan(REKAP),
    "pengembangan_ekspor": Aturan(REKAP, kwargs=lambda o: {"fmt": "csv"}),
    "umpan_balik_rekan_jawab": Aturan(
        HANYA_RESPONDEN, kwargs=pk(lambda o: o.permintaan_umpan_balik)
    ),
}


def siapkan(org) -> None:
    """After ``akses_nilai.siapkan`` (it makes ``jendela_lalu``)."""
    org.permintaan_umpan_balik = PermintaanUmpanBalik.objects.create(
        periode_penilaian=org.jendela_lalu,
        skp=org.skp_ditetapkan,
        pegawai=org.staf,
        responden=org.operator,
        diminta_oleh=org.kasi,
    )
