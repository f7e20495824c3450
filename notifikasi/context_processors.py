from .selectors import jumlah_belum_dibaca


def notifikasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"NOTIFIKASI_BELUM_DIBACA": jumlah_belum_dibaca(user)}
