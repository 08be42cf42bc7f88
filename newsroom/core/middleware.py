from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from newsroom.core.languages import CODES

# Everything the site loads is its own: no CDN, no inline script.
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class HostileInputMiddleware:
    """Refuse, before any view or query, what no page of ours can answer.

    PostgreSQL cannot hold a NUL character: a slug, a filter or a search term carrying
    one made the query itself fail (a 500). Such a request is refused here with a 400,
    so it never reaches the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            return HttpResponseBadRequest(
                _("This address contains a character no page can use (a NUL byte)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        if "\x00" in request.path or "\x00" in request.path_info:
            return True
        return any("\x00" in value for key, values in request.GET.lists() for value in [key, *values])


class DeskLanguageMiddleware:
    """The admin in the language its user chose (newsroom.core.views.set_language).

    After AuthenticationMiddleware; LocaleMiddleware has already picked the cookie's or
    the browser's language, which stays for people who never chose. Public pages keep
    the language of their URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
            preference = getattr(request.user, "desk_preference", None)
            if preference is not None and preference.language in CODES:
                translation.activate(preference.language)
                request.LANGUAGE_CODE = preference.language
        return self.get_response(request)
