"""Django's admin, for superusers only: the product's own pages are under /kelola/."""

from django.contrib import admin

from .models import Instansi, Jabatan, OperatorUnit, Pegawai, Penugasan, Riwayat, UnitKerja


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "jenis", "kota")
    search_fields = ("kode", "nama")


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "instansi", "induk", "aktif")
    list_filter = ("instansi", "aktif")
    search_fields = ("kode", "nama")
    readonly_fields = ("path", "kedalaman")


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "unit", "induk", "kelas_jabatan")
    list_filter = ("instansi", "jenis")
    search_fields = ("nama",)
    readonly_fields = ("path", "kedalaman")


@admin.register(Pegawai)
class PegawaiAdmin(admin.ModelAdmin):
    list_display = ("nip", "nama", "unit_kerja", "status", "is_admin_instansi", "is_superuser")
    list_filter = ("instansi", "status", "status_kepegawaian", "is_admin_instansi")
    search_fields = ("nip", "nama")
    exclude = ("password", "user_permissions", "groups")
    readonly_fields = ("last_login", "date_joined", "is_active")


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ("pegawai", "jabatan", "jenis", "mulai", "selesai")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama")
    raw_id_fields = ("pegawai", "jabatan", "dibuat_oleh")


@admin.register(OperatorUnit)
class OperatorUnitAdmin(admin.ModelAdmin):
    list_display = ("pegawai", "unit", "dibuat_pada")
    raw_id_fields = ("pegawai", "unit", "dibuat_oleh")


@admin.register(Riwayat)
class RiwayatAdmin(admin.ModelAdmin):
    list_display = ("waktu", "aksi", "pelaku", "subjek", "sebagai")
    list_filter = ("aksi", "sebagai")
    raw_id_fields = ("pelaku", "subjek")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
