"""Bahasa Indonesia unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a civil servant whose
browser happens to be English would get an English UI.  Here the language is the one chosen
with the language switcher (its cookie), else ``LANGUAGE_CODE`` (id).
"""

from django.conf import settings
from django.utils import translation


class BahasaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pilihan = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if pilihan not in dict(settings.LANGUAGES):
            pilihan = settings.LANGUAGE_CODE
        translation.activate(pilihan)
        request.LANGUAGE_CODE = pilihan
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", pilihan)
        return response
