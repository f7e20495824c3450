from django import forms

from .models import PengaturanPengingat


class PengaturanPengingatForm(forms.ModelForm):
    class Meta:
        model = PengaturanPengingat
        fields = [
            "jam_pengingat_aktivitas",
            "hari_sebelum_batas_realisasi",
            "hari_tinjauan_tertunda",
            "hari_eskalasi_atasan",
            "hari_sebelum_batas_skp",
            "hari_sebelum_batas_penilaian",
        ]
        widgets = {"jam_pengingat_aktivitas": forms.TimeInput(attrs={"type": "time"})}
