"""factory_boy factories for the whole suite."""

from __future__ import annotations

import datetime as dt

import factory

from pegawai.models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, UnitKerja


def buat_nip(
    urut: int,
    *,
    lahir: dt.date = dt.date(1985, 3, 14),
    tmt: str = "201001",
    jenis_kelamin: str = "L",
) -> str:
    """A valid PNS NIP; ``urut`` (1..999999) spreads over birth day and sequence."""
    hari = lahir + dt.timedelta(days=urut // 999)
    return f"{hari:%Y%m%d}{tmt}{'1' if jenis_kelamin == 'L' else '2'}{urut % 999 + 1:03d}"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"INS{n:03d}")
    nama = factory.Sequence(lambda n: f"Pemerintah Kabupaten Contoh {n}")
    jenis = Instansi.Jenis.KABUPATEN
    kota = "Contoh"
    ppk_nama = "Bupati Contoh"
    ppk_jabatan = "Bupati Contoh"


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    induk = None


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    instansi = factory.LazyAttribute(lambda o: o.unit.instansi)
    unit = factory.SubFactory(UnitKerjaFactory)
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = Jabatan.Jenis.PELAKSANA
    induk = None
    kelas_jabatan = 7


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai
        django_get_or_create = ("nip",)
        skip_postgeneration_save = True

    nip = factory.Sequence(lambda n: buat_nip(n + 1))
    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    jenis_kelamin = "L"
    pangkat_golongan = "Penata (III/c)"
    instansi = factory.SubFactory(InstansiFactory)
    password = factory.django.Password("rahasia-uji-123")


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan
        skip_postgeneration_save = True

    pegawai = factory.SubFactory(PegawaiFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    jenis = Penugasan.Jenis.DEFINITIF
    mulai = dt.date(2020, 1, 1)
    selesai = None

    @factory.post_generation
    def sinkron(obj, create, extracted, **kwargs):
        if create and obj.jenis == Penugasan.Jenis.DEFINITIF:
            Pegawai.objects.filter(pk=obj.pegawai_id).update(unit_kerja=obj.jabatan.unit_id)
            obj.pegawai.unit_kerja_id = obj.jabatan.unit_id


class OperatorUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatorUnit

    pegawai = factory.SubFactory(PegawaiFactory)
    unit = factory.SubFactory(UnitKerjaFactory)
