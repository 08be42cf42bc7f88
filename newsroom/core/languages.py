"""The office's languages. English is the source language of the site."""

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

CODES: tuple[str, ...] = tuple(code for code, _ in settings.LANGUAGES)
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def is_rtl(code: str) -> bool:
    return bool(get_language_info(code)["bidi"])


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def localized_name(model_field: str, code: str) -> str:
    """`title`, `ar` → `title_ar` (modeltranslation's column name)."""
    return f"{model_field}_{code.replace('-', '_')}"


# The names an editor reads in their own language ("الإنكليزية"), not the native
# names of settings.LANGUAGES, which the language switches show.
LANGUAGE_NAMES = {"en": _("English"), "ar": _("Arabic"), "ckb": _("Kurdish (Sorani)")}


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))
