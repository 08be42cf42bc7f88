from django.utils.translation import check_for_language
from django.views import i18n

from newsroom.core.languages import CODES
from newsroom.core.models import DeskPreference


def set_language(request):
    """Django's set_language (cookie and redirect), and, for a logged-in person, the
    choice stored on them: DeskLanguageMiddleware applies it to every admin page."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    if (
        request.method == "POST" and request.user.is_authenticated
        and code in CODES and check_for_language(code)
    ):
        DeskPreference.objects.update_or_create(user=request.user, defaults={"language": code})
    return response
