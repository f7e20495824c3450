"""Property: ``bawahan_langsung_ids`` is exactly the inverse of ``rantai_penilai``.

For random jabatan trees with definitif holders, Plt, Plh, vacancies and retired pegawai,
X's subordinates are precisely the pegawai whose atasan langsung is X.
"""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pegawai.models import Jabatan, Pegawai, Penugasan
from pegawai.selectors.hierarki import bawahan_langsung_ids, rantai_penilai
from tests.factories import InstansiFactory, PegawaiFactory, UnitKerjaFactory

D = dt.date(2026, 3, 1)


class _Batal(Exception):
    pass


@st.composite
def organisasi(draw):
    n_jab = draw(st.integers(min_value=1, max_value=7))
    induk = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, n_jab)]
    n_peg = draw(st.integers(min_value=1, max_value=7))
    status = [draw(st.sampled_from(["aktif", "aktif", "cuti", "pensiun"])) for _ in range(n_peg)]
    # At most one definitif holder per jabatan and one definitif jabatan per pegawai; some
    # jabatan stay vacant.
    urutan = draw(st.permutations(range(n_peg)))
    definitif = [(j, urutan[j]) for j in range(min(n_jab, n_peg)) if draw(st.booleans()) or j == 0]
    # Acting pegawai are often holders of another jabatan (a kasi as Plt of his kabid).
    calon = [p for _, p in definitif] or list(range(n_peg))
    acting = draw(
        st.lists(
            st.tuples(
                st.integers(0, n_jab - 1),
                st.one_of(st.sampled_from(calon), st.integers(0, n_peg - 1)),
                st.sampled_from(["plt", "plh"]),
            ),
            min_size=1,
            max_size=6,
            unique_by=lambda t: (t[0], t[2]),
        )
    )
    return induk, status, definitif, acting


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=organisasi())
def test_bawahan_adalah_kebalikan_atasan(db, data):
    induk, status, definitif, acting = data
    try:
        with transaction.atomic():
            instansi = InstansiFactory()
            unit = UnitKerjaFactory(instansi=instansi)
            jabatan = []
            for i, parent in enumerate(induk):
                jabatan.append(
                    Jabatan.objects.create(
                        instansi=instansi,
                        unit=unit,
                        nama=f"J{i}",
                        jenis="pelaksana",
                        induk=jabatan[parent] if parent is not None else None,
                    )
                )
            pegawai = [PegawaiFactory(instansi=instansi, status=s) for s in status]
            for j, p in definitif:
                Penugasan.objects.create(
                    pegawai=pegawai[p],
                    jabatan=jabatan[j],
                    jenis="definitif",
                    mulai=dt.date(2020, 1, 1),
                )
            for j, p, jenis in acting:
                Penugasan.objects.create(
                    pegawai=pegawai[p],
                    jabatan=jabatan[j],
                    jenis=jenis,
                    mulai=dt.date(2026, 1, 1),
                    selesai=dt.date(2026, 12, 31),
                )
            atasan_dari = {}
            for p in pegawai:
                r = rantai_penilai(p, D)
                if r.atasan_langsung and r.atasan_langsung.pegawai:
                    atasan_dari[p.pk] = r.atasan_langsung.pegawai.pk
            for x in Pegawai.objects.filter(instansi=instansi):
                harapan = {p for p, a in atasan_dari.items() if a == x.pk}
                assert bawahan_langsung_ids(x, D) == harapan, (x.nama, data)
            raise _Batal
    except _Batal:
        pass
